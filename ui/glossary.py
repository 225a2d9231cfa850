"""The page's "Terms" popover: every symbol and word the page uses, defined (explorer.lessons.glossary)."""

from __future__ import annotations

import streamlit as st

from explorer.lessons import glossary
from ui.lang import lang, tr


def draw(prefix: str, where=None) -> None:
    """The popover of the page whose settings have `prefix`, in `where` (a column; default: the
    page, right-aligned on its own short row). Nothing when the page lists no terms."""
    if not glossary.terms(prefix):
        return
    if where is None:
        where = st.columns([6, 1])[1]
    with where.popover(
        tr("gl.title"), icon=":material/menu_book:", help=tr("gl.help"), width="stretch"
    ):
        st.markdown(glossary.markdown(prefix, lang()))
