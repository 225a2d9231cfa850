"""Figures of the "Why gates work" view: the three cells' gradients against k (two sliders drawn by
the browser), accuracy against the task's length, loss curves, attention weights, connectivity.

The gradient chart has two sliders, one per parameter, each moving only its own curves: the
spectral radius moves the plain RNN's, the keep-gate bias the LSTM's and the GRU's. The two never
touch the same curve, so one frame per value of each (not a 2-D grid) shows every combination.
The live numbers are text traces in a band above the curves (a hidden subplot x2/y2): a frame
can replace a trace's text, while layout annotations are one array two sliders would overwrite.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explorer.figures import serialise, theme
from explorer.figures.sweep import Sweep
from explorer.i18n import number, t

COLOURS = {"rnn": "#D55E00", "lstm": "#0072B2", "gru": "#009E73", "attention": "#CC79A7"}
FLOOR = 1e-30  # smaller gradients are drawn at the floor (log axis)
HEADROOM = 0.5  # decades above the highest curve
BAND = 0.68  # the curves take the plot's lower 68 %, the live numbers the band above
MOVED_BY = {"rnn": 0, "lstm_h": 1, "lstm_c": 1, "gru": 1}  # curve → the slider that moves it
CURVES = tuple(MOVED_BY)  # trace order
NOTES = ("rnn", "gates")  # the two text traces after the curves


def kind_name(kind: str, lang: str) -> str:
    return t(f"wg.kind.{kind}", lang)


def _shown(norms) -> np.ndarray:
    return np.clip(serialise.finite32(norms), FLOOR, 3e38).astype(np.float32)


def _curve(k, norms, name: str, colour: str, dash: str = "solid", width: float = 3.0):
    hover = "k = %{x}<br>%{y:.3g}<extra>%{fullData.name}</extra>"
    return go.Scatter(
        x=k,
        y=_shown(norms),
        mode="lines",
        name=name,
        hovertemplate=hover,
        line=dict(color=colour, width=width, dash=dash),
    )


def _note(text: str, y: float, colour: str, position: str) -> go.Scatter:
    """Live numbers in the band above the curves: hung from near its top ("bottom right") or
    standing near its bottom ("top right"), so that they stay inside it at any font size."""
    return theme.text_trace(
        [0], [y], [text], size=13, colour=colour, position=position, xaxis="x2", yaxis="y2"
    )


def rnn_note(numbers: dict, lang: str) -> str:
    return t("wg.note.rnn", lang, **formatted(numbers))


def gates_note(lstm: dict, gru: dict, lang: str) -> str:
    return t("wg.note.gates", lang, lstm=formatted(lstm), gru=formatted(gru))


def formatted(numbers: dict) -> dict:
    """Floats as short numbers (0.5, 3e-12) for the strings."""
    return {
        key: number(value) if isinstance(value, float) else value for key, value in numbers.items()
    }


def gradient_figure(
    sweeps: dict,
    radii: tuple,
    biases: tuple,
    at_radius: int,
    at_bias: int,
    trained: dict | None,
    lang: str,
) -> serialise.FrozenFigure:
    """‖∂L/∂h_k‖ (and the LSTM's ‖∂L/∂c_k‖) against k on a log axis for the three cells at their
    initialisation; slider 0 moves the RNN's spectral radius over `radii`, slider 1 the keep-gate
    bias over `biases` (frames "rho=…", "b=…"). `sweeps` is `why_gates.init_sweeps`'s dict;
    `trained`: kind → {"h": (T+1,), "c"?} after training (dotted, fixed), or None."""
    k = np.arange(sweeps["rnn"].shape[1], dtype=np.int32)
    at = (at_radius, at_bias)
    fig = go.Figure()
    for curve in CURVES:
        kind = curve.split("_")[0]
        dash = "dash" if curve == "lstm_c" else "solid"
        fig.add_trace(
            _curve(
                k,
                sweeps[curve][at[MOVED_BY[curve]]],
                t(f"wg.curve.{curve}", lang),
                COLOURS[kind],
                dash,
            )
        )
    rnn_text = rnn_note(sweeps["rnn_numbers"][at_radius], lang)
    fig.add_trace(_note(rnn_text, 0.96, COLOURS["rnn"], "bottom right"))
    notes = sweeps["lstm_numbers"][at_bias], sweeps["gru_numbers"][at_bias]
    fig.add_trace(_note(gates_note(*notes, lang), 0.02, COLOURS["lstm"], "top right"))
    everything = [sweeps[c] for c in CURVES] + _add_trained(fig, k, trained, lang)
    values = np.clip(
        np.concatenate([np.ravel(serialise.finite32(v)) for v in everything]), FLOOR, 3e38
    )
    top = float(np.log10(values.max()))
    fig.update_yaxes(
        type="log",
        exponentformat="power",
        title_text=t("wg.axis.grad", lang),
        range=[float(np.log10(values.min())) - 0.3, top + HEADROOM],
        domain=[0, BAND],
    )
    hidden = dict(range=[0, 1], visible=False, fixedrange=True)
    fig.update_layout(
        xaxis2=dict(hidden, anchor="y2"), yaxis2=dict(hidden, anchor="x2", domain=[BAND + 0.02, 1])
    )
    fig.update_xaxes(title_text=t("wg.axis.k", lang), range=[-0.5, k[-1] + 0.5])
    title = t("wg.chart.title.trained" if trained else "wg.chart.title", lang)
    theme.base_layout(fig, title, height=680, l=100, r=275, b=170)
    spec = serialise.freeze(fig).to_dict()
    spec["frames"] = _frames(sweeps, radii, biases, lang)
    spec["layout"]["sliders"] = [
        _slider(Sweep(radii, frame="rho="), at_radius, t("wg.slider.rho", lang), 0.0),
        _slider(Sweep(biases, frame="b=", fmt=".1f"), at_bias, t("wg.slider.bias", lang), 0.52),
    ]
    return serialise.FrozenFigure(spec)


def _add_trained(fig, k, trained: dict | None, lang: str) -> list:
    """The trained cells' curves, dotted and fixed (kind → {"h", "c"?}): their norms, added."""
    added = []
    for kind, found in (trained or {}).items():
        for part, norms in found.items():
            curve = t(f"wg.curve.{kind}_{part}" if kind == "lstm" else f"wg.curve.{kind}", lang)
            name = t("wg.curve.trained", lang, curve=curve)
            fig.add_trace(_curve(k, norms, name, COLOURS[kind], "dot", 2.0))
            added.append(norms)
    return added


def _frames(sweeps: dict, radii: tuple, biases: tuple, lang: str) -> list[dict]:
    """One frame per radius (the RNN's curve and note) and one per bias (the gated cells')."""
    note = len(CURVES)  # index of the first text trace
    frames = []
    for i, r in enumerate(radii):
        data = [
            {"type": "scatter", "y": serialise.typed_array(_shown(sweeps["rnn"][i]))},
            {"type": "scatter", "text": [rnn_note(sweeps["rnn_numbers"][i], lang)]},
        ]
        frames.append({"name": f"rho={r:.2f}", "data": data, "traces": [0, note]})
    for i, b in enumerate(biases):
        data = [
            {"type": "scatter", "y": serialise.typed_array(_shown(sweeps[c][i]))}
            for c in CURVES[1:]
        ]
        text = gates_note(sweeps["lstm_numbers"][i], sweeps["gru_numbers"][i], lang)
        data.append({"type": "scatter", "text": [text]})
        frames.append({"name": f"b={b:.1f}", "data": data, "traces": [1, 2, 3, note + 1]})
    return frames


def _slider(sweep: Sweep, active: int, title: str, x: float) -> dict:
    slider = theme.frame_slider(sweep, active, title, pad_t=58)
    return {**slider, "x": x, "len": 0.48, "font": dict(size=11)}


# --- The memory task ------------------------------------------------------------------------------


def accuracy_figure(lengths: list[int], accuracy: dict, chance: float, lang: str) -> go.Figure:
    """Accuracy against the sequence length T, one line per model; chance dashed."""
    fig = go.Figure()
    for kind, values in accuracy.items():
        fig.add_trace(
            go.Scatter(
                x=lengths,
                y=values,
                mode="lines+markers",
                name=kind_name(kind, lang),
                line=dict(color=COLOURS[kind], width=3),
                marker=dict(size=9),
            )
        )
    fig.add_hline(
        y=chance,
        line=dict(color="#888", dash="dash"),
        annotation_text=t("wg.chance", lang),
        annotation_position="bottom right",
    )
    fig.update_xaxes(
        title_text=t("wg.axis.length", lang),
        type="log",
        tickvals=list(lengths),
        ticktext=[str(T) for T in lengths],
        tickangle=0,
        tickfont=dict(size=12),
    )
    fig.update_yaxes(title_text=t("wg.axis.accuracy", lang), range=[0, 1.05], tickformat=".0%")
    return theme.base_layout(fig, t("wg.accuracy.title", lang), height=420, l=92, r=190, b=70)


def loss_figure(losses: dict, length: int, lang: str) -> go.Figure:
    """Training loss against step for each model at length T."""
    fig = go.Figure()
    for kind, values in losses.items():
        steps = np.arange(1, len(values) + 1, dtype=np.int32)
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=serialise.finite32(values),
                mode="lines",
                name=kind_name(kind, lang),
                line=dict(color=COLOURS[kind], width=2),
            )
        )
    fig.update_xaxes(title_text=t("wg.axis.step", lang))
    fig.update_yaxes(title_text=t("wg.axis.loss", lang))
    return theme.base_layout(fig, t("wg.loss.title", lang, T=length), height=420, l=76, r=190)


def attention_figure(weights: np.ndarray, reach: dict, lang: str) -> go.Figure:
    """Left: attention weights over the steps for a few samples (S, T), uniform 1/T dashed;
    right: each trained model's ‖∂y/∂h_k‖ (T+1,) for k = 0..T, y its answer's logit (log axis)."""
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.12,
        subplot_titles=(t("wg.attention.weights", lang), t("wg.attention.grad", lang)),
    )
    steps = np.arange(1, weights.shape[1] + 1, dtype=np.int32)
    for i, row in enumerate(weights):
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=serialise.finite32(row),
                mode="lines",
                showlegend=False,
                name=t("wg.attention.sample", lang, n=i + 1),
                line=dict(color=theme.SERIES_COLOURS[i % 8], width=2),
            ),
            row=1,
            col=1,
        )
    uniform = 1.0 / weights.shape[1]
    fig.add_trace(
        go.Scatter(
            x=[1, weights.shape[1]],
            y=[uniform, uniform],
            mode="lines",
            showlegend=False,
            name="1/T",
            line=dict(color="#888", dash="dash", width=1.5),
        ),
        row=1,
        col=1,
    )
    for kind, norms in reach.items():
        k = np.arange(len(norms), dtype=np.int32)
        fig.add_trace(
            go.Scatter(
                x=k,
                y=_shown(norms),
                mode="lines",
                name=kind_name(kind, lang),
                line=dict(color=COLOURS[kind], width=3),
            ),
            row=1,
            col=2,
        )
    fig.update_xaxes(title_text=t("wg.axis.seq_step", lang), row=1, col=1)
    fig.update_xaxes(title_text=t("wg.axis.k_state", lang), row=1, col=2)
    top = max(float(np.max(weights)), 2 * uniform)
    fig.update_yaxes(title_text=t("wg.axis.weight", lang), range=[0, 1.05 * top], row=1, col=1)
    fig.update_yaxes(type="log", exponentformat="power", row=1, col=2)
    return theme.base_layout(fig, t("wg.attention.title", lang), height=440, t=90, l=84, r=190)


def connectivity_figure(maps: dict, lang: str) -> go.Figure:
    """‖∂h_t/∂x_k‖ (T, T) per model side by side, log colour from 1e-8 to the largest entry
    (float32 log10 only, the hover says it: ~53 KB per 100 × 100 panel)."""
    kinds = list(maps)
    fig = make_subplots(
        rows=1,
        cols=len(kinds),
        horizontal_spacing=0.05,
        subplot_titles=[kind_name(kind, lang) for kind in kinds],
    )
    top = max(float(np.max(np.asarray(m))) for m in maps.values())
    floor, cap = 1e-8, max(top, 1e-7)
    for col, kind in enumerate(kinds, start=1):
        values = np.asarray(maps[kind], dtype=np.float64)
        with np.errstate(divide="ignore"):
            z = np.log10(np.clip(values, floor, cap)).astype(np.float32)
        z[values <= 0] = np.nan  # above the diagonal: the future has no effect
        steps = np.arange(1, len(values) + 1, dtype=np.int32)
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=steps,
                y=steps,
                coloraxis="coloraxis",
                hovertemplate="t = %{y}, k = %{x}<br>log₁₀ ‖∂h_t/∂x_k‖ = %{z:.2f}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        fig.update_xaxes(title_text=t("wg.axis.input", lang), row=1, col=col)
    fig.update_yaxes(title_text=t("wg.axis.state", lang), autorange="reversed", row=1, col=1)
    for col in range(2, len(kinds) + 1):
        fig.update_yaxes(autorange="reversed", showticklabels=False, row=1, col=col)
    exps = list(range(int(np.log10(floor)), int(np.floor(np.log10(cap))) + 1, 2))
    fig.update_layout(
        coloraxis=dict(
            colorscale="Viridis",
            cmin=np.log10(floor),
            cmax=np.log10(cap),
            colorbar=dict(
                title="‖∂h_t/∂x_k‖", tickvals=exps, ticktext=[f"1e{e}" for e in exps], x=theme.RIGHT
            ),
        )
    )
    return theme.base_layout(fig, t("wg.connectivity.title", lang), height=460, t=90, l=78, r=140)
