"""A widget drawn with narrower bounds than its declaration's for this run (a slider over this
sequence's steps): a value outside them is moved inside first, as Streamlit refuses to draw a
widget whose value is out of its range (StreamlitValueAboveMaxError). The view model computes the
same clamped value for what it draws; this keeps the widget in step with it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.widgets import draw


def within(settings_cls, name: str, where: Any = None, *, lo=None, hi=None, **override) -> Any:
    """Draw the setting `name`'s widget in `where` with bounds [lo, hi] (default: its own)."""
    param = settings_cls.PARAMS[name]
    lo = param.lo if lo is None else lo
    hi = param.hi if hi is None else hi
    value = st.session_state.get(param.key)
    if isinstance(value, (int, float)) and not lo <= value <= hi:
        st.session_state[param.key] = type(value)(min(max(value, lo), hi))
    return draw(param, where, lo=lo, hi=hi, **override)
