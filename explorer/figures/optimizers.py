"""Optimizer race figures: paths animated over the log-coloured loss surface, loss per iteration."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from explorer.figures import theme
from explorer.figures.surface import CAP, FLOOR
from explorer.i18n import number, t

BOX = 3.0  # the map: w_x, w_rec ∈ [-3, 3]
EDGE = 3.25  # where a path that leaves the map is drawn (just outside, with an arrow)
TOLERANCE = 0.005  # paths are thinned to within this distance (≈ half a pixel on the map)


@dataclass(frozen=True)
class RaceRun:
    """One optimizer's trajectory for drawing: W (k+1, 2), its losses, and how it ended."""

    key: str
    name: str
    colour: str
    W: np.ndarray
    losses: np.ndarray
    diverged_at: int | None = None
    diverged_grad: float | None = None


def frame_iterations(n_iter: int, count: int = 40) -> np.ndarray:
    """Iterations to show as frames: every one of the first ten (divergence happens early),
    then geometrically spaced to the last."""
    late = np.geomspace(10, max(n_iter, 10), max(count - 10, 2)).round().astype(int)
    return np.unique(np.clip(np.r_[np.arange(min(n_iter, 10) + 1), late], 0, n_iter))


def _on_map(W: np.ndarray) -> np.ndarray:
    """The part of a path that can be drawn: up to where it first leaves the map, ending on the
    map's edge (the segment cut where it crosses), so a run thrown off the map is a line to
    the edge and an arrow, not a zigzag of clipped points."""
    W = np.asarray(W, dtype=np.float64)
    outside = np.nonzero(np.any(np.abs(W) > EDGE, axis=1))[0]
    if outside.size == 0:
        return W.astype(np.float32)
    k = int(outside[0])
    if k == 0:
        return np.clip(W[:1], -EDGE, EDGE).astype(np.float32)
    a, b = W[k - 1], W[k]
    with np.errstate(divide="ignore", invalid="ignore"):  # fraction of a→b inside the box
        limits = np.where(b > a, (EDGE - a) / (b - a), np.where(b < a, (-EDGE - a) / (b - a), 1))
    cut = a + float(np.clip(np.min(limits), 0.0, 1.0)) * (b - a)
    return np.vstack([W[:k], cut]).astype(np.float32)


def simplify(path: np.ndarray, tol: float = TOLERANCE) -> np.ndarray:
    """Ramer–Douglas–Peucker: the indices of the points to keep so that every dropped point lies
    within `tol` of the kept polyline (the ends are always kept). path (n, 2) → indices (m,)."""
    path = np.asarray(path, dtype=np.float64)
    keep = np.zeros(len(path), dtype=bool)
    keep[[0, -1]] = True
    spans = [(0, len(path) - 1)]
    while spans:
        a, b = spans.pop()
        if b - a < 2:
            continue
        chord, rel = path[b] - path[a], path[a + 1 : b] - path[a]  # (2,), (b-a-1, 2)
        length = float(np.hypot(*chord))
        if length > 0:  # distance to the chord's line; to point a when the chord is a point
            dist = np.abs(chord[0] * rel[:, 1] - chord[1] * rel[:, 0]) / length
        else:
            dist = np.hypot(rel[:, 0], rel[:, 1])
        far = int(np.argmax(dist))
        if dist[far] > tol:
            keep[a + 1 + far] = True
            spans += [(a, a + 1 + far), (a + 1 + far, b)]
    return np.nonzero(keep)[0]


def _trail(drawn: np.ndarray, kept: np.ndarray, upto: int) -> np.ndarray:
    """The drawable path up to iteration `upto`: the simplified points before it, then the
    exact point at `upto`. drawn (n, 2) from `_on_map`; kept = simplify(drawn)."""
    upto = min(int(upto), len(drawn) - 1)
    return np.vstack([drawn[kept[kept < upto]], drawn[upto]])


def race_figure(w_axis, xi, runs: list[RaceRun], n_iter: int, start, lang: str) -> go.Figure:
    """The race: heatmap of log10 ξ, each run's faint full path, an animated trail and head,
    a browser-side slider with play/pause, and an arrow for every run that left the map."""
    z, _ = theme.log_colour(xi, FLOOR, CAP)
    ticks, labels = theme.log_ticks(FLOOR, CAP)
    w32 = np.asarray(w_axis, dtype=np.float32)
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            x=w32,
            y=w32,
            z=z,
            zmin=np.log10(FLOOR),
            zmax=np.log10(CAP),
            zsmooth="best",
            colorscale=theme.LOSS_SCALE,
            colorbar=dict(title=dict(text=t("ls.colorbar", lang)), tickvals=ticks, ticktext=labels),
            hoverinfo="skip",
            name="ξ",
        )
    )
    gx, gy = np.meshgrid(w32, w32)
    fig.add_trace(  # heatmap cells give no click event: invisible markers at the cell centres do
        go.Scatter(
            x=gx.ravel(),
            y=gy.ravel(),
            mode="markers",
            marker=dict(size=9, opacity=0, color="white"),
            hovertemplate="w_x = %{x:.2f}<br>w_rec = %{y:.2f}"
            f"<extra>{t('opt.click_hint', lang)}</extra>",
            name="click",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[start[0]],
            y=[start[1]],
            mode="markers",
            marker=dict(symbol="circle-open", size=16, color="#111", line=dict(width=3)),
            name=t("opt.start", lang),
            hovertemplate=f"({start[0]:g}, {start[1]:g})<extra>{t('opt.start', lang)}</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[1.0],
            y=[1.0],
            mode="markers",
            marker=dict(symbol="star", size=16, color="white", line=dict(color="black", width=1)),
            name=t("label.optimum", lang),
            hoverinfo="skip",
        )
    )
    animated = []
    iterations = frame_iterations(n_iter)
    first = iterations[-1]  # the first view shows where every run ended; ▶ replays the race
    paths = {run.key: _on_map(run.W) for run in runs}  # (n, 2) float32 each
    kept = {key: simplify(path) for key, path in paths.items()}
    for run in runs:
        full = paths[run.key][kept[run.key]]
        fig.add_trace(
            go.Scatter(
                x=full[:, 0],
                y=full[:, 1],
                mode="lines",
                line=dict(color=run.colour, width=1.5, dash="dot"),
                opacity=0.7,
                hoverinfo="skip",
                showlegend=False,
                legendgroup=run.key,
            )
        )
        trail = _trail(paths[run.key], kept[run.key], first)
        fig.add_trace(
            go.Scatter(
                x=trail[:, 0],
                y=trail[:, 1],
                mode="lines",
                line=dict(color=run.colour, width=3),
                name=run.name,
                legendgroup=run.key,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=trail[-1:, 0],
                y=trail[-1:, 1],
                mode="markers",
                marker=dict(color=run.colour, size=13, line=dict(color="white", width=2)),
                showlegend=False,
                legendgroup=run.key,
                hovertemplate=f"{run.name}<br>w_x = %{{x:.4f}}<br>w_rec = %{{y:.4f}}<extra></extra>",
            )
        )
        animated += [len(fig.data) - 2, len(fig.data) - 1]
        if run.diverged_at is not None:
            fig.add_annotation(**_divergence_arrow(run, lang, len(fig.layout.annotations)))

    def frame_data(i: int) -> list[dict]:
        data = []
        for run in runs:
            trail = _trail(paths[run.key], kept[run.key], i)
            data.append(dict(type="scatter", x=trail[:, 0], y=trail[:, 1]))
            data.append(dict(type="scatter", x=trail[-1:, 0], y=trail[-1:, 1]))
        return data

    fig.frames = [go.Frame(name=str(i), data=frame_data(i), traces=animated) for i in iterations]
    play = dict(frame=dict(duration=120, redraw=False), transition=dict(duration=0))
    fig.update_layout(
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                x=0.0,
                y=-0.1,
                xanchor="left",
                yanchor="top",
                buttons=[
                    dict(
                        label="▶",
                        method="animate",
                        args=[[str(i) for i in iterations], dict(play, mode="immediate")],
                    ),
                    dict(
                        label="❚❚",
                        method="animate",
                        args=[[None], dict(mode="immediate", frame=dict(duration=0, redraw=False))],
                    ),
                ],
            )
        ],
        sliders=[
            dict(
                active=len(iterations) - 1,
                x=0.12,
                len=0.88,
                y=-0.06,
                currentvalue=dict(prefix=t("opt.iteration", lang) + " ", xanchor="right"),
                steps=[
                    dict(
                        label=str(i),
                        method="animate",
                        args=[
                            [str(i)],
                            dict(mode="immediate", frame=dict(duration=0, redraw=False)),
                        ],
                    )
                    for i in iterations
                ],
            )
        ],
    )
    fig.update_xaxes(
        title_text=t("axis.w_x", lang), range=[-EDGE - 0.1, EDGE + 0.1], constrain="domain"
    )
    fig.update_yaxes(
        title_text=t("axis.w_rec", lang), range=[-EDGE - 0.1, EDGE + 0.1], scaleanchor="x"
    )
    theme.base_layout(fig, t("opt.figure.title", lang), height=640)
    fig.update_layout(
        clickmode="event+select",
        legend=dict(orientation="h", y=1.02, x=0, yanchor="bottom"),
        margin=dict(b=130, t=90),
    )
    return fig


def _divergence_arrow(run: RaceRun, lang: str, order: int) -> dict:
    """An arrow from where the run left the map (or stopped), pointing where it went."""
    drawn = _on_map(run.W).astype(np.float64)
    tail = drawn[-2] if len(drawn) > 1 else drawn[-1] - 0.1
    head = drawn[-1]
    direction = head - tail
    norm = float(np.hypot(*direction)) or 1.0
    head = np.clip(head, -EDGE, EDGE)
    tail = head - 0.9 * direction / norm  # a fixed-length arrow ending at the exit
    return dict(
        x=float(head[0]),
        y=float(head[1]),
        ax=float(tail[0]),
        ay=float(tail[1]),
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=3,
        arrowsize=1.5,
        arrowwidth=2.5,
        arrowcolor=run.colour,
        text=t(
            "opt.diverged.short",
            lang,
            name=run.name,
            i=run.diverged_at,
            grad=number(run.diverged_grad or float("inf"), 2),
        ),
        yshift=-22 * order,  # several runs may leave through the same corner
        font=dict(color="white", size=12),
        bgcolor=run.colour,
    )


def loss_figure(runs: list[RaceRun], lang: str) -> go.Figure:
    """ξ against iteration (log y) for each run; a diverged run ends with a cross."""
    fig = go.Figure()
    for run in runs:
        finite = np.isfinite(run.losses)
        it = np.arange(len(run.losses))[finite]
        fig.add_trace(
            go.Scatter(
                x=it.astype(np.int32),
                y=np.maximum(run.losses[finite], 1e-12),
                mode="lines",
                line=dict(color=run.colour, width=2.5),
                name=run.name,
                hovertemplate="%{x}: ξ = %{y:.4g}<extra>%{fullData.name}</extra>",
            )
        )
        if run.diverged_at is not None and it.size:
            fig.add_trace(
                go.Scatter(
                    x=[int(it[-1])],
                    y=[float(max(run.losses[finite][-1], 1e-12))],
                    mode="markers",
                    marker=dict(symbol="x", size=14, color=run.colour),
                    name=t("opt.diverged.marker", lang, name=run.name),
                    showlegend=False,
                    hovertemplate=t("opt.diverged.marker", lang, name=run.name) + "<extra></extra>",
                )
            )
    fig.update_yaxes(type="log", title_text="ξ", exponentformat="power")
    fig.update_xaxes(title_text=t("opt.iteration", lang))
    theme.base_layout(fig, t("opt.loss.title", lang), height=380)
    return fig


def race_html(fig: go.Figure) -> str:
    """A standalone HTML page that plays the race without a server (plotly.js embedded)."""
    return fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False)
