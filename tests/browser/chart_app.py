"""A test-only app for ui.plot's chart element: a line chart and a heatmap whose clicks, zoom
and slider releases are written on the page (run as its own server by test_chart_element.py).
The line chart and the picked points hear through `on_event`; the heatmap and the box through
the old keywords (`on_change`, `on_select`), adapters over the same path."""

import json
import sys
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from explorer.figures.sweep import Sweep  # noqa: E402
from ui import charts  # noqa: E402

# This app's static folder is next to it: give it plotly.js and the chart element as the real
# app's has.
charts.ensure_static_plotly(Path(__file__).with_name("static") / "plotly.min.js")
charts.ensure_static_element(Path(__file__).with_name("static"))

S = st.session_state
S.setdefault("events", [])


def hear(event: charts.ChartEvent) -> None:  # `on_event`: one event, its numbers as Python has them
    if event.kind == "slider":
        what = {"slider": event.slider, "index": event.index, "value": event.value}
        what["type"] = type(event.value).__name__  # as Python has it
        what["wire"] = type(S["line"]["slider"]["value"]).__name__  # as the browser sent it
    else:
        what = event.point if event.kind == "click" else event.ranges
    S["events"].append({event.kind: what})


line = go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[10, 30, 20, 40], mode="markers", marker_size=24))
line.update_layout(height=360, margin=dict(l=40, r=20, t=20, b=90))
line.update_layout(
    sliders=[
        dict(
            active=2,
            steps=Sweep((-1, 0, 1, 2, 3)).steps("skip", lambda i: [None]),
        )
    ]
)
heat = go.Figure(go.Heatmap(z=np.arange(12.0).reshape(3, 4), x=[0, 1, 2, 3], y=[0, 1, 2]))
heat.update_layout(height=300, margin=dict(l=40, r=20, t=20, b=30))

# Selections, as the gate page's overview (a box) and the optimizer race (a clicked point) use them.
boxed = go.Figure(go.Scatter(x=list(range(1, 21)), y=[v % 5 for v in range(20)], mode="lines"))
boxed.update_layout(height=240, dragmode="select", selectdirection="h", margin=dict(t=10, b=30))
picked = go.Figure(go.Scatter(x=[0.5, 1.5, 2.5], y=[1, 2, 1], mode="markers", marker_size=30))
picked.update_layout(height=240, clickmode="event+select", margin=dict(t=10, b=30))


def use_box(event: charts.ChartEvent) -> None:  # as pages/gates.py hears its overview
    S["box"] = event.selection.get("box")


def use_picked(event: charts.ChartEvent) -> None:
    S["picked"] = event.selection.get("points", [])


charts.plot(line, key="line", on_event=hear, hear=("slider", "click", "zoom"))
charts.plot(heat, key="heat", on_event=hear, hear=("click",))
charts.plot(boxed, key="boxed", on_event=use_box, hear=("box",))
charts.plot(picked, key="picked_chart", on_event=use_picked, hear=("points",))
st.markdown("events: `" + json.dumps(S["events"][-1] if S["events"] else None) + "`")
st.markdown(f"count: {len(S['events'])}")
st.markdown("box: `" + json.dumps(S.get("box", [])) + "`")
st.markdown("picked: `" + json.dumps([[p["x"], p["y"]] for p in S.get("picked", [])]) + "`")
