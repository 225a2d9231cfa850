"""Your text: a character model trained on a text, and its cells (explorer/views/text_cells.py)."""

from functools import partial

import streamlit as st

import ui
from explorer.views import text_cells as vm
from ui import gate_link, given_text, jobs, safe

RADIO = dict(widget="radio")
LOCAL = {"paste": "pasted", "upload": "upload"}  # the text itself never goes into a share link


@ui.settings("tc")
class Settings:
    source: str = ui.select("quotes", vm.SOURCES, option_labels="tc.source", local=LOCAL, **RADIO)
    kind: str = ui.select("lstm", vm.TRAINED, option_labels="tc.kind", horizontal=True, **RADIO)
    hidden: int = ui.number(16, 4, vm.MAX_HIDDEN, step=4)  # numbers: each change trains
    steps: int = ui.number(300, 100, vm.MAX_STEPS, step=100)
    seed: int = ui.number(0, 0, 9999)
    show: str = ui.select("lstm", vm.KINDS, option_labels="tc.kind", horizontal=True, **RADIO)
    state: str = ui.select("c", vm.STATES, option_labels="tc.state")
    unit: int = ui.number(1, 1, vm.MAX_HIDDEN)
    start: int = ui.slider(1, 1, vm.ANALYSED, step=50)
    mode: str = ui.select("regex", vm.MODES, option_labels="tc.mode", horizontal=True, **RADIO)
    regex: str = ui.text('"[A-Z ]+"', max_chars=vm.MAX_PATTERN, help="tc.regex.help")
    span: tuple = ui.slider((1, 40), 1, vm.ANALYSED)


def hypothesis(s: Settings, controls: ui.Controls, text: str, values, view: vm.Choice):
    """A hypothesis ranks every unit of values (T, H): the best (unit, r), or None."""
    n, rows, window = len(values), (0, len(values)), view.window
    with st.container(border=True):
        st.subheader(ui.tr("tc.hypothesis"))
        controls.mode()
        if s.mode == "truth":
            target, about = vm.truth(s.source, text, n, ui.lang())
            (st.info if target is None else st.caption)(about)
        elif s.mode == "regex":
            try:
                target, error = ui.shared(vm.pattern_mask, text[: vm.ANALYSED], controls.regex())
            except vm.PatternBusy as busy:  # no verdict: asked again on the next run
                target, error = None, busy
            if error is not None:
                st.error(error.message(ui.lang(), safe.md))
        else:
            ui.set_values(Settings, span=(span := vm.clamp_span(s.span, window)))
            if window[1] - window[0] > 1:
                span = controls.span(**vm.span_range(window, ui.lang()))
            target, rows = vm.span_mask(n, span), window
        if target is None:
            return None
        st.html(vm.matched(text, target, rows, window, ui.lang()))
        fig = vm.window_figure(values, target, view, text, ui.lang())
        ui.plot(fig, key="tc_window", on_event=partial(use_box, window), hear=("box",))
        st.caption(ui.tr("tc.window.select"))
        if not (ranks := vm.ranked(values, target, rows)):
            st.warning(ui.tr("tc.mask.flat"))
            return None
        ui.plot(ui.figure(vm.ranking_figure, ranks, ui.lang()), key="tc_ranking")
        html, pick, best = vm.top_cells(values, ranks, view, text, ui.lang())
        st.html(html)
        st.button(pick, key="tc_pick_best", on_click=ui.set_values, args=(Settings,), kwargs=best)
        return ranks[0]


def use_box(window: tuple, event: ui.ChartEvent) -> None:
    """The window chart's box, dragged across it: the hypothesis becomes that span."""
    if span := vm.span_from_box(event.selection, window):
        ui.set_values(Settings, mode="span", span=span)


def cells(s: Settings, controls: ui.Controls, text: str, found: dict) -> None:
    """Everything after training (found: key → trained model)."""
    keys, models = {m.kind: k for k, m in found.items()}, {m.kind: m for m in found.values()}
    ui.plot(ui.figure(vm.loss_figure, *vm.curves(models), ui.lang()), key="tc_loss")
    if note := vm.by_heart(models, len(text), ui.lang()):  # beside the loss chart
        st.warning(note)
    analysed = text[: vm.ANALYSED]
    named = {k: ui.Named(keys[k], m) for k, m in models.items()}  # by its job's key: not hashed
    states = {k: ui.shared(vm.cell_states, n, analysed, max_entries=8) for k, n in named.items()}
    view = vm.choose(states, s.show, s.state, s.unit, s.start)
    ui.set_values(Settings, show=view.kind, state=view.state, unit=view.unit, start=view.start)
    values, model = states[view.kind][view.state], models[view.kind]
    with ui.controls_box(ui.tr("tc.view")):
        cols = st.columns([2, 1, 1, 3] if len(states) > 1 else [1, 1, 3])
        if len(states) > 1:
            controls.show(cols[0], options=list(states))
        controls.state(cols[-3], options=list(view.names))
        controls.unit(cols[-2], hi=view.hidden)
        if view.last_start > 1:
            controls.start(cols[-1], hi=view.last_start, label=vm.start_label(ui.lang()))
        html, scale = vm.coloured(text, values[:, view.unit - 1], view, ui.lang())
        st.html(html)
        st.caption(scale)
        if view.kind in vm.GATED:
            button = vm.open_gates(view, text, keys[view.kind], ui.lang())
            if st.button(**button, key="tc_open_gates", icon="🚪", on_click=gate_link.open_here):
                st.switch_page("pages/gates.py", query_params={"gt_source": "chars"})
    best = hypothesis(s, controls, text, values, view)
    with st.container(border=True):
        st.subheader(ui.tr("tc.saturation"))
        if points := vm.saturation_points(states):
            ui.plot(ui.figure(vm.saturation_figure, points, ui.lang()), key="tc_saturation")
        st.caption(ui.tr("tc.saturation.note" if points else "tc.saturation.none"))
    with st.container(border=True):
        st.subheader(ui.tr("tc.samples"))
        st.html(ui.compute(vm.samples_html, named[view.kind], text[:1], ui.lang()))
        st.caption(ui.tr("tc.samples.note"))
    ui.guide(vm.notice(view, values, model, best, ui.lang()), ui.tr("tc.guide.try"))
    st.caption(ui.tr("tc.csv.note", chars=f"{view.analysed:,}"))
    csv = jobs.csv_later(keys[view.kind], vm.csv_columns, view.state, analysed)
    ui.download_csv(csv, "text_cells.csv", key="tc_download")


@ui.page(Settings, title="tc.title", intro="tc.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    left, right = st.columns([3, 2])
    with left, ui.controls_box():  # the text to train on, or why there is none
        st.subheader(ui.tr("tc.text"))
        controls.source()
        if s.source in vm.BUILTIN:
            st.caption(ui.tr(f"cm.text.{s.source}.help"))
            text, error = ui.shared(vm.builtin, s.source, max_entries=8), None
        else:
            text, error = vm.given(given_text.given("tc", s.source, vm.MAX_TEXT_MB))
        if error is not None:
            st.error(error.message(ui.lang(), safe.md))
        if text is None:
            return
        st.caption(vm.summary(text, ui.lang()))
    with right, ui.controls_box():  # the model: each change of these trains
        st.subheader(ui.tr("tc.model"))
        controls.kind()
        for name, col in zip(("hidden", "steps", "seed"), st.columns(3), strict=True):
            getattr(controls, name)(col)
        if over := vm.over_budget(s.kind, s.hidden, s.steps, ui.lang()):
            st.warning(over)
            return
        works = vm.trainings(text, s.kind, s.hidden, s.steps, s.seed, ui.lang())
        try:  # one job per model, shared by every session
            found = {work.key: jobs.run(work) for work in works}
        except Exception as err:  # noqa: BLE001 - a refusal or a torch failure is a message
            st.error(vm.failure(err, ui.lang(), safe.md))
            return
    if None not in found.values():
        cells(s, controls, text, found)
