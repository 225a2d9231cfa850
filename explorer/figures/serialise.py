"""A figure as the JSON the browser receives: written once, arrays in their lightest safe form.

`freeze(fig)` is what a page caches: the template written into the figure, small arrays as JSON
lists, big ones as base64 float32, and a fixed `datarevision`, so the browser draws it once.
`finite32`, `to_float32`, `typed_array` and `xy_lists` are the array forms the figure builders
send.
"""

from __future__ import annotations

import base64
import hashlib
import json

import numpy as np
import orjson
import plotly.graph_objects as go
import plotly.io as pio

# --- Arrays for the browser ----------------------------------------------------------------------


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


def typed_array(values) -> dict:
    """A 1-D float32 array as Plotly's JSON typed array ({"dtype": "f4", "bdata": base64})."""
    data = np.ascontiguousarray(np.asarray(values, dtype=np.float32))
    return {"dtype": "f4", "bdata": base64.b64encode(data.tobytes()).decode("ascii")}


def xy_lists(points: np.ndarray, decimals: int = 5) -> dict:
    """x and y of points (n, 2) as short lists (5 decimals: far below a pixel on the race map)
    for animation frames: plain lists keep Plotly's per-array validation out of the ~400 frame
    traces (~5× faster)."""
    rounded = np.round(np.asarray(points, dtype=np.float64), decimals).tolist()
    return dict(x=[p[0] for p in rounded], y=[p[1] for p in rounded])


# --- JSON list or base64 -------------------------------------------------------------------------

# Streamlit's chart component parses a figure, mounts it, then parses it once more and hands the
# copy to `Plotly.react`, which compares it with what it drew: a base64 typed array decodes to a
# new object each time and counts as changed, so the whole chart was drawn a second time (as long
# again as the first). With a fixed `layout.datarevision` Plotly compares plain arrays by
# revision, not by identity, so traces whose arrays are JSON lists are not redrawn. Arrays up to
# this many finite values travel as lists (float32 in its shortest form); bigger ones stay base64.
PLAIN_ARRAY_MAX = 2048


def _plain(node):
    """`node` with its small, finite typed arrays ({"dtype", "bdata"}) turned into lists."""
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "bdata" in node and "dtype" in node:
        array = np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
        if array.size > PLAIN_ARRAY_MAX or (
            array.dtype.kind == "f" and not np.isfinite(array).all()
        ):
            return node  # JSON has no inf: those keep their exact float32 bits
        if "shape" in node:
            array = array.reshape([int(n) for n in str(node["shape"]).split(",")])
        if array.dtype == np.float32:  # shortest text that reads back as the same float32
            short = np.array([float(str(v)) for v in array.reshape(-1)], dtype=object)
            return short.reshape(array.shape).tolist()
        return array.tolist()
    return {key: _plain(value) for key, value in node.items()}


# --- The template, written into the figure -------------------------------------------------------


def _under(defaults, own):
    """`own` with `defaults` filled in wherever `own` says nothing (dicts merged deeply)."""
    if not isinstance(defaults, dict) or not isinstance(own, dict):
        return own
    merged = {key: value for key, value in defaults.items() if key not in own}
    for key, value in own.items():
        merged[key] = _under(defaults[key], value) if key in defaults else value
    return merged


_CARTESIAN = {"scatter", "heatmap", "bar", "histogram", "contour", "histogram2d", "box"}
_SUBPLOTS = {"xaxis", "yaxis", "scene", "polar", "ternary", "geo", "coloraxis"}


def _without_template(spec: dict) -> dict:
    """The figure with its template written into the layout and traces, and the template gone.

    Same look; but `Plotly.react` treats `layout.template` as changed whenever it is a new
    object, and Streamlit hands it a re-parsed copy right after the first drawing: with a
    template in the layout every chart was drawn twice."""
    layout = dict(spec.get("layout", {}))
    template = layout.pop("template", None) or {}
    data = spec.get("data", [])
    defaults = template.get("layout", {})
    if any(trace.get("type", "scatter") in _CARTESIAN for trace in data):
        layout.setdefault("xaxis", {})
        layout.setdefault("yaxis", {})
    for key, value in defaults.items():
        if key in _SUBPLOTS:  # every axis / scene / colour axis of that kind that the figure has
            for name in [n for n in layout if n.rstrip("0123456789") == key]:
                layout[name] = _under(value, layout[name])
        elif key in ("annotationdefaults", "shapedefaults"):
            items = key.replace("defaults", "s")
            layout[items] = [_under(value, item) for item in layout.get(items, [])]
            if not layout[items]:
                del layout[items]
        else:
            layout[key] = _under(value, layout[key]) if key in layout else value
    per_type = {name: traces[0] for name, traces in template.get("data", {}).items() if traces}
    spec["data"] = [
        _under(
            {
                k: v
                for k, v in per_type.get(trace.get("type", "scatter"), {}).items()
                if k != "type"
            },
            trace,
        )
        for trace in data
    ]
    spec["layout"] = layout
    return spec


# --- Frozen: serialised once ---------------------------------------------------------------------


class FrozenFigure:
    """A figure serialised once: kept as its JSON bytes (`json_bytes()`, what the chart element
    sends); `to_dict()` returns a fresh copy of the spec.

    Streamlit's `st.plotly_chart` calls `fig.to_dict()` and encodes the result on every rerun;
    for a figure with a hundred animation frames that is ~40 ms of Python per rerun. A frozen
    figure (kept in `ui.figure`'s shared cache, never mutated) costs a millisecond, and the browser
    receives exactly the same JSON. Kept as bytes, not as the spec's dicts and lists: the shared
    figure caches hold hundreds of figures (the race map alone ~3,300 containers each), which
    every full garbage collection of the server would walk, its pause growing as the caches fill.
    Not a `go.Figure` either: an empty Plotly figure is 181 objects that the collector walks
    (121 lists, its Layout, its validators), 33,000 for the ~180 figures a soak's caches held
    (2026-12-07); this is one, with three slots.
    """

    __slots__ = ("_digest", "_frozen_height", "_frozen_json")

    def __init__(self, spec: dict):
        self._frozen_json = orjson.dumps(spec)
        self._frozen_height = (spec.get("layout") or {}).get("height")
        self._digest = ""

    def json_bytes(self) -> bytes:
        return self._frozen_json

    def digest(self) -> str:
        """A short digest of the JSON bytes (computed once): the chart element's revision."""
        if not self._digest:
            self._digest = hashlib.blake2b(self._frozen_json, digest_size=8).hexdigest()
        return self._digest

    @property
    def height(self):
        """The layout's height (None if it sets none)."""
        return self._frozen_height

    def to_dict(self) -> dict:
        return orjson.loads(self._frozen_json)

    def to_plotly_json(self) -> dict:
        return self.to_dict()


def freeze(fig: go.Figure, frames: list[dict] | None = None) -> FrozenFigure:
    """Serialise `fig` once: big NumPy arrays as base64 typed arrays (as Plotly sends them),
    small ones as JSON lists, with a fixed `datarevision` (so the browser draws it once).
    `frames`: animation frames already in their JSON form (plain lists, numbers, strings), set
    on the spec as they are instead of through plotly's validation of `fig.frames`."""
    spec = _without_template(json.loads(pio.to_json(fig, validate=False)))
    spec["data"] = _plain(spec["data"])
    if frames is not None:
        spec["frames"] = json.loads(json.dumps(frames))  # what plotly would write: JSON only
    spec.setdefault("layout", {})["datarevision"] = 1
    return FrozenFigure(spec)
