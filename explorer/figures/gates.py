"""Gate inspector figures: gate heatmaps (units × time), one unit's lines, the cell diagram and
a downsampled overview of the whole sequence. Data in, `go.Figure` out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from explorer.cells.cell_params import SIGMOID_GATES
from explorer.cells.gru import GRU_GATES
from explorer.cells.lstm import LSTM_GATES
from explorer.i18n import t

from . import serialise, theme
from .sweep import Sweep

GATE_SCALE = "Viridis"  # 0 = shut (dark) … 1 = open (bright)
# One colour per gate in every chart (the GRU's r, z, n take the LSTM's i, f, g colours).
GATE_COLOURS = dict(zip("ifgoch", theme.SERIES_COLOURS, strict=False)) | dict(
    zip("rzn", theme.SERIES_COLOURS, strict=False)
)
TEXT_STEPS = 24  # print values in the cells when the window is at most this many steps wide


def gates_of(kind: str) -> tuple[str, ...]:
    return LSTM_GATES if kind == "lstm" else GRU_GATES


def _bound(values: np.ndarray) -> float:
    """Symmetric colour range for signed values, never zero-width."""
    size = float(np.max(np.abs(values))) if values.size else 0.0
    return size if np.isfinite(size) and size > 1e-12 else 1.0


def heatmaps(
    x: np.ndarray,
    states: dict,
    t0: int,
    kind: str,
    model: str,
    lang: str,
    step: int | None = None,
) -> go.Figure:
    """Input and every gate as heatmaps sharing one time axis.

    x (W, D) and states[name] (W, H) are the window starting at step t0 (0-based; shown
    1-based). Sigmoid gates use a fixed 0–1 scale, signed values a symmetric diverging one.
    """
    names = ("x", *gates_of(kind))
    panels = [x] + [states[name] for name in names[1:]]
    heights = [max(1.0, min(arr.shape[1], 12)) for arr in panels]
    fig = make_subplots(
        rows=len(panels),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.06, 0.3 / len(panels)),
        row_heights=heights,
        subplot_titles=[t(f"gt.panel.{name}", lang) for name in names],
    )
    traces, axes = [], {}
    for row, (name, arr) in enumerate(zip(names, panels, strict=True), start=1):
        label = t("gt.axis.feature", lang) if name == "x" else t("gt.axis.unit", lang)
        domain = fig.get_subplot(row, 1).yaxis.domain
        traces.append(_panel_trace(name, arr, t0, label, domain, lang))
        axes[f"yaxis{row if row > 1 else ''}"] = dict(
            autorange="reversed",
            title=dict(text=label, font=dict(size=11)),
            dtick=1 if arr.shape[1] <= 12 else None,
        )
    fig.add_traces(traces, rows=list(range(1, len(panels) + 1)), cols=1)  # one call: fast
    fig.update_layout(axes)
    # as tall as an LSTM's (x and 6 panels) for every kind: side by side, LSTM and GRU line up
    most = 1 + len(gates_of("lstm"))
    height = int(100 + most * 80 + 14 * (heights[0] + (most - 1) * max(heights[1:])))
    theme.base_layout(fig, t("gt.fig.heatmaps", lang, model=model), height=height, r=62)
    fig.update_xaxes(title_text=t("gt.axis.step", lang), row=len(panels), col=1)
    fig.update_annotations(font_size=12, x=0.0, xanchor="left")
    for trace in fig.data:  # ticks a colour bar has room for, even in presenter mode
        trace.colorbar.update(
            colorbar_ticks(trace.zmin, trace.zmax, trace.colorbar.len * (height - 120))
        )
    if step is not None:
        fig.update_layout(shapes=[_step_line(step)])
    return fig


TICK_ROOM = 40  # px of a colour bar (as the figure asks) per tick label: 15 px text in presenter


def colorbar_ticks(lo: float, hi: float, length: float) -> dict:
    """A colour bar's ticks: its ends and its middle when `length` (px) has room for three
    labels, else only its ends (five ticks on a short bar overlapped: "20/10/0/−10/−20")."""
    values = [lo, (lo + hi) / 2, hi] if length >= 3 * TICK_ROOM else [lo, hi]
    return dict(tickvals=values, ticktext=[f"{v:.2g}".replace("-", "−") for v in values])


def _panel_trace(name: str, arr: np.ndarray, t0: int, label: str, domain, lang: str):
    """One panel: arr (W, rows) as rows × time, its colour bar beside the panel (domain: the
    panel's vertical extent, paper), values printed in the cells when they fit."""
    z = serialise.finite32(arr.T)  # (rows, W): units down, time across
    sigmoid = name in SIGMOID_GATES
    bound = 1.0 if sigmoid else _bound(z)
    trace = go.Heatmap(
        z=z,
        x0=t0 + 1,
        dx=1,
        y0=1,
        dy=1,
        zmin=0.0 if sigmoid else -bound,
        zmax=1.0 if sigmoid else bound,
        colorscale=GATE_SCALE if sigmoid else theme.DIVERGING,
        colorbar=dict(
            y=(domain[0] + domain[1]) / 2,
            len=max(domain[1] - domain[0], 0.05),
            thickness=10,
            x=theme.RIGHT,
            tickfont=dict(size=10),
        ),
        hovertemplate=(
            f"{t(f'gt.panel.{name}', lang)}<br>t = %{{x}}<br>{label} %{{y}}"
            "<br>%{z:.6g}<extra></extra>"
        ),
    )
    if z.shape[1] <= TEXT_STEPS and z.shape[0] <= 16:
        trace.texttemplate = "%{z:.2f}"
        trace.textfont = dict(size=11)  # 16.5 px in presenter mode: read from the back
    return trace


def _step_line(step: int) -> dict:
    """A dotted vertical line at the inspected step, across every panel (one shape: fast)."""
    return dict(
        type="line",
        x0=step + 1,
        x1=step + 1,
        xref="x",
        y0=0,
        y1=1,
        yref="paper",
        line=dict(color=theme.USER_COLOUR, width=1, dash="dot"),
    )


def unit_lines(
    states: dict, t0: int, unit: int, kind: str, model: str, lang: str, step: int | None = None
) -> go.Figure:
    """One unit's gates (top, 0–1) and values (bottom, signed) over the window."""
    names = gates_of(kind)
    gates = [n for n in names if n in SIGMOID_GATES]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    steps = np.arange(t0 + 1, t0 + 1 + len(states[names[0]]), dtype=np.float32)
    for name in names:
        row = 1 if name in gates else 2
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=serialise.finite32(states[name][:, unit]),
                name=t(f"gt.panel.{name}", lang),
                mode="lines+markers" if len(steps) <= 60 else "lines",
                line=dict(color=GATE_COLOURS[name], width=2),
                hovertemplate="t = %{x}<br>%{y:.6g}",
            ),
            row=row,
            col=1,
        )
    fig.update_yaxes(range=[-0.05, 1.05], title_text="σ", row=1, col=1)
    fig.update_yaxes(title_text=t("gt.axis.value", lang), row=2, col=1)
    fig.update_xaxes(title_text=t("gt.axis.step", lang), row=2, col=1)
    theme.base_layout(
        fig, t("gt.fig.lines", lang, model=model, unit=unit + 1), height=420, l=70, b=120
    )
    fig.update_layout(hovermode="x unified", legend=dict(orientation="h", y=-0.2, x=0))
    if step is not None:
        fig.update_layout(shapes=[_step_line(step)])
        if len(steps) > 1:  # the marker follows the slider in the browser; the release reruns
            fig.update_layout(
                sliders=[step_slider(t0, len(steps), step)], height=520, margin=dict(b=220)
            )
    return fig


def step_slider(t0: int, width: int, step: int) -> dict:
    """A Plotly slider over the window's steps t0 + 1 … t0 + width (labels: the 1-based step)
    that moves the dotted step line (`shapes[0]`) with no server round trip."""
    return dict(
        active=int(min(max(step - t0, 0), width - 1)),
        currentvalue=dict(prefix="t = ", font=dict(size=13)),
        y=-0.42,
        yanchor="top",
        pad=dict(t=10, b=10),
        len=1.0,
        font=dict(size=10, color=None if width <= 40 else "rgba(0,0,0,0)"),  # wide: t = … only
        steps=Sweep(range(t0 + 1, t0 + width + 1), fmt="d").steps(
            "relayout", lambda i: [{"shapes[0].x0": t0 + 1 + i, "shapes[0].x1": t0 + 1 + i}]
        ),
    )


# --- The cell diagram ----------------------------------------------------------------------------


def _colour(name: str, value: float, bound: float) -> str:
    """A box's fill; grey for a value that is not a number (weights that overflowed float64)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = value if name in SIGMOID_GATES else 0.5 + 0.5 * np.clip(value / bound, -1, 1)
    if not np.isfinite(frac):
        return NOT_A_NUMBER
    if name in SIGMOID_GATES:
        return sample_colorscale(GATE_SCALE, [float(np.clip(value, 0, 1))])[0]
    return sample_colorscale(theme.DIVERGING, [float(frac)])[0]


NOT_A_NUMBER = "#bdbdbd"


def _text_colour(name: str, value: float, bound: float) -> str:
    if name in SIGMOID_GATES:
        return "#ffffff" if value < 0.6 else "#111111"
    return "#ffffff" if abs(value) / bound > 0.6 else "#111111"


# Node positions on a 10 × 6 canvas: (x, y, label key or symbol).
_LSTM_NODES = {
    "c_prev": (0.6, 5.0),
    "mul_f": (2.4, 5.0),
    "add": (5.0, 5.0),
    "c": (8.6, 5.0),
    "f": (2.4, 2.2),
    "i": (4.0, 2.2),
    "g": (5.9, 2.2),
    "mul_i": (5.0, 3.6),
    "o": (7.5, 2.2),
    "tanh_c": (8.6, 3.6),
    "mul_o": (8.6, 2.2),
    "h": (9.6, 0.6),
    "h_prev": (0.6, 0.6),
    "x_in": (0.6, 1.5),
}
_LSTM_EDGES = (
    ("c_prev", "mul_f"),
    ("mul_f", "add"),
    ("add", "c"),
    ("f", "mul_f"),
    ("i", "mul_i"),
    ("g", "mul_i"),
    ("mul_i", "add"),
    ("c", "tanh_c"),
    ("tanh_c", "mul_o"),
    ("o", "mul_o"),
    ("mul_o", "h"),
    ("h_prev", "f"),
    ("h_prev", "i"),
    ("h_prev", "g"),
    ("h_prev", "o"),
)  # x(t) joins h(t−1) on its way to every gate
_GRU_NODES = {
    "h_prev": (0.6, 5.0),
    "mul_z": (2.6, 5.0),
    "add": (7.6, 5.0),
    "h": (9.4, 5.0),
    "z": (2.6, 2.2),
    "r": (4.6, 2.2),
    "n": (6.6, 2.2),
    "mul_n": (7.6, 3.6),
    "x_in": (0.6, 0.6),
}
_GRU_EDGES = (
    ("h_prev", "mul_z"),
    ("mul_z", "add"),
    ("add", "h"),
    ("z", "mul_z"),
    ("z", "mul_n"),
    ("n", "mul_n"),
    ("mul_n", "add"),
    ("r", "n"),
    ("x_in", "r"),
    ("x_in", "z"),
    ("x_in", "n"),
    ("h_prev", "r"),
)
_SYMBOLS = {"mul_f": "×", "mul_i": "×", "mul_o": "×", "mul_z": "×", "mul_n": "×", "add": "+"}


BOX = (0.74, 0.46)  # a gate's box, half width and height: room for 13 px words in a half column
# The canvas shown: every box whole (the LSTM's h(t) reaches 10.34), and room left of the input's
# name ("input x(t)", centred at 0.6, is wider than a box in a half column).
X_RANGE = (-0.8, 10.45)


def _half_size(key: str) -> tuple[float, float]:
    """Half width and height of a node's box on the canvas (where an arrow must stop)."""
    if key in _SYMBOLS:
        return 0.25, 0.25
    if key == "tanh_c":
        return 0.42, 0.22
    if key == "x_in":
        return 0.45, 0.18
    return BOX


def _edge(a: tuple, b: tuple, size_a: tuple, size_b: tuple, gap: float = 0.08) -> tuple:
    """The arrow from box a to box b: from a's edge to b's edge along the line between centres."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    length = float(np.hypot(dx, dy))
    ux, uy = dx / length, dy / length

    def out(half):  # distance from a box's centre to its edge along (ux, uy)
        return min(half[0] / abs(ux) if ux else np.inf, half[1] / abs(uy) if uy else np.inf)

    s0, s1 = out(size_a) + gap, length - out(size_b) - gap
    return (x0 + s0 * ux, y0 + s0 * uy), (x0 + s1 * ux, y0 + s1 * uy)


def cell_diagram(values: dict, kind: str, model: str, unit: int, step: int, lang: str):
    """The cell at one step with every gate's value (seed 002's picture, live numbers).

    `values` holds this unit's scalars at the step: the gates, plus "c_prev"/"h_prev" (LSTM) or
    "h_prev" (GRU) from the step before.

    Drawn with shapes and three traces (arrows, words, hover points), no annotations: each
    annotation is measured and placed on its own, and 29 of them took 30 ms of every redraw.
    """
    lstm = kind == "lstm"
    nodes, edges = (_LSTM_NODES, _LSTM_EDGES) if lstm else (_GRU_NODES, _GRU_EDGES)
    bound = _bound(np.array([v for k, v in values.items() if not k.startswith("_")], dtype=float))
    shapes, words = [], []  # built as plain dicts and set once: far faster than add_* calls
    for key, (x, y) in nodes.items():
        shape, word = _node(key, x, y, values, bound, lang)
        shapes += [shape] if shape else []
        words.append(word)
    if not lstm:  # z keeps the old state; the candidate gets the rest, 1 − z
        words += [(5.0, 3.4, "1 − z", 13, "#111111"), (2.85, 3.6, "z", 13, "#111111")]
    for shape in shapes:
        shape["layer"] = "below"  # under the arrows and words
    fig = go.Figure(layout=dict(shapes=shapes))
    fig.add_trace(_arrow_trace(nodes, edges))
    fig.add_trace(_word_trace(words))
    fig.add_trace(_hover_trace(nodes, values, lang))
    fig.update_xaxes(visible=False, range=list(X_RANGE), fixedrange=True)
    fig.update_yaxes(visible=False, range=[-0.1, 6.0], fixedrange=True, scaleanchor="x")
    title = t("gt.fig.diagram", lang, model=model, unit=unit + 1, step=step + 1)
    return theme.base_layout(fig, title, height=380)


def _node(key: str, x: float, y: float, values: dict, bound: float, lang: str):
    """(shape or None, word) of one node at (x, y): a × or + circle, the tanh box, the input's
    name, or a gate/state box coloured by its value. word = (x, y, text, size, colour)."""
    if key in _SYMBOLS:
        shape = dict(
            type="circle",
            x0=x - 0.25,
            x1=x + 0.25,
            y0=y - 0.25,
            y1=y + 0.25,
            line=dict(color="#555555"),
            fillcolor="#ffffff",
        )
        return shape, (x, y, _SYMBOLS[key], 18, "#111111")
    if key == "tanh_c":
        shape = dict(
            type="rect",
            x0=x - 0.42,
            x1=x + 0.42,
            y0=y - 0.22,
            y1=y + 0.22,
            line=dict(color="#555555"),
            fillcolor="#eeeeee",
        )
        return shape, (x, y, "tanh" if values.get("_tanh", True) else "id", 14, "#111111")
    if key == "x_in":
        return None, (x, y, t("gt.diagram.input", lang), 12, "#111111")
    name = {"c_prev": "c", "h_prev": "h"}.get(key, key)
    value = float(values[key])
    title = f"{name}(t−1)" if key.endswith("_prev") else f"{name}(t)" if name in "ch" else name
    shape = dict(
        type="rect",
        x0=x - BOX[0],
        x1=x + BOX[0],
        y0=y - BOX[1],
        y1=y + BOX[1],
        line=dict(color="#333333"),
        fillcolor=_colour(name, value, bound),
    )
    text = f"<b>{title}</b><br>{box_value(value)}"
    return shape, (x, y, text, 13, _text_colour(name, value, bound))


def box_value(value: float) -> str:
    """A value short enough for its box at any width (≤ 6 characters: 0.73, -12.4, 1e+05); the
    hover has the exact one. "-0.000136" spilled out of the box on a 1366 px laptop."""
    size = abs(value)
    if size < 0.005:
        return "0"
    if size < 10:
        return f"{value:.2f}"
    if size < 1000:
        return f"{value:.0f}" if size >= 100 else f"{value:.1f}"
    return f"{value:.0e}".replace("e+0", "e").replace("e+", "e")


def _arrow_trace(nodes: dict, edges: tuple) -> go.Scatter:
    """Every edge as one line with an arrowhead at its end, box edge to box edge."""
    arrow_x, arrow_y, arrow_size = [], [], []
    for a, b in edges:
        start, end = _edge(nodes[a], nodes[b], _half_size(a), _half_size(b))
        arrow_x += [start[0], end[0], None]
        arrow_y += [start[1], end[1], None]
        arrow_size += [0, 11, 0]  # an arrowhead at the end only, turned along the line
    return go.Scatter(
        x=arrow_x,
        y=arrow_y,
        mode="lines+markers",
        line=dict(color="#888888", width=1.5),
        marker=dict(symbol="arrow", angleref="previous", size=arrow_size, color="#888888"),
        hoverinfo="skip",
        showlegend=False,
    )


def _word_trace(words: list) -> go.Scatter:
    """Every word of the diagram, words: [(x, y, text, size, colour)]."""
    wx, wy, text, size, colour = zip(*words, strict=True)
    return theme.text_trace(
        wx, wy, text, size=list(size), colour=list(colour), position="middle center"
    )


def _hover_trace(nodes: dict, values: dict, lang: str) -> go.Scatter:
    """Invisible markers so hovering a box shows the exact value."""
    keys = [k for k in nodes if k in values]
    return go.Scatter(
        x=[nodes[k][0] for k in keys],
        y=[nodes[k][1] for k in keys],
        mode="markers",
        marker=dict(size=40, opacity=0),
        customdata=[[t(f"gt.panel.{k.split('_')[0]}", lang), float(values[k])] for k in keys],
        hovertemplate="%{customdata[0]}: %{customdata[1]:.10g}<extra></extra>",
        showlegend=False,
    )


# --- Overview of a long sequence -----------------------------------------------------------------


def block_mean(values: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray, int]:
    """(centres 1-based, means, block) of values (T,) in blocks so at most max_points remain."""
    values = np.asarray(values, dtype=np.float64)
    block = max(1, int(np.ceil(len(values) / max_points)))
    n = len(values) // block * block
    means = values[:n].reshape(-1, block).mean(axis=1)
    if n < len(values):  # the ragged tail is its own, shorter block
        means = np.append(means, values[n:].mean())
    centres = np.arange(len(means)) * block + (block + 1) / 2
    return centres, means, block


def overview(
    series: dict, window: tuple[int, int], unit: int, lang: str, max_points: int = 1500
) -> go.Figure:
    """Whole-sequence lines (gate name → (T,) values), block-averaged, window shaded."""
    fig = go.Figure()
    block = 1
    for name, values in series.items():
        centres, means, block = block_mean(values, max_points)
        fig.add_trace(
            go.Scatter(
                x=centres.astype(np.float32),
                y=serialise.finite32(means),
                name=t(f"gt.panel.{name}", lang),
                mode="lines",
                line=dict(color=GATE_COLOURS[name], width=1.5),
            )
        )
    band = dict(
        type="rect",
        x0=window[0] + 0.5,
        x1=window[1] + 1.5,
        xref="x",
        y0=0,
        y1=1,
        yref="paper",
        fillcolor="#E69F00",
        opacity=0.25,
        line_width=0,
        layer="below",
    )
    fig.update_layout(shapes=[band])
    theme.base_layout(fig, t("gt.fig.overview", lang, unit=unit + 1, block=block), height=260)
    fig.update_layout(dragmode="select", selectdirection="h")  # drag across it: a new window
    fig.update_xaxes(title_text=t("gt.axis.step", lang))
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.35, x=0))
    return fig


# --- The hand-wired cell's gate sharpness, dragged in the browser ---------------------------------

GAINS = (0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0)
GAIN_FRAMES_MAX_STEPS = 200  # a forward pass per gain: only for short sequences (the tutorial's: 7)


def gain_stops(current: float) -> list[float]:
    """The gains the slider offers: GAINS and the current value, in order."""
    return sorted({*GAINS, round(float(current), 4)})


def gain_label(gain: float) -> str:
    return f"{gain:g}"


def add_gain_frames(fig: go.Figure, frames_at: dict, unit: int, gain: float, lang: str):
    """Frames of the unit lines at every gain stop (named "gain=<g>"; `frames_at`: gain → the
    hand-wired cell's gates over the window, name → (W, 1), at every `gain_stops(gain)`) and a
    second slider that shows them with no server round trip; its release reports the gain."""
    names = gates_of("lstm")
    stops = gain_stops(gain)
    frames, low, high = [], 0.0, 0.0
    for g in stops:
        states = frames_at[g]
        data = [
            dict(type="scatter", y=serialise.finite32(states[n][:, unit]).tolist()) for n in names
        ]
        values = [
            v for d, n in zip(data, names, strict=True) if n not in SIGMOID_GATES for v in d["y"]
        ]
        low, high = min(low, *values), max(high, *values)
        frames.append(dict(name=f"gain={gain_label(g)}", traces=list(range(len(names))), data=data))
    fig.frames = frames
    margin = 0.05 * max(high - low, 1.0)  # one range for every frame: the curves move, not the axis
    fig.update_yaxes(range=[low - margin, high + margin], row=2, col=1)
    sweep = Sweep(stops, tuple(map(gain_label, stops)), "gain=")
    slider = dict(
        active=stops.index(round(float(gain), 4)),
        currentvalue=dict(prefix=t("gt.gain.slider", lang), font=dict(size=13)),
        y=-0.78,
        yanchor="top",
        pad=dict(t=10, b=10),
        len=1.0,
        font=dict(size=10),
        steps=sweep.steps("animate", lambda i: [[sweep.frames[i]], theme.jump(False)]),
    )
    fig.update_layout(sliders=[*fig.layout.sliders, slider], height=640, margin=dict(b=340))
    return fig
