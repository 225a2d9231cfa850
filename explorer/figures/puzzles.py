"""Program the cell: a wiring run on one sequence, its output against the one wanted (top) and
what it did inside (bottom: the LSTM's gates i, f, o, or the RNN's two units)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from explorer.figures import serialise, theme
from explorer.i18n import t

GATE_COLOURS = {"i": "#1f77b4", "f": "#2ca02c", "o": "#d62728", "h1": "#1f77b4", "h2": "#9467bd"}


def cell_figure(found: dict, targets, failing_step: int | None, lang: str) -> go.Figure:
    """`found`: a `explorer.lessons.puzzles.run` on a sequence of T steps; `targets` (T,) the outputs
    wanted; `failing_step` (0-based) marked, or None when every step is right."""
    steps = np.arange(1, len(targets) + 1, dtype=np.int32)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.14,
        subplot_titles=(t("pz.chart.output", lang), t("pz.chart.inside", lang)),
    )
    wanted = dict(color="#999", size=14, symbol="circle-open", line=dict(width=3))
    fig.add_trace(
        go.Scatter(
            x=steps,
            y=serialise.finite32(targets),
            name=t("pz.target", lang),
            mode="markers",
            marker=wanted,
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=steps,
            y=serialise.finite32(found["y"]),
            name=t("pz.got", lang),
            mode="lines+markers",
            line=dict(color=theme.USER_COLOUR, width=3),
        ),
        row=1,
        col=1,
    )
    inside = ("i", "f", "o") if "c" in found else ("h1", "h2")
    for name in inside:
        values = found[name] if name in found else found["h"][:, int(name[1]) - 1]
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=serialise.finite32(values),
                name=name,
                line=dict(color=GATE_COLOURS[name], width=2),
            ),
            row=2,
            col=1,
        )
    if failing_step is not None:
        fig.add_vline(x=failing_step + 1, line=dict(color="#d62728", dash="dot", width=2))
    fig.update_xaxes(title_text=t("pz.step", lang), dtick=1, row=2, col=1)
    if "c" in found:
        fig.update_yaxes(range=[-0.05, 1.05], row=2, col=1)
    return theme.base_layout(fig, height=460, r=120, b=72)
