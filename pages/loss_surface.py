"""Loss surface: ξ(w_x, w_rec) of the counting-ones RNN, its cliff at |w_rec| = 1, a gradient check."""

import streamlit as st

import ui
from explorer.figures import loss_surface as figs
from explorer.i18n import number
from explorer.views import loss_surface as ls

VIEWS = ("both", "overview", "zoom", "custom")


@ui.settings("ls")
class Settings:
    view: str = ui.select("both", VIEWS, widget="radio", option_labels="ls.view")
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


def panels_shown(s: Settings) -> list[tuple[float, float, str]]:
    """(lo, hi, title) of each heatmap the chosen view shows."""
    if s.view == "custom":
        lo, hi = sorted(float(v) for v in s.range)
        if hi - lo < 0.25:  # a student dragged both ends together: widen instead of failing
            lo, hi = lo - 0.5, hi + 0.5
        return [(lo, hi, ui.tr("ls.panel.custom", lo=lo, hi=hi))]
    overview = (-3.0, 3.0, ui.tr("ls.panel.overview"))
    zoom = (0.0, 2.0, ui.tr("ls.panel.zoom"))
    return {"both": [overview, zoom], "overview": [overview], "zoom": [zoom]}[s.view]


def surface_view(shape: tuple, chosen: tuple, grid: int, check_point: tuple, lang: str):
    panels = [ui.compute(ls.panel, *shape, grid, lo, hi, title) for lo, hi, title in chosen]
    return figs.surface_figure(panels, lang, user_point=check_point)


def cross_view(shape: tuple, active: int, lo: float, hi: float, lang: str):
    """The cross-section with w_x on the chart's own slider (one frame per value of CUT_WX)."""
    w_rec, xi = ui.compute(ls.cross_sections, *shape, ls.CUT_WX, lo, hi)
    return figs.cross_section_frames(w_rec, xi, ls.CUT_WX, active, lang)


def gradient_table(rows: dict) -> None:
    if not all(abs(g) < float("inf") for g in rows["bptt"]):
        st.warning(ui.tr("ls.check.nonfinite"))
        return
    errors = ls.worst_error(rows)
    st.table(
        {
            ui.tr("ls.check.method"): [ui.tr(f"ls.check.{name}") for name in rows],
            "∂ξ/∂w_x": [f"{g[0]:.12g}" for g in rows.values()],
            "∂ξ/∂w_rec": [f"{g[1]:.12g}" for g in rows.values()],
            ui.tr("ls.check.rel"): [number(errors[name]) for name in rows],
        }
    )


@ui.page(Settings, title="ls.title", intro="ls.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    with ui.controls_box():
        cols = st.columns([1.4, 1, 1, 0.8, 1])
        for name, col in zip(("view", "seq_len", "samples", "seed", "grid"), cols, strict=True):
            getattr(controls, name)(col)
        if s.view == "custom":
            controls.range()

    shape, chosen = (s.samples, s.seq_len, s.seed), tuple(panels_shown(s))
    check_point = (s.check_wx, s.check_wrec)
    figure = ui.figure(surface_view, shape, chosen, s.grid, check_point, ui.lang())
    ui.plot(figure, key="ls_surface_chart")
    numbers = ui.compute(ls.guide_numbers, *shape, *check_point)
    st.caption(ui.tr("ls.data_summary", sequences=ui.count(s.samples, "wd.sequence"), T=s.seq_len, seed=s.seed,
                     tmin=numbers["t_min"], tmax=numbers["t_max"], g=s.grid))  # fmt: skip
    first = ui.compute(ls.panel, *shape, s.grid, *chosen[0])
    capped, total, inf = ls.overflow(first, figs.CAP)
    if capped:
        st.caption(ui.tr("ls.overflow_note", capped=capped, total=total, inf=inf))
    ui.guide(ls.notice_text(numbers, *check_point, ui.lang()), ui.tr("ls.guide.try"))

    st.subheader(ui.tr("ls.cross.header"))
    controls.cut_wx()
    lo, hi = chosen[0][0], chosen[0][1]
    active = min(range(len(ls.CUT_WX)), key=lambda i: abs(ls.CUT_WX[i] - s.cut_wx))
    cross = ui.figure(cross_view, shape, active, lo, hi, ui.lang())
    ui.plot(cross, key="ls_cross_chart", slider_to="cut_wx")  # released, the slider sets w_x
    w_rec, xi = ui.compute(ls.cross_sections, *shape, ls.CUT_WX, lo, hi)
    valley_wrec, valley_xi = ls.valley(w_rec, xi[active])
    st.caption(ui.tr("ls.cross.caption", wx=ls.CUT_WX[active], wrec=valley_wrec,
                     xi=number(valley_xi)))  # fmt: skip
    controls.show_3d()
    if s.show_3d:
        ui.plot(figs.surface_3d_figure(first, ui.lang()), key="ls_3d_chart")

    st.subheader(ui.tr("ls.check.header"))
    st.markdown(ui.tr("ls.check.intro"))
    cols = st.columns(3)
    controls.check_wx(cols[0])
    controls.check_wrec(cols[1])
    controls.torch(cols[2])
    gradient_table(ui.compute(ls.check_gradients, *shape, *check_point, s.torch, max_entries=256))
    ui.download_csv(
        lambda: ui.csv_bytes(ls.grid_columns(ui.compute(ls.panel, *shape, s.grid, *chosen[0]))),
        "loss_surface.csv",
        key="ls_download",
    )  # built on click
