"""Gradient decay: ∂ξ/∂S_k against k, with w_rec dragged in the browser (Plotly frames)."""

import numpy as np
import streamlit as st

import ui
from explorer import linear_rnn
from explorer.figures import decay, theme
from explorer.i18n import number

POINTS = {f"p{i}": point for i, point in enumerate(linear_rnn.PROBE_POINTS)}
SWEEP = np.round(np.arange(-3.0, 3.0 + 1e-9, 0.05), 2)  # 121 frames, one per w_rec
PARAMS = [
    ui.Param("gd_w_x", 1.0, lo=-3.0, hi=3.0),
    ui.Param("gd_w_rec", 2.0, lo=-3.0, hi=3.0),
    ui.Param("gd_seq_len", 10, lo=2, hi=1000),
    ui.Param("gd_points", list(POINTS), options=tuple(POINTS)),
]


@st.cache_data(max_entries=64, show_spinner=False)
def curves(seq_len: int, w_x: float, points: tuple[str, ...]):
    """(steps, probe curves, sweep curves (F, T+1)) on the tutorial's 20 sequences (seed 1)."""
    X, t = linear_rnn.counting_data(20, seq_len, seed=1)
    probes = []
    for key in points:
        px, pr = POINTS[key]
        colour = theme.PROBE_COLOURS[int(key[1:])]
        probes.append((f"({px:g}, {pr:g})", colour, linear_rnn.decay_sweep(X, t, px, [pr])[0]))
    return np.arange(seq_len + 1), probes, linear_rnn.decay_sweep(X, t, w_x, SWEEP)


@st.cache_resource(max_entries=64, show_spinner=False)
def figure(seq_len: int, w_x: float, points: tuple[str, ...], active: int, lang: str):
    """Built and serialised once per setting, shared by every session (never mutated)."""
    steps, probes, sweep = curves(seq_len, w_x, points)
    return decay.decay_figure(steps, probes, SWEEP, sweep, active, w_x, lang)  # frozen


ui.init_params(PARAMS)
S = st.session_state
st.title(ui.tr("gd.title"))
st.markdown(ui.tr("gd.intro"))


@st.fragment
def body() -> None:
    """Everything below the intro, as one `st.fragment`: a widget here reruns this part only.
    The frame, the title and the intro are not sent again, so the browser redraws less. It ends
    with the URL and the share link, so both stay current after a fragment run."""

    with st.container(border=True):
        cols = st.columns([1, 1, 1.2])
        cols[0].slider(ui.tr("gd.w_x"), -3.0, 3.0, step=0.05, key="gd_w_x")
        cols[1].number_input(
            ui.tr("gd.w_rec"), -3.0, 3.0, step=0.05, key="gd_w_rec", help=ui.tr("gd.w_rec.help")
        )
        cols[2].slider(ui.tr("gd.seq_len"), 2, 1000, key="gd_seq_len")
        st.multiselect(
            ui.tr("gd.points"),
            list(POINTS),
            format_func=lambda key: "({:g}, {:g})".format(*POINTS[key]),
            key="gd_points",
        )

    seq_len, w_x, w_rec = int(S["gd_seq_len"]), float(S["gd_w_x"]), float(S["gd_w_rec"])
    points = tuple(key for key in POINTS if key in S["gd_points"])
    active = int(np.argmin(np.abs(SWEEP - w_rec)))
    w_rec = float(SWEEP[active])  # the chart's slider moves in steps of 0.05: use the same value

    ui.plot(figure(seq_len, w_x, points, active, ui.lang()), key="gd_chart")
    if not points:
        st.caption(ui.tr("gd.no_points"))
    st.caption(ui.tr("gd.seed_note"))

    steps, probes, sweep = curves(seq_len, w_x, points)
    user = sweep[active]
    factor = linear_rnn.growth_factor(w_rec, seq_len)
    cols = st.columns(3)
    cols[0].metric(ui.tr("gd.metric.factor"), number(factor))
    cols[1].metric(ui.tr("gd.metric.first"), number(float(user[-1])))
    cols[2].metric(ui.tr("gd.metric.last"), number(float(user[0])))
    st.markdown(f"**{decay.regime_text(w_rec, seq_len, ui.lang())}**")

    direction = {"explode": "larger", "vanish": "smaller", "constant": "same", "zero": "smaller"}
    ui.guide(
        ui.tr(
            "gd.guide.notice",
            w_rec=w_rec,
            n=seq_len,
            factor=number(factor),
            direction=ui.tr(f"gd.guide.{direction[linear_rnn.regime(w_rec)]}"),
            first=number(float(user[-1])),
            last=number(float(user[0])),
        ),
        ui.tr("gd.guide.try"),
    )

    columns = {"k": steps}
    for name, _, values in probes:
        columns[f"d_xi_d_S_k {name}"] = values
    columns[f"d_xi_d_S_k yours ({w_x:g}, {w_rec:g})"] = user
    ui.download_csv(lambda: ui.csv_bytes(columns), "gradient_decay.csv", key="gd_download")
    ui.publish_params(PARAMS)
    ui.share_link()


body()
