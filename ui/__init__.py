"""Streamlit helpers shared by `app.py` and the pages: language, URL state, guides, exports.

UI glue only; no model math (that is `explorer/`). Helpers return plain values.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import math
import os
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from explorer import i18n
from ui.safe import md

MEMORY_KEY = "_remembered"
# No URL value is longer than this, whatever its widget: a 1 MB query is refused unread.
MAX_URL_VALUE = 20_000


def lang() -> str:
    """The language chosen in the sidebar (or by ?lang=); 'en' or 'zh'."""
    return i18n.normalize_lang(st.session_state.get("lang", i18n.DEFAULT_LANG))


def tr(key: str, /, **values) -> str:
    """`explorer.i18n.t` in the current language."""
    return i18n.t(key, lang(), **values)


FRAMED_KEY = "_framed"  # True while app.py runs a page: this run is inside the frame
HANDOVER_KEY = "_frame_handovers"  # handovers since the last framed run (at most 2: no loop)


@contextlib.contextmanager
def framed():
    """app.py runs the page inside this: the page can tell it is in the frame."""
    st.session_state[FRAMED_KEY], st.session_state[HANDOVER_KEY] = True, 0
    try:
        yield
    finally:
        st.session_state[FRAMED_KEY] = False


def navigation():
    """The app's navigation (`st.navigation` over home and every view), in this language."""
    from ui.views import available

    home = st.Page("pages/home.py", title=tr("nav.home"), icon="🏠", url_path="home", default=True)
    views = [
        st.Page(view.page, title=tr(f"view.{view.key}"), icon=view.icon, url_path=view.key)
        for view in available()
    ]
    return st.navigation({"": [home], tr("nav.group.views"): views})


def ensure_frame() -> None:
    """Make sure this page runs inside app.py's frame (sidebar, language, navigation).

    With a `pages/` folder beside app.py, Streamlit starts every fresh server in its old
    pages-directory mode: until some run declares a navigation, a page URL's file runs on its
    own, frameless and in English (30 simultaneous first visits: 29 bare pages). A page that
    finds itself outside the frame (app.py did not mark this run) declares the app's navigation
    (public `st.navigation`, which ends that mode for the server) and reruns: the rerun is
    app.py's, on the page the URL names (at most twice in a row, so nothing can loop).
    """
    handovers = st.session_state.get(HANDOVER_KEY, 0)
    if st.session_state.get(FRAMED_KEY) or handovers >= 2:
        return
    st.session_state[HANDOVER_KEY] = handovers + 1
    navigation()
    st.rerun()


# --- Garbage collection ----------------------------------------------------------------------

GC_ENV = "RNN_EXPLORER_GC"  # "plain": leave Python's collector as it is (for comparisons)
_gc_lock = threading.Lock()
_frozen_modules = 0


def settle_heap(new_modules: int = 200) -> bool:
    """Move what the imports allocated out of the garbage collector's sight, once they settle.

    Python's full collections walk every tracked object; with NumPy, Plotly and torch loaded
    that is ~280,000 container objects that live as long as the server, and each full
    collection froze every session for 156–174 ms of CPU (loss surface, N = 30; 11–21 ms
    frozen; `python -m benchmarks gc`). `gc.freeze()`
    moves all current objects to a permanent generation that collections skip. Called by app.py
    on every run; it acts only when at least `new_modules` modules were imported since the last
    time (the first run, the first page that loads NumPy/Plotly, torch's lazy import), so a
    process freezes a handful of times, each after a `gc.collect()` so no garbage is kept.
    Returns True when it froze.
    """
    global _frozen_modules
    if os.environ.get(GC_ENV) == "plain" or len(sys.modules) - _frozen_modules < new_modules:
        return False
    with _gc_lock:
        if len(sys.modules) - _frozen_modules < new_modules:
            return False
        _frozen_modules = len(sys.modules)
        gc.collect()
        gc.freeze()
    return True


# --- State that lives in the URL -------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A widget value that is mirrored in the URL query (`?key=value`).

    The type comes from `default` (bool, int, float, str, or a tuple/list of those). Numbers are
    clamped to [lo, hi]; strings must be one of `options`; a value longer than `max_chars` (the
    widget's own limit; never more than MAX_URL_VALUE) is refused. Anything else in a URL is
    ignored.
    """

    key: str
    default: Any
    lo: float | None = None
    hi: float | None = None
    options: Sequence | None = None
    max_chars: int | None = None

    def parse(self, raw: str) -> Any:
        """The value `raw` stands for, or None when it is not valid for this widget."""
        limit = min(self.max_chars or MAX_URL_VALUE, MAX_URL_VALUE)
        if len(str(raw)) > limit:
            return None
        if isinstance(self.default, (tuple, list)):
            parts = [part for part in str(raw).split(",") if part != ""]
            items = [self._parse_one(part, self.default[0]) for part in parts]
            if any(item is None for item in items):
                return None
            if isinstance(self.default, tuple):  # a fixed-size range, e.g. (lo, hi)
                if len(items) != len(self.default):
                    return None
                return tuple(sorted(items))
            return items
        return self._parse_one(raw, self.default)

    def _parse_one(self, raw: str, like: Any) -> Any:
        text = str(raw).strip()
        if isinstance(like, bool):
            return {"1": True, "true": True, "0": False, "false": False}.get(text.lower())
        if isinstance(like, (int, float)):
            try:
                value = float(text)
            except ValueError:
                return None
            if not math.isfinite(value):
                return None
            if self.options is not None:  # a select_slider of numbers: the nearest stop
                if value > 0 and all(o > 0 for o in self.options):  # log-spaced rates
                    return min(self.options, key=lambda o: abs(math.log(o / value)))
                return min(self.options, key=lambda o: abs(o - value))
            if self.lo is not None:
                value = max(value, self.lo)
            if self.hi is not None:
                value = min(value, self.hi)
            return int(round(value)) if isinstance(like, int) else value
        if self.options is not None and text not in [str(o) for o in self.options]:
            return None
        return text

    def format(self, value: Any) -> str:
        if isinstance(value, (tuple, list)):
            return ",".join(self.format(v) for v in value)
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, float):
            return f"{value:.6g}"
        return str(value)


def init_params(params: Sequence[Param]) -> None:
    """Give each widget key its starting value, before the widgets are drawn.

    Order of precedence: the URL, then what this session last had on this page (Streamlit drops
    a widget's state when you visit another page), then the default.
    """
    ensure_frame()
    memory = st.session_state.setdefault(MEMORY_KEY, {})
    for param in params:
        if param.key in st.session_state:
            continue
        raw = st.query_params.get(param.key)
        value = param.parse(raw) if raw is not None else None
        if value is None:
            value = memory.get(param.key, param.default)
            if raw is not None:  # a hand-edited or stale link: say so, then carry on
                shown, default = md(raw, limit=40), md(param.format(value), limit=40)
                st.warning(tr("url.bad_param", key=param.key, value=shown, default=default))
        st.session_state[param.key] = value


def publish_params(params: Sequence[Param]) -> None:
    """Write the widgets' current values to the URL (and this session's memory)."""
    memory = st.session_state.setdefault(MEMORY_KEY, {})
    for param in params:
        if param.key not in st.session_state:
            continue
        value = st.session_state[param.key]
        memory[param.key] = value
        if value == param.default or (
            isinstance(param.default, tuple) and tuple(value) == param.default
        ):
            if param.key in st.query_params:  # defaults stay out of the link
                del st.query_params[param.key]
            continue
        text = param.format(value)
        if st.query_params.get(param.key) != text:
            st.query_params[param.key] = text


# --- Reading guides, sharing and exports ------------------------------------------------------


def guide(notice: str, try_this: str | None = None) -> None:
    """A 'what to notice' box with the current numbers, and an optional 'try this' prompt."""
    st.info(f"**{tr('guide.notice')}** · {notice}", icon="🔎")
    if try_this:
        with st.expander(tr("guide.try")):
            st.markdown(try_this)


def share_link() -> None:
    """The URL of this exact view, in a code block (it has a copy button)."""
    query = "&".join(f"{k}={v}" for k, v in st.query_params.to_dict().items())
    base = ""
    try:  # the browser's own URL, when Streamlit knows it
        base = (st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - older Streamlit or no browser (AppTest)
        base = ""
    with st.popover(tr("share.title"), icon="🔗"):
        st.caption(tr("share.help"))
        st.code(f"{base}?{query}" if query else base or "/", language=None)


def csv_bytes(columns: Mapping[str, Sequence]) -> bytes:
    """Columns of equal length → CSV bytes (UTF-8, header row, full float precision, quoted)."""
    names = list(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in zip(*(columns[name] for name in names), strict=True):
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def _cell(value) -> str:
    if hasattr(value, "item"):  # NumPy scalars (np.float64 is a float: unwrap it first)
        value = value.item()
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    return str(value)


def download_csv(
    columns: Mapping[str, Sequence] | bytes | Callable[[], bytes], filename: str, key: str
) -> None:
    """A CSV download button. Give the columns, the bytes, or (for big tables) a function that
    returns the bytes: it runs only when the button is clicked, not on every rerun."""
    data = columns if isinstance(columns, bytes) or callable(columns) else csv_bytes(columns)
    st.download_button(
        tr("download.csv"), data, file_name=filename, mime="text/csv", key=key, on_click="ignore"
    )  # a download changes nothing on the page: no rerun (it would redraw every chart)


PLOT_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def plot(fig, key: str, **kwargs):
    """`st.plotly_chart` with the app's config (PNG export from the mode bar works offline)."""
    return st.plotly_chart(fig, key=key, config=PLOT_CONFIG, width="stretch", theme=None, **kwargs)
