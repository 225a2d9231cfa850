"""The text guard: a lone surrogate typed or pasted into a text box is sent as U+FFFD.

Streamlit's server closes the websocket on a widget value that is not valid UTF-8 (half an emoji,
as a broken clipboard or a script leaves it), and the tab's every later click with it; the browser
must clean the value before Streamlit reads it (`text_guard.js`). The frame mounts it at the end of
the sidebar (app.py; still mounted when presenter mode hides the sidebar), hidden: it draws
nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import streamlit as st

KEY = "rnnx_text_guard"
_JS = Path(__file__).with_name("text_guard.js").read_text(encoding="utf-8")
_CSS = f".st-key-{KEY} {{display: none;}}"


@functools.cache
def _component() -> Callable:
    return st.components.v2.component("rnnx_text_guard", js=_JS, css=_CSS, isolate_styles=False)


def text_guard() -> None:
    """Mount the text guard (every full run of the frame)."""
    _component()(key=KEY)
