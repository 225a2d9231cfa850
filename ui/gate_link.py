"""A model of "Your text" opened in the gate inspector: the button there stores which one (its key
and the text it was looking at) in the session, and switches the inspector's source to it."""

from __future__ import annotations

import streamlit as st

from ui.state import MEMORY_KEY

OPENED = "_tc_opened"  # session: (model key, text) that "Your text" opened in the gate inspector


def open_here(key: tuple, text: str) -> None:
    """A callback of "Your text": show the model `key` on `text` in the gate inspector."""
    st.session_state[OPENED] = (key, text)
    st.session_state["gt_source"] = "chars"
    st.session_state.setdefault(MEMORY_KEY, {})["gt_source"] = "chars"


def opened() -> tuple | None:
    """(model key, text) opened here, or None."""
    return st.session_state.get(OPENED)
