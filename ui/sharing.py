"""Reading guides and the share link."""

from __future__ import annotations

import streamlit as st

from ui.lang import tr


def guide(notice: str, try_this: str | None = None) -> None:
    """A 'what to notice' box with the current numbers, and an optional 'try this' prompt."""
    st.info(f"**{tr('guide.notice')}** · {notice}", icon="🔎")
    if try_this:
        with st.expander(tr("guide.try")):
            st.markdown(try_this)


def share_link() -> None:
    """The URL of this exact view, in a code block (it has a copy button)."""
    query = "&".join(f"{k}={v}" for k, v in st.query_params.to_dict().items())
    base = ""
    try:  # the browser's own URL, when Streamlit knows it
        base = (st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - older Streamlit or no browser (AppTest)
        base = ""
    with st.popover(tr("share.title"), icon="🔗"):
        st.caption(tr("share.help"))
        st.code(f"{base}?{query}" if query else base or "/", language=None)
