"""The frame a page runs in: app.py's navigation, and a guard for pages run outside it."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import unquote, urlparse

import streamlit as st

from ui import safe
from ui.lang import tr

FRAMED_KEY = "_framed"  # True while app.py runs a page: this run is inside the frame
UNKNOWN_KEY = "_unknown_path"  # a path no page has, typed or followed: said on the home page
_PATH_NAME = re.compile(r"[\w-]{1,60}")  # a path Streamlit may name a page by (else: its own box)
HANDOVER_KEY = "_frame_handovers"  # handovers since the last framed run (at most 2: no loop)


@contextlib.contextmanager
def framed():
    """app.py runs the page inside this: the page can tell it is in the frame."""
    from ui.charts import forget_undrawn

    st.session_state[FRAMED_KEY], st.session_state[HANDOVER_KEY] = True, 0
    try:
        yield
        forget_undrawn()  # a full run of the page ended: it drew every chart it shows
    finally:
        st.session_state[FRAMED_KEY] = False


def navigation():
    """The app's navigation (`st.navigation` over home and every view), in this language."""
    from ui.views import available

    home = st.Page("pages/home.py", title=tr("nav.home"), icon="🏠", url_path="start", default=True)
    # The default page is served at / only (its own path is reserved but unreachable): a link or
    # bookmark to /home lands here and goes home, where Streamlit would show "Page not found"
    # (in English on a Chinese page).
    to_home = st.Page(lambda: st.switch_page(home), url_path="home", visibility="hidden")
    views = [
        st.Page(view.page, title=tr(f"view.{view.key}"), icon=view.icon, url_path=view.key)
        for view in available()
    ]
    hidden = [to_home, *_unknown_path(home, {"start", "home", *(v.key for v in available())})]
    page = st.navigation({"": [home, *hidden], tr("nav.group.views"): views})
    if (unknown := st.session_state.pop(UNKNOWN_KEY, None)) is not None:
        st.warning(tr("nav.unknown", path=safe.md(unknown, limit=60)))
    return page


def _unknown_path(home, known: set) -> list:
    """A path no page has (/nosuchpage): a hidden page of that name, which goes home and says
    so there in the student's language; Streamlit would show its own "Page not found" box, in
    English."""
    url = st.context.url or ""
    asked = unquote(urlparse(url).path.rstrip("/").rpartition("/")[2])
    if not asked or asked in known or not _PATH_NAME.fullmatch(asked):
        return []

    def go_home() -> None:
        st.session_state[UNKNOWN_KEY] = asked
        st.switch_page(home)

    return [st.Page(go_home, url_path=asked, visibility="hidden")]


def ensure_frame() -> None:
    """Make sure this page runs inside app.py's frame (sidebar, language, navigation).

    With a `pages/` folder beside app.py, Streamlit starts every fresh server in its old
    pages-directory mode: until some run declares a navigation, a page URL's file runs on its
    own, frameless and in English (30 simultaneous first visits: 29 bare pages). A page that
    finds itself outside the frame (app.py did not mark this run) declares the app's navigation
    (public `st.navigation`, which ends that mode for the server) and reruns: the rerun is
    app.py's, on the page the URL names (at most twice in a row, so nothing can loop).
    """
    handovers = st.session_state.get(HANDOVER_KEY, 0)
    if st.session_state.get(FRAMED_KEY) or handovers >= 2:
        return
    st.session_state[HANDOVER_KEY] = handovers + 1
    navigation()
    st.rerun()
