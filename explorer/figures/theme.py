"""The one theme: colours, fonts and the log colour scale every figure shares."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

# Every figure starts from plotly_white. As the default template it is attached when a figure is
# created (~1 ms); `update_layout(template=...)` validates a copy of it each time (~9 ms).
pio.templates.default = "plotly_white"

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', sans-serif", size=14)

# The seed's probe-point colours (matplotlib r, b, g, c, m, y), kept so figures match the notes.
PROBE_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#17becf", "#bc3fbc", "#bcbd22")
USER_COLOUR = "#111111"
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


def log_colour(values: np.ndarray, floor: float = 1e-3, cap: float = 1e8):
    """log10 of a non-negative array, clipped to [log10 floor, log10 cap] (inf → the cap).

    Returns (z float32, is_capped bool array): the colour value and where it hit the cap, so a
    figure can label the capped/overflow region instead of showing NaN.
    """
    values = np.asarray(values, dtype=np.float64)
    capped = ~np.isfinite(values) | (values >= cap)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.log10(np.clip(np.nan_to_num(values, nan=np.inf, posinf=cap), floor, cap))
    return z.astype(np.float32), capped


def log_ticks(floor: float = 1e-3, cap: float = 1e8, capped_label: str = "≥"):
    """Colour-bar ticks at every power of ten between floor and cap; the top one is '≥ cap'."""
    exps = np.arange(int(np.floor(np.log10(floor))), int(np.ceil(np.log10(cap))) + 1)
    text = [f"1e{e}" if e != 0 else "1" for e in exps]
    text[-1] = f"{capped_label} 1e{exps[-1]}"
    return exps.astype(float).tolist(), text


def finite32(values, limit: float = 3e38) -> np.ndarray:
    """float32 copy for the browser with ±inf clipped to ±limit (NaN never leaves the server)."""
    arr = np.asarray(values, dtype=np.float64)
    arr = np.nan_to_num(arr, nan=limit, posinf=limit, neginf=-limit)
    return np.clip(arr, -limit, limit).astype(np.float32)


def to_float32(values) -> np.ndarray:
    """float32 copy for the browser; beyond ±3.4e38 becomes ±inf (hover shows "Infinity").

    NaN is replaced by +inf: it only ever comes from an overflow whose sign was lost.
    """
    arr = np.asarray(values, dtype=np.float64)
    with np.errstate(over="ignore"):
        return np.where(np.isnan(arr), np.inf, arr).astype(np.float32)


class FrozenFigure(go.Figure):
    """A figure serialised once: `to_dict()` returns the stored JSON-ready spec.

    Streamlit's `st.plotly_chart` calls `fig.to_dict()` and encodes the result on every rerun;
    for a figure with a hundred animation frames that is ~40 ms of Python per rerun. A frozen
    figure (kept in `st.cache_resource`, never mutated) costs well under a millisecond, and the
    browser receives exactly the same JSON.
    """

    def __init__(self, spec: dict):
        super().__init__()
        self._frozen_spec = spec

    def to_dict(self) -> dict:
        return self._frozen_spec

    def to_plotly_json(self) -> dict:
        return self._frozen_spec


def typed_array(values) -> dict:
    """A 1-D float32 array as Plotly's JSON typed array ({"dtype": "f4", "bdata": base64})."""
    import base64

    data = np.ascontiguousarray(np.asarray(values, dtype=np.float32))
    return {"dtype": "f4", "bdata": base64.b64encode(data.tobytes()).decode("ascii")}


def freeze(fig: go.Figure) -> FrozenFigure:
    """Serialise `fig` once (NumPy arrays become base64 typed arrays, as Plotly sends them)."""
    import json

    import plotly.io as pio

    return FrozenFigure(json.loads(pio.to_json(fig, validate=False)))
