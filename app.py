"""RNN Explorer: the frame. Navigation over `pages/`, the shared sidebar, presenter mode."""

import streamlit as st

import ui
from explorer import i18n
from ui import guard, handover, live_class, present, stale_widgets, warm
from ui.views import available

st.set_page_config(page_title="RNN Explorer", page_icon="🔁", layout="wide")
ui.settle_heap()  # after the imports: what they allocated is never walked by the GC again
warm.start()  # once per process: `streamlit run app.py` warms up at its first visit (ui/warm.py)
handover.install()  # a fragment's 1 s poll no longer drops the run that just ended (ui/handover.py)
stale_widgets.forget()  # the widgets of pages left behind: Streamlit keeps them (ui/stale_widgets.py)

FRAME_PARAMS = [
    ui.Param(i18n.DEFAULT_LANG, widget="radio", options=i18n.LANGS, key="lang"),
    ui.Param(False, widget="toggle", key=present.KEY),
]
if "lang" not in st.session_state and "lang" in st.query_params:  # ?lang=zh-CN, ?lang=中文 ...
    st.session_state["lang"] = i18n.normalize_lang(st.query_params["lang"][:20])
ui.init(FRAME_PARAMS)

page = ui.navigation()
live_class.from_url()  # ?class=CODE joins the class (&teach=KEY: as its teacher)
live_class.go_where_followed(page.url_path)  # a followed view's switch arrived
st.session_state[live_class.PAGE] = page.url_path

with st.sidebar:
    st.radio(
        "Language · 语言",
        options=i18n.LANGS,
        format_func=i18n.LANG_NAMES.get,
        key="lang",
        horizontal=True,
    )
    st.toggle(ui.tr("sidebar.present"), key=present.KEY)
    live_class.sidebar()
    with st.expander(ui.tr("sidebar.about")):
        st.markdown(ui.tr("sidebar.about.text"))
    guard.text_guard()  # a lone surrogate in a text box is sent as U+FFFD: the tab keeps working

present.style()  # compact on a laptop; on a projector: large, no sidebar, the frame's own bar
present.bar(["pages/home.py", *(view.page for view in available())])

live_class.notice()  # a wrong code or key, said until the next class action
if live_class.seat():  # the class this session is in; a student's page follows the teacher
    live_class.strip(ui.lang())
with ui.framed():  # the page can tell that it runs inside the frame
    page.run()
st.session_state.pop(live_class.APPLY, None)  # a followed view's URL was read (or home has none)
ui.publish(FRAME_PARAMS)
live_class.publish()
ui.settle_heap()  # again once a page has imported NumPy/Plotly, or torch, for the first time
