"""The loss-surface view's numbers: ξ(w_x, w_rec) of the counting-ones RNN on a grid, a
cross-section at fixed w_x, and one point's gradient three ways (BPTT, finite differences,
torch autograd). Data are the tutorial's counting-ones sequences (tutorial 003).

What the page shows, from the page's settings: `panels_shown` (the heatmaps a view asks for),
`surface_view` (the heatmaps, the data summary, the overflow note, the reading guide),
`cross_view` (the cross-section and its valley), `check_view` (the gradient check's table),
`surface_3d` and `grid_columns` (the CSV)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.cells import linear_rnn
from explorer.figures import loss_surface as figs
from explorer.figures import serialise
from explorer.figures.loss_surface import SurfacePanel
from explorer.gradients import gradcheck
from explorer.i18n import count, number, t
from explorer.views import direct


def panel(n_samples: int, seq_len: int, seed: int, grid: int, lo: float, hi: float, title: str):
    """ξ and its gradient on a (grid × grid) square [lo, hi]² → SurfacePanel."""
    X, t = linear_rnn.counting_data(n_samples, seq_len, seed)
    axis = np.linspace(lo, hi, grid)
    xi = linear_rnn.loss_surface(X, t, axis, axis)
    d_wx, d_wrec = linear_rnn.gradient_surface(X, t, axis, axis)
    return SurfacePanel(axis, axis, xi, d_wx, d_wrec, title)


CUT_WX: tuple[float, ...] = tuple(np.round(np.arange(-3.0, 3.0 + 1e-9, 0.05), 2) + 0.0)  # 121
CUT_POINTS = 301  # w_rec samples per cross-section frame (121 frames travel to the browser)


def cross_sections(
    n_samples: int, seq_len: int, seed: int, w_x_values, lo: float, hi: float
) -> tuple[np.ndarray, np.ndarray]:
    """(w_rec (CUT_POINTS,), ξ (len(w_x_values), CUT_POINTS)): a cross-section along w_rec
    for every w_x at once (one frame each of the in-chart w_x slider)."""
    X, t = linear_rnn.counting_data(n_samples, seq_len, seed)
    w_rec = np.linspace(lo, hi, CUT_POINTS)
    return w_rec, linear_rnn.loss_surface(X, t, w_x_values, w_rec).T


def valley(w_rec: np.ndarray, xi: np.ndarray) -> tuple[float, float]:
    """(w_rec, ξ) where one cross-section is lowest (ξ = ∞ never is)."""
    i = int(np.argmin(np.where(np.isfinite(xi), xi, np.inf)))
    return float(w_rec[i]), float(xi[i])


def overflow(p: SurfacePanel, cap: float) -> tuple[int, int, int]:
    """(cells at or above `cap` (the colour scale's top), cells in all, cells where ξ = ∞)."""
    capped = int(np.sum(~np.isfinite(p.xi) | (p.xi >= cap)))
    return capped, p.xi.size, int(np.sum(~np.isfinite(p.xi)))


def check_gradients(
    n_samples: int, seq_len: int, seed: int, w_x: float, w_rec: float, torch: bool
) -> dict[str, tuple[float, float]]:
    """∂ξ/∂(w_x, w_rec) by BPTT, central differences and (optionally) torch autograd."""
    X, t = linear_rnn.counting_data(n_samples, seq_len, seed)
    rows = {"bptt": linear_rnn.gradients(X, t, w_x, w_rec)[:2]}
    rows["fd"] = gradcheck.central_difference(X, t, w_x, w_rec)
    if torch:  # imported lazily: torch costs ~1 s the first time
        from explorer.cells.linear_rnn_torch import torch_gradients

        rows["autograd"] = torch_gradients(X, t, w_x, w_rec)[1:]
    return rows


def worst_error(rows: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Each method's largest relative error against BPTT."""
    return {
        name: max(gradcheck.relative_error(a, b) for a, b in zip(g, rows["bptt"], strict=True))
        for name, g in rows.items()
    }


def guide_numbers(n_samples: int, seq_len: int, seed: int, w_x: float, w_rec: float) -> dict:
    """The reading guide's live numbers: ξ at the tutorial's probe (1, 2) and at (1, 0.5), and
    the gradient's size at the student's point."""
    X, t = linear_rnn.counting_data(n_samples, seq_len, seed)
    bptt = linear_rnn.gradients(X, t, w_x, w_rec)[:2]
    return {
        "xi_12": linear_rnn.loss(X, t, 1.0, 2.0),
        "xi_105": linear_rnn.loss(X, t, 1.0, 0.5),
        "gnorm": float(np.hypot(*bptt)),
        "t_min": float(t.min()),
        "t_max": float(t.max()),
    }


def notice_text(numbers: dict, w_x: float, w_rec: float, lang: str) -> str:
    """The reading guide, in `lang`, from `guide_numbers`: ξ at (1, 2) and (1, 0.5), their ratio
    (or, when ξ(1, 0.5) is exactly 0, why there is none), the gradient's size at (w_x, w_rec)."""
    xi_12, xi_105 = numbers["xi_12"], numbers["xi_105"]
    return t(
        "wd.ls.notice" if xi_105 > 0 else "wd.ls.notice.zero",
        lang,
        xi_12=number(xi_12),
        xi_105=number(xi_105),
        ratio=number(xi_12 / xi_105) if xi_105 > 0 else "",
        wx=w_x,
        wrec=w_rec,
        gnorm=number(numbers["gnorm"]),
    )


def grid_columns(p: SurfacePanel) -> dict[str, np.ndarray]:
    """A panel as CSV columns: w_x, w_rec, ξ and its gradient, one row per grid cell."""
    return {
        "w_x": np.tile(p.w_x, len(p.w_rec)),
        "w_rec": np.repeat(p.w_rec, len(p.w_x)),
        "xi": p.xi.ravel(),
        "d_xi_d_wx": p.d_wx.ravel(),
        "d_xi_d_wrec": p.d_wrec.ravel(),
    }


# --- What the page shows -------------------------------------------------------------------------

VIEWS = ("both", "overview", "zoom", "custom")


def panels_shown(view: str, span: tuple, lang: str) -> tuple[tuple[float, float, str], ...]:
    """(lo, hi, title) of each heatmap the chosen view shows; `span` is the custom view's range
    (both ends dragged together: widened to 1 instead of failing)."""
    if view == "custom":
        lo, hi = sorted(float(v) for v in span)
        if hi - lo < 0.25:
            lo, hi = lo - 0.5, hi + 0.5
        return ((lo, hi, t("ls.panel.custom", lang, lo=lo, hi=hi)),)
    overview = (-3.0, 3.0, t("ls.panel.overview", lang))
    zoom = (0.0, 2.0, t("ls.panel.zoom", lang))
    return {"both": (overview, zoom), "overview": (overview,), "zoom": (zoom,)}[view]


@dataclass(frozen=True)
class SurfaceView:
    figure: serialise.FrozenFigure
    summary: str  # the data and the grid
    overflow: str | None  # how many cells of the first panel are capped, or None: none
    notice: str  # the reading guide (`notice_text`)


def surface_view(
    shape: tuple, chosen: tuple, grid: int, point: tuple, lang: str, memo=direct
) -> SurfaceView:
    """The heatmaps of `chosen` (from `panels_shown`) on the data `shape` = (samples, seq_len,
    seed), the gradient-check `point` marked, and the sentences about them."""
    panels = [memo(panel, *shape, grid, lo, hi, title) for lo, hi, title in chosen]
    figure = serialise.freeze(figs.surface_figure(panels, lang, user_point=point))
    numbers = memo(guide_numbers, *shape, *point)
    samples, seq_len, seed = shape
    summary = t(
        "ls.data_summary",
        lang,
        sequences=count(samples, "wd.sequence", lang),
        T=seq_len,
        seed=seed,
        tmin=numbers["t_min"],
        tmax=numbers["t_max"],
        g=grid,
    )
    capped, total, inf = overflow(panels[0], figs.CAP)
    note = t("ls.overflow_note", lang, capped=capped, total=total, inf=inf) if capped else None
    return SurfaceView(figure, summary, note, notice_text(numbers, *point, lang))


def cut_index(w_x: float) -> int:
    """The frame of CUT_WX nearest `w_x` (the cross-section's slider moves in 0.05 steps)."""
    return min(range(len(CUT_WX)), key=lambda i: abs(CUT_WX[i] - w_x))


@dataclass(frozen=True)
class CrossView:
    figure: serialise.FrozenFigure
    caption: str  # where the shown cross-section is lowest


def cross_view(shape: tuple, w_x: float, lo: float, hi: float, lang: str, memo=direct):
    """The cross-section along w_rec ∈ [lo, hi], w_x on the chart's own slider (one frame per
    value of CUT_WX, the one nearest `w_x` shown), and the valley of the shown one."""
    active = cut_index(w_x)
    w_rec, xi = memo(cross_sections, *shape, CUT_WX, lo, hi)
    figure = figs.cross_section_frames(w_rec, xi, CUT_WX, active, lang)  # frozen already
    valley_wrec, valley_xi = valley(w_rec, xi[active])
    caption = t("ls.cross.caption", lang, wx=CUT_WX[active], wrec=valley_wrec, xi=number(valley_xi))
    return CrossView(figure, caption)


def surface_3d(shape: tuple, grid: int, first: tuple, lang: str, memo=direct):
    """The first panel `first` = (lo, hi, title) in 3-D."""
    return figs.surface_3d_figure(memo(panel, *shape, grid, *first), lang)


def check_view(shape: tuple, point: tuple, torch: bool, lang: str) -> dict | str:
    """The gradient check at `point` as table columns (each method's ∂ξ/∂w and its relative
    error against BPTT), or the sentence saying why there is none (the gradient overflows)."""
    rows = check_gradients(*shape, *point, torch)
    if not all(abs(g) < float("inf") for g in rows["bptt"]):
        return t("ls.check.nonfinite", lang)
    errors = worst_error(rows)
    return {
        t("ls.check.method", lang): [t(f"ls.check.{name}", lang) for name in rows],
        "∂ξ/∂w_x": [f"{g[0]:.12g}" for g in rows.values()],
        "∂ξ/∂w_rec": [f"{g[1]:.12g}" for g in rows.values()],
        t("ls.check.rel", lang): [number(errors[name]) for name in rows],
    }


def csv_columns(shape: tuple, grid: int, first: tuple, memo=direct) -> dict[str, np.ndarray]:
    """The first panel's grid as CSV columns (`grid_columns`)."""
    return grid_columns(memo(panel, *shape, grid, *first))
