"""Gradient decay: ∂ξ/∂S_k against k, with w_rec dragged in the browser (Plotly frames)."""

import numpy as np
import streamlit as st

import ui
from explorer.cells import linear_rnn
from explorer.figures import gradient_decay as figs
from explorer.figures import theme
from explorer.i18n import number

POINTS = {f"p{i}": point for i, point in enumerate(linear_rnn.PROBE_POINTS)}
SWEEP = tuple(np.round(np.arange(-3.0, 3.0 + 1e-9, 0.05), 2) + 0.0)  # 121 frames (+0.0: no -0.00)


@ui.settings("gd")
class Settings:
    w_x: float = ui.slider(1.0, -3.0, 3.0, step=0.05)
    w_rec: float = ui.number(2.0, -3.0, 3.0, step=0.05, help="gd.w_rec.help")
    seq_len: int = ui.slider(10, 2, 1000)
    points: tuple = ui.multiselect(
        POINTS, POINTS, option_labels=lambda key: "({:g}, {:g})".format(*POINTS[key])
    )
    pin: tuple = ui.pin("w_x", "w_rec", "seq_len")


def decay_view(seq_len: int, w_x: float, points: tuple[str, ...], active: int, lang: str, pin=()):
    """The chart: the tutorial's probe curves, the student's (w_rec dragged over SWEEP), the pin."""
    steps, probes, sweep = ui.compute(
        linear_rnn.decay_curves, seq_len, w_x, [POINTS[p] for p in points], SWEEP
    )
    named = [
        ("({:g}, {:g})".format(*POINTS[p]), theme.PROBE_COLOURS[int(p[1:])], curve)
        for p, curve in zip(points, probes, strict=True)
    ]
    return figs.decay_figure(steps, named, np.array(SWEEP), sweep, active, w_x, lang, pin)


@ui.page(Settings, title="gd.title", intro="gd.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    with ui.controls_box():
        cols = st.columns([1, 1, 1.2])
        controls.w_x(cols[0])
        controls.w_rec(cols[1])
        controls.seq_len(cols[2])
        controls.points()

    points = tuple(key for key in POINTS if key in s.points)
    active = int(np.argmin(np.abs(np.array(SWEEP) - s.w_rec)))
    w_rec = SWEEP[active]  # the chart's slider moves in steps of 0.05: use the same value
    if abs(s.w_rec - w_rec) > 1e-9:  # a typed value between the chart's steps: say what is used
        st.caption(ui.tr("wd.gd.snapped", typed=f"{s.w_rec:g}", used=f"{w_rec:.2f}"))
    fig = ui.figure(decay_view, s.seq_len, s.w_x, points, active, ui.lang(), s.pin)
    ui.plot(fig, key="gd_chart", slider_to="w_rec")  # the chart's slider, released, sets w_rec
    if not points:
        st.caption(ui.tr("gd.no_points"))
    st.caption(ui.tr("gd.seed_note"))

    steps, probes, sweep = ui.compute(
        linear_rnn.decay_curves, s.seq_len, s.w_x, [POINTS[p] for p in points], SWEEP
    )
    user, factor = sweep[active], linear_rnn.growth_factor(w_rec, s.seq_len)
    first, last = number(float(user[-1])), number(float(user[0]))
    ui.pin_buttons(s)
    cols = st.columns(3)
    cols[0].metric(ui.tr("gd.metric.factor"), number(factor))
    cols[1].metric(ui.tr("gd.metric.first"), first)
    cols[2].metric(ui.tr("gd.metric.last"), last)
    st.markdown(f"**{figs.regime_text(w_rec, s.seq_len, ui.lang())}**")
    notice = figs.notice_text(s.w_x, w_rec, s.seq_len, float(user[-1]), float(user[0]), ui.lang())
    ui.guide(notice, ui.tr("gd.guide.try"))

    columns = {"k": steps}
    for p, values in zip(points, probes, strict=True):
        columns["d_xi_d_S_k ({:g}, {:g})".format(*POINTS[p])] = values
    columns[f"d_xi_d_S_k yours ({s.w_x:g}, {w_rec:g})"] = user
    ui.download_csv(lambda: ui.csv_bytes(columns), "gradient_decay.csv", key="gd_download")
