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


def figures(at: AppTest) -> list[dict]:
    """Every Plotly chart on the page as its JSON spec."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


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
    if kind in ("selectbox", "radio", "select_slider"):
        return list(widget.options)
    if kind in ("segmented_control", "pills"):
        return [[o] for o in widget.options]
    if kind == "multiselect":
        return [[], list(widget.options)]
    if kind in ("toggle", "checkbox"):
        return [True, False]
    return []


def _set(at: AppTest, kind: str, key: str, value) -> None:
    widget = at.get_by_key(key) if hasattr(at, "get_by_key") else None
    widget = widget or next(w for k, w in widgets(at, [kind]) if w.key == key)
    if kind in ("selectbox", "radio", "select_slider", "multiselect"):
        widget.set_value(_option_value(widget, value))
    else:
        widget.set_value(value)


def _option_value(widget, value):
    return value  # AppTest maps formatted options back to values itself


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
