"""The control app: one slider, one Plotly line chart. Every browser and load ratio divides by it.

It pays what every Streamlit page pays (the websocket, the script run, Plotly in the browser) and
nothing more, so `page / control` in the same run measures what a page adds on this machine.
Run it alone with `streamlit run benchmarks/control_app.py`.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Control", layout="wide")
st.title("Control")
w = st.slider("w", min_value=-3.0, max_value=3.0, value=0.5, step=0.05, key="w")
k = np.arange(50)
fig = go.Figure(go.Scatter(x=k, y=np.sin(w * k / 5.0), mode="lines", name="sin"))
fig.update_layout(height=460, margin=dict(l=60, r=20, t=30, b=50), template="plotly_white")
st.plotly_chart(fig, key="chart", width="stretch")
