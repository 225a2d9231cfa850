"""Unrolled RNN: numbers in every node forward and backward, the tutorials' architectures,
hidden states as a heatmap, and gradient flow against the spectral radius."""

import functools

import streamlit as st

import ui
from explorer import i18n, tables
from explorer.cells import rnn
from explorer.errors import InputError
from explorer.figures import serialise
from explorer.figures import unrolled as figs
from explorer.inputs import presets
from explorer.views import unrolled as un
from pages.sections import unrolled_flow, unrolled_notes, unrolled_shapes
from ui import jobs, safe

STEPS, UNITS = presets.MAX_STEPS, presets.MAX_HIDDEN
FORMULA = r"h_t = f(x_t W_{xh} + h_{t-1} W_{hh} + b_h), \qquad y_t = h_t W_{hy} + b_y"


def radio(default, options, labels, **kw):
    return ui.select(default, options, widget="radio", option_labels=labels, **kw)


@ui.settings("un")
class Settings:
    preset: str = radio("worked", presets.PRESETS, "un.preset", help="un.preset.help")
    arch: str = ui.select("n_to_n", un.ARCHS, option_labels="un.arch", help="un.arch.help")
    source: str = radio("preset", un.SOURCES, "un.source")
    text: str = ui.text("1,1,2", max_chars=2000, area=True, help="un.text.help")
    steps: int = ui.slider(20, 1, STEPS)
    seed: int = ui.number(0, 0, 9999, step=1)
    hidden: int = ui.slider(8, 1, UNITS)
    act: str = ui.select("tanh", rnn.ACTIVATIONS, option_labels="un.act")
    dec_steps: int = ui.slider(4, 1, 50)
    layers: int = ui.slider(2, 1, presets.MAX_LAYERS, label="dp.layers")
    bidir: bool = ui.toggle(False, label="dp.bidir", help="dp.bidir.help")
    scale: float = ui.number(1.0, -2.0, 2.0, step=0.1, format="%.2f", label="un.scale.worked",
                             help="un.scale.help")  # fmt: skip
    backward: bool = ui.toggle(False)
    loss: str = radio("last", un.LOSSES, "un.loss", horizontal=True)
    trunc: int = ui.number(0, 0, STEPS, step=1, help="un.trunc.help")
    start: int = ui.slider(1, 1, STEPS + 50)
    rho: float = ui.number(1.2, 0.0, 2.0, step=0.05, format="%.2f", label="un.flow.rho", help="un.flow.rho.help")  # fmt: skip
    init: str = radio("orthogonal", ("orthogonal", "gaussian"), "un.flow.init",
                      label="un.flow.init", horizontal=True)  # fmt: skip
    flow_act: str = radio("tanh", ("tanh", "identity"), "un.act", label="un.flow.act", horizontal=True)  # fmt: skip
    flow_steps: int = ui.slider(100, 10, STEPS, step=10, label="un.flow.steps")
    flow_hidden: int = ui.slider(32, 1, UNITS, label="un.flow.hidden")
    clip: bool = ui.toggle(False, label="un.flow.clip")
    theta: float = ui.slider(1.0, 0.1, 10.0, step=0.1, label="un.flow.theta")
    flow_cell: str = radio("rnn", ("rnn", "ctrnn"), "dp.flow.cell", label="dp.flow.cell", horizontal=True)  # fmt: skip
    leak: float = ui.number(0.2, 0.02, 1.0, step=0.02, format="%.2f", label="dp.leak", help="dp.leak.help")  # fmt: skip

    def flow_args(self) -> tuple:  # (units, steps, init, activation, θ or None): a cache key
        theta = float(self.theta) if self.clip else None
        return int(self.flow_hidden), int(self.flow_steps), self.init, self.flow_act, theta


def diagram_view(view, active, start, backward, prefix, lang, progress=None):
    """The live diagram, a frame per α in un.SWEEP; as a job, `progress` where Cancel stops it."""

    def report(done: int, total: int) -> None:
        progress(done / total, i18n.t("un.rb.frame", lang, frame=done, frames=total))

    frames = un.frames(view, un.alphas(view.preset), report if progress else None)
    fig = figs.diagram_figure(frames, un.alphas(view.preset), active, start, backward, prefix, lang)
    if progress:  # a Cancel while the figure was built counts too
        report(len(frames), len(frames))
    return serialise.freeze(fig)


def states_view(view, alpha, start, backward, lang):
    now = ui.shared(un.frame, view, alpha)
    window = figs.window_range(now.n_cols, start)
    matrix = now.grad_states if backward else now.states
    return figs.states_figure(matrix, now.unit_labels, now.time_labels, window, backward, lang)


def states_csv(view: un.View, alpha: float) -> bytes:  # on the click, from the shared cache
    return ui.csv_bytes(tables.states_table(ui.shared(un.frame, view, alpha)))


def setup_box(s: Settings, controls: ui.Controls) -> None:
    with ui.controls_box(ui.tr("un.setup")):
        cols = st.columns([1.3, 1.4, 1])
        for name, col in zip(("preset", "arch", "source"), cols, strict=True):
            getattr(controls, name)(col)
        extra = st.columns([2, 1, 1, 1, 1])
        if s.source == "typed":
            controls.text(extra[0], height=96)
        if s.source == "random":
            controls.steps(extra[0])
        if "random" in (s.source, s.preset):
            controls.seed(extra[1])
        if s.preset == "random":
            controls.hidden(extra[2])
            controls.act(extra[3])
        if s.arch.startswith("enc_dec"):
            controls.dec_steps(extra[4])
        if s.arch == "stacked":
            controls.layers(extra[3 if s.preset == "random" else 2])
            controls.bidir(extra[4])
        row = st.columns([1.2, 1.4, 1.2, 1] if s.backward else [1.2, 1, 1.4])  # α on one line
        lo = float(un.alphas(s.preset)[0])  # ρ(W_hh) of the random preset is never negative
        controls.scale(row[0], label=ui.tr(f"un.scale.{s.preset}"), lo=lo)
        controls.backward(row[1])
        if s.backward:
            controls.loss(row[2])
            controls.trunc(row[3])


def usable(view: un.View) -> un.View:
    """The view, or the preset's own sequence when the typed text or the work is refused."""
    try:
        ui.compute(un.sequence, view)
    except InputError as error:  # bad text: say why, and keep showing the preset
        st.error(f"**{ui.tr('un.err.title')}** {error.message(ui.lang(), safe.md)}")
        st.caption(ui.tr("un.caption.typed_fallback"))
        view = view.preset_only()
    if refusal := ui.compute(un.over_budget, view):  # too long: say what to lower, show preset
        st.warning(ui.tr("un.rb.over", **refusal))
        view = view.preset_only()
    return view


flow_section = ui.section(Settings, share_link=True)(unrolled_flow.flow_body)


@ui.page(Settings, title="un.title", intro="un.intro", header=functools.partial(st.latex, FORMULA))
def body(s: Settings, controls: ui.Controls) -> None:
    setup_box(s, controls)
    view = usable(un.View.of(s))
    st.caption(ui.tr(f"un.arch.note.{view.arch}"))
    active = un.nearest(un.alphas(view.preset), s.scale)
    alpha = float(un.alphas(view.preset)[active])
    now = ui.shared(un.frame, view, alpha)
    n_steps, start = now.n_cols - 1, figs.window_start(now.n_cols, s.start)
    if n_steps > figs.WINDOW and start != s.start:  # a shorter sequence: stay inside
        ui.set_values(Settings, start=start)
    prefix = ui.tr(f"un.slider.{view.preset}")
    args = (view, active, start, s.backward, prefix, ui.lang())
    if un.work(view, len(ui.compute(un.sequence, view))) < un.CANCEL_FROM:
        figure = ui.figure(diagram_view, *args, max_entries=16)
    else:  # a few seconds: in the shared pool, with progress and Cancel
        work = functools.partial(diagram_view, *args)
        figure = jobs.run(("un_diagram", *args), work, label=ui.tr("un.rb.progress"))
    if figure is None:  # running, or cancelled: nothing half-done is shown
        flow_section()
        return
    ui.plot(figure, key="un_diagram", slider_to="scale")  # the chart's slider, released, sets α
    if n_steps > figs.WINDOW:
        controls.start(hi=n_steps - figs.WINDOW + 1)
        lo, hi = figs.window_range(now.n_cols, start)
        st.caption(ui.tr("un.caption.window", lo=max(lo, 1), hi=hi, n=n_steps))
    unrolled_notes.under_diagram(s, view, alpha)
    notice = un.guide_text(now, view, s.backward, prefix.split("=")[0].strip(), alpha, ui.lang())
    ui.guide(notice, ui.tr(f"un.guide.try.{view.preset}"))
    st.subheader(ui.tr("un.states.header"))
    ui.plot(ui.figure(states_view, view, alpha, start, s.backward, ui.lang()), key="un_states")
    st.caption(ui.tr("un.states.caption"))
    ui.download_csv(functools.partial(states_csv, view, alpha),
                    f"unrolled_{view.arch}_{view.preset}.csv", key="un_download")  # fmt: skip
    if view.arch == "stacked":
        unrolled_shapes.shapes_panel(view.setup().n_in, view.hidden, view.layers, n_steps, view.bidirectional)  # fmt: skip
    flow_section()
