"""A text a student gives a page: pasted in a box, or uploaded as a .txt file.

The pasted text is kept in the session while the student visits other pages (a widget's value is
not) and never goes into the share link. Each page names its strings and widgets by its prefix
(`"tc"`: the strings "tc.paste", "tc.paste.placeholder", "tc.paste.none", "tc.not_in_link",
"tc.file", "tc.file.help", "tc.file.none"; the widgets "tc_paste_box" and "tc_file").
"""

from __future__ import annotations

import streamlit as st

from ui.lang import tr
from ui.uploads import upload


def given(prefix: str, source: str, max_mb: int) -> str | bytes | None:
    """What the student gave: the pasted text (source "paste") or the uploaded file's bytes."""
    return pasted(prefix) if source == "paste" else uploaded(prefix, max_mb)


def pasted(prefix: str) -> str:
    """The text in the page's paste box ("" with a note asking for one when it is empty)."""
    box, kept = f"{prefix}_paste_box", f"_{prefix}_pasted"
    st.session_state.setdefault(box, st.session_state.get(kept, ""))
    tip = tr(f"{prefix}.paste.placeholder")
    text = st.text_area(tr(f"{prefix}.paste"), key=box, height=160, placeholder=tip)
    st.session_state[kept] = text
    st.caption(tr(f"{prefix}.not_in_link"))
    if not text:
        st.info(tr(f"{prefix}.paste.none"))
    return text


def uploaded(prefix: str, max_mb: int) -> bytes | None:
    """The bytes of the .txt file in the page's uploader, or None (with a note asking for one)."""
    raw, _ = upload(
        tr(f"{prefix}.file"),
        ["txt"],
        f"{prefix}_file",
        help=tr(f"{prefix}.file.help"),
        notes=(tr(f"{prefix}.not_in_link"),),
        max_mb=max_mb,
        none=tr(f"{prefix}.file.none"),
    )
    return raw
