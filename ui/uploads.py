"""File uploads: the bytes and name of the file a student gave, with the page's notes beside it."""

from __future__ import annotations

import streamlit as st

from explorer.inputs.data import MAX_UPLOAD_MB
from ui.lang import tr


def upload(
    label: str, types: list, key: str, *, help=None, notes=(), none=None, max_mb=MAX_UPLOAD_MB
) -> tuple:
    """(bytes, name) of the file in the uploader `key`, or (None, "") and the `none` note (all
    texts already translated). The box refuses a file over `max_mb` × 1,000,000 bytes in English
    only ("File must be 5.0MB or smaller", as "Drag and drop…" and "Limit 5MB"), so the limit
    and that message are stated under it in the page's language first, then the page's `notes`."""
    file = st.file_uploader(label, type=types, help=help, key=key, max_upload_size=max_mb)
    for note in (tr("up.limit", mb=max_mb, bytes=f"{max_mb * 1_000_000:,}"), *notes):
        st.caption(note)
    if file is None and none:
        st.info(none)
    return (None, "") if file is None else (file.getvalue(), file.name)
