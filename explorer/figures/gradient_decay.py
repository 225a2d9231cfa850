"""Gradient-decay figure: Σ ∂ξ/∂S_k against k on a symlog axis, with a w_rec slider in the browser.

Plotly has no symlog axis, so values are drawn as sign(y)·log10(1 + |y|) and the ticks are labelled
with the real numbers (…, -100, 0, 100, 10⁴, …) like the tutorial's matplotlib `yscale('symlog')`.

Each w_rec frame has its own y range, fitted to the student's curve (`frame_axis`): one range for
the whole sweep would be set by its largest curve (±1e95 at n = 100) and flatten every other one.
The regime note names the frame's range in real numbers ("y axis: -92.3 … 0"), so the change of
scale is seen (a frame's axis title would not be redrawn while the slider is dragged: Plotly
animates without a redraw; ranges, ticks and annotations it does update).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.cells import linear_rnn
from explorer.figures import serialise, theme
from explorer.figures.sweep import Sweep
from explorer.i18n import number, t
from explorer.numerics import FLOAT_MAX_LOG, symlog


def regime_text(w_rec: float, n_steps: int, lang: str, lines: bool = False) -> str:
    """'w_rec = 2.00: |w_rec| > 1, explodes; after 10 steps ×1024' in the chosen language;
    `lines`: the sign and the factor on lines of their own (the chart's box stays inside the
    plot, clear of the legend, in presenter mode at 1366 px)."""
    kind = linear_rnn.regime(w_rec)
    factor = linear_rnn.growth_factor(w_rec, n_steps)
    text = t(f"gd.regime.{kind}", lang, w_rec=f"{w_rec:.2f}")
    if w_rec < 0:  # `lines`: on a line of its own too (the chart is narrower than the sentence)
        sign = t("gd.regime.oscillates", lang)
        text += "<br>" + sign.lstrip(" ，") if lines else sign
    if kind != "zero":
        factor = t("gd.regime.factor", lang, n=n_steps, factor=number(factor))
        text += "<br>" + factor.lstrip("; ；") if lines else factor
    return text


def notice_text(w_x: float, w_rec: float, n: int, first: float, last: float, lang: str) -> str:
    """The "what to notice" sentence for the student's curve: first = ∂ξ/∂S_n (at the output),
    last = ∂ξ/∂S_0. Its case says what was computed: the gradient grows, shrinks (or underflows
    to 0), keeps its size, is cut by w_rec = 0, or is 0 from the start (no error at the output)."""
    factor = linear_rnn.growth_factor(w_rec, n)
    case = linear_rnn.regime(w_rec)
    if first == 0 and case != "zero":
        case = "no_error"
    elif case == "vanish" and factor == 0:
        case = "underflow"
    shrink = number(1.0 / factor) if factor > 0 else "∞"
    return t(
        f"wd.gd.notice.{case}",
        lang,
        w_x=f"{w_x:g}",
        w_rec=f"{w_rec:.2f}",
        n=n,
        factor=number(factor),
        shrink=shrink,
        first=number(first),
        last=number(last),
    )


def pinned_curve(pin: tuple, sweep_w_rec, lang: str) -> tuple | None:
    """(name, values) of a pinned (w_x, w_rec, seq_len): its curve at the sweep's w_rec nearest
    the pinned one (what the chart showed then); None when nothing is pinned (`pin` = ())."""
    if not pin:
        return None
    w_x, w_rec, seq_len = pin
    at = Sweep(sweep_w_rec).nearest(w_rec)
    curve = linear_rnn.decay_curves(seq_len, w_x, [], [sweep_w_rec[at]])[2][0]
    what = f"({w_x:g}, {sweep_w_rec[at]:.2f}) n={seq_len}"  # short: it fits the legend's margin
    return t("q.pinned", lang, what=what), tuple(float(v) for v in curve)


def decay_figure(
    steps: np.ndarray,
    curves: list[tuple[str, str, np.ndarray]],
    sweep_w_rec: np.ndarray,
    sweep_curves: np.ndarray,
    active: int,
    w_x: float,
    lang: str,
    pin: tuple = (),
) -> serialise.FrozenFigure:
    """The seed's second figure plus a draggable w_rec (returned serialised, ready to send).

    steps (T+1,) timesteps k; curves: (name, colour, values (T+1,)) for fixed points;
    sweep_curves (F, T+1): the user's curve for each w_rec in sweep_w_rec (one animation frame
    each, drawn by the browser while the slider is dragged); active: the starting frame;
    pin: the (w_x, w_rec, seq_len) the student pinned to compare (`pinned_curve`), drawn grey and
    dashed; () for none.
    """
    x, n = steps.astype(np.int32), len(steps) - 1
    fig = go.Figure()
    for name, colour, values in curves:
        fig.add_trace(_curve_trace(x, values, name, dict(color=colour, width=1.5), 5))
    if (
        pinned := pinned_curve(pin, sweep_w_rec, lang)
    ) is not None:  # (name, values): a curve kept to compare with, grey, under the user's
        name, values = pinned
        grey = dict(color=theme.PINNED_COLOUR, width=2.5, dash="dash")
        fig.add_trace(_curve_trace(np.arange(len(values)), np.asarray(values), name, grey, 4))
    user_name = t("gd.user_curve", lang, w_x=f"{w_x:g}", w_rec=f"{sweep_w_rec[active]:.2f}")
    user_line = dict(color=theme.USER_COLOUR, width=3)
    fig.add_trace(_curve_trace(x, sweep_curves[active], user_name, user_line, 6))
    probes = [symlog(v) for _, _, v in curves]
    axis, scale, shown = frame_axis(symlog(sweep_curves[active]), probes, lang)
    for trace, visible in zip(fig.data, shown, strict=False):  # the probes come first
        trace.visible = True if visible else "legendonly"
    fig.update_layout(annotations=[_regime_note(float(sweep_w_rec[active]), n, lang, scale)])
    fig.update_xaxes(title_text=t("gd.axis.k", lang), autorange="reversed")
    fig.update_yaxes(axis, title_text="∂ξ/∂S_k", zeroline=True, zerolinecolor="#888")
    theme.base_layout(fig, t("gd.figure.title", lang), height=560, l=80, r=175, b=142)
    fig.update_layout(legend=dict(title=dict(text="(w_x, w_rec)")))
    spec = serialise.freeze(fig).to_dict()
    spec["frames"] = _frames(sweep_w_rec, sweep_curves, probes, len(fig.data) - 1, w_x, n, lang)
    spec["layout"]["sliders"] = [_slider(sweep_w_rec, active)]  # plain JSON too (121 steps)
    return serialise.FrozenFigure(spec)


_HOVER = "k = %{x}<br>∂ξ/∂S_k = %{customdata:.4g}<extra>%{fullData.name}</extra>"


def _curve_trace(x: np.ndarray, values: np.ndarray, name: str, line: dict, size: int):
    """One curve on the symlog axis; the hover shows the real value (customdata)."""
    return go.Scatter(
        x=x,
        y=symlog(values).astype(np.float32),
        customdata=serialise.finite32(values),
        mode="lines+markers" if len(x) - 1 <= 60 else "lines",
        line=line,
        marker=dict(size=size),
        name=name,
        hovertemplate=_HOVER,
    )


def _regime_note(w_rec: float, n: int, lang: str, scale: str = "") -> dict:
    """The box at the top left that names the regime of w_rec and the y axis's range (an
    annotation)."""
    return dict(
        text=regime_text(w_rec, n, lang, lines=True) + (f"<br>{scale}" if scale else ""),
        x=0.01,
        y=0.99,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        bgcolor="rgba(255,255,255,0.85)",
        bordercolor="#999",
        font=dict(size=13),
    )


PAD = 0.06  # of the span, above and below the curves
SHARE = 0.5  # the probes join a frame's range only if the student's curve keeps this share of it


def frame_axis(
    user: np.ndarray, probes: list[np.ndarray], lang: str
) -> tuple[dict, str, list[bool]]:
    """One frame's y axis (symlog units): a range that shows the student's curve `user`, ticks
    labelled with real numbers; the words naming the range ("y axis: -92.3 … 0"); which probe
    curves are drawn.

    The range spans the curve and 0. The probe curves join it only when the student's curve
    keeps half of their joint extent; a probe reaching far beyond the range (more than half
    the range's height past an edge) is hidden for that frame (greyed in the legend): clipped,
    an oscillating one would fill the plot with vertical bars."""
    lo, hi = _extent([user])
    if probes:
        all_lo, all_hi = _extent([user, *probes])
        if hi - lo >= SHARE * (all_hi - all_lo):
            lo, hi = all_lo, all_hi
    scale = t("gd.axis.y", lang, lo=_real(lo), hi=_real(hi))
    lo, hi = _snapped(lo, hi)
    reach = (hi - lo) / 2
    shown = [lo - reach <= _extent([c])[0] and _extent([c])[1] <= hi + reach for c in probes]
    if not all(shown):
        scale += "<br>" + t("gd.axis.hidden", lang).lstrip("; ；")  # a line of its own: narrow
    ticks, labels = symlog_ticks_between(lo, hi)
    tickvals = [round(v, 4) for v in ticks]  # 121 frames of them: short numbers
    axis = dict(range=[round(lo, 4), round(hi, 4)], tickvals=tickvals, ticktext=labels)
    return axis, scale, shown


def _snapped(lo: float, hi: float) -> tuple[float, float]:
    """lo and hi padded, then widened to a multiple of a round step (1, 2 or 5 × 10^k, about an
    eighth of the span): neighbouring w_rec frames mostly share a range, so a drag moves the
    scale in visible steps (and Plotly redraws the axis less often)."""
    pad = PAD * (hi - lo)
    lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / 8
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw * (1 - 1e-9))
    return float(np.floor(lo / step) * step), float(np.ceil(hi / step) * step)


def _extent(curves: list[np.ndarray]) -> tuple[float, float]:
    """(lowest, highest) of the curves and 0; a flat 0 gets ±1 (symlog units)."""
    values = np.concatenate([np.asarray(c, dtype=np.float64).ravel() for c in curves])
    values = values[np.isfinite(values)]
    lo, hi = min(0.0, float(values.min(initial=0.0))), max(0.0, float(values.max(initial=0.0)))
    if hi - lo < 1e-9:
        return -1.0, 1.0
    return lo, hi


def _real(v: float) -> str:
    """A symlog position as the real number it stands for, short: -92.3, 0, 1.33e+95."""
    if abs(v) >= FLOAT_MAX_LOG:
        return "∞" if v > 0 else "-∞"
    real = float(np.sign(v) * (10.0 ** abs(v) - 1.0))
    return "0" if abs(real) < 1e-12 else number(real)


def _tick_label(value: float) -> str:
    if value == 0:
        return "0"
    size = abs(value)
    if 1e-3 <= size < 1e4:
        return f"{value:g}"
    mantissa, exponent = f"{size:.0e}".split("e")
    text = f"{mantissa}e{int(exponent)}"
    return text if value > 0 else "-" + text


def symlog_ticks_between(lo: float, hi: float, most: int = 9) -> tuple[list[float], list[str]]:
    """Ticks for a symlog axis from lo to hi (symlog units): 0 and ±(1, 2, 5)·10^e on a small
    range, ±10^e (every 2nd, 5th … power) on a large one; none closer than 1/14 of the span."""
    span = hi - lo
    decades = max(span, 1e-9)
    mantissas = (1.0, 2.0, 5.0) if decades < 3 else (1.0,)
    step = max(1, int(np.ceil(decades / most)))
    top = int(np.ceil(max(abs(lo), abs(hi)))) + 1
    values = [0.0]
    for exponent in range(-6, min(top, 308) + 1):
        if exponent > 0 and exponent % step:
            continue
        for m in mantissas:
            values += [m * 10.0**exponent, -m * 10.0**exponent]
    values.sort(key=lambda v: -abs(v))  # large magnitudes first: they win over crowded ones
    values.insert(0, values.pop(values.index(0.0)))  # 0 always shows
    gap = span / 14
    chosen: list[float] = []
    for v in values:
        pos = float(symlog(v))
        if lo <= pos <= hi and all(abs(pos - c) >= gap for c in chosen):
            chosen.append(pos)
    chosen.sort()
    # the labels are the real numbers the positions stand for
    real = {float(symlog(v)): v for v in values}
    return chosen, [_tick_label(real[c]) for c in chosen]


def _frames(
    sweep_w_rec, sweep_curves, probes, user_index: int, w_x: float, n: int, lang: str
) -> list:
    """One frame per w_rec: the user's curve, its y axis, which probes show, the regime note.

    Written as plain JSON (base64 float32 arrays, as Plotly sends them): building 121
    validated go.Frame objects costs ~0.3 s for data that never needs checking."""
    drawn = symlog(sweep_curves)
    axes = [frame_axis(curve, probes, lang) for curve in drawn]
    return [
        {
            "name": f"{w:.2f}",
            "data": [
                *({"visible": True if v else "legendonly"} for v in axes[i][2]),
                {
                    "type": "scatter",
                    "y": serialise.typed_array(drawn[i]),
                    "customdata": serialise.typed_array(serialise.finite32(sweep_curves[i])),
                    "name": t("gd.user_curve", lang, w_x=f"{w_x:g}", w_rec=f"{w:.2f}"),
                },
            ],
            "traces": [*range(len(probes)), user_index],
            "layout": {
                "annotations": [_regime_note(float(w), n, lang, axes[i][1])],
                "yaxis": axes[i][0],
            },
        }
        for i, w in enumerate(sweep_w_rec)
    ]


def _slider(sweep_w_rec, active: int) -> dict:
    """The w_rec slider: each step plays its frame in the browser, no server round trip."""
    return theme.frame_slider(Sweep(sweep_w_rec), active, "w_rec = ")
