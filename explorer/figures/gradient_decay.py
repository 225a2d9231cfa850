"""Gradient-decay figure: Σ ∂ξ/∂S_k against k on a symlog axis, with a w_rec slider in the browser.

Plotly has no symlog axis, so values are drawn as sign(y)·log10(1 + |y|) and the ticks are labelled
with the real numbers (…, -100, 0, 100, 10⁴, …) like the seed's matplotlib `yscale('symlog')`.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer import linear_rnn
from explorer.figures import serialise, theme
from explorer.i18n import number, t
from explorer.numerics import symlog, symlog_ticks


def regime_text(w_rec: float, n_steps: int, lang: str) -> str:
    """'w_rec = 2.00: |w_rec| > 1, explodes; after 10 steps ×1024' in the chosen language."""
    kind = linear_rnn.regime(w_rec)
    factor = linear_rnn.growth_factor(w_rec, n_steps)
    text = t(f"gd.regime.{kind}", lang, w_rec=f"{w_rec:.2f}")
    if w_rec < 0:
        text += t("gd.regime.oscillates", lang)
    if kind != "zero":
        text += t("gd.regime.factor", lang, n=n_steps, factor=number(factor))
    return text


def decay_figure(
    steps: np.ndarray,
    curves: list[tuple[str, str, np.ndarray]],
    sweep_w_rec: np.ndarray,
    sweep_curves: np.ndarray,
    active: int,
    w_x: float,
    lang: str,
) -> serialise.FrozenFigure:
    """The seed's second figure plus a draggable w_rec (returned serialised, ready to send).

    steps (T+1,) timesteps k; curves: (name, colour, values (T+1,)) for fixed points;
    sweep_curves (F, T+1): the user's curve for each w_rec in sweep_w_rec (one animation frame
    each, drawn by the browser while the slider is dragged); active: the starting frame.
    """
    x, n = steps.astype(np.int32), len(steps) - 1
    fig = go.Figure()
    for name, colour, values in curves:
        fig.add_trace(_curve_trace(x, values, name, dict(color=colour, width=1.5), 5))
    user_name = t("gd.user_curve", lang, w_x=f"{w_x:g}", w_rec=f"{sweep_w_rec[active]:.2f}")
    user_line = dict(color=theme.USER_COLOUR, width=3)
    fig.add_trace(_curve_trace(x, sweep_curves[active], user_name, user_line, 6))
    all_values = np.concatenate(
        [symlog(v) for _, _, v in curves] + [symlog(sweep_curves)], axis=None
    )
    limit = float(np.max(np.abs(all_values))) if all_values.size else 1.0
    fig.update_layout(annotations=[_regime_note(float(sweep_w_rec[active]), n, lang)])
    fig.update_xaxes(title_text=t("gd.axis.k", lang), autorange="reversed")
    fig.update_yaxes(_symlog_axis(limit))
    theme.base_layout(fig, t("gd.figure.title", lang), height=560, l=80, r=175, b=142)
    fig.update_layout(legend=dict(title=dict(text="(w_x, w_rec)")))
    spec = serialise.freeze(fig).to_dict()
    spec["frames"] = _frames(sweep_w_rec, sweep_curves, len(fig.data) - 1, w_x, n, lang)
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


def _regime_note(w_rec: float, n: int, lang: str) -> dict:
    """The box at the top left that names the regime of w_rec (an annotation)."""
    return dict(
        text=regime_text(w_rec, n, lang),
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


def _symlog_axis(limit: float) -> dict:
    """The y axis: symlog values reaching ±limit, ticks labelled with the real numbers."""
    ticks, labels = symlog_ticks(limit)
    return dict(
        title_text="∂ξ/∂S_k",
        tickvals=ticks,
        ticktext=labels,
        range=[-limit * 1.05, limit * 1.05],
        zeroline=True,
        zerolinecolor="#888",
    )


def _frames(sweep_w_rec, sweep_curves, user_index: int, w_x: float, n: int, lang: str) -> list:
    """One frame per w_rec: the user's curve and the regime note.

    Written as plain JSON (base64 float32 arrays, as Plotly sends them): building 121
    validated go.Frame objects costs ~0.3 s for data that never needs checking."""
    return [
        {
            "name": f"{w:.2f}",
            "data": [
                {
                    "type": "scatter",
                    "y": serialise.typed_array(symlog(sweep_curves[i])),
                    "customdata": serialise.typed_array(serialise.finite32(sweep_curves[i])),
                    "name": t("gd.user_curve", lang, w_x=f"{w_x:g}", w_rec=f"{w:.2f}"),
                }
            ],
            "traces": [user_index],
            "layout": {"annotations": [_regime_note(float(w), n, lang)]},
        }
        for i, w in enumerate(sweep_w_rec)
    ]


def _slider(sweep_w_rec, active: int) -> dict:
    """The w_rec slider: each step plays its frame in the browser, no server round trip."""
    play = dict(mode="immediate", frame=dict(duration=0, redraw=False), transition=dict(duration=0))
    return dict(
        active=active,
        currentvalue=dict(prefix="w_rec = ", font=dict(size=15)),
        pad=dict(t=40, b=10),
        steps=[
            dict(label=f"{w:.2f}", method="animate", args=[[f"{w:.2f}"], play]) for w in sweep_w_rec
        ],
    )
