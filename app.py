"""RNN Explorer: the frame. Navigation over `pages/`, the shared sidebar, presenter mode."""

import streamlit as st

import ui
from explorer import i18n

st.set_page_config(page_title="RNN Explorer", page_icon="🔁", layout="wide")
ui.settle_heap()  # after the imports: what they allocated is never walked by the GC again

FRAME_PARAMS = [
    ui.Param(i18n.DEFAULT_LANG, widget="radio", options=i18n.LANGS, key="lang"),
    ui.Param(False, widget="toggle", key="present"),
]
if "lang" not in st.session_state and "lang" in st.query_params:  # ?lang=zh-CN, ?lang=中文 ...
    st.session_state["lang"] = i18n.normalize_lang(st.query_params["lang"][:20])
ui.init(FRAME_PARAMS)

page = ui.navigation()

with st.sidebar:
    st.radio(
        "Language · 语言",
        options=i18n.LANGS,
        format_func=i18n.LANG_NAMES.get,
        key="lang",
        horizontal=True,
    )
    st.toggle(ui.tr("sidebar.present"), key="present")
    with st.expander(ui.tr("sidebar.about")):
        st.markdown(ui.tr("sidebar.about.text"))

if st.session_state["present"]:  # a projector: bigger type, no sidebar clutter
    st.html(
        """<style>
        [data-testid="stSidebar"] {display: none;}
        [data-testid="stMainBlockContainer"] {font-size: 1.3rem; max-width: 100%;}
        [data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {
            font-size: 1.3rem;}
        </style>"""
    )

with ui.framed():  # the page can tell that it runs inside the frame
    page.run()
ui.publish(FRAME_PARAMS)
ui.settle_heap()  # again once a page has imported NumPy/Plotly, or torch, for the first time
