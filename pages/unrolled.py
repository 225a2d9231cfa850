"""Unrolled RNN: numbers in every node forward and backward, the tutorials' architectures,
hidden states as a heatmap, and gradient flow against the spectral radius."""

import functools

import streamlit as st

import ui
from explorer.cells import rnn
from explorer.inputs import presets
from explorer.views import unrolled as vm
from explorer.views import unrolled_flow as flow
from ui import bounded, jobs, safe

STEPS, UNITS = presets.MAX_STEPS, presets.MAX_HIDDEN
HEADER = functools.partial(st.latex, vm.FORMULA)  # the cell's equations, above the page


def number(default, lo, hi, step, label, help):  # a number box of 2 decimals
    return ui.number(default, lo, hi, step=step, format="%.2f", label=label, help=help)


def radio(default, options, labels, label=None, horizontal=False, **kw):
    kw |= dict(widget="radio", option_labels=labels, label=label, horizontal=horizontal)
    return ui.select(default, options, **kw)


@ui.settings("un")
class Settings:
    preset: str = radio("worked", presets.PRESETS, "un.preset", help="un.preset.help")
    arch: str = ui.select("n_to_n", vm.ARCHS, option_labels="un.arch", help="un.arch.help")
    source: str = radio("preset", vm.SOURCES, "un.source")
    text: str = ui.text("1,1,2", max_chars=2000, area=True, help="un.text.help")
    steps: int = ui.slider(20, 1, STEPS)
    seed: int = ui.number(0, 0, 9999, step=1)
    hidden: int = ui.slider(8, 1, UNITS)
    act: str = ui.select("tanh", rnn.ACTIVATIONS, option_labels="un.act")
    dec_steps: int = ui.slider(4, 1, 50)
    layers: int = ui.slider(2, 1, presets.MAX_LAYERS, label="dp.layers")
    bidir: bool = ui.toggle(False, label="dp.bidir", help="dp.bidir.help")
    scale: float = number(1.0, -2.0, 2.0, 0.1, "un.scale.worked", "un.scale.help")
    backward: bool = ui.toggle(False)
    loss: str = radio("last", vm.LOSSES, "un.loss", horizontal=True)
    trunc: int = ui.number(0, 0, STEPS, step=1, help="un.trunc.help")
    start: int = ui.slider(1, 1, STEPS + 50)
    rho: float = number(1.2, 0.0, 2.0, 0.05, "un.flow.rho", "un.flow.rho.help")
    init: str = radio("orthogonal", flow.INITS, "un.flow.init", "un.flow.init", True)
    flow_act: str = radio("tanh", flow.ACTIVATIONS, "un.act", "un.flow.act", True)
    flow_steps: int = ui.slider(100, 10, STEPS, step=10, label="un.flow.steps")
    flow_hidden: int = ui.slider(32, 1, UNITS, label="un.flow.hidden")
    clip: bool = ui.toggle(False, label="un.flow.clip")
    theta: float = ui.slider(1.0, 0.1, 10.0, step=0.1, label="un.flow.theta")
    flow_cell: str = radio("rnn", flow.CELLS, "dp.flow.cell", "dp.flow.cell", True)
    leak: float = number(0.2, 0.02, 1.0, 0.02, "dp.leak", "dp.leak.help")


def shared_csv(columns, fn, args: tuple, *rest) -> bytes:  # on the click, from the shared cache
    return ui.csv_bytes(columns(ui.shared(fn, *args), *rest))


def setup_box(s: Settings, controls: ui.Controls) -> None:
    with ui.controls_box(ui.tr("un.setup")):
        for name, col in zip(("preset", "arch", "source"), st.columns([1.3, 1.4, 1]), strict=True):
            getattr(controls, name)(col)
        extra = st.columns([2, 1, 1, 1, 1])
        for name, i in vm.setup_controls(s.source, s.preset, s.arch):
            getattr(controls, name)(extra[i], **({"height": 96} if name == "text" else {}))
        row = st.columns([1.2, 1.4, 1.2, 1] if s.backward else [1.2, 1, 1.4])  # α on one line
        lo = float(vm.alphas(s.preset)[0])  # ρ(W_hh) of the random preset is never negative
        controls.scale(row[0], label=ui.tr(f"un.scale.{s.preset}"), lo=lo)
        controls.backward(row[1])
        if s.backward:
            controls.loss(row[2])
            controls.trunc(row[3])


@ui.section(Settings, share_link=True)
def flow_section(s: Settings, controls: ui.Controls) -> None:
    """Gradient flow: its own widgets rerun only this section (the link follows them)."""
    st.subheader(ui.tr("un.flow.header"))
    st.markdown(ui.tr("un.flow.intro"))
    leaky, lang = s.flow_cell == "ctrnn", ui.lang()
    with ui.controls_box():
        controls.flow_cell()
        cols = st.columns([1.4, 1, 1])
        rho = dict(label=ui.tr("dp.leak.rho"), help=ui.tr("dp.leak.rho.help")) if leaky else {}
        controls.rho(cols[0], **rho)  # with the CTRNN ρ is fixed: α is what its slider moves
        controls.init(cols[1])
        getattr(controls, "leak" if leaky else "flow_act")(cols[2])
        names, cols = ("flow_steps", "flow_hidden", "clip")[: 3 - leaky], st.columns([1, 1, 0.8, 1])
        for name, col in zip(names, cols, strict=False):
            getattr(controls, name)(col)
        if s.clip and not leaky:
            controls.theta(cols[3])
    if leaky:  # the CTRNN: α = Δt/τ dragged in the chart, the tanh RNN (α = 1) beside it
        st.markdown(ui.tr("dp.leak.intro"))
    c = flow.chart(**{name: getattr(s, name) for name in flow.SETTINGS})
    swept = [ui.shared(fn, *args) for fn, args in flow.sweeps(c)]
    ui.plot(ui.figure(flow.figure, c, swept, lang), key=c.key, on_event=ui.slider_sets(c.to))
    st.caption(ui.tr(c.caption))
    note, guide = flow.texts(c, swept, lang)
    if note:
        st.markdown(note)
    ui.guide(guide, ui.tr(c.guide_try))
    csv = functools.partial(shared_csv, flow.columns, *flow.sweeps(c)[0], c)
    st.download_button(ui.tr(c.download), csv, c.filename, "text/csv", c.button, on_click="ignore")


@ui.page(Settings, title="un.title", intro="un.intro", header=HEADER)
def body(s: Settings, controls: ui.Controls) -> None:
    setup_box(s, controls)
    lang = ui.lang()
    checked = ui.compute(vm.checked, vm.View.of(**{n: getattr(s, n) for n in vm.SETTINGS}))
    if checked.error:  # bad text: say why, and keep showing the preset
        st.error(vm.typed_error(checked.error, lang, safe.md))
        st.caption(ui.tr("un.caption.typed_fallback"))
    if checked.refusal:  # too long: say what to lower, show the preset
        st.warning(ui.tr("un.rb.over", **checked.refusal))
    view = checked.view
    d = ui.compute(vm.summary, view, s.scale, s.start, s.backward, s.trunc, lang)
    st.caption(d.note)
    args = (view, d.active, d.start, s.backward, lang)
    work = ui.compute(vm.diagram_work, *args)
    figure = jobs.run(work) if work else ui.figure(vm.diagram, *args, max_entries=16)
    if figure is None:  # running, or cancelled: nothing half-done is shown
        return flow_section()
    ui.plot(figure, key="un_diagram", on_event=ui.slider_sets("scale"))  # its slider sets α
    if d.slider_hi:
        bounded.within(Settings, "start", hi=d.slider_hi)
        st.caption(d.window)
    for caption in d.captions:
        st.caption(caption)
    if d.table:
        st.dataframe(d.table, hide_index=True)
        st.markdown(d.verdict)
    ui.guide(d.guide, d.guide_try)
    st.subheader(ui.tr("un.states.header"))
    ui.plot(ui.figure(vm.states_figure, view, d.alpha, d.start, s.backward, lang), key="un_states")
    st.caption(ui.tr("un.states.caption"))
    csv = functools.partial(shared_csv, vm.states_columns, vm.frame, (view, d.alpha))
    ui.download_csv(csv, vm.csv_name(view), key="un_download")
    if view.arch == "stacked":
        with st.expander(ui.tr("dp.shapes.header"), expanded=True):
            st.markdown(ui.tr("dp.shapes.intro"))
            examples = vm.shape_examples(view, d.n_steps)
            for col, (title, example) in zip(st.columns(3), examples, strict=True):
                for paragraph in ui.compute(vm.shapes_text, title, example, lang):
                    col.markdown(paragraph)
            st.caption(ui.tr("dp.shapes.caption"))
    flow_section()
