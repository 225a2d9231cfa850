"""A one-page app for tests/browser/test_hostile_link.py: every hostile text in a warning."""

import streamlit as st

from tests.app.test_links_hostile import HOSTILE
from ui.safe import md

for i, text in enumerate(HOSTILE):
    st.warning(f"case {i} · {md(text, limit=None)}")
