"""Unrolled RNN figures: the live diagram (numbers in every node, a weight-scale slider played
by the browser), the hidden-state heatmap, and the gradient-flow chart."""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go

from explorer.cells.unrolled import Unrolled
from explorer.figures import serialise, theme
from explorer.figures.sweep import Sweep
from explorer.i18n import number, t
from explorer.numerics import symlog

WINDOW = 12  # steps the diagram shows at once
MAX_CELLS = 4  # units drawn per node (all of them are in the heatmap)
GAP = 1.7  # vertical space between levels, in cell heights
SLOT_GAP = 1.9  # between stacked rows on one level (h→ and h←)
COLOUR_CAP = 6.0  # symlog colour saturates at ±1e6 (the numbers stay exact in the text)
HALF_W = 0.36  # half the width of a node, in columns
INF_AT = 308.3  # where a ±inf cell sits on the symlog colour scale (colour only; the text shows v)


def window_range(n_cols: int, start: int, width: int = WINDOW) -> tuple[int, int]:
    """Columns (lo, hi) shown when the window starts at step `start` (column start-1 = memory)."""
    lo = int(np.clip(start, 1, max(1, n_cols - width))) - 1
    return lo, min(lo + width, n_cols - 1)


def window_start(n_cols: int, start: int, width: int = WINDOW) -> int:
    """The first step of the window kept inside a diagram of `n_cols` columns (1 when every
    step fits)."""
    n_steps = n_cols - 1
    return min(max(int(start), 1), n_steps - width + 1) if n_steps > width else 1


def _sub(symbol: str, step: int) -> str:
    return f"{symbol}<sub>{step}</sub>"


def _layout_rows(diagram: Unrolled, lo: int, hi: int):
    """Place the rows in the window: [(row, mask, cells shown, y of its first cell)] and the
    levels' vertical extents {level: (bottom, top)}, the height, and the rows in a top slot.

    Rows on one level that share columns (the two directions of a bidirectional RNN) are
    stacked in slots; rows that follow each other in time (encoder, decoder) share a slot.
    """
    shown = []
    for row in diagram.rows:
        mask = (row.cols >= lo) & (row.cols <= hi)
        if mask.any():
            shown.append((row, mask, min(row.values.shape[1], MAX_CELLS)))
    slots: dict[int, list[list]] = {}  # level → slots → [(row, mask, n)]
    for item in shown:
        level_slots = slots.setdefault(item[0].level, [])
        cols = item[0].cols[item[1]]
        free = next(
            (s for s in level_slots if not any(np.isin(r.cols[m], cols).any() for r, m, _ in s)),
            None,
        )
        if free is None:
            level_slots.append([item])
        else:
            free.append(item)
    placed, extents, y, top_rows = [], {}, 0.0, set()
    for level in sorted(slots):
        bottom = y
        for slot in slots[level]:
            height = max(n for _, _, n in slot)
            placed += [(row, mask, n, y) for row, mask, n in slot]
            y += height + SLOT_GAP
        extents[level] = (bottom - 0.5, y - SLOT_GAP - 0.5)
        if len(slots[level]) > 1:  # rows in the top slot keep their labels above them
            top_rows.update(row.name for row, _, _ in slots[level][-1])
        y += GAP - SLOT_GAP
    return placed, extents, y - GAP, top_rows


def _cells(row, mask, n, backward: bool):
    values = (row.grads if backward else row.values)[mask][:, :n]  # (cols, n)
    z = symlog(values, inf_at=INF_AT).T.astype(np.float32)  # (n, cols)
    text = [[cell_text(float(v)) for v in unit] for unit in values.T]
    return z, text


def cell_text(value: float) -> str:
    """A number that fits a node: 16, 0.537, 1234, 2.7e-40, ∞."""
    if not np.isfinite(value):
        return "∞" if value > 0 else "-∞"
    size = abs(value)
    if size == 0:
        return "0"
    if 1e-2 <= size < 1e3:
        return f"{value:.3g}"
    if 1e3 <= size < 1e5:
        return f"{value:.0f}"
    return f"{value:.1e}"


def _fmt_factor(factor) -> str:
    return "" if factor is None else f"×{cell_text(float(factor))}"


CUT = "✂"  # by an arrow truncated BPTT cuts, in place of its factor
CUT_COLOUR = "#c4c4c4"


def _factor_text(edge) -> str:
    return CUT if edge.cut else _fmt_factor(edge.factor)


def diagram_figure(
    frames: list[Unrolled],
    alphas: np.ndarray,
    active: int,
    start: int,
    backward: bool,
    slider_prefix: str,
    lang: str,
) -> go.Figure:
    """The network unrolled through time with the numbers of frame `active` in every node.

    frames: one `Unrolled` per weight scale in `alphas` (the browser animates between them);
    start: first step in the window; backward: show ∂L/∂(node) and the per-step factors.
    """
    diagram = frames[active]
    lo, hi = window_range(diagram.n_cols, start)
    placed, extents, top, top_rows = _layout_rows(diagram, lo, hi)
    arrows = _arrows(diagram, placed, extents, top_rows, lo, hi)
    xgap = int(np.clip(0.3 * 950 / (hi - lo + 1.5), 8, 60))  # ≈ 30 % of a column
    fig = go.Figure()
    fig.add_traces([_node_trace(place, backward, xgap) for place in placed])
    fig.add_traces([_name_trace(placed), _weight_trace(arrows, few=hi - lo <= 6)])
    factor_edges = _factor_edges(arrows) if backward else []
    if factor_edges:
        fig.add_trace(_factor_trace(diagram, arrows, factor_edges))
    animated = list(range(len(placed))) + ([len(fig.data) - 1] if factor_edges else [])
    sweep = Sweep(alphas)
    labels = sweep.frames
    fig.frames = [
        go.Frame(name=label, data=_frame_data(f, placed, backward, factor_edges), traces=animated)
        for label, f in zip(labels, frames, strict=True)
    ]
    lim = _colour_limit(frames, placed, backward)
    fig.update_layout(
        annotations=[_arrow_annotation(arrow, backward) for arrow in arrows],
        coloraxis=_colour_axis(lim, backward, lang),
        sliders=[_slider(sweep, active, slider_prefix, redraw=True)],
        showlegend=False,
    )
    fig.update_xaxes(
        range=[lo - 0.75, hi + 0.75], showgrid=False, zeroline=False, showticklabels=False
    )
    fig.update_yaxes(range=[-1.4, top + 0.2], showgrid=False, zeroline=False, showticklabels=False)
    title = t("un.fig.diagram.bwd" if backward else "un.fig.diagram.fwd", lang)
    theme.base_layout(fig, title, height=int(200 + 46 * (top + 1.6)), l=20, r=84, b=132)
    return fig


def _colour_limit(frames: list[Unrolled], placed, backward: bool) -> float:
    """The colour range ±lim (symlog units): the largest cell of any frame, within [log10 2,
    COLOUR_CAP], so the colours do not jump while the slider plays."""
    sizes = [np.max(z) for f in frames for z in _abs_cells(f, placed, backward) if z.size]
    biggest = float(max(sizes, default=1.0))
    return float(np.clip(biggest, np.log10(2.0), COLOUR_CAP))


def _abs_cells(f: Unrolled, placed, backward: bool):
    """|symlog value| of the cells shown, row by row, in frame f."""
    rows = {r.name: r for r in f.rows}
    for row, mask, n, _ in placed:
        yield np.abs(_cells(rows[row.name], mask, n, backward)[0])


def _node_trace(place, backward: bool, xgap: int) -> go.Heatmap:
    """One row's nodes in the window: a heatmap of n cells per column, numbers in the cells.
    place: (row, mask of its columns in the window, cells shown, y of its first cell)."""
    row, mask, n, y0 = place
    z, text = _cells(row, mask, n, backward)
    cols = row.cols[mask]
    steps = cols - row.cols[0] + row.step0
    labels = [[f"{_sub(row.symbol, s)}[{u + 1}]" for s in steps] for u in range(n)]
    return go.Heatmap(
        x=cols.astype(np.int32),
        y=(y0 + np.arange(n)).astype(np.float32),
        z=z,
        text=text,
        texttemplate="%{text}",
        textfont=dict(size=13),  # 11 px read as 9–10 px on a laptop
        customdata=labels,
        hovertemplate="%{customdata} = %{text}<extra></extra>",
        coloraxis="coloraxis",
        xgap=xgap,
        ygap=3,
        name=row.symbol,
    )


def _name_trace(placed) -> go.Scatter:
    """Each node's name (h₁, y₂, …) at its top-left corner, clear of the arrows."""
    names_x, names_y, names = [], [], []
    for row, mask, n, y0 in placed:
        for c in row.cols[mask]:
            names_x.append(float(c) - HALF_W)
            names_y.append(y0 + n - 0.5)
            names.append(_sub(row.symbol, int(c - row.cols[0] + row.step0)))
    return theme.text_trace(names_x, names_y, names, size=13, colour="#333", position="top right")


def _arrows(diagram: Unrolled, placed, extents, top_rows, lo: int, hi: int) -> list[dict]:
    """The shared weights as arrows between nodes in the window: [{ends, weights, recurrent
    (edge indices), below, above (y of the texts beside it)}]. Arrows within one step join
    level to level (one arrow even when a level holds h→ and h←)."""
    where = {row.name: (mask, n, y0, row) for row, mask, n, y0 in placed}
    arrows: dict[tuple, dict] = {}
    for index, edge in enumerate(diagram.edges):
        if edge.src[0] not in where or edge.dst[0] not in where:
            continue
        (sc, dc), s_row, d_row = (edge.src[1], edge.dst[1]), where[edge.src[0]], where[edge.dst[0]]
        if not (lo <= sc <= hi and lo <= dc <= hi):
            continue
        ends = _arrow_ends(sc, s_row, dc, d_row, extents)
        key = (sc, dc, s_row[3].level, d_row[3].level) if sc == dc else ("edge", index)
        bottom, top_edge = s_row[2] - 0.5, s_row[2] + s_row[1] - 0.5  # the source row's cells
        if edge.src[0] in top_rows:  # weight name above, factor below (toward the other slot)
            bottom, top_edge = top_edge + 0.84, bottom - 0.84
        arrow = arrows.setdefault(
            key, dict(ends=ends, weights=[], recurrent=[], below=bottom, above=top_edge, cut=False)
        )
        arrow["cut"] = arrow["cut"] or edge.cut
        if edge.weight not in arrow["weights"]:
            arrow["weights"].append(edge.weight)
        if edge.recurrent:
            arrow["recurrent"].append(index)
    return list(arrows.values())


def _arrow_annotation(arrow: dict, backward: bool) -> dict:
    """An arrow drawn as an annotation; backward mode draws it the way the gradient travels, an
    arrow truncated BPTT cuts in pale grey (its ✂ is in the factor trace)."""
    (x0, y0), (x1, y1) = arrow["ends"]
    tail, head = ((x1, y1), (x0, y0)) if backward else ((x0, y0), (x1, y1))
    return dict(
        x=head[0],
        y=head[1],
        ax=tail[0],
        ay=tail[1],
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=2,
        arrowsize=1.1,
        arrowwidth=1.6,
        arrowcolor=(CUT_COLOUR if arrow["cut"] else "#c0392b") if backward else "#555",
        text="",
    )


def _weight_trace(arrows: list[dict], few: bool) -> go.Scatter:
    """The weights' names beside their arrows; in a wide window (not `few` steps) each shared
    weight is named once."""
    label_x, label_y, label_text, labelled = [], [], [], set()
    for arrow in arrows:
        (x0, y0), (x1, y1) = arrow["ends"]
        name = ", ".join(_weight_html(w) for w in arrow["weights"])
        if name not in labelled or few:
            labelled.add(name)
            label_x.append((x0 + x1) / 2 + (0.0 if y0 == y1 else 0.04))
            label_y.append(arrow["below"] - 0.42 if y0 == y1 else (y0 + y1) / 2)
            label_text.append(name)
    return theme.text_trace(
        label_x, label_y, label_text, size=12, colour="#777", position="middle right"
    )


def _factor_edges(arrows: list[dict]) -> list[int]:
    """The recurrent edge whose per-step factor each recurrent arrow shows (backward mode)."""
    return [arrow["recurrent"][0] for arrow in arrows if arrow["recurrent"]]


def _factor_trace(diagram: Unrolled, arrows: list[dict], factor_edges: list[int]) -> go.Scatter:
    """×factor by every recurrent arrow: how much the gradient is multiplied crossing it."""
    factor_x, factor_y = [], []
    for arrow in arrows:
        if arrow["recurrent"]:
            (x0, y0), (x1, y1) = arrow["ends"]
            factor_x.append((x0 + x1) / 2)
            factor_y.append(arrow["above"] + 0.42 if y0 == y1 else (y0 + y1) / 2 + 0.35)
    text = [_factor_text(diagram.edges[i]) for i in factor_edges]
    return theme.text_trace(factor_x, factor_y, text, size=13, colour="#c0392b")


def _frame_data(f: Unrolled, placed, backward: bool, factor_edges: list[int]) -> list[dict]:
    """One α's animated traces: every row's numbers and colours, then the factors."""
    rows = {r.name: r for r in f.rows}
    data = []
    for row, mask, n, _ in placed:
        z, text = _cells(rows[row.name], mask, n, backward)
        data.append(dict(type="heatmap", z=z, text=text))
    if factor_edges:
        data.append(dict(type="scatter", text=[_factor_text(f.edges[i]) for i in factor_edges]))
    return data


def _colour_axis(lim: float, backward: bool, lang: str) -> dict:
    """The shared diverging colour scale ±lim (symlog units), ticks at powers of ten labelled
    with the real values."""
    ticks = [0.0] + [
        float(symlog(10.0**k)) for k in range(0, int(COLOUR_CAP) + 1) if symlog(10.0**k) <= lim
    ]
    if lim > 3:  # ±1 would crowd 0
        ticks = [v for v in ticks if v == 0 or v > 0.5]
    tickvals = sorted(set([-v for v in ticks] + ticks))
    ticktext = [number(float(np.sign(v) * (10 ** abs(v) - 1)), 2) for v in tickvals]
    return dict(
        colorscale=theme.DIVERGING,
        cmin=-lim,
        cmax=lim,
        colorbar=dict(
            title=dict(text="∂L/∂·" if backward else t("un.fig.value", lang)),
            tickvals=tickvals,
            ticktext=ticktext,
            thickness=14,
            len=0.8,
            x=theme.RIGHT,
        ),
    )


def _weight_html(name: str) -> str:
    """'W_xh' → W<sub>xh</sub>, 'c = h_N' → c = h<sub>N</sub> (Plotly text takes this HTML)."""
    return re.sub(r"_(\w+)", r"<sub>\1</sub>", name)


def _arrow_ends(sc, s_place, dc, d_place, extents):
    """Start and end of an arrow from the node in column sc to the node in column dc.

    s_place, d_place: (mask, cells shown, y of first cell, row); extents: {level: (bottom, top)}.
    """
    _, s_n, s_y0, s_row = s_place
    s_mid = s_y0 + (s_n - 1) / 2
    s_level, d_level = s_row.level, d_place[3].level
    if s_level == d_level:  # along time, at the row's own height
        direction = 1 if dc > sc else -1
        return (sc + direction * HALF_W, s_mid), (dc - direction * HALF_W, s_mid)
    up = d_level > s_level
    pad = 0.08
    s_edge = extents[s_level][1] + pad if up else extents[s_level][0] - pad
    d_edge = extents[d_level][0] - pad if up else extents[d_level][1] + pad
    if sc == dc:  # within a step: level to level
        return (float(sc), s_edge), (float(dc), d_edge)
    direction = 1 if dc > sc else -1  # across a step and a level (Jordan, the context c)
    return (sc + direction * HALF_W, s_mid), (dc - direction * 0.2, d_edge)


def states_figure(
    matrix: np.ndarray,
    unit_labels: list[str],
    time_labels: list[str],
    window: tuple[int, int],
    backward: bool,
    lang: str,
) -> go.Figure:
    """Hidden states (or ∂L/∂h) as a heatmap: units (rows) × time steps (columns), float32.

    window: the diagram's (lo, hi) columns, outlined (column c is time index c-1).
    """
    values = np.asarray(matrix, dtype=np.float64)
    finite = np.abs(values[np.isfinite(values)])
    top = float(np.max(finite)) if finite.size else 1.0
    top = min(top if top > 0 else 1.0, 3e38)
    name = "∂L/∂h" if backward else "h"
    fig = go.Figure(
        go.Heatmap(
            z=serialise.finite32(values),
            x=list(time_labels),
            y=list(unit_labels),
            colorscale=theme.DIVERGING,
            zmid=0.0,
            zmin=-top,
            zmax=top,
            colorbar=dict(title=dict(text=name), thickness=14, x=theme.RIGHT),
            hovertemplate=(
                f"{t('un.axis.step', lang)} %{{x}}<br>{t('un.axis.unit', lang)} %{{y}}<br>"
                f"{name} = %{{z:.4g}}<extra></extra>"
            ),
        )
    )
    lo, hi = window
    fig.add_shape(  # the part the diagram above shows
        type="rect",
        x0=max(lo, 1) - 1 - 0.5,
        x1=hi - 1 + 0.5,
        y0=-0.5,
        y1=len(unit_labels) - 0.5,
        line=dict(color="#111", width=2, dash="dot"),
    )
    fig.update_xaxes(title_text=t("un.axis.step", lang), type="category")
    fig.update_yaxes(title_text=t("un.axis.unit", lang), type="category", autorange="reversed")
    key = "un.fig.states.bwd" if backward else "un.fig.states.fwd"
    height = int(np.clip(140 + 14 * len(unit_labels), 260, 760))
    widest = max(map(len, unit_labels), default=0)
    left = 64 if widest <= 3 else 24 + 15 * widest  # a stacked net's "3←h8" needs room
    return theme.base_layout(fig, t(key, lang), height=height, l=left, r=80)


FLOOR, CEIL = 1e-30, 1e300


def flow_figure(
    curves: list[tuple[float, np.ndarray]],
    sweep_rhos: np.ndarray,
    sweep_norms: np.ndarray,
    active: int,
    clip: float | None,
    unclipped: np.ndarray | None,
    lang: str,
) -> go.Figure:
    """‖∂L/∂h_k‖ against k on a log axis: one curve per ρ in `curves`, ρ = 1 dashed (the
    boundary), and the user's ρ thick, dragged in the browser over `sweep_rhos` (sweep_norms
    (F, T+1), one frame each). With clipping: the threshold θ and, dotted, the user's curve
    without it (`unclipped`, (F, T+1))."""
    k = np.arange(sweep_norms.shape[1], dtype=np.int32)
    fig = go.Figure()
    for rho, norms in curves:
        fig.add_trace(_flow_trace(k, norms, *_fixed_curve_look(rho, lang)))
    moving = []  # (trace index, norms (F, T+1)): the curves the slider moves
    if unclipped is not None:  # no ρ in the name: a legend does not follow a drag
        line = dict(color="#E69F00", width=2, dash="dot")
        fig.add_trace(_flow_trace(k, unclipped[active], t("un.flow.unclipped", lang), line))
        moving.append((len(fig.data) - 1, unclipped))
    line = dict(color="#E69F00", width=4)
    fig.add_trace(_flow_trace(k, sweep_norms[active], t("un.flow.user", lang), line))
    moving.append((len(fig.data) - 1, sweep_norms))
    sweep = Sweep(sweep_rhos)
    fig.frames = [_flow_frame(label, i, moving) for i, label in enumerate(sweep.frames)]
    everything = [n for _, n in curves] + [sweep_norms] + ([] if unclipped is None else [unclipped])
    fig.add_hline(
        y=1.0,
        line=dict(color="#888", width=1),
        annotation_text=t("un.flow.start", lang),
        annotation_position="top left",
    )
    if clip is not None:
        fig.add_hline(
            y=clip,
            line=dict(color="#E69F00", width=1.5, dash="dashdot"),
            annotation_text=f"θ = {clip:g}",
            annotation_position="bottom right",
        )
    fig.update_layout(sliders=[_slider(sweep, active, "ρ = ", redraw=False)])
    fig.update_xaxes(title_text=t("un.flow.axis.k", lang))
    fig.update_yaxes(
        title_text="‖∂L/∂h_k‖", type="log", exponentformat="power", range=_log_range(everything)
    )
    theme.base_layout(fig, t("un.flow.title", lang), height=520, l=92, r=215, b=132)
    return fig


def _shown(norms) -> dict:
    """y of a curve as drawn: float32 within [FLOOR, 3e38] (one array per curve: frames stay
    light)."""
    return dict(y=np.clip(serialise.finite32(norms), FLOOR, 3e38).astype(np.float32))


def _flow_trace(k: np.ndarray, norms, name: str, line: dict) -> go.Scatter:
    hover = "k = %{x}<br>‖∂L/∂h_k‖ = %{y:.3g}<extra>%{fullData.name}</extra>"
    return go.Scatter(x=k, mode="lines", name=name, hovertemplate=hover, **_shown(norms), line=line)


def _fixed_curve_look(rho: float, lang: str) -> tuple[str, dict]:
    """(name, line) of a fixed ρ's curve: ρ = 1 black and dashed, the rest blue below 1 and red
    above, paler the nearer they are to 1."""
    if abs(rho - 1.0) < 1e-12:
        return t("un.flow.boundary", lang), dict(color="#111", width=2, dash="dash")
    shade = min(abs(rho - 1.0), 1.0)
    colour = _mix("#2166ac" if rho < 1 else "#b2182b", shade)
    return f"ρ = {rho:g}", dict(color=colour, width=1.6)


def _flow_frame(label: str, i: int, moving: list) -> go.Frame:
    """Frame i: the moving curves at the i-th ρ."""
    return go.Frame(
        name=label,
        data=[dict(type="scatter", **_shown(norms[i])) for _, norms in moving],
        traces=[index for index, _ in moving],
    )


def _log_range(everything: list) -> list[float]:
    """The log y range (decades) that holds every curve, with room for the labels above."""
    values = np.clip(
        np.concatenate([np.ravel(serialise.finite32(v)) for v in everything]), FLOOR, 3e38
    )
    return [float(np.log10(values.min())) - 0.5, float(np.log10(values.max())) + 0.8]


def _slider(sweep: Sweep, active: int, prefix: str, redraw: bool) -> dict:
    """A Plotly slider that plays each step's frame (no server round trip)."""
    return theme.frame_slider(sweep, active, prefix, pad_t=30, redraw=redraw)


def _mix(colour: str, amount: float) -> str:
    """`colour` faded toward light grey by (1 - amount): near ρ = 1 the curves are pale."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    grey = np.array([200.0, 200.0, 200.0])
    a = 0.35 + 0.65 * float(np.clip(amount, 0.0, 1.0))
    out = (a * rgb + (1 - a) * grey).round().astype(int)
    return "#" + "".join(f"{v:02x}" for v in out)
