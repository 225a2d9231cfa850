"""Home: what each view teaches, with a link to it."""

import streamlit as st

import ui
from ui.views import available

ui.ensure_frame()
st.title(ui.tr("app.title"))
st.markdown(ui.tr("app.tagline"))
st.markdown(ui.tr("home.intro"))

for view in available():
    with st.container(border=True):
        st.subheader(f"{view.icon} {ui.tr(f'view.{view.key}')}")
        st.markdown(ui.tr(f"view.{view.key}.summary"))
        st.page_link(view.page, label=ui.tr("home.open", name=ui.tr(f"view.{view.key}")))
