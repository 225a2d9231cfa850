"""The frame a page runs in."""

from __future__ import annotations

import streamlit as st


def ensure_frame() -> None:
    """Make sure this page runs inside app.py's frame (sidebar, language, navigation).

    A fresh server whose first visitor opens a page URL (e.g. /loss_surface?lang=zh) runs that
    file on its own, in Streamlit's old `pages/`-directory mode, until some run calls
    st.navigation. Switch that mode off and rerun, so app.py picks the page from the URL.
    Called by `init_params`, so every page that has widgets does it first.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
