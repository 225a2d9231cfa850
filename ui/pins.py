"""Pin the current curve or race to compare with the next, drawn grey by the page's figure.

What is kept is the settings that drew it (a page's `pin: tuple = ui.pin(fields...)`, see
ui.params.pin): a few numbers, in the URL like every setting, so a shared link shows the pin too.
The page draws the pinned curve again from `pinned(s)` (its cache usually has it)."""

from __future__ import annotations

import dataclasses

import streamlit as st

from ui.lang import tr

MAX_POINTS = 1001  # per pinned line: a longer one is thinned to this many points


def pinned(s):
    """The settings `s` with the pinned fields as they were when pinned, or None."""
    if not s.pin:
        return None
    return dataclasses.replace(s, **dict(zip(type(s).PARAMS["pin"].parts, s.pin, strict=True)))


def thin(points) -> tuple:
    """At most MAX_POINTS of `points` (first and last kept), as a tuple (hashable, small)."""
    points = list(points)
    if len(points) <= MAX_POINTS:
        return tuple(points)
    step = (len(points) - 1) / (MAX_POINTS - 1)
    return tuple(points[round(i * step)] for i in range(MAX_POINTS))


def pin_buttons(s, where=None) -> None:
    """ "Pin to compare" (keeps the pinned fields of `s`) and, once pinned, "Clear the pin"."""
    where = st if where is None else where
    param, prefix = type(s).PARAMS["pin"], type(s).PREFIX
    now = tuple(getattr(s, name) for name in param.parts)
    cols = where.columns([1, 1, 3])
    cols[0].button(
        tr("q.pin"),
        key=f"pin_{prefix}",
        on_click=_set,
        args=(param.key, now),
        help=tr("q.pin.help"),
        icon=":material/push_pin:",
    )
    if s.pin:
        cols[1].button(
            tr("q.pin.clear"), key=f"pin_{prefix}_clear", on_click=_set, args=(param.key, ())
        )


def _set(key: str, value: tuple) -> None:
    st.session_state[key] = value
