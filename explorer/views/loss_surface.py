"""The loss-surface view's numbers: ξ(w_x, w_rec) of the counting-ones RNN on a grid, a
cross-section at fixed w_x, and one point's gradient three ways (BPTT, finite differences,
torch autograd). Data are the tutorial's counting-ones sequences (tutorial 003)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.cells import linear_rnn
from explorer.gradients import gradcheck


@dataclass(frozen=True)
class SurfacePanel:
    """One heatmap: the grid axes, ξ (G_rec, G_x) and its gradient (2 × the same shape)."""

    w_x: np.ndarray
    w_rec: np.ndarray
    xi: np.ndarray
    d_wx: np.ndarray
    d_wrec: np.ndarray
    title: str = ""


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
    from explorer.i18n import number, t

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
