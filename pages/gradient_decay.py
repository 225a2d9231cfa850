"""Gradient decay: ∂ξ/∂S_k against k, with w_rec dragged in the browser (Plotly frames)."""

import streamlit as st

import ui
from explorer.views import gradient_decay as gd
from ui.compute import Memo

MEMO = Memo()  # the curves of every w_rec, kept while w_rec moves


@ui.settings("gd")
class Settings:
    w_x: float = ui.slider(1.0, -3.0, 3.0, step=0.05)
    w_rec: float = ui.number(2.0, -3.0, 3.0, step=0.05, help="gd.w_rec.help")
    seq_len: int = ui.slider(10, 2, 1000)
    points: tuple = ui.multiselect(gd.POINTS, gd.POINTS, option_labels=gd.point_label)
    pin: tuple = ui.pin("w_x", "w_rec", "seq_len")


@ui.page(Settings, title="gd.title", intro="gd.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    with ui.controls_box():
        cols = st.columns([1, 1, 1.2])
        controls.w_x(cols[0])
        controls.w_rec(cols[1])
        controls.seq_len(cols[2])
        controls.points()

    view = ui.shared(gd.decay_view, s.seq_len, s.w_x, s.w_rec, s.points, s.pin, ui.lang(), MEMO)
    if view.snapped:
        st.caption(view.snapped)
    # the chart's slider, released, sets w_rec
    ui.plot(view.figure, key="gd_chart", on_event=ui.slider_sets("w_rec"))
    if not s.points:
        st.caption(ui.tr("gd.no_points"))
    st.caption(ui.tr("gd.seed_note"))
    ui.pin_buttons(s)
    for col, (label, value) in zip(st.columns(3), view.metrics, strict=True):
        col.metric(label, value)
    st.markdown(f"**{view.regime}**")
    ui.guide(view.notice, ui.tr("gd.guide.try"))
    ui.download_csv(lambda: ui.csv_bytes(view.csv), "gradient_decay.csv", key="gd_download")
