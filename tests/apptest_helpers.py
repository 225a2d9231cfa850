"""AppTest helpers shared by every page test: open a page, walk every widget to its extremes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
HAN = re.compile(r"[\u4e00-\u9fff]")  # CJK unified ideographs: "is there Chinese here?"

WIDGET_KINDS = (
    "slider",
    "number_input",
    "selectbox",
    "radio",
    "multiselect",
    "toggle",
    "checkbox",
    "select_slider",
    "segmented_control",
    "pills",
)


def open_page(page: str, query: dict | None = None, timeout: float = 60) -> AppTest:
    """Run app.py, switch to `page` (e.g. "pages/loss_surface.py"), with `query` in the URL."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = str(value)
    at.run()
    assert not at.exception, _exceptions(at)
    if page != "pages/home.py":
        at.switch_page(page).run()
    assert not at.exception, _exceptions(at)
    return at


def _exceptions(at: AppTest) -> str:
    return "\n".join(f"{e.message}\n{''.join(e.stack_trace)}" for e in at.exception)


def assert_ok(at: AppTest, context: str = "") -> None:
    assert not at.exception, f"{context}: {_exceptions(at)}"


CHART_ELEMENT = "rnnx_chart"  # ui.charts' in-place chart (a custom component to AppTest)


def charts(at: AppTest) -> list:
    """Every chart on the page, in page order: `st.plotly_chart` elements and ui.plot's own
    chart element (AppTest sees it as an unknown `bidi_component` holding the payload bytes)."""
    return [
        node
        for node in at._tree
        if getattr(node, "type", None) == "plotly_chart"
        or (
            getattr(node, "type", None) == "bidi_component"
            and node.proto.component_name == CHART_ELEMENT
        )
    ]


def _keep_sent_figures() -> None:
    """AppTests read charts as the browser has them, on the production send path: a run sends a
    chart's figure once (ui/charts.py), then only its header while it is unchanged. After every
    run of an AppTest, keep the figure each chart was last sent in full, per chart key (the
    browser's copy)."""
    run = AppTest._run

    def run_and_keep(self, *args, **kwargs):
        out = run(self, *args, **kwargs)
        kept = self.__dict__.setdefault("_rnnx_sent", {})
        for chart in charts(self):
            if chart.type == "bidi_component":
                head, body = chart.proto.bytes.split(b"\n", 1)
                header = json.loads(head)
                if header.get("body") is not False:
                    kept[chart.key] = (header["rev"], body)
        return out

    AppTest._run = run_and_keep


_keep_sent_figures()


def figure_bytes(at: AppTest, chart) -> bytes:
    """The figure (JSON bytes) the browser draws for the chart element `chart` after this run: the
    one in the payload, or (a header alone) the one this session was sent before under its key."""
    head, body = chart.proto.bytes.split(b"\n", 1)
    header = json.loads(head)
    if header.get("body") is not False:
        return body
    rev, kept = at.__dict__.get("_rnnx_sent", {}).get(chart.key, (None, b""))
    assert rev == header["rev"], (
        f"chart {chart.key!r}: a header alone, for a figure this session was never sent "
        "(the browser would have to ask for it)"
    )
    return kept


def chart_specs(at: AppTest) -> list[str]:
    """Every chart's figure as the JSON text the browser has."""
    out = []
    for chart in charts(at):
        if chart.type == "plotly_chart":
            out.append(chart.proto.spec)
        else:  # a header line, then the figure (or the header alone: the one sent before)
            out.append(figure_bytes(at, chart).decode("utf-8"))
    return out


def figures(at: AppTest) -> list[dict]:
    """Every Plotly chart on the page as its JSON spec."""
    return [json.loads(spec) for spec in chart_specs(at)]


def widgets(at: AppTest, kinds: Iterable[str] = WIDGET_KINDS):
    """(kind, widget) for every keyed widget on the page (not the sidebar's frame widgets)."""
    for kind in kinds:
        for widget in getattr(at, kind, []) if hasattr(at, kind) else at.get(kind):
            if widget.key and widget.key not in ("lang", "present"):
                yield kind, widget


def extremes(kind: str, widget) -> list:
    """The values a careless student could give this widget: both ends, every option."""
    if kind == "slider":
        lo, hi = widget.min, widget.max
        return [(lo, lo), (hi, hi), (lo, hi)] if isinstance(widget.value, tuple) else [lo, hi]
    if kind == "number_input":
        return [v for v in (widget.min, widget.max) if v is not None]
    if kind == "select_slider":  # ordered stops: the two ends are the extremes
        return [widget.options[0], widget.options[-1]]
    if kind in ("selectbox", "radio"):
        return list(widget.options)
    if kind in ("segmented_control", "pills"):
        return [[o] for o in widget.options]
    if kind == "multiselect":
        return [[], list(widget.options)]
    if kind in ("toggle", "checkbox"):
        return [True, False]
    return []


def _set(at: AppTest, kind: str, key: str, value) -> None:
    at.get_by_key(key).set_value(value)


def exercise_widgets(at: AppTest, skip: Iterable[str] = (), check=None) -> int:
    """Set every keyed widget to each extreme in turn, rerun, and assert no exception.

    Each widget goes back to its starting value before the next one is exercised, so the page is
    tested one change at a time. `check(at, key, value)` may add assertions. Returns how many
    runs were made (so a test can assert it really exercised something).
    """
    runs = 0
    skip = set(skip)
    start = [(kind, w.key, w.value) for kind, w in widgets(at) if w.key not in skip]
    for kind, key, original in start:
        live = {w.key: (k, w) for k, w in widgets(at)}
        if key not in live:  # hidden by another widget's current value
            continue
        for value in extremes(kind, live[key][1]):
            _set(at, kind, key, value)
            at.run()
            runs += 1
            assert_ok(at, f"{key}={value!r}")
            if check is not None:
                check(at, key, value)
        live = {w.key: (k, w) for k, w in widgets(at)}
        if key in live:
            _set(at, kind, key, original)
            at.run()
            assert_ok(at, f"{key} back to {original!r}")
    return runs


def texts(at: AppTest) -> list[str]:
    """The visible text of the main area: headings, markdown, captions, alerts, widget labels."""
    out: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        out += [str(e.value) for e in at.get(kind)]
    for _, widget in widgets(at):
        out.append(str(getattr(widget, "label", "")))
    return [text for text in out if text.strip()]


def csv_buttons(at: AppTest) -> list[int]:
    """Indices of the page's CSV download buttons (a deferred one has no URL until clicked)."""
    return [
        i
        for i, b in enumerate(at.get("download_button"))
        if b.proto.url.endswith(".csv") or "CSV" in b.proto.label
    ]


def _record_deferred_downloads() -> dict:
    """file id → the callable of every deferred download button registered in this process.

    AppTest's media manager sweeps "orphaned" deferred callables at the end of each run (one a
    fragment or a job's progress can end after the page's): the button's callable may be gone
    when the test reads it. The test keeps its own reference instead."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    recorded: dict = {}
    add = MediaFileManager.add_deferred

    def add_and_record(self, data_callable, *args, **kwargs):
        file_id = add(self, data_callable, *args, **kwargs)
        recorded[file_id] = data_callable
        return file_id

    MediaFileManager.add_deferred = add_and_record
    return recorded


DEFERRED = _record_deferred_downloads()


def download_bytes(at: AppTest, index: int = 0) -> bytes:
    """The bytes behind the page's `index`-th download button (call it right after the run).

    AppTest keeps downloads in an in-memory media store that lives on after the run; find the
    store that holds this button's file id.
    """
    import gc

    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    button = at.get("download_button")[index]
    deferred = button.proto.deferred_file_id
    if deferred:  # built when the button is clicked: call what the click would call
        data = DEFERRED[deferred]()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    for obj in gc.get_objects():
        if isinstance(obj, MemoryMediaFileStorage) and file_id in obj._files_by_id:
            return obj.get_file(file_id).content
    raise AssertionError(f"no stored file for download button {button.proto.label!r}")


def roundtrip(page: str, settings: dict, query: dict | None = None) -> tuple[AppTest, AppTest]:
    """Set widgets (key → value) on `page`, then open a fresh app with the resulting URL query.

    Returns (first, second); the caller compares what the user would see.
    """
    first = open_page(page, query=query)
    for key, value in settings.items():
        first.get_by_key(key).set_value(value)
        first.run()
        assert_ok(first, f"{key}={value!r}")
    params = {k: v[0] if isinstance(v, list) else v for k, v in first.query_params.items()}
    second = open_page(page, query=params)
    return first, second


_JSON_NONFINITE = re.compile(r"[:,\[]\s*-?(NaN|Infinity)\s*[,\]}]")


def has_nonfinite_literal(spec: str) -> bool:
    """True when a chart's JSON holds a NaN/Infinity literal (base64 arrays are not searched)."""
    return bool(_JSON_NONFINITE.search(spec))


def chart_spec(at: AppTest, key: str) -> dict:
    """The figure of the chart element keyed `key`, as the browser has it."""
    chart = next(c for c in charts(at) if c.key == key)
    return json.loads(figure_bytes(at, chart))


def release_chart_slider(at: AppTest, key: str, index: int, slider: int = 0) -> None:
    """Run the page as the browser does after slider `slider` of the chart `key` was let go on
    step `index`: a trigger value of the chart element carrying the slider's index and the
    step's number, its `value` (ui/chart_element.js). Uses Streamlit's test internals (no public
    way)."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    chart = next(c for c in charts(at) if c.key == key)
    step = chart_spec(at, key)["layout"]["sliders"][slider]["steps"][index]
    label = step["label"]
    value = float(step.get("value", label))  # as the browser reads it (Plotly: label by default)
    event = {"slider": slider, "index": index, "label": label, "value": value}
    states = at._tree.get_widget_states()
    trigger = WidgetStates().widgets.add()
    trigger.id = _make_trigger_id(chart.proto.id, "events")
    trigger.json_trigger_value = json.dumps([{"event": "slider", "value": event}])
    states.widgets.append(trigger)
    at._run(states)
    assert_ok(at, f"{key} slider {slider} released on {label}")
