"""The frame's look: compact on a laptop, large on a projector (presenter mode).

On a 1366×768 laptop the first chart of every page must start on the first screen: the frame
trims Streamlit's top padding and title size, and a page's controls sit in `controls_box()`.
In presenter mode (`?present=1`, or the sidebar toggle) the sidebar is hidden, so the frame draws
its own bar (`bar`: every page, and an exit) above the page; the text, widgets and charts grow
(`CHART_SCALE`, `CHART_TALL`: applied to the figure in the browser, see ui/chart_element.js),
and the controls fold into an expander until the teacher opens it. ← / → step the chart's own
slider (the chart element does it, in both modes).
"""

from __future__ import annotations

import contextlib

import streamlit as st

from explorer import i18n
from ui.lang import tr

KEY = "present"  # the frame's toggle (app.py's FRAME_PARAMS): also ?present=1
CHART_SCALE = 1.5  # fonts, markers, lines and margins of every chart, in presenter mode
CHART_TALL = 1.25  # and their height (the race map, the gate heatmaps: larger)

# Both modes: less padding above the title, a smaller title, tighter gaps between blocks (the
# first chart moves up ~120 px).
COMPACT_CSS = """
[data-testid="stMainBlockContainer"] {padding-top: 1.25rem;}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {gap: 0.7rem;}
[data-testid="stMainBlockContainer"] h1 {font-size: 2rem; padding: 0 0 0.25rem 0;}
[data-testid="stMainBlockContainer"] h3 {font-size: 1.25rem; padding: 0.25rem 0;}
/* Plotly's toolbar (shown on hover) stands upright in a strip of its own at the chart's right
   edge (ui/chart_element.js turns it), never on the chart's title (it covered long ones, e.g.
   gradient decay's), and costs no height (a 1366×768 laptop's first chart stays on the first
   screen) */
.rnnx-chart {padding-right: 30px;}
.rnnx-chart .modebar-container {right: -30px !important;}
/* a widget's label (a toggle's, a button's) wraps rather than ending in "…" ("Bidirectio…") */
[data-testid="stMain"] .stMarkdownEllipsis {white-space: normal; overflow: visible;
  text-overflow: clip;}
"""
PRESENT_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] {display: none;}
[data-testid="stMainBlockContainer"] {font-size: 1.3rem; max-width: 100%; padding-top: 1rem;}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stWidgetLabel"] p, [data-testid="stMarkdownContainer"] {font-size: 1.3rem;}
[data-testid="stMainBlockContainer"] h1 {font-size: 2.4rem;}
[data-testid="stNumberInput"] input, [data-baseweb="select"] div, [data-baseweb="input"] input,
[data-testid="stTextArea"] textarea {font-size: 1.3rem; min-height: 3rem;}
[data-testid="stNumberInput"] button {width: 3rem; height: 3rem;}
[data-testid="stMultiSelectTagsContainer"] > span, [data-baseweb="tag"] {min-height: 2.2rem;}
[data-testid="stMultiSelectTagsContainer"] span, [data-baseweb="tag"] span {font-size: 1.2rem;}
/* room between a slider's label and its track: the thumb's value sits there, above the
   thumb, never on the label or the thumb; the ticks below the track */
[data-testid="stSlider"] > [role="group"] {margin-top: 1.5rem;}
[data-testid="stSliderThumbValue"] p {font-size: 1.2rem;}
[data-testid="stSliderTickBar"] p {font-size: 1.1rem; padding-top: 0.4rem;}
[role="slider"] {width: 1.4rem; height: 1.4rem;}
[data-testid="stPageLink"] p {font-size: 1.15rem;}
/* captions readable from the back of the room (18 px and more): st.caption's own box too, and
   Your text's coloured text and the line above it (explorer/figures/text_cells.py: 15 and 13 px) */
[data-testid="stCaptionContainer"] {font-size: 1.3rem;}
[data-testid="stMainBlockContainer"] .tc-text {font-size: 1.2rem;}
[data-testid="stMainBlockContainer"] .tc-head {font-size: 1.15rem;}
/* the bar stays at the top while the page scrolls (sticky on its layout wrapper) */
[data-testid="stLayoutWrapper"]:has(> .st-key-pr_bar) {position: sticky; top: 0; z-index: 100;
  background: #fff; border-bottom: 1px solid rgba(49, 51, 63, 0.2); padding: 0.25rem 0;}
"""


def on() -> bool:
    """Presenter mode is on in this session."""
    return bool(st.session_state.get(KEY))


def chart_sizes() -> dict:
    """What the chart element's header says about size: {"scale", "tall"} (1 when off)."""
    return {"scale": CHART_SCALE, "tall": CHART_TALL} if on() else {"scale": 1, "tall": 1}


def style() -> None:
    """The frame's CSS for this run (compact always; large in presenter mode)."""
    css = COMPACT_CSS + (PRESENT_CSS if on() else "")
    st.html(f"<style>{css}</style>")


def _exit() -> None:
    st.session_state[KEY] = False  # the frame then drops ?present=1 from the URL


def _other_lang() -> str:
    now = st.session_state.get("lang", i18n.DEFAULT_LANG)
    return next(lang for lang in i18n.LANGS if lang != now)


def _switch_lang() -> None:
    st.session_state["lang"] = _other_lang()  # the sidebar's radio (hidden) follows


def bar(pages: list) -> None:
    """Presenter mode's own navigation, above the page: a link to every page, the other
    language, and an exit."""
    if not on():
        return
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="pr_bar"):
        for page in pages:
            st.page_link(page, width="content")
        st.button(i18n.LANG_NAMES[_other_lang()], key="pr_lang", on_click=_switch_lang)
        st.button(f"✕ {tr('pr.exit')}", key="pr_exit", on_click=_exit, help=tr("pr.exit.help"))
        st.caption(tr("pr.keys"))


@contextlib.contextmanager
def controls_box(label: str | None = None):
    """Where a page draws its controls: a bordered box; in presenter mode an expander, folded
    until the teacher opens it (the chart comes first on the projector)."""
    if on():
        with st.expander(f"⚙ {label or tr('pr.controls')}", expanded=False):
            yield
        return
    with st.container(border=True):
        if label:
            st.markdown(f"**{label}**")
        yield
