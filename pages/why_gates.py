"""Why gates work: a plain RNN, an LSTM and a GRU of one size, gradient by gradient, at their
initialisation (two sliders drawn by the browser) and after training on a memory task (four
models trained in the shared job pool on a button, or found finished for another student).
Everything shown comes from the view model, explorer/views/why_gates.py."""

import streamlit as st

import ui
from explorer.training import memory_task
from explorer.views import why_gates as vm
from ui import jobs, safe
from ui.compute import Named


@ui.settings("wg")
class Settings:
    radius: float = ui.number(
        0.9,
        vm.RADIUS_SWEEP[0],
        vm.RADIUS_SWEEP[-1],
        step=0.05,
        format="%.2f",
        help="wg.radius.help",
    )
    fbias: float = ui.number(
        3.0, vm.BIAS_SWEEP[0], vm.BIAS_SWEEP[-1], step=0.5, format="%.1f", help="wg.fbias.help"
    )
    steps: int = ui.slider(100, 10, 300, step=10)
    hidden: int = ui.select(16, (8, 16, 32, 64))
    seed: int = ui.number(0, 0, 9999)
    lengths: tuple = ui.multiselect(
        tuple(map(str, memory_task.DEFAULT_TS)), tuple(map(str, vm.LENGTHS))
    )
    train_steps: int = ui.slider(300, 50, 1000, step=50)
    train_init: str = ui.select(
        "app",
        tuple(memory_task.STARTS),
        widget="radio",
        option_labels="wg.train_init",
        help="wg.train_init.help",
    )
    train_seed: int = ui.number(0, 0, 9999)


def gradients(s: Settings, chart: tuple, trained: Named | None, lang: str) -> None:
    """The gradient chart at initialisation (and trained, dotted), its lesson, guide and CSV;
    chart: (steps, hidden, seed, weights)."""
    at, sweeps = vm.frames(s.radius, s.fbias), ui.shared(vm.chart_sweeps, *chart)
    fig = ui.figure(vm.gradient_chart, Named(chart, sweeps), at, trained, s.steps, s.seed, lang)
    ui.plot(
        fig,
        key="wg_chart",
        on_event=ui.slider_sets("radius", "fbias"),
    )
    st.caption(vm.start_texts(s.train_init, lang)["caption"])
    st.subheader(ui.tr("wg.lesson.header"))
    lesson = vm.lesson(sweeps, at, s.steps, lang)
    for col, text in zip(st.columns(3), lesson["cells"], strict=True):
        col.markdown(text)
    if trained:
        st.markdown(ui.compute(vm.trained_text, trained, s.steps, s.seed, lang))
    ui.guide(lesson["notice"], ui.tr("wg.guide.try"))
    ui.download_csv(
        lambda: ui.csv_bytes(vm.curves_csv(ui.shared(vm.chart_sweeps, *chart), at, s.steps)),
        "why_gates.csv",
        key="wg_download",
    )


def train_all(works: tuple) -> dict | None:
    """Start (or join) the four trainings: their results once all are done (bars till then)."""
    try:
        return vm.gathered(works, [jobs.run(work) for work in works])
    except Exception as err:  # noqa: BLE001 - a torch failure is a message, not a traceback
        st.error(ui.tr("wg.task.failed", detail=safe.md(err)))
        return None


def task(s: Settings, controls: ui.Controls, lang: str) -> Named | None:
    """The memory task: its settings, the button (or a refusal), the trainings; their results
    (named by the trainings for the cache)."""
    st.subheader(ui.tr("wg.task.header"))
    st.markdown(vm.start_texts(s.train_init, lang)["intro"])
    with ui.controls_box():
        names = ("lengths", "train_steps", "train_init", "train_seed")
        for col, name in zip(st.columns([3.2, 1.1, 1.9, 0.8]), names, strict=True):
            getattr(controls, name)(col)
    works = vm.trainings(s.lengths, s.train_steps, s.hidden, s.train_seed, s.train_init, lang)
    asked = st.session_state.setdefault("wg_asked", set())
    if not (works and all(map(jobs.finished, works))):  # else shared by another student: no wait
        if refused := vm.refusal(s.lengths, s.train_steps, s.hidden, lang):
            getattr(st, refused[0])(refused[1])
            return None
        if works not in asked:
            label = vm.train_label(s.lengths, s.train_steps, s.hidden, lang)
            st.button(label, key="wg_train", type="primary", on_click=asked.add, args=(works,))
            return None
    if (results := train_all(works)) is None:
        return None
    for level, text in vm.verdict(results, lang):
        getattr(st, level)(text)
    trained, (left, right) = Named(works, results), st.columns(2)
    with left:
        ui.plot(ui.figure(vm.accuracy_chart, trained, lang), key="wg_accuracy")
    with right:
        ui.plot(ui.figure(vm.loss_chart, trained, lang), key="wg_losses")
    ui.download_csv(
        vm.accuracy_columns(results), "why_gates_accuracy.csv", key="wg_download_accuracy"
    )
    st.subheader(ui.tr("wg.attention.header"))
    ui.plot(ui.figure(vm.attention_chart, trained, lang), key="wg_attention")
    st.caption(ui.compute(vm.attention_text, trained, s.train_init, lang))
    return trained


@ui.page(Settings, title="wg.title", intro="wg.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    lang = ui.lang()
    with ui.controls_box():
        names = ("radius", "fbias", "steps", "hidden", "seed")
        for col, name in zip(st.columns(5), names, strict=True):
            getattr(controls, name)(col)
    head = st.container()  # the chart and its lesson, drawn once the trainings are known
    trained = task(s, controls, lang)
    chart = (s.steps, s.hidden, s.seed, memory_task.STARTS[s.train_init].weights)
    with head:
        gradients(s, chart, trained, lang)
    st.subheader(ui.tr("wg.connectivity.header"))
    at = vm.frames(s.radius, s.fbias)
    ui.plot(ui.figure(vm.connectivity_chart, *chart, at, trained, lang), key="wg_connectivity")
    st.caption(ui.tr("wg.connectivity.trained" if trained else "wg.connectivity.init"))
