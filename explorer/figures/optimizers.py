"""Optimizer race figures: paths animated over the log-coloured loss surface, loss per iteration."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import numpy as np
import plotly.colors
import plotly.graph_objects as go
from PIL import Image

from explorer import numerics
from explorer.figures import serialise, theme
from explorer.figures.loss_surface import CAP, FLOOR
from explorer.figures.sweep import Sweep
from explorer.i18n import number, t

BOX = 3.0  # the map: w_x, w_rec ∈ [-3, 3]
EDGE = 3.25  # where a path that leaves the map is drawn (just outside, with an arrow)
TOLERANCE = 0.005  # paths are thinned to within this distance (≈ half a pixel on the map)
CLICK_STEP = 0.1  # a click on the race starts from the nearest point of this grid (the map's)
# The start marker, moved by the browser at a click (snapped as race.snap_start does) before the
# server answers: the chart element's `click_mark`.
START_MARK = {"meta": "start", "step": CLICK_STEP, "lo": -3.0, "hi": 3.0}


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


def png_bytes(rgb: np.ndarray) -> bytes:
    """A PNG (8-bit RGB) of an image (H, W, 3) uint8, top row first."""
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8)).save(
        buffer, format="PNG", compress_level=9
    )
    return buffer.getvalue()


def surface_image(w_axis, z: np.ndarray, zmin: float, zmax: float) -> dict:
    """The log-coloured surface as a layout image under the paths (a `layout.images` entry).

    Plotly.js wipes heatmap traces from a subplot while it animates scatter traces
    (plotly.js#4491, plotly.py#2151); an image in the layout is not a trace and stays. The
    heatmap trace is kept on top for the colour bar and looks the same wherever it is drawn.
    z (G, G) with rows along w_axis (w_rec) and columns along w_axis (w_x).
    """
    lut = plotly.colors.sample_colorscale(
        plotly.colors.get_colorscale(theme.LOSS_SCALE), np.linspace(0, 1, 256).tolist()
    )
    lut = np.array([plotly.colors.unlabel_rgb(c) for c in lut]).round().astype(np.uint8)
    level = np.clip((np.asarray(z, dtype=np.float64) - zmin) / (zmax - zmin), 0, 1)
    rgb = lut[np.round(level * 255).astype(int)][::-1]  # (G, G, 3), top row = largest w_rec
    w = np.asarray(w_axis, dtype=np.float64)
    half = (w[-1] - w[0]) / (len(w) - 1) / 2  # cells are centred on the grid points
    return dict(
        source="data:image/png;base64," + base64.b64encode(png_bytes(rgb)).decode("ascii"),
        xref="x",
        yref="y",
        x=float(w[0] - half),
        y=float(w[-1] + half),
        sizex=float(w[-1] - w[0] + 2 * half),
        sizey=float(w[-1] - w[0] + 2 * half),
        sizing="stretch",
        layer="below",
    )


@dataclass(frozen=True)
class Preview:
    """A hyper-parameter the browser previews while it is dragged: `run` (a key of the race)
    drawn for each of `values` (its precomputed paths, RaceRuns), `active` the value in use."""

    param: str
    label: str  # the slider's caption
    run: str
    values: tuple
    labels: tuple
    runs: tuple  # RaceRun per value
    active: int


def race_figure(*args, **kwargs) -> go.Figure:
    """The race (see `_race`) as a plotly Figure, its frames validated by plotly (the HTML
    download, tests)."""
    fig, frames = _race(*args, **kwargs)
    fig.frames = frames
    return fig


def race_spec(*args, **kwargs) -> serialise.FrozenFigure:
    """The race (see `_race`) frozen for the chart element: the same JSON as
    `serialise.freeze(race_figure(...))`, without plotly validating its ~100 frames (built
    here as plain JSON; a third of the figure's time on each click)."""
    fig, frames = _race(*args, **kwargs)
    return serialise.freeze(fig, frames=frames)


def _race(
    w_axis,
    xi,
    runs: list[RaceRun],
    n_iter: int,
    start,
    lang: str,
    at: int | None = None,
    previews: tuple = (),
    pinned: tuple = (),
) -> tuple[go.Figure, list[dict]]:
    """The race: heatmap of log10 ξ (a click on it picks the start), each run's faint full path,
    an animated trail and head, a browser-side slider with play/pause, an arrow for every run
    that left the map, and a slider per `previews` that swaps that run's path as it is dragged.
    `at`: the iteration shown (default the last); `pinned`: (name, path) pairs of a race the
    student kept to compare, drawn grey and dashed."""
    z, _ = numerics.log_colour(xi, FLOOR, CAP)
    at = n_iter if at is None else int(np.clip(at, 0, n_iter))
    iterations = np.unique(np.r_[frame_iterations(n_iter), at])
    paths = {run.key: _on_map(run.W) for run in runs}  # (n, 2) float32 each
    kept = {key: simplify(path) for key, path in paths.items()}
    arrows = _arrows(runs, paths, lang)
    fig = go.Figure()
    fig.add_trace(_surface_trace(w_axis, z, lang))
    fig.add_layout_image(surface_image(w_axis, z, np.log10(FLOOR), np.log10(CAP)))
    fig.add_traces(_start_and_optimum(start, lang))
    animated, owned = _add_runs(fig, runs, paths, kept, arrows, at)
    fig.add_traces([_pinned_trace(name, path) for name, path in pinned])  # not animated
    initial = _frame_data(runs, paths, kept, arrows, at)
    for index, update in zip(animated, initial, strict=True):  # arrows as they are at `at`
        fig.data[index].update({k: v for k, v in update.items() if k != "type"})
    # plain dicts (go.Frame objects would be validated twice)
    frames = [
        dict(
            name=str(i),
            group="iteration",
            traces=animated,
            data=_frame_data(runs, paths, kept, arrows, i),
        )
        for i in iterations
    ]
    for preview in previews:
        frames += _preview_frames(preview, owned.get(preview.run, []), at)
    sliders = [_slider(iterations, lang, int(np.searchsorted(iterations, at)))]
    sliders += [_preview_slider(p, k) for k, p in enumerate(previews)]
    fig.update_layout(updatemenus=[_play_buttons(iterations)], sliders=sliders)
    fig.update_layout(_map_axes(lang))
    theme.base_layout(fig, t("opt.figure.title", lang), height=HEIGHT, r=20, t=TOP, b=BOTTOM)
    fig.update_layout(  # the title at the top, then up to two rows of legend, then the map
        title=dict(yref="container", y=1, yanchor="top", pad=dict(t=14)),
        legend=dict(orientation="h", y=1.02, x=0, yanchor="bottom"),
    )
    return fig, frames


def _add_runs(fig, runs, paths, kept, arrows, at: int) -> tuple[list[int], dict]:
    """Each run's full path, trail and head, then each arrow, added to `fig`: (the traces the
    frames redraw: trails, heads and arrows; run → its own traces, for its preview slider)."""
    animated = []
    owned: dict[str, list[int]] = {}  # run → its full path, trail, head (and arrow) traces
    for run in runs:  # the first view shows the iteration `at`; ▶ replays the race
        fig.add_traces(_path_traces(run, paths[run.key], kept[run.key], at))
        animated += [len(fig.data) - 2, len(fig.data) - 1]
        owned[run.key] = [len(fig.data) - 3, len(fig.data) - 2, len(fig.data) - 1]
    for arrow in arrows:
        fig.add_traces(_arrow_traces(arrow))
        animated += [len(fig.data) - 2, len(fig.data) - 1]
        owned[arrow.run.key] += [len(fig.data) - 2, len(fig.data) - 1]
    return animated, owned


def _pinned_trace(name: str, path) -> go.Scatter:
    """A kept run's path (up to where it left the map), grey and dashed under the race."""
    drawn = _on_map(np.asarray(path, dtype=np.float64).reshape(-1, 2))
    return go.Scatter(
        x=drawn[:, 0],
        y=drawn[:, 1],
        mode="lines",
        name=name,
        line=dict(color=theme.PINNED_COLOUR, width=2, dash="dash"),
        hovertemplate=f"{name}<br>w_x = %{{x:.3f}}<br>w_rec = %{{y:.3f}}<extra></extra>",
    )


# The map on the left, its controls in a column beside it (▶ ❚❚ on a row of their own, the
# iteration slider, the previewed hyper-parameters): on a 1366×768 laptop the map and
# every slider are on screen together (the chart was 1072 px tall, the sliders under the map).
HEIGHT = 640  # the whole chart, whatever it previews: a map of 454 px
TOP, BOTTOM = 116, 70  # the title and up to two rows of legend; the w_x axis's title
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM  # the map's height in pixels: the column is placed in its units
MAP_RIGHT = 0.55  # the map's side of the chart (paper); its colour bar just right of it
COLUMN = 0.67  # where the controls' column starts (paper), to the right edge
BUTTONS_ROW = 36  # pixels of the ▶ ❚❚ row, above the iteration slider
SLIDER_ROW = 90  # pixels of the iteration slider's row (its ticks labelled)
PREVIEW_ROW = 46  # pixels per previewed hyper-parameter's slider


def _row_y(pixels: float) -> float:
    """`pixels` below the map's top, in the paper units sliders and buttons are placed in."""
    return 1 - pixels / PLOT_HEIGHT


def _preview_frames(preview: Preview, traces: list[int], at: int) -> list[dict]:
    """One frame per value of the previewed parameter: the run's full path, trail and head (its
    arrow hidden: the released value redraws it)."""
    frames = []
    for label, run in zip(preview.labels, preview.runs, strict=True):
        path = _on_map(run.W)
        kept = simplify(path)
        trail = _trail(path, kept, at)
        data = [
            dict(type="scatter", **serialise.xy_lists(path[kept])),
            dict(type="scatter", **serialise.xy_lists(trail)),
            dict(type="scatter", **serialise.xy_lists(trail[-1:])),
        ]
        if len(traces) > 3:  # the run's arrow and label, out of sight
            data.append(dict(type="scatter", x=[0.0, 0.0], y=[0.0, 0.0], marker=dict(size=[0, 0])))
            data.append(dict(type="scatter", x=[0.0], y=[0.0], text=[""]))
        frames.append(
            dict(
                name=f"{preview.param}={label}",
                group=preview.param,
                traces=traces[: len(data)],
                data=data,
            )
        )
    return frames


def _preview_slider(preview: Preview, k: int) -> dict:
    """The k-th preview slider: one a row under the iteration slider, beside the map (its value
    in its label; no ticks: they would need a row of their own)."""
    step = theme.jump()
    return dict(
        active=preview.active,
        x=COLUMN,
        len=1 - COLUMN,
        y=_row_y(BUTTONS_ROW + SLIDER_ROW + k * PREVIEW_ROW),
        yanchor="top",
        pad=dict(t=8, b=4),
        currentvalue=dict(prefix=preview.label + " = ", font=dict(size=12, color="#2a3f5f")),
        font=dict(size=10, color="rgba(0,0,0,0)"),
        ticklen=0,
        minorticklen=0,
        steps=Sweep(preview.values, preview.labels, f"{preview.param}=").steps(
            "animate", lambda i: [[f"{preview.param}={preview.labels[i]}"], step]
        ),
    )


def _map_axes(lang: str) -> dict:
    """The map's axes: equal scales, a margin for the arrows, no grid lines (they would be drawn
    over the surface image)."""
    shown = [-EDGE - 0.1, EDGE + 0.1]
    return dict(
        xaxis=dict(
            title=dict(text=t("axis.w_x", lang)),
            range=shown,
            domain=[0, MAP_RIGHT],
            constrain="domain",
            showgrid=False,
            zeroline=False,
        ),
        yaxis=dict(
            title=dict(text=t("axis.w_rec", lang)),
            range=shown,
            scaleanchor="x",
            showgrid=False,
            zeroline=False,
        ),
    )


def _surface_trace(w_axis, z: np.ndarray, lang: str) -> go.Heatmap:
    """The loss map: log10 ξ (G, G) over w_axis × w_axis, with its colour bar."""
    ticks, labels = numerics.log_ticks(FLOOR, CAP)
    w32 = np.asarray(w_axis, dtype=np.float32)
    return go.Heatmap(
        x=w32,
        y=w32,
        z=z,
        zmin=np.log10(FLOOR),
        zmax=np.log10(CAP),
        zsmooth="fast",  # smoothed by the browser as it scales the image: ~20 ms less
        colorscale=theme.LOSS_SCALE,
        colorbar=dict(
            title=dict(text=t("ls.colorbar", lang)),
            tickvals=ticks,
            ticktext=labels,
            x=MAP_RIGHT + 0.01,
            xanchor="left",
        ),
        # hoverable: a click on a cell is the chart's click event (the race starts there)
        hovertemplate=f"w_x = %{{x:.1f}}<br>w_rec = %{{y:.1f}}<extra>{t('opt.click_hint', lang)}</extra>",
        name="ξ",
    )


def _start_and_optimum(start, lang: str) -> list[go.Scatter]:
    """The start (an open circle) and the optimum (1, 1) (a star)."""
    return [
        go.Scatter(
            x=[start[0]],
            y=[start[1]],
            mode="markers",
            marker=dict(symbol="circle-open", size=16, color="#111", line=dict(width=3)),
            name=t("opt.start", lang),
            meta=START_MARK["meta"],
            hovertemplate=f"({start[0]:g}, {start[1]:g})<extra>{t('opt.start', lang)}</extra>",
        ),
        go.Scatter(
            x=[1.0],
            y=[1.0],
            mode="markers",
            marker=dict(symbol="star", size=16, color="white", line=dict(color="black", width=1)),
            name=t("label.optimum", lang),
            hoverinfo="skip",
        ),
    ]


def _path_traces(run: RaceRun, path: np.ndarray, kept: np.ndarray, upto: int) -> list:
    """One run: its faint full path (dotted), its trail up to `upto` and its head there.
    path (n, 2) from `_on_map`; kept = simplify(path)."""
    full, trail = path[kept], _trail(path, kept, upto)
    group = dict(legendgroup=run.key)
    return [
        go.Scatter(
            x=full[:, 0],
            y=full[:, 1],
            mode="lines",
            line=dict(color=run.colour, width=1.5, dash="dot"),
            opacity=0.7,
            hoverinfo="skip",
            showlegend=False,
            **group,
        ),
        go.Scatter(
            x=trail[:, 0],
            y=trail[:, 1],
            mode="lines",
            line=dict(color=run.colour, width=3),
            name=run.name,
            **group,
            hoverinfo="skip",
        ),
        go.Scatter(
            x=trail[-1:, 0],
            y=trail[-1:, 1],
            mode="markers",
            marker=dict(color=run.colour, size=13, line=dict(color="white", width=2)),
            showlegend=False,
            **group,
            hovertemplate=f"{run.name}<br>w_x = %{{x:.4f}}<br>w_rec = %{{y:.4f}}<extra></extra>",
        ),
    ]


@dataclass(frozen=True)
class _Arrow:
    """A run that diverged or left the map: drawn from iteration `shown_from` on."""

    run: RaceRun
    shown_from: int
    line: np.ndarray  # (2, 2): tail, head
    label: np.ndarray  # (1, 2): where the text sits
    text: str
    position: str  # textposition: on the side towards the map's centre


LABEL_GAP = 0.7  # data units a two-line label takes, in presenter mode too


def _arrows(runs: list[RaceRun], paths: dict, lang: str) -> list[_Arrow]:
    """An arrow for each run that diverged or left the map. Its label (name, then what
    happened: two lines) sits inside the map at the height of the arrowhead, from the map's
    edge on the arrow's side inwards: the whole map's width for its text, never past the other
    edge (under the colour bar) nor onto the axis; labels on the same side stacked."""
    arrows, taken = [], []  # (side, low, high): the heights the labels hold on each side
    for run in runs:
        shown_from = _leaves_at(run, paths[run.key])
        if shown_from is None:
            continue
        (tail, head), text = _divergence_arrow(run, paths[run.key], lang)
        side = 1.0 if head[0] >= 0 else -1.0  # the text runs from this edge towards the other
        down = -1.0 if head[1] >= 0 else 1.0  # towards the map's centre
        y = head[1] + down * 0.45  # clear of the map's edge (a label at the edge ran over it)
        while clash := [t for t in taken if t[0] == side and _meets(t[1:], y, down)]:
            y = min(t[1] for t in clash) - 0.15 if down < 0 else max(t[2] for t in clash) + 0.15
        taken.append((side, *sorted((y, y + down * LABEL_GAP))))
        position = ("bottom " if down < 0 else "top ") + ("left" if side > 0 else "right")
        label = np.array([[side * EDGE, y]])
        text = _two_lines_label(text)
        arrows.append(_Arrow(run, shown_from, np.array([tail, head]), label, text, position))
    return arrows


def _meets(held: tuple, y: float, down: float) -> bool:
    """A label from height y (growing `down`) would overlap the heights `held` (low, high)."""
    low, high = sorted((y, y + down * LABEL_GAP))
    return low < held[1] + 0.1 and held[0] - 0.1 < high  # and a little room between


def _two_lines_label(text: str) -> str:
    """ "SGD: diverged at it. 4, …" as "SGD:<br>diverged at it. 4, …" (half as wide)."""
    for colon in ("：", ": "):
        name, found, rest = text.partition(colon)
        if found:
            return f"{name}{colon.strip()}<br>{rest}"
    return text


def _arrow_traces(arrow: _Arrow) -> list[go.Scatter]:
    """The arrow and its label (traces, so ▶ needs no redraw), as drawn at the last iteration."""
    run = arrow.run
    return [
        go.Scatter(
            **serialise.xy_lists(arrow.line),
            mode="lines+markers",
            line=dict(color=run.colour, width=3),
            marker=dict(symbol="arrow", angleref="previous", size=[0, 18], color=run.colour),
            hoverinfo="skip",
            showlegend=False,
            legendgroup=run.key,
        ),
        go.Scatter(
            **serialise.xy_lists(arrow.label),
            mode="text",
            text=[arrow.text],
            textposition=arrow.position,
            textfont=dict(color="#111", size=13, weight="bold", shadow="auto"),
            cliponaxis=False,
            hoverinfo="skip",
            showlegend=False,
            legendgroup=run.key,
        ),
    ]


def _frame_data(runs, paths: dict, kept: dict, arrows: list[_Arrow], i: int) -> list[dict]:
    """The animated traces at iteration i: each run's trail and head, then each arrow."""
    data = []
    for run in runs:
        trail = _trail(paths[run.key], kept[run.key], i)
        data.append(dict(type="scatter", **serialise.xy_lists(trail)))
        data.append(dict(type="scatter", **serialise.xy_lists(trail[-1:])))
    for arrow in arrows:
        # not yet: a zero-length arrow with no head and no label (empty arrays would leave
        # the last drawing on screen when animating without a redraw, plotly.js#3931)
        shown = arrow.shown_from <= i
        points = arrow.line if shown else arrow.line[[1, 1]]
        head = dict(size=[0, 18 if shown else 0])
        data.append(dict(type="scatter", **serialise.xy_lists(points), marker=head))
        data.append(
            dict(
                type="scatter",
                **serialise.xy_lists(arrow.label),
                text=[arrow.text if shown else ""],
            )
        )
    return data


def _play_buttons(iterations: np.ndarray) -> dict:
    """⏮ ▶ ❚❚ ⏭ at the top of the controls' column (a row of their own: off the slider),
    played by the browser."""
    play = dict(frame=dict(duration=120, redraw=False), transition=dict(duration=0))
    jump = theme.jump()
    return dict(
        type="buttons",
        direction="left",
        x=COLUMN,
        y=1,
        xanchor="left",
        yanchor="top",
        pad=dict(t=0, b=0, l=0, r=0),
        buttons=[
            dict(label="⏮", method="animate", args=[[str(iterations[0])], jump]),
            dict(  # from the frame shown (where ❚❚ stopped it), from the start after the last
                label="▶",
                method="animate",
                args=[[str(i) for i in iterations], dict(play, mode="immediate", fromcurrent=True)],
            ),
            dict(label="❚❚", method="animate", args=[[None], jump]),
            dict(label="⏭", method="animate", args=[[str(iterations[-1])], jump]),
        ],
    )


def _slider(iterations: np.ndarray, lang: str, active: int | None = None) -> dict:
    """The iteration slider under the buttons (one step per frame), at step `active` (default:
    the last)."""
    step = theme.jump()
    return dict(
        active=len(iterations) - 1 if active is None else active,
        x=COLUMN,
        len=1 - COLUMN,
        y=_row_y(BUTTONS_ROW),
        yanchor="top",
        currentvalue=dict(prefix=t("opt.iteration", lang) + " ", xanchor="right"),
        steps=Sweep(iterations, fmt="d").steps("animate", lambda i: [[str(iterations[i])], step]),
    )


def _leaves_at(run: RaceRun, drawn: np.ndarray) -> int | None:
    """The iteration at which a run leaves the map (its drawn path is cut at the edge) or, if it
    diverged on the map, its last finite one; None for a run that stays on the map."""
    if len(drawn) < len(run.W) or np.any(np.abs(run.W[len(drawn) - 1]) > EDGE):
        return len(drawn) - 1
    return len(run.W) - 1 if run.diverged_at is not None else None


def _divergence_arrow(run: RaceRun, drawn: np.ndarray, lang: str):
    """((tail, head), text): a fixed-length arrow ending where the run left the map (or
    stopped), along its last step, and what happened to it."""
    drawn = drawn.astype(np.float64)
    tail = drawn[-2] if len(drawn) > 1 else drawn[-1] - 0.1
    head = drawn[-1]
    direction = head - tail
    norm = float(np.hypot(*direction)) or 1.0
    head = np.clip(head, -EDGE, EDGE)
    tail = head - 0.9 * direction / norm
    if run.diverged_at is not None:
        text = t(
            "opt.diverged.short",
            lang,
            name=run.name,
            i=run.diverged_at,
            grad=number(run.diverged_grad or float("inf"), 2),
        )
    else:  # thrown off the map but still finite: say where it went
        i = len(drawn) - 1
        wx, wrec = run.W[i]
        text = t("opt.left.short", lang, name=run.name, i=i, wx=number(wx), wrec=number(wrec))
    return (tail, head), text


LOSS_TOP = 1e10  # the loss chart's ceiling: a diverging run would squash everything else


def _two_lines(name: str) -> str:
    """A legend entry with its bracket on a second line: "SGD + element-wise clipping<br>(…)"."""
    return name.replace(" (", "<br>(").replace("（", "<br>（")


def loss_figure(runs: list[RaceRun], lang: str) -> go.Figure:
    """ξ against iteration (log y) for each run. Losses above LOSS_TOP (and ∞) are drawn on
    the ceiling, a dashed line that says so; a diverged run ends with a cross."""
    fig = go.Figure()
    lowest = LOSS_TOP
    for run in runs:
        losses = np.where(np.isfinite(run.losses), run.losses, np.inf)
        drawn = np.clip(losses, 1e-12, LOSS_TOP)  # inf → the ceiling
        positive = losses[losses > 0]
        lowest = min(lowest, float(positive.min()) if positive.size else LOSS_TOP)
        fig.add_trace(
            go.Scatter(
                y=drawn.astype(np.float32),  # x = 0, 1, 2, … (no array needed)
                mode="lines",
                line=dict(color=run.colour, width=2.5),
                name=_two_lines(run.name),  # the legend's width stays that of its margin
                legendgroup=run.key,
                hovertemplate="%{x}: ξ = %{y:.4g}<extra>%{fullData.name}</extra>",
            )
        )
        if run.diverged_at is not None:
            last = len(losses) - 1
            text = t("opt.diverged.marker", lang, name=run.name) + f": ξ = {number(losses[-1])}"
            fig.add_trace(
                go.Scatter(
                    x=[last],
                    y=[float(drawn[-1])],
                    mode="markers",
                    marker=dict(symbol="x", size=14, color=run.colour),
                    showlegend=False,
                    legendgroup=run.key,
                    hovertemplate=text + "<extra></extra>",
                )
            )
    bottom = max(np.floor(np.log10(lowest)) - 0.5, -12.0)
    fig.add_hline(y=LOSS_TOP, line=dict(color="#666", dash="dash", width=1))
    fig.add_annotation(  # on a log axis an annotation's y is log10 of the value (shapes: not)
        text=t("opt.loss.ceiling", lang, top=f"1e{np.log10(LOSS_TOP):.0f}"),
        x=1,
        xref="x domain",
        xanchor="right",
        y=np.log10(LOSS_TOP),
        yref="y",
        yanchor="top",
        showarrow=False,
        font=dict(color="#444", size=12),
    )
    fig.update_yaxes(
        type="log", title_text="ξ", exponentformat="power", range=[bottom, np.log10(LOSS_TOP) + 0.3]
    )
    fig.update_xaxes(title_text=t("opt.iteration", lang), rangemode="tozero")
    theme.base_layout(fig, t("opt.loss.title", lang), height=380, l=84, r=270)
    return fig


def race_html(fig: go.Figure) -> str:
    """A standalone HTML page that plays the race without a server (plotly.js embedded)."""
    return fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False)
