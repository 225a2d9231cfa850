"""Pin the current curve or race to compare with the next: kept in this session (a few KB),
drawn grey by the page's figure."""

from __future__ import annotations

import streamlit as st

from ui.lang import tr

_PINS = "_pins"  # page key → its pinned value (hashable: it is part of the figure's cache key)
MAX_POINTS = 1001  # per pinned line: a longer one is thinned to this many points


def pinned(key: str):
    """What this session pinned on page `key`, or None."""
    return st.session_state.get(_PINS, {}).get(key)


def thin(points) -> tuple:
    """At most MAX_POINTS of `points` (first and last kept), as a tuple (hashable, small)."""
    points = list(points)
    if len(points) <= MAX_POINTS:
        return tuple(points)
    step = (len(points) - 1) / (MAX_POINTS - 1)
    return tuple(points[round(i * step)] for i in range(MAX_POINTS))


def pin_buttons(key: str, value, where=None) -> None:
    """ "Pin to compare" (keeps `value`) and, once something is pinned, "Clear the pin"."""
    where = st if where is None else where
    cols = where.columns([1, 1, 3])
    cols[0].button(tr("q.pin"), key=f"pin_{key}", on_click=_set, args=(key, value),
                   help=tr("q.pin.help"), icon=":material/push_pin:")  # fmt: skip
    if pinned(key) is not None:
        cols[1].button(tr("q.pin.clear"), key=f"pin_{key}_clear", on_click=_set, args=(key, None))


def _set(key: str, value) -> None:
    pins = st.session_state.setdefault(_PINS, {})
    if value is None:
        pins.pop(key, None)
    else:
        pins[key] = value
