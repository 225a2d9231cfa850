"""The continuous-time RNN's gradient flow: ‖∂L/∂h_k‖ against k (top) and one unit's state
(bottom) while the leak α follows the pointer, the tanh RNN (α = 1) drawn for comparison."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explorer.figures import serialise, theme
from explorer.figures.sweep import Sweep
from explorer.figures.unrolled import FLOOR
from explorer.i18n import t

FIXED_ALPHAS = (0.1, 0.5)  # pale reference curves besides the tanh RNN (α = 1)
TANH = dict(color="#111", width=2, dash="dash")
USER = dict(color="#E69F00", width=4)


def _norms(norms) -> np.ndarray:
    """A curve as drawn on the log axis: float32 within [FLOOR, 3e38]."""
    return np.clip(serialise.finite32(norms), FLOOR, 3e38).astype(np.float32)


def _states(states) -> np.ndarray:
    return serialise.finite32(states).astype(np.float32)


def _pair(fig, k, norm, state, name: str, line: dict, hover: str) -> None:
    """One α's two curves: its ‖∂L/∂h_k‖ above (in the legend), its h_t[1] below."""
    fig.add_trace(
        go.Scatter(x=k, y=_norms(norm), name=name, line=line, hovertemplate=hover), row=1, col=1
    )
    below = dict(name=name, line=line, showlegend=False, hovertemplate=hover)
    fig.add_trace(go.Scatter(x=k, y=_states(state), **below), row=2, col=1)


def leak_figure(alphas, norms, states, active: int, rho: float, lang: str) -> go.Figure:
    """norms (F, T+1) ‖∂L/∂h_k‖ and states (F, T+1) unit 1's h_t, one row per α in `alphas`
    (the last is α = 1, the tanh RNN); the user's α (frame `active`) thick, moved by the slider."""
    k = np.arange(norms.shape[1], dtype=np.int32)
    fig = make_subplots(
        rows=2,
        cols=1,
        row_heights=[0.62, 0.38],
        vertical_spacing=0.13,
        subplot_titles=(t("dp.leak.top", lang), t("dp.leak.bottom", lang)),
    )
    sweep = Sweep(alphas)
    tanh_at = sweep.nearest(1.0)
    hover = "k = %{x}<br>%{y:.3g}<extra>%{fullData.name}</extra>"
    for alpha in FIXED_ALPHAS:  # the fixed leaks, thin and pale, above only
        at, line = sweep.nearest(alpha), dict(color="#9ecae1", width=1.5)
        trace = go.Scatter(x=k, y=_norms(norms[at]), name=f"α = {alpha:g}", line=line)
        fig.add_trace(trace.update(hovertemplate=hover), row=1, col=1)
    _pair(fig, k, norms[tanh_at], states[tanh_at], t("dp.leak.tanh", lang), TANH, hover)
    _pair(fig, k, norms[active], states[active], t("dp.leak.user", lang), USER, hover)
    moving = [len(fig.data) - 2, len(fig.data) - 1]
    fig.frames = [
        go.Frame(
            name=label,
            traces=moving,
            data=[
                dict(type="scatter", y=_norms(norms[i])),
                dict(type="scatter", y=_states(states[i])),
            ],
        )
        for i, label in enumerate(sweep.frames)
    ]
    low = float(np.log10(_norms(norms).min())) - 0.5
    fig.update_yaxes(
        title_text="‖∂L/∂h_k‖",
        type="log",
        exponentformat="power",
        range=[low, float(np.log10(_norms(norms).max())) + 0.5],
        row=1,
        col=1,
    )
    fig.update_yaxes(title_text="h_t[1]", range=[-1.05, 1.05], row=2, col=1)
    fig.update_xaxes(title_text=t("un.flow.axis.k", lang), row=2, col=1)
    fig.update_layout(sliders=[theme.frame_slider(sweep, active, "α = ", pad_t=30)])
    title = t("dp.leak.title", lang, rho=f"{rho:g}")
    return theme.base_layout(fig, title, height=640, l=92, r=215, b=132)
