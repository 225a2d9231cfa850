"""The page frame: a page declares its settings and a body; the frame does the rest.

    @ui.page(Settings, title="gd.title", intro="gd.intro")
    def body(s: Settings, controls: ui.Controls) -> None:
        ...

The frame gives each widget its starting value (URL, this session, default), draws the title and
intro once, and runs the body as one `st.fragment` (a widget moved in it reruns only the body:
the title and intro are not sent again). Each run of the body starts by restoring any widget
value the browser dropped and ends by writing the settings to the URL and showing the share link.
The decorator runs the page at once: it is the last statement of a page file.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from explorer import i18n
from ui import glossary, jobs, live_class, sharing, state
from ui import questions as guided
from ui.frame import ensure_frame
from ui.lang import tr
from ui.params import params_of
from ui.widgets import Controls

_LINK_IN_SECTION = "_share_link_in_section"  # set in a run whose section drew the share link
SETTINGS: dict[str, type] = {}  # settings prefix → the settings class of the page that ran it


def page(
    settings_cls,
    *,
    title: str,
    intro: str | None = None,
    header: Callable[[], None] | None = None,
    questions: bool | None = None,
):
    """Run the decorated `body(settings, controls)` as this page (see the module docstring).
    `questions`: draw the view's goal, its guided questions and "Reset this page" (ui.questions);
    by default when the string `q.<prefix>.goal` exists."""
    params = params_of(settings_cls)

    def run(body: Callable) -> Callable:
        ensure_frame()
        SETTINGS[settings_cls.PREFIX] = settings_cls
        state.init(params, from_url=live_class.take_apply())
        st.title(tr(title))
        if intro:
            st.markdown(tr(intro))
        if header is not None:
            header()
        if questions or (questions is None and f"q.{settings_cls.PREFIX}.goal" in i18n.TABLE):
            guided.draw(settings_cls)  # its row holds the page's terms too
        else:
            glossary.draw(settings_cls.PREFIX)

        @st.fragment
        def fragment() -> None:
            st.session_state.pop(_LINK_IN_SECTION, None)
            jobs.new_run()  # the jobs this run asks for count as one (ui/jobs.py)
            sharing.forget_not_carried()  # this run notes again what its link cannot carry
            state.restore(params)
            token = state.running(settings_cls)
            try:
                body(state.read(settings_cls), Controls(settings_cls))
            finally:
                state.done(token)
            state.publish(params)
            live_class.publish()
            if not st.session_state.pop(_LINK_IN_SECTION, False):  # else the section's is it
                sharing.share_link()

        fragment()
        return body

    return run


def section(settings_cls, *, share_link: bool = False):
    """A fragment inside a page's body (its own widgets rerun only it), which restores and
    publishes the settings like the page does. With `share_link` (a section that ends the page)
    it ends with the page's share link, so that the link follows the section's own runs too;
    the page then draws none."""
    params = params_of(settings_cls)

    def wrap(fn: Callable) -> Callable:
        @st.fragment
        def fragment(*args, **kwargs):
            state.restore(params)
            token = state.running(settings_cls)
            try:
                fn(state.read(settings_cls), Controls(settings_cls), *args, **kwargs)
            finally:
                state.done(token)
            state.publish(params)
            live_class.publish()
            if share_link:
                sharing.share_link()
                st.session_state[_LINK_IN_SECTION] = True

        return fragment

    return wrap
