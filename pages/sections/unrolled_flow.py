"""The unrolled page's gradient-flow section: ‖∂L/∂h_k‖ against k for the tanh RNN (ρ follows
the pointer) or the continuous-time RNN (its leak α follows the pointer)."""

import functools

import streamlit as st

import ui
from explorer import tables
from explorer.cells import ctrnn, rnn
from explorer.figures import ctrnn as leak_figs
from explorer.figures import unrolled as figs
from explorer.views import cell_guides
from explorer.views import unrolled as un


def flow_view(args: tuple, at: int, lang: str):
    norms = ui.shared(rnn.flow_sweep, *args)[0]
    plain = ui.shared(rnn.flow_sweep, *args[:4], None)[0] if args[4] is not None else None
    fixed = [(r, norms[rnn.flow_at(r)]) for r in rnn.FLOW_RHOS]
    return figs.flow_figure(fixed, rnn.RHO_SWEEP, norms, at, args[4], plain, lang)


def flow_csv(args: tuple, at: int) -> bytes:  # on the click, from the shared cache
    return ui.csv_bytes(tables.flow_table(ui.shared(rnn.flow_sweep, *args)[0], args[1], at))


def leak_args(s) -> tuple:
    """(ρ on the flow's grid, units, steps, init): the CTRNN sweep's cache key."""
    return float(rnn.RHO_SWEEP[rnn.flow_at(s.rho)]), int(s.flow_hidden), int(s.flow_steps), s.init


def leak_view(args: tuple, at: int, lang: str):
    norms, states, _ = ui.shared(ctrnn.leak_sweep, *args)
    return leak_figs.leak_figure(ctrnn.ALPHA_SWEEP, norms, states, at, args[0], lang)


def leak_csv(args: tuple, at: int) -> bytes:  # on the click, from the shared cache
    norms, states, _ = ui.shared(ctrnn.leak_sweep, *args)
    return ui.csv_bytes(tables.leak_table(norms, states, at))


def leak_part(s) -> None:
    """The CTRNN: α = Δt/τ dragged in the chart, the tanh RNN (α = 1) beside it."""
    st.markdown(ui.tr("dp.leak.intro"))
    args, at = leak_args(s), ctrnn.alpha_at(s.leak)
    norms, _, changes = ui.shared(ctrnn.leak_sweep, *args)
    ui.plot(ui.figure(leak_view, args, at, ui.lang()), key="un_leak_chart", slider_to="leak")
    st.caption(ui.tr("dp.leak.caption"))
    note = cell_guides.leak_note(at, norms, changes, s.flow_steps, args[0], ui.lang())
    ui.guide(note, ui.tr("dp.leak.try"))
    st.download_button(ui.tr("dp.leak.download"), functools.partial(leak_csv, args, at),
                       file_name="ctrnn_gradient_flow.csv", mime="text/csv",
                       key="un_leak_download", on_click="ignore")  # fmt: skip


def flow_body(s, controls: ui.Controls) -> None:
    """Gradient flow: its own widgets rerun only this section (the link follows them)."""
    st.subheader(ui.tr("un.flow.header"))
    st.markdown(ui.tr("un.flow.intro"))
    leaky = s.flow_cell == "ctrnn"
    with ui.controls_box():
        controls.flow_cell()
        cols = st.columns([1.4, 1, 1])
        if leaky:  # ρ is fixed here: α is what the chart's slider moves
            controls.rho(cols[0], label=ui.tr("dp.leak.rho"), help=ui.tr("dp.leak.rho.help"))
        else:
            controls.rho(cols[0])
        controls.init(cols[1])
        getattr(controls, "leak" if leaky else "flow_act")(cols[2])
        cols = st.columns([1, 1, 0.8, 1])
        for name, col in zip(
            ("flow_steps", "flow_hidden", "clip")[: 3 - leaky], cols, strict=False
        ):
            getattr(controls, name)(col)
        if s.clip and not leaky:
            controls.theta(cols[3])
    if leaky:
        return leak_part(s)
    args, at = s.flow_args(), rnn.flow_at(s.rho)
    plain = ui.shared(rnn.flow_sweep, *args[:4], None) if s.clip else None
    note, notice = un.flow_texts(at, ui.shared(rnn.flow_sweep, *args), plain, s, ui.lang())
    ui.plot(ui.figure(flow_view, args, at, ui.lang()), key="un_flow", slider_to="rho")  # sets ρ
    st.caption(ui.tr("un.flow.caption"))
    st.markdown(note)
    ui.guide(notice, ui.tr("un.flow.try"))
    st.download_button(ui.tr("un.download.flow"), functools.partial(flow_csv, args, at),
                       file_name="gradient_flow.csv", mime="text/csv", key="un_flow_download",
                       on_click="ignore")  # fmt: skip
