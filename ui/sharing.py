"""Reading guides and the share link."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import streamlit as st

from ui.lang import tr

# Characters a link keeps as typed (readable: "gd_points=p0,p1", "opt_pin=-1.5;2"): none of them
# means anything inside a query value. Everything else (& = # + % space, non-ASCII) is %-encoded.
LINK_SAFE = ",:;/@"
LONG_LINK = 2000  # characters: some mail and chat programs cut a longer link
_NOT_CARRIED = "_not_in_link"  # what this view shows that its link cannot carry (this run)
NOT_CARRIED = ("upload", "model", "pasted", "trained")  # each has a string "share.lost.<kind>"


def guide(notice: str, try_this: str | None = None) -> None:
    """A 'what to notice' box with the current numbers, and an optional 'try this' prompt."""
    st.info(f"**{tr('guide.notice')}** · {notice}", icon="🔎")
    if try_this:
        with st.expander(tr("guide.try")):
            st.markdown(try_this)


def link(base: str, query: dict[str, str]) -> str:
    """`base?k=v&…` with every key and value %-encoded (but for LINK_SAFE): any URL parser
    gives back `query` exactly."""
    text = urlencode(query, safe=LINK_SAFE, quote_via=quote)
    return f"{base}?{text}" if text else base or "/"


def not_carried(kind: str) -> None:
    """Note that this view shows something its link cannot carry (one of NOT_CARRIED): an
    uploaded file, a model opened from another page, pasted text, a model trained here. The
    share link's popover lists them. Called by ui.uploads, ui.jobs and the few session-only
    inputs; forgotten when the page's body runs again."""
    st.session_state.setdefault(_NOT_CARRIED, set()).add(kind)


def forget_not_carried() -> None:
    st.session_state.pop(_NOT_CARRIED, None)


def share_link() -> None:
    """The URL of this exact view, in a code block (it has a copy button), and what it cannot
    carry."""
    base = ""
    try:  # the browser's own URL, when Streamlit knows it
        base = (st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - older Streamlit or no browser (AppTest)
        base = ""
    text = link(base, st.query_params.to_dict())
    lost = [kind for kind in NOT_CARRIED if kind in st.session_state.get(_NOT_CARRIED, ())]
    with st.popover(tr("share.title"), icon="🔗"):
        st.caption(tr("share.help.partial" if lost else "share.help"))
        st.code(text, language=None)
        if lost:
            items = "".join(f"\n- {tr(f'share.lost.{kind}')}" for kind in lost)
            st.caption(tr("share.lost") + items)
        if len(text) > LONG_LINK:
            st.caption(tr("share.long", chars=f"{len(text):,}", limit=f"{LONG_LINK:,}"))
