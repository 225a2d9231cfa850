"""File uploads: the bytes and name of the file a student gave, with the page's notes beside it."""

from __future__ import annotations

import streamlit as st

from explorer.data import MAX_UPLOAD_MB


def upload(label: str, types: list, key: str, *, help=None, notes=(), none=None) -> tuple:
    """(bytes, name) of the file in the uploader `key`, or (None, "") and the `none` note (all
    texts already translated). Streamlit's own words in the uploader ("Drag and drop…", "Limit
    5MB") are English only, so `notes` (say, the limit) are shown under it in the page's language."""
    file = st.file_uploader(label, type=types, help=help, key=key, max_upload_size=MAX_UPLOAD_MB)
    for note in notes:
        st.caption(note)
    if file is None and none:
        st.info(none)
    return (None, "") if file is None else (file.getvalue(), file.name)
