"""The one theme: the look every figure shares (colours, colour scales, fonts, margins).

How a figure is sent to the browser is `serialise.py`; the scales it maps values onto
(symlog, log colour) are in `explorer/numerics.py`."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from explorer.figures.sweep import Sweep

# Every figure starts from plotly_white. As the default template it is attached when a figure is
# created (~1 ms); `update_layout(template=...)` validates a copy of it each time (~9 ms).
pio.templates.default = "plotly_white"

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', sans-serif", size=14)

# The seed's probe-point colours (matplotlib r, b, g, c, m, y), kept so figures match the notes.
PROBE_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#17becf", "#bc3fbc", "#bcbd22")
USER_COLOUR = "#111111"
PINNED_COLOUR = "#9a9a9a"  # a curve or race kept to compare with (ui.pin_buttons)
OPTIMUM_COLOUR = "#ffffff"
OVERFLOW_COLOUR = "#7f7f7f"
# Qualitative colours for series (optimizers, gates, units): colour-blind friendly (Okabe–Ito).
SERIES_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
)
# Diverging scale for signed values (states, gradients, gates centred at 0).
DIVERGING = "RdBu_r"
# Sequential scale for the loss (log10 ξ); the seed used matplotlib's "pink".
LOSS_SCALE = "Magma"


# Plotly grows a margin when a legend, colour bar, slider or tick labels do not fit in it, and then
# draws the whole chart a second time: the largest single cost of redrawing a chart. So every figure
# asks for margins its furniture fits in (measured in Chromium, English and Chinese, 1280–1920 px
# wide; `tests/browser` checks it), and right-hand legends and colour bars start at the plot's
# edge (x = 1), so the room they need does not depend on the width of the screen.
MARGIN = dict(l=64, r=20, t=60, b=60)
RIGHT = 1.0  # x of a right-hand colour bar or legend (paper), its left edge at the plot's edge


def base_layout(
    fig: go.Figure, title: str | None = None, height: int = 460, **margin: int
) -> go.Figure:
    """Apply the shared look: white background, system fonts (incl. CJK), margins that fit.

    `margin` overrides the default margins (l, r, t, b in px) for what this figure carries."""
    fig.update_layout(
        font=FONT,
        title=dict(text=title, x=0.01, xanchor="left") if title else None,
        height=height,
        margin={**MARGIN, "t": 60 if title else 30, **margin},
        legend=dict(bgcolor="rgba(255,255,255,0.8)", x=RIGHT, xanchor="left"),
        hoverlabel=dict(font=dict(family=FONT["family"])),
    )
    return fig


# --- Pieces every builder uses ------------------------------------------------------------------


def jump(redraw: bool = False) -> dict:
    """Animation options that show a frame at once (no tween), drawn by the browser."""
    return dict(
        mode="immediate", frame=dict(duration=0, redraw=redraw), transition=dict(duration=0)
    )


def frame_slider(
    sweep: Sweep, active: int, prefix: str, pad_t: int = 40, redraw: bool = False
) -> dict:
    """A Plotly slider over `sweep` whose every step shows its frame (no server round trip): the
    "drag and watch" of every chart. Released, a step sends its value (a number) back."""
    frames = sweep.frames
    return dict(
        active=active,
        currentvalue=dict(prefix=prefix, font=dict(size=15)),
        pad=dict(t=pad_t, b=10),
        steps=sweep.steps("animate", lambda i: [[frames[i]], jump(redraw)]),
    )


def text_trace(x, y, text, *, size, colour, position: str | None = None, **extra) -> go.Scatter:
    """Words drawn at data points (no hover, no legend entry)."""
    return go.Scatter(
        x=x,
        y=y,
        text=text,
        mode="text",
        textposition=position,
        textfont=dict(size=size, color=colour),
        hoverinfo="skip",
        showlegend=False,
        **extra,
    )
