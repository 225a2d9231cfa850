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
    if param.widget == "text":
        return where.text_input(label, max_chars=param.max_chars, **kw)
    if param.widget == "text_area":
        return where.text_area(label, max_chars=param.max_chars, **kw)
    raise ValueError(f"unknown widget {param.widget!r}")


class Controls:
    """`controls.<field>(where, **override)` draws that field's widget and returns its value."""

    def __init__(self, settings_cls):
        self._params = settings_cls.PARAMS

    def __getattr__(self, name: str):
        param = self._params[name]
        return lambda where=None, **override: draw(param, where, **override)
