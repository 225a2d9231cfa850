"""The chart element: Plotly figures drawn in place, which tell the page what the user did.

`plot(fig, key)` draws a figure in one chart of our own (`chart_element.js`, a Streamlit custom
component): the chart is mounted once and each later figure is drawn into it with
`Plotly.react`, so there is no blank frame between two states and the user's zoom, 3-D camera
and legend choices survive a rerun (`layout.uirevision` is the chart's key). `st.plotly_chart`
instead throws the chart away and draws a new one whenever the figure changes.

What the user does with the chart comes back to Python, each as a rerun of the page (or of the
fragment the chart is in), only for the events a page asks for:

- `slider`: an in-chart Plotly slider released on another step, or the first slider left on
  another step by ▶ ❚❚ ⏮ ⏭ once their animation stops: {"slider", "index", "label", "value"}
  (the element also sends its move's `seq`, kept here as the `ack` of the next headers: a figure
  built before a move does not move the slider back; see chart_element.js). `slider_to="w_rec"` writes the step's label into that setting of the page (so the
  widgets, the URL and everything computed from it follow the drag on release).
- `click`: a click on a point or a heatmap cell: {"x", "y", "z"?, "curve", "point", "index"}.
- `zoom`: the axis ranges (and 3-D cameras) after the user zoomed: {"xaxis": [lo, hi], ...}.
- `selection` (with `on_select`): a box or lasso selection, or a clicked point, in the shape
  `st.plotly_chart` gives ({"points", "point_indices", "box", "lasso"}).

`on_change(state)` is called (as a Streamlit callback, before the rerun) with the chart's state
after any of them.

A figure is sent to a browser once: a rerun that draws the same figure again (its digest is
what this session sent last under that key) sends only the small header, and the browser keeps
what it drew. A browser that does not have it (the element was mounted afresh) asks for it
with a `missing` trigger, and that rerun sends the figure. The frame forgets what it sent for
charts that a full run did not draw (`forget_undrawn`), e.g. after a page switch. plotly.js itself is served by this app (`static/plotly.min.js`, copied from
the `plotly` package at start-up): nothing is fetched from another host.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import streamlit as st

from explorer.figures import serialise
from ui import present
from ui import state as ui_state
from ui.compute import cached

PLOT_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
EVENTS = ("slider", "click", "zoom")
SELECTION_MODES = ("points", "box", "lasso")
# RNNX_CHART=native: every chart through st.plotly_chart (to compare; events are then None).
NATIVE = os.environ.get("RNNX_CHART") == "native"
# RNNX_CHART_RESEND=1: every run sends every figure in full (AppTests read figures from them).
RESEND = os.environ.get("RNNX_CHART_RESEND") == "1"
SENT_KEY = "_rnnx_sent"  # {chart key: digest of the figure this session's browser was sent}
DRAWN_KEY = "_rnnx_drawn"  # chart keys drawn in this run
ACK_KEY = "_rnnx_ack"  # {chart key: `seq` of the last slider release or click this session took}
ROOT = Path(__file__).resolve().parent.parent
STATIC_PLOTLY = ROOT / "static" / "plotly.min.js"  # served at app/static/plotly.min.js
_JS = (Path(__file__).with_name("chart_element.js")).read_text(encoding="utf-8")
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
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.copyfile(source, partial)
    os.replace(partial, target)  # atomic: two app processes may start at once
    return target


@functools.cache
def _component() -> Callable:
    ensure_static_plotly()
    return st.components.v2.component(
        "rnnx_chart", html=_HTML, js=_JS, css=_CSS, isolate_styles=False
    )


# --- the payload ------------------------------------------------------------------------------


def _wire(fig) -> tuple[bytes, str, Any]:
    """(figure JSON bytes, content digest, layout height). A frozen figure is serialised once
    and kept."""
    import orjson

    known = getattr(fig, "_rnnx_wire", None)
    if known is not None:
        return known
    spec = (fig if isinstance(fig, serialise.FrozenFigure) else serialise.freeze(fig)).to_dict()
    body = orjson.dumps(spec)
    height = (spec.get("layout") or {}).get("height")
    wire = (body, hashlib.blake2b(body, digest_size=8).hexdigest(), height)
    if isinstance(fig, serialise.FrozenFigure):
        fig._rnnx_wire = wire  # shared figures are never mutated: the bytes stay right
    return wire


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
    needed = RESEND or sent.get(key) != rev
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


def plot(
    fig,
    key: str,
    *,
    on_select: str | Callable = "ignore",
    selection_mode: str | Iterable[str] = SELECTION_MODES,
    slider_to: str | Any | None = None,
    on_change: Callable[[ChartState], None] | None = None,
    events: Iterable[str] | None = None,
    click_mark: dict | None = None,
) -> ChartState:
    """Draw `fig` (a `go.Figure` or a frozen one) in place under `key`; returns its ChartState.

    `events`: which of "slider", "click", "zoom" come back to Python (each reruns the page);
    by default "slider" when `slider_to` is given, all three with `on_change`, else none.
    `slider_to`: a settings field of the page (e.g. "w_rec") or a `Param`; the released step's
    label is parsed by that Param and written to its widget. `on_select` ("rerun" or a
    callback) with `selection_mode` returns selections as `st.plotly_chart` did (also in
    `st.session_state[key].selection`). `click_mark` ({"meta", "step", "lo", "hi"}): a click
    moves the trace with that `meta` there at once in the browser (snapped to `step`, within
    [lo, hi]), before the rerun. `on_change(state)` runs before the rerun, e.g.

        ui.plot(fig, key="k", on_change=lambda c: c.click and ui.set_values(
            Settings, start=c.click["x"]))
    """
    if NATIVE:  # Streamlit's own chart (remounted on each change)
        native = st.plotly_chart(
            fig,
            key=key,
            config=PLOT_CONFIG,
            width="stretch",
            theme=None,
            on_select=on_select,
            selection_mode=selection_mode,
        )
        return native if on_select != "ignore" else _state(None)
    if events is None:
        events = EVENTS if on_change is not None else ("slider",) if slider_to else ()
    events = tuple(e for e in EVENTS if e in set(events))
    modes = (selection_mode,) if isinstance(selection_mode, str) else tuple(selection_mode)
    select = tuple(m for m in SELECTION_MODES if m in modes) if on_select != "ignore" else ()
    param = _param(slider_to) if slider_to is not None else None

    callbacks: dict[str, Callable] = {}
    for event in events:
        callbacks[f"on_{event}_change"] = functools.partial(
            _dispatch, key, event, param, on_change, None
        )
    if select:
        user = on_select if callable(on_select) else None
        callbacks["on_selection_change"] = functools.partial(
            _dispatch, key, "selection", None, on_change, user
        )
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


def _param(target):
    """The Param behind `slider_to`: a Param, or a field of the page's settings."""
    if hasattr(target, "parse") and hasattr(target, "key"):
        return target
    settings_cls = ui_state.current_settings()
    if settings_cls is None or target not in settings_cls.PARAMS:
        raise ValueError(f"slider_to={target!r}: not a setting of this page")
    return settings_cls.PARAMS[target]


def _state(raw) -> ChartState:
    raw = dict(raw or {})
    slider, click = raw.get("slider"), raw.get("click")  # without the element's count of moves
    return ChartState(
        slider={k: v for k, v in slider.items() if k != "seq"} if slider else slider,
        click={k: v for k, v in click.items() if k != "seq"} if click else click,
        zoom=raw.get("zoom"),
        selection=raw.get("selection") or _empty_selection(),
    )


def _dispatch(key: str, event: str, param, on_change, user_callback) -> None:
    """A chart event, before the rerun: write a released slider into its setting, then call
    the page's callbacks."""
    chart = _state(st.session_state.get(key))
    seq = ((st.session_state.get(key) or {}).get(event) or {}).get("seq")
    if isinstance(seq, int):  # this release or click is taken: the figure of this run says so
        st.session_state.setdefault(ACK_KEY, {})[key] = seq
    if event == "slider" and param is not None and chart.slider:
        value = param.parse(str(chart.slider.get("label", "")))
        if value is not None:
            st.session_state[param.key] = value
    if user_callback is not None:
        user_callback()
    if on_change is not None:
        on_change(chart)


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
