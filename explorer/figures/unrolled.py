"""Unrolled RNN figures: the live diagram (numbers in every node, a weight-scale slider played
by the browser), the hidden-state heatmap, and the gradient-flow chart."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from explorer.figures import theme
from explorer.i18n import number, t
from explorer.unrolled import Unrolled

WINDOW = 12  # steps the diagram shows at once
MAX_CELLS = 4  # units drawn per node (all of them are in the heatmap)
GAP = 1.7  # vertical space between levels, in cell heights
COLOUR_CAP = 6.0  # symlog colour saturates at ±1e6 (the numbers stay exact in the text)
HALF_W = 0.36  # half the width of a node, in columns


def symlog(values) -> np.ndarray:
    """sign(v)·log10(1 + |v|), with ±inf at ±(float64 max) (colour only; the text shows v)."""
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.sign(values) * np.log10(1.0 + np.abs(values))
    return np.where(np.isinf(values), np.sign(values) * 308.3, out)


def window_range(n_cols: int, start: int, width: int = WINDOW) -> tuple[int, int]:
    """Columns (lo, hi) shown when the window starts at step `start` (column start-1 = memory)."""
    lo = int(np.clip(start, 1, max(1, n_cols - width))) - 1
    return lo, min(lo + width, n_cols - 1)


def _sub(symbol: str, step: int) -> str:
    return f"{symbol}<sub>{step}</sub>"


def _layout_rows(diagram: Unrolled, lo: int, hi: int):
    """The rows in the window: (row, mask, cells shown, y of the first cell) per row."""
    shown = []
    for row in diagram.rows:
        mask = (row.cols >= lo) & (row.cols <= hi)
        if mask.any():
            shown.append((row, mask, min(row.values.shape[1], MAX_CELLS)))
    heights: dict[int, int] = {}
    for row, _, n in shown:
        heights[row.level] = max(heights.get(row.level, 0), n)
    base, y = {}, 0.0
    for level in sorted(heights):
        base[level] = y
        y += heights[level] + GAP
    return [(row, mask, n, base[row.level]) for row, mask, n in shown], y - GAP


def _cells(row, mask, n, backward: bool):
    values = (row.grads if backward else row.values)[mask][:, :n]  # (cols, n)
    z = symlog(values).T.astype(np.float32)  # (n, cols)
    text = [[number(float(v)) for v in unit] for unit in values.T]
    return z, text


def _fmt_factor(factor) -> str:
    return "" if factor is None else f"×{number(float(factor))}"


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
    placed, top = _layout_rows(diagram, lo, hi)
    where = {row.name: (mask, n, y0, row) for row, mask, n, y0 in placed}
    fig = go.Figure()

    def all_z():
        for f in frames:
            rows = {r.name: r for r in f.rows}
            for row, mask, n, _ in placed:
                yield np.abs(_cells(rows[row.name], mask, n, backward)[0])

    lim = float(max((np.max(z) for z in all_z() if z.size), default=1.0))
    lim = float(np.clip(lim, np.log10(2.0), COLOUR_CAP))

    for row, mask, n, y0 in placed:
        z, text = _cells(row, mask, n, backward)
        cols = row.cols[mask]
        steps = cols - row.cols[0] + row.step0
        labels = [[f"{_sub(row.symbol, s)}[{u + 1}]" for s in steps] for u in range(n)]
        fig.add_trace(
            go.Heatmap(
                x=cols.astype(np.int32),
                y=(y0 + np.arange(n)).astype(np.float32),
                z=z,
                text=text,
                texttemplate="%{text}",
                textfont=dict(size=12),
                customdata=labels,
                hovertemplate="%{customdata} = %{text}<extra></extra>",
                coloraxis="coloraxis",
                xgap=22,
                ygap=3,
                name=row.symbol,
            )
        )
    n_heatmaps = len(fig.data)

    # node names under each node, and the row's meaning at the left
    names_x, names_y, names = [], [], []
    for row, mask, _, y0 in placed:
        cols = row.cols[mask]
        for c in cols:
            names_x.append(float(c))
            names_y.append(y0 - 0.78)
            names.append(_sub(row.symbol, int(c - row.cols[0] + row.step0)))
    fig.add_trace(
        go.Scatter(
            x=names_x,
            y=names_y,
            text=names,
            mode="text",
            textfont=dict(size=13, color="#333"),
            hoverinfo="skip",
            showlegend=False,
        )
    )

    # arrows: the shared weights; backward mode draws them the way the gradient travels
    label_x, label_y, label_text, factor_x, factor_y, factor_edges = [], [], [], [], [], []
    annotations = []
    for index, edge in enumerate(diagram.edges):
        if edge.src[0] not in where or edge.dst[0] not in where:
            continue
        s_mask, s_n, s_y0, s_row = where[edge.src[0]]
        d_mask, d_n, d_y0, d_row = where[edge.dst[0]]
        sc, dc = edge.src[1], edge.dst[1]
        if not (lo <= sc <= hi and lo <= dc <= hi):
            continue
        (x0, y0), (x1, y1) = _arrow_ends(sc, s_y0, s_n, s_row.level, dc, d_y0, d_n, d_row.level)
        if s_row.level != d_row.level and abs(s_row.level - d_row.level) > 1:
            shift = 0.42 if s_row.level == 0 else -0.42  # pass beside the level in between
            x0, x1 = x0 + shift, x1 + shift
        tail, head = ((x1, y1), (x0, y0)) if backward else ((x0, y0), (x1, y1))
        annotations.append(
            dict(
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
                arrowcolor="#c0392b" if backward else "#555",
                text="",
            )
        )
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        label_x.append(mx + (0.0 if y0 == y1 else 0.05))
        label_y.append(my - 0.32 if y0 == y1 else my)
        label_text.append(_weight_html(edge.weight))
        if backward and edge.recurrent:
            factor_x.append(mx)
            factor_y.append(my + 0.38)
            factor_edges.append(index)
    fig.add_trace(
        go.Scatter(
            x=label_x,
            y=label_y,
            text=label_text,
            mode="text",
            textposition="middle right",
            textfont=dict(size=11, color="#777"),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    if factor_edges:
        fig.add_trace(
            go.Scatter(
                x=factor_x,
                y=factor_y,
                text=[_fmt_factor(diagram.edges[i].factor) for i in factor_edges],
                mode="text",
                textfont=dict(size=13, color="#c0392b"),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    animated = list(range(n_heatmaps)) + ([len(fig.data) - 1] if factor_edges else [])

    def frame_data(f: Unrolled) -> list[dict]:
        rows = {r.name: r for r in f.rows}
        data = []
        for row, mask, n, _ in placed:
            z, text = _cells(rows[row.name], mask, n, backward)
            data.append(dict(type="heatmap", z=z, text=text))
        if factor_edges:
            data.append(
                dict(type="scatter", text=[_fmt_factor(f.edges[i].factor) for i in factor_edges])
            )
        return data

    labels = [f"{a:.2f}" for a in alphas]
    fig.frames = [
        go.Frame(name=label, data=frame_data(f), traces=animated)
        for label, f in zip(labels, frames, strict=True)
    ]
    ticks = [0.0] + [
        float(symlog(10.0**k)) for k in range(0, int(COLOUR_CAP) + 1) if symlog(10.0**k) <= lim
    ]
    tickvals = sorted(set([-v for v in ticks] + ticks))
    ticktext = [number(float(np.sign(v) * (10 ** abs(v) - 1)), 2) for v in tickvals]
    fig.update_layout(
        annotations=annotations,
        coloraxis=dict(
            colorscale=theme.DIVERGING,
            cmin=-lim,
            cmax=lim,
            colorbar=dict(
                title=dict(text="∂L/∂·" if backward else t("un.fig.value", lang)),
                tickvals=tickvals,
                ticktext=ticktext,
                thickness=14,
                len=0.8,
            ),
        ),
        sliders=[
            dict(
                active=active,
                currentvalue=dict(prefix=slider_prefix, font=dict(size=15)),
                pad=dict(t=20, b=10),
                steps=[
                    dict(
                        label=label,
                        method="animate",
                        args=[
                            [label],
                            dict(
                                mode="immediate",
                                frame=dict(duration=0, redraw=True),
                                transition=dict(duration=0),
                            ),
                        ],
                    )
                    for label in labels
                ],
            )
        ],
        showlegend=False,
    )
    fig.update_xaxes(
        range=[lo - 0.75, hi + 0.75], showgrid=False, zeroline=False, showticklabels=False
    )
    fig.update_yaxes(
        range=[-1.4, top + 0.2], showgrid=False, zeroline=False, showticklabels=False
    )
    title = t("un.fig.diagram.bwd" if backward else "un.fig.diagram.fwd", lang)
    theme.base_layout(fig, title, height=int(200 + 46 * (top + 1.6)))
    fig.update_layout(margin=dict(l=20, r=20, t=60, b=20))
    return fig


def _weight_html(name: str) -> str:
    """'W_xh' → W<sub>xh</sub>; other labels unchanged."""
    if name.startswith(("W_", "W'_")):
        head, _, rest = name.partition("_")
        arrow = rest[-1] if rest.endswith("←") else ""
        return f"{head}<sub>{rest.rstrip('←')}</sub>{arrow}"
    return name


def _arrow_ends(sc, s_y0, s_n, s_level, dc, d_y0, d_n, d_level):
    """Start and end of an arrow between two node boxes (columns sc → dc)."""
    s_mid, d_mid = s_y0 + (s_n - 1) / 2, d_y0 + (d_n - 1) / 2
    if s_level == d_level:  # along time
        direction = 1 if dc > sc else -1
        return (sc + direction * HALF_W, s_mid), (dc - direction * HALF_W, s_mid)
    up = d_level > s_level
    s_edge = s_y0 + s_n - 0.5 + 0.08 if up else s_y0 - 0.5 - 0.08
    d_edge = d_y0 - 0.5 - 0.08 if up else d_y0 + d_n - 0.5 + 0.08
    if sc == dc:  # within a step
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
            z=theme.finite32(values),
            x=list(time_labels),
            y=list(unit_labels),
            colorscale=theme.DIVERGING,
            zmid=0.0,
            zmin=-top,
            zmax=top,
            colorbar=dict(title=dict(text=name), thickness=14),
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
    return theme.base_layout(fig, t(key, lang), height=height)


FLOOR, CEIL = 1e-30, 1e300


def flow_figure(
    curves: list[tuple[float, np.ndarray]],
    user: tuple[float, np.ndarray],
    clip: float | None,
    unclipped_user: np.ndarray | None,
    lang: str,
) -> go.Figure:
    """‖∂L/∂h_k‖ against k on a log axis: one curve per ρ, ρ = 1 dashed (the boundary), the
    user's ρ thick; with clipping, the threshold θ and the user's curve without it (dotted)."""
    fig = go.Figure()
    hover = "k = %{x}<br>‖∂L/∂h_k‖ = %{customdata:.3g}<extra>%{fullData.name}</extra>"

    def add(norms, name, **style):
        norms = np.asarray(norms, dtype=np.float64)
        k = np.arange(len(norms), dtype=np.int32)
        fig.add_trace(
            go.Scatter(
                x=k,
                y=np.clip(theme.finite32(norms), FLOOR, 3e38).astype(np.float32),
                customdata=theme.finite32(norms),
                mode="lines",
                name=name,
                hovertemplate=hover,
                **style,
            )
        )

    for rho, norms in curves:
        if abs(rho - 1.0) < 1e-12:
            style = dict(line=dict(color="#111", width=2, dash="dash"))
            add(norms, t("un.flow.boundary", lang), **style)
            continue
        shade = min(abs(rho - 1.0), 1.0)
        colour = _mix("#2166ac" if rho < 1 else "#b2182b", shade)
        add(norms, f"ρ = {rho:g}", line=dict(color=colour, width=1.6))
    if unclipped_user is not None:
        add(
            unclipped_user,
            t("un.flow.unclipped", lang, rho=f"{user[0]:g}"),
            line=dict(color="#E69F00", width=2, dash="dot"),
        )
    add(user[1], t("un.flow.user", lang, rho=f"{user[0]:g}"), line=dict(color="#E69F00", width=4))
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
    fig.update_xaxes(title_text=t("un.flow.axis.k", lang))
    fig.update_yaxes(title_text="‖∂L/∂h_k‖", type="log", exponentformat="power")
    theme.base_layout(fig, t("un.flow.title", lang), height=480)
    fig.update_layout(legend=dict(orientation="v"))
    return fig


def _mix(colour: str, amount: float) -> str:
    """`colour` faded toward light grey by (1 - amount): near ρ = 1 the curves are pale."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    grey = np.array([200.0, 200.0, 200.0])
    a = 0.35 + 0.65 * float(np.clip(amount, 0.0, 1.0))
    out = (a * rgb + (1 - a) * grey).round().astype(int)
    return "#" + "".join(f"{v:02x}" for v in out)
