"""Loss surface: ξ(w_x, w_rec) of the counting-ones RNN, its cliff at |w_rec| = 1, a gradient check."""

import streamlit as st

import ui
from explorer.views import loss_surface as ls
from ui.compute import Memo

MEMO = Memo(max_entries=64)  # the panels and cross-sections, each kept on its own arguments


@ui.settings("ls")
class Settings:
    view: str = ui.select("both", ls.VIEWS, widget="radio", option_labels="ls.view")
    range: tuple = ui.slider((-3.0, 3.0), -6.0, 6.0, step=0.25)
    seq_len: int = ui.slider(10, 2, 200, help="ls.seq_len.help")
    samples: int = ui.slider(20, 1, 200)
    seed: int = ui.number(1, 0, 99999, step=1, help="ls.seed.help")
    grid: int = ui.slider(70, 20, 200, step=5)
    show_3d: bool = ui.toggle(False, key="ls_3d")
    cut_wx: float = ui.slider(1.0, -3.0, 3.0, step=0.05, label="ls.cross.wx")
    check_wx: float = ui.number(1.2, -3.0, 3.0, step=0.1, label="ls.check.wx")
    check_wrec: float = ui.number(1.2, -3.0, 3.0, step=0.1, label="ls.check.wrec")
    torch: bool = ui.toggle(True, label="ls.check.torch", help="ls.check.torch.help")


@ui.page(Settings, title="ls.title", intro="ls.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    with ui.controls_box():
        cols = st.columns([1.4, 1, 1, 0.8, 1])
        for name, col in zip(("view", "seq_len", "samples", "seed", "grid"), cols, strict=True):
            getattr(controls, name)(col)
        if s.view == "custom":
            controls.range()

    lang, shape, point = ui.lang(), (s.samples, s.seq_len, s.seed), (s.check_wx, s.check_wrec)
    chosen = ls.panels_shown(s.view, s.range, lang)
    surface = ui.shared(ls.surface_view, shape, chosen, s.grid, point, lang, MEMO)
    ui.plot(surface.figure, key="ls_surface_chart")
    st.caption(surface.summary)
    if surface.overflow:
        st.caption(surface.overflow)
    ui.guide(surface.notice, ui.tr("ls.guide.try"))

    st.subheader(ui.tr("ls.cross.header"))
    controls.cut_wx()
    lo, hi = chosen[0][0], chosen[0][1]
    cross = ui.shared(ls.cross_view, shape, s.cut_wx, lo, hi, lang, MEMO)
    ui.plot(cross.figure, key="ls_cross_chart", on_event=ui.slider_sets("cut_wx"))  # sets w_x
    st.caption(cross.caption)
    controls.show_3d()
    if s.show_3d:
        ui.plot(ui.figure(ls.surface_3d, shape, s.grid, chosen[0], lang, MEMO), key="ls_3d_chart")

    st.subheader(ui.tr("ls.check.header"))
    st.markdown(ui.tr("ls.check.intro"))
    cols = st.columns(3)
    controls.check_wx(cols[0])
    controls.check_wrec(cols[1])
    controls.torch(cols[2])
    check = ui.compute(ls.check_view, shape, point, s.torch, lang, max_entries=256)
    if isinstance(check, str):
        st.warning(check)
    else:
        st.table(check)
    csv = lambda: ui.csv_bytes(ls.csv_columns(shape, s.grid, chosen[0], MEMO))  # noqa: E731
    ui.download_csv(csv, "loss_surface.csv", key="ls_download")  # built on click
