"""What a view model says, shown: its sentences as (how, text) pairs, `how` one of Streamlit's
text elements ("caption", "info", "warning", "error", "markdown"); a pair without text is not
shown (a verdict that does not apply)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st

from ui.lang import lang, tr


def say(notes: Iterable[tuple[str, str | None]], where=None) -> None:
    """Each note with text as `how` says, in order, in `where` (a column; default the page)."""
    for how, text in notes:
        if text:
            getattr(where or st, how)(text)


def expander(title: str, notes_of: Callable[[str], Iterable[tuple[str, str | None]]]) -> None:
    """A closed expander titled by the string `title`, holding what `notes_of(lang)` says."""
    with st.expander(tr(title)):
        say(notes_of(lang()))
