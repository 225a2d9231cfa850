"""A session forgets the widgets of the pages it left (Streamlit 1.67 keeps them all).

Streamlit keeps, per session, a `WidgetMetadata` for every widget the session ever drew: at the
end of a run it drops the *values* of widgets that were not drawn (stale), never their metadata.
Each one holds its widget's serializer, deserializer and callbacks (bound methods, closures,
tuples): about 6 objects that Python's collector walks in every full collection. A student who
goes round the app in one tab ends with ~193 of them, of which the page on screen uses ~35: about
1,200 of the session's ~1,400 walked objects (measured on a server, 2026-12-07). With a class of
sessions, every full collection walks them all (docs/performance.md, "A day of class").

`forget()` (every run, from app.py, before the page is drawn) drops the metadata of every widget
that has neither a value kept from the last run nor one sent by the browser for this run: a
widget that was stale at the last run's end. Streamlit reads metadata only for widgets with a
value (to deserialize it, to call its callbacks); a widget drawn again registers its metadata
again. It touches Streamlit's private session state, as `ui/handover.py` does: on a Streamlit
this was not written for it does nothing.
"""

from __future__ import annotations

import streamlit
from streamlit.runtime.scriptrunner import get_script_run_ctx


def forget() -> int:
    """Drop the metadata of the widgets this session no longer has a value for; how many."""
    ctx = get_script_run_ctx()
    if ctx is None or not streamlit.__version__.startswith("1.67."):
        return 0
    safe = ctx.session_state  # SafeSessionState: the session's state and its lock
    state = getattr(safe, "_state", None)
    widgets = getattr(state, "_new_widget_state", None)
    metadata = getattr(widgets, "widget_metadata", None)
    old = getattr(state, "_old_state", None)
    lock = getattr(safe, "_lock", None)
    if not (isinstance(metadata, dict) and isinstance(old, dict) and lock is not None):
        return 0
    with lock:
        keep = set(widgets.states) | set(old)
        stale = [widget_id for widget_id in metadata if widget_id not in keep]
        for widget_id in stale:
            del metadata[widget_id]
    return len(stale)
