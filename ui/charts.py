"""The chart element: Plotly figures drawn in place, which tell the page what the user did.

`plot(fig, key)` draws a figure in one chart of our own (`chart_element.js`, a Streamlit custom
component): the chart is mounted once and each later figure is drawn into it with
`Plotly.react`, so there is no blank frame between two states and the user's zoom, 3-D camera
and legend choices survive a rerun (`layout.uirevision` is the chart's key). `st.plotly_chart`
instead throws the chart away and draws a new one whenever the figure changes.

What the user does with the chart comes back to Python as a `ChartEvent`, each as a rerun of
the page (or of the fragment the chart is in), only for the events the page asks for:

    ui.plot(fig, key, on_event=callback, hear=("slider", "click"))
    ui.plot(fig, key, on_event=slider_sets("w_rec"))   # this slider sets that setting

- `slider`: an in-chart Plotly slider released on another step, or the first slider left on
  another step by ▶ ❚❚ ⏮ ⏭ once their animation stops: `event.value` is the step's number
  (each step carries it; its label is only shown: `explorer.figures.sweep.Sweep` builds both),
  `event.slider` which slider, `event.index` which step. (The element also sends its move's
  `seq`, kept here as the `ack` of the next headers: a figure built before a move does not move
  the slider back; and it sends a release or click only once a header has acknowledged the
  one before, so two are never folded into one rerun; see chart_element.js.)
- `click`: a click on a point or a heatmap cell: `event.point` = {"x", "y", "z"?, "curve",
  "point", "index"}.
- `zoom`: `event.ranges`, the axis ranges (and 3-D cameras) after the user zoomed.
- `box`, `lasso`, `points` (heard as kind "selection"): a box or lasso selection, or a clicked
  point, in the shape `st.plotly_chart` gives ({"points", "point_indices", "box", "lasso"}).

A figure is sent to a browser once: a rerun that draws the same figure again (its digest is
what this session sent last under that key) sends only the small header, and the browser keeps
what it drew. A browser that does not have it (the element was mounted afresh) asks for it
with a `missing` trigger, and that rerun sends the figure. The frame forgets what it sent for
charts that a full run did not draw (`forget_undrawn`), e.g. after a page switch. plotly.js itself is served by this app (`static/plotly.min.js`, copied from
the `plotly` package at start-up): nothing is fetched from another host.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import streamlit as st

from explorer.figures import serialise
from explorer.figures.sweep import as_number
from ui import present
from ui import state as ui_state
from ui.compute import cached

PLOT_CONFIG = {
    "displaylogo": False,
    # A double-click puts a zoomed chart back as the page drew it, and leaves one that is not
    # zoomed alone: Plotly's default ("reset+autosize") autoranged fixed axes (the race map
    # jumped from ±3.35 to ±3.05 when a student clicked two cells within half a second).
    "doubleClick": "reset",
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
EVENTS = ("slider", "click", "zoom")
SELECTION_MODES = ("points", "box", "lasso")
KINDS = EVENTS + SELECTION_MODES  # what a chart may `hear`
# RNNX_CHART=native: every chart through st.plotly_chart (benchmarks/bench_chart.py and drag.py
# compare the two; events are then None).
NATIVE = os.environ.get("RNNX_CHART") == "native"
SENT_KEY = "_rnnx_sent"  # {chart key: digest of the figure this session's browser was sent}
DRAWN_KEY = "_rnnx_drawn"  # chart keys drawn in this run
ACK_KEY = "_rnnx_ack"  # {chart key: `seq` of the last slider release or click this session took}
ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"  # served at app/static/ (.streamlit/config.toml: enableStaticServing)
STATIC_PLOTLY = STATIC / "plotly.min.js"
ELEMENT = Path(__file__).with_name("chart_element.js")  # served as app/static/rnnx_chart_element.js
ELEMENT_NAME = "rnnx_chart_element.js"
LOADER = Path(__file__).with_name("chart_loader.js")  # what each chart carries: loads ELEMENT
_HTML = '<div class="rnnx-chart"><div class="rnnx-chart-plot"></div></div>'  # there from the mount
_CSS = """
.rnnx-chart { width: 100%; }
.rnnx-chart .rnnx-chart-plot { width: 100%; }
"""


class ChartState(dict):
    """What the user did with a chart: `.slider`, `.click` (this run only: None otherwise),
    `.zoom` and `.selection` (kept until the next one). Also a dict."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _empty_selection() -> dict:
    return {"points": [], "point_indices": [], "box": [], "lasso": []}


# --- plotly.js, served by this app -------------------------------------------------------------


def ensure_static_plotly(target: Path = STATIC_PLOTLY) -> Path:
    """Copy the `plotly` package's plotly.min.js into ./static/ if it is missing or differs
    (another plotly version): served by Streamlit's static serving, never from a CDN."""
    import plotly

    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if target.is_file() and target.stat().st_size == source.stat().st_size:
        with target.open("rb") as have, source.open("rb") as want:
            if have.read(512) == want.read(512):  # the version banner
                return target
    _place(source.read_bytes(), target)
    return target


def ensure_static_element(folder: Path = STATIC) -> str:
    """Put chart_element.js into `folder` (./static/, beside plotly.min.js) unless it is there
    as it is; returns its digest, the version the loader asks for (a browser keeps no old one)."""
    code = ELEMENT.read_bytes()
    target = folder / ELEMENT_NAME
    if not (target.is_file() and target.read_bytes() == code):
        _place(code, target)
    return hashlib.sha256(code).hexdigest()[:16]


def _place(data: bytes, target: Path) -> None:
    """Write `data` to `target` atomically (two app processes may start at once)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, target)


@functools.cache
def _component() -> Callable:
    ensure_static_plotly()
    loader = LOADER.read_text(encoding="utf-8").replace("__VERSION__", ensure_static_element())
    return st.components.v2.component(
        "rnnx_chart", html=_HTML, js=loader, css=_CSS, isolate_styles=False
    )


# --- the payload ------------------------------------------------------------------------------


def _wire(fig) -> tuple[bytes, str, Any]:
    """(figure JSON bytes, content digest, layout height). A frozen figure is serialised once
    and keeps its digest."""
    frozen = fig if isinstance(fig, serialise.FrozenFigure) else serialise.freeze(fig)
    return frozen.json_bytes(), frozen.digest(), frozen.height


def payload(
    fig, key: str, events: Iterable[str] = (), select: Iterable[str] = (), *, send: bool = True
) -> bytes:
    """The bytes the chart element receives: a header line, then the figure's JSON (only the
    header with `send=False`: the browser has this figure already)."""
    return _message(_wire(fig), key, events, select, send=send)


def _message(
    wire: tuple, key: str, events, select, *, send: bool, ack: int | None = None, mark=None
) -> bytes:
    body, rev, height = wire
    header = {
        "key": key,
        "rev": rev,
        "ack": ack,  # the last move (slider, click) this figure knows of: older are not undone
        "mark": mark,  # {"meta", "step", "lo", "hi"}: the trace a click moves at once
        "config": PLOT_CONFIG,
        "events": list(events),
        "select": list(select),
        "height": height,
        **present.chart_sizes(),  # presenter mode: fonts, markers and height grow in the browser
    }
    if not send:
        header["body"] = False
        body = b""
    return json.dumps(header, separators=(",", ":")).encode() + b"\n" + body


def _drawn_as(rev: str) -> str:
    """The figure and the size it is drawn at (presenter mode scales it in the browser, which
    needs the figure again to do so)."""
    sizes = present.chart_sizes()
    return f"{rev}:{sizes['scale']}:{sizes['tall']}"


def _needs_figure(key: str, rev: str) -> bool:
    """Send the figure, unless this session's browser was sent this very figure last under
    `key` (and has not said since that it lacks it: `_missing`)."""
    st.session_state.setdefault(DRAWN_KEY, set()).add(key)
    sent = st.session_state.setdefault(SENT_KEY, {})
    needed = sent.get(key) != rev
    sent[key] = rev
    return needed


def forget_undrawn() -> None:
    """After a full run: forget what was sent for charts this run did not draw (the browser
    removes their elements, so a chart drawn again later gets its figure in full)."""
    drawn = st.session_state.get(DRAWN_KEY, set())
    sent = st.session_state.get(SENT_KEY, {})
    st.session_state[SENT_KEY] = {key: rev for key, rev in sent.items() if key in drawn}
    st.session_state[DRAWN_KEY] = set()


def _missing(key: str) -> None:
    """The browser lacks the figure under `key` (its `missing` trigger, before the rerun): the
    rerun sends it in full."""
    st.session_state.get(SENT_KEY, {}).pop(key, None)


def figure_of(payload_bytes: bytes) -> dict:
    """The figure spec inside a chart element's payload (tests, benchmarks)."""
    return json.loads(payload_bytes.split(b"\n", 1)[1])


# --- the element ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ChartEvent:
    """One thing the user did with a chart, as `plot(..., on_event=)` hears it.

    - "slider": slider `slider` of the figure (0: its first) let go on step `index`, whose number
      is `value` (a float; None if the step carries none: see `explorer.figures.sweep`).
    - "click": a click on a point or heatmap cell; `point` = {"x", "y", "z"?, "curve", "point",
      "index", ...}.
    - "zoom": `ranges` = {"xaxis": [lo, hi], ..., "scene": {"camera": ...}} after a zoom.
    - "selection": a box or lasso dragged (or a point picked); `selection` in the shape
      `st.plotly_chart` gives: {"points", "point_indices", "box", "lasso"}.
    """

    kind: str
    slider: int = 0
    index: int | None = None
    value: float | None = None
    point: dict | None = None
    ranges: dict | None = None
    selection: dict | None = None


def plot(
    fig,
    key: str,
    *,
    on_event: Callable[[ChartEvent], None] | None = None,
    hear: Iterable[str] | None = None,
    click_mark: dict | None = None,
) -> ChartState:
    """Draw `fig` (a `go.Figure` or a frozen one) in place under `key`.

    `on_event(event)` (a `ChartEvent`) runs before the rerun that each event the chart `hear`s
    makes: "slider", "click", "zoom", and the selections "box", "lasso", "points" (default:
    "slider" with an `on_event`, else nothing: a chart that hears nothing never reruns the page).
    The common case, a slider that sets a setting: `on_event=slider_sets("w_rec")`.
    `click_mark` ({"meta", "step", "lo", "hi"}): a click moves the trace with that `meta` to the
    place under the pointer (not the closest drawn point) at once in the browser (snapped to
    `step`, within [lo, hi]), before the rerun; the event's x, y are that place.

        ui.plot(fig, "race", on_event=start_or_step, hear=("slider", "click"))
    """
    if NATIVE:  # Streamlit's own chart (remounted on each change)
        spec = fig.to_dict() if isinstance(fig, serialise.FrozenFigure) else fig  # not a go.Figure
        st.plotly_chart(spec, key=key, config=PLOT_CONFIG, width="stretch", theme=None)
        return _state(None)
    hear = (hear,) if isinstance(hear, str) else hear
    heard = set(("slider",) if hear is None and on_event is not None else hear or ())
    if heard - set(KINDS):
        raise ValueError(f"hear={tuple(hear)!r}: a chart hears only {KINDS}")
    events = tuple(e for e in EVENTS if e in heard)
    select = tuple(m for m in SELECTION_MODES if m in heard)

    callbacks: dict[str, Callable] = {
        f"on_{kind}_change": functools.partial(_dispatch, key, kind, on_event)
        for kind in events + (("selection",) if select else ())
    }
    callbacks["on_missing_change"] = functools.partial(_missing, key)
    wire = _wire(fig)
    send = _needs_figure(key, _drawn_as(wire[1]))
    ack = st.session_state.get(ACK_KEY, {}).get(key)  # the last move this run knows of
    default = {}
    if "zoom" in events:
        default["zoom"] = None
    if select:
        default["selection"] = _empty_selection()
    result = _component()(
        key=key,
        data=_message(wire, key, events, select, send=send, ack=ack, mark=click_mark),
        default=default or None,
        **callbacks,
    )
    return _state(result)


def slider_sets(*targets, settings=None) -> Callable[[ChartEvent], None]:
    """An `on_event` for "this slider sets that setting": slider i of the chart writes its
    released step's value into `targets[i]`, a field of the page's settings (e.g. "w_rec") or a
    `Param`, read as the Param reads a number (clamped to its bounds; whole for an int). Call it
    in the page's body (where `ui.page` names the settings) or pass `settings`."""
    params = tuple(_param(target, settings) for target in targets)

    def sets(event: ChartEvent) -> None:
        if event.kind != "slider" or event.value is None or not 0 <= event.slider < len(params):
            return
        param = params[event.slider]
        value = param.parse(repr(float(event.value)))
        if value is not None:
            st.session_state[param.key] = value

    return sets


def _param(target, settings_cls=None):
    """A Param, or the Param of a field of the page's settings."""
    if hasattr(target, "parse") and hasattr(target, "key"):
        return target
    settings_cls = settings_cls or ui_state.current_settings()
    if settings_cls is None or target not in settings_cls.PARAMS:
        raise ValueError(f"{target!r}: not a setting of this page")
    return settings_cls.PARAMS[target]


def _event(kind: str, raw: dict) -> ChartEvent | None:
    """The event `kind` in the element's state `raw`, as Python types."""
    got = raw.get(kind)
    if kind == "slider" and isinstance(got, dict):
        slider, index = got.get("slider", 0), got.get("index")
        return ChartEvent(
            "slider",
            slider=slider if isinstance(slider, int) else 0,
            index=index if isinstance(index, int) else None,
            value=as_number(got.get("value")),
        )
    if kind == "click" and isinstance(got, dict):
        return ChartEvent("click", point={k: v for k, v in got.items() if k != "seq"})
    if kind == "zoom" and isinstance(got, dict):
        return ChartEvent("zoom", ranges=got)
    if kind == "selection":
        return ChartEvent("selection", selection=got or _empty_selection())
    return None


def _state(raw) -> ChartState:
    raw = dict(raw or {})
    slider, click = raw.get("slider"), raw.get("click")  # without the element's count of moves
    if slider:
        slider = {k: v for k, v in slider.items() if k != "seq"}
        slider["value"] = as_number(slider.get("value"))
    return ChartState(
        slider=slider,
        click={k: v for k, v in click.items() if k != "seq"} if click else click,
        zoom=raw.get("zoom"),
        selection=raw.get("selection") or _empty_selection(),
    )


def _dispatch(key: str, kind: str, on_event) -> None:
    """A chart event, before the rerun: note the move taken (its `seq`, the next figure's
    `ack`), then tell the page."""
    raw = st.session_state.get(key) or {}
    seq = (raw.get(kind) or {}).get("seq") if kind in ("slider", "click") else None
    if isinstance(seq, int):  # this release or click is taken: the figure of this run says so
        st.session_state.setdefault(ACK_KEY, {})[key] = seq
    event = _event(kind, raw)
    if event is not None and on_event is not None:
        on_event(event)


# --- figures built once -----------------------------------------------------------------------


def figure(builder: Callable, /, *args, max_entries: int = 32, **kwargs):
    """`builder(*args, **kwargs)` built and serialised once per arguments, shared by every
    session (never mutated). Arguments must be hashable values; `builder` a named function."""
    return cached("figure", builder, max_entries, _serialised)(*args, **kwargs)


def _serialised(builder: Callable) -> Callable:
    @functools.wraps(builder)
    def build(*args, **kwargs):
        fig = builder(*args, **kwargs)
        return fig if isinstance(fig, serialise.FrozenFigure) else serialise.freeze(fig)

    return build
