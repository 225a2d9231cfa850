"""Widgets drawn from their Params: the bounds, label, help and option labels are written once,
in the page's settings declaration."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.lang import labels, tr
from ui.params import Param


def draw(param: Param, where: Any = None, **override) -> Any:
    """Draw `param`'s widget in `where` (a column, a container; default: the page). `override`
    changes bounds, options or the (translated) label for this run (e.g. a slider over this
    sequence's steps)."""
    where = st if where is None else where
    lo, hi = override.pop("lo", param.lo), override.pop("hi", param.hi)
    options = override.pop("options", param.options)
    kw: dict[str, Any] = {"key": param.key, "help": tr(param.help) if param.help else None}
    if param.option_labels is not None and "format_func" not in override:
        kw["format_func"] = (
            labels(param.option_labels)
            if isinstance(param.option_labels, str)
            else param.option_labels
        )
    value = st.session_state.get(param.key)
    if (
        param.widget == "number"
        and isinstance(value, (int, float))
        and lo is not None
        and value < lo
    ):
        st.session_state[param.key] = lo  # bounds narrowed for this run: a value below is lifted
    label = override.pop("label", None) or tr(param.label)  # a label with values, translated
    kw.update(override)
    if param.widget == "slider":
        return where.slider(label, lo, hi, step=param.step, **kw)
    if param.widget == "number":  # value=None: an emptied box sends None (the last value is
        # kept, state.repaired) instead of the browser snapping it to the widget's default, lo
        kw.setdefault("value", None)
        return where.number_input(label, lo, hi, step=param.step, format=param.format, **kw)
    if param.widget == "select":
        return where.selectbox(label, options, **kw)
    if param.widget == "radio":
        return where.radio(label, options, horizontal=param.horizontal, **kw)
    if param.widget == "select_slider":
        return where.select_slider(label, options, **kw)
    if param.widget == "multiselect":
        return where.multiselect(label, options, **kw)
    if param.widget == "toggle":
        return where.toggle(label, **kw)
    if param.widget in ("text", "text_area"):
        return _text(where, label, param, kw)
    raise ValueError(f"unknown widget {param.widget!r}")


_CUT = "_cut_"  # session key prefix: (characters sent, the text kept) of a text cut to max_chars


def _text(where: Any, label: str, param: Param, kw: dict) -> str:
    """A text box whose limit the server applies: given max_chars, the browser drops a paste
    that would make the text longer, silently (Streamlit 1.67), so the box takes any length and
    a longer text is cut to `max_chars` before the run, with a note under the box."""
    box = where.text_input if param.widget == "text" else where.text_area
    value = box(label, on_change=_cut, args=(param.key, param.max_chars), **kw)
    sent, kept = st.session_state.get(_CUT + param.key, (0, None))
    if kept is not None and kept == value:
        where.warning(tr("in.cut", sent=f"{sent:,}", limit=f"{param.max_chars:,}"))
    return value


def _cut(key: str, limit: int | None) -> None:
    value = st.session_state.get(key)
    if limit is None or not isinstance(value, str) or len(value) <= limit:
        st.session_state.pop(_CUT + key, None)
        return
    st.session_state[key] = value[:limit]
    st.session_state[_CUT + key] = (len(value), value[:limit])


class Controls:
    """`controls.<field>(where, **override)` draws that field's widget and returns its value."""

    def __init__(self, settings_cls):
        self._params = settings_cls.PARAMS

    def __getattr__(self, name: str):
        param = self._params[name]
        return lambda where=None, **override: draw(param, where, **override)
