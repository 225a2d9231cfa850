"""Why gates work: a plain RNN, an LSTM and a GRU of one size, gradient by gradient, at their
initialisation (two sliders drawn by the browser) and after training on a memory task."""

import functools

import numpy as np
import streamlit as st

import ui
from explorer.figures import why_gates as figs
from explorer.training import memory_task
from explorer.views import why_gates as wg
from pages.sections import why_gates_task as task
from ui.window import from_sliders


@ui.settings("wg")
class Settings:
    radius: float = ui.number(0.9, wg.RADIUS_SWEEP[0], wg.RADIUS_SWEEP[-1], step=0.05, format="%.2f", help="wg.radius.help")  # fmt: skip
    fbias: float = ui.number(3.0, wg.BIAS_SWEEP[0], wg.BIAS_SWEEP[-1], step=0.5, format="%.1f", help="wg.fbias.help")  # fmt: skip
    steps: int = ui.slider(100, 10, 300, step=10)
    hidden: int = ui.select(16, (8, 16, 32, 64))
    seed: int = ui.number(0, 0, 9999)
    lengths: tuple = ui.multiselect(tuple(map(str, memory_task.DEFAULT_TS)), tuple(map(str, task.LENGTHS)))  # fmt: skip
    train_steps: int = ui.slider(300, 50, 1000, step=50)
    train_init: str = ui.select("app", tuple(memory_task.STARTS), widget="radio", option_labels="wg.train_init", help="wg.train_init.help")  # fmt: skip
    train_seed: int = ui.number(0, 0, 9999)


def wg_sweeps(steps: int, hidden: int, seed: int, weights: str) -> dict:
    """Every frame's curves and numbers, at initialisation, on the task's input of `steps`."""
    return wg.init_sweeps(wg.chart_input(steps, seed), hidden, seed, weights)


def wg_chart(chart: tuple, at: tuple, trained: tuple | None, lang: str):
    sweeps = ui.shared(wg_sweeps, *chart)  # chart: (steps, hidden, seed, weights)
    found = (
        wg.trained_gradients(task.longest(trained), wg.chart_input(chart[0], chart[2]))
        if trained
        else None
    )
    return figs.gradient_figure(sweeps, wg.RADIUS_SWEEP, wg.BIAS_SWEEP, *at, found, lang)


def wg_connectivity(chart: tuple, at: tuple, trained: tuple | None, lang: str):
    steps, hidden, seed, weights = chart
    x = wg.chart_input(steps, seed)[: wg.CONNECTIVITY_STEPS]  # (≤ 100, D): ≤ 4 × 53 KB sent
    radius, bias = wg.RADIUS_SWEEP[at[0]], wg.BIAS_SWEEP[at[1]]
    if trained:
        cells = {kind: result.params for kind, result in task.longest(trained).items()}
    else:
        cells = wg.init_cells(x.shape[1], hidden, seed, radius, bias, weights)
    return figs.connectivity_figure(wg.connectivity_maps(cells, x), lang)


def lesson(s: Settings, sweeps: dict, at: tuple) -> str:
    """The numbers beside the chart at the sliders' frames; returns the guide's notice."""
    rnn, lstm, gru = (sweeps[f"{k}_numbers"][at[k != "rnn"]] for k in wg.KINDS)
    cols = st.columns(3)
    for col, kind, numbers in zip(cols, wg.KINDS, (rnn, lstm, gru), strict=True):
        col.markdown(wg.lesson_text(kind, numbers, s.steps, ui.lang()))
    return wg.notice_text(rnn, lstm, gru, s.steps, ui.lang())


def wg_trained_numbers(steps: int, seed: int, trained: tuple) -> dict:
    return wg.trained_numbers(task.longest(trained), wg.chart_input(steps, seed))


def wg_csv(chart: tuple, at: tuple) -> bytes:
    """The curves the chart shows at the sliders' frames (built on the click)."""
    sweeps = ui.shared(wg_sweeps, *chart)
    columns = {"k": np.arange(chart[0] + 1)}
    columns[f"rnn_dL_dh rho={wg.RADIUS_SWEEP[at[0]]:.2f}"] = sweeps["rnn"][at[0]]
    for name in ("lstm_h", "lstm_c", "gru"):
        columns[f"{name} b={wg.BIAS_SWEEP[at[1]]:.1f}"] = sweeps[name][at[1]]
    return ui.csv_bytes(columns)


@ui.page(Settings, title="wg.title", intro="wg.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    with ui.controls_box():
        cols = st.columns(5)
        for col, name in zip(cols, ("radius", "fbias", "steps", "hidden", "seed"), strict=True):
            getattr(controls, name)(col)
    at = (wg.nearest(wg.RADIUS_SWEEP, s.radius), wg.nearest(wg.BIAS_SWEEP, s.fbias))
    trained = task.finished(s)  # a recipe of the shared training, once it is done
    chart = (s.steps, s.hidden, s.seed, memory_task.STARTS[s.train_init].weights)
    sweeps = ui.shared(wg_sweeps, *chart)
    fig = ui.figure(wg_chart, chart, at, trained, ui.lang())
    ui.plot(
        fig,
        key="wg_chart",
        events=("slider",),
        on_change=from_sliders(Settings, ("radius", "fbias")),
    )
    st.caption(wg.start_texts(s.train_init, ui.lang())["caption"])
    st.subheader(ui.tr("wg.lesson.header"))
    notice = lesson(s, sweeps, at)
    if trained:
        found = ui.compute(wg_trained_numbers, s.steps, s.seed, trained)
        st.markdown(ui.tr("wg.lesson.trained", T=max(trained[0]), **{k: figs.formatted(v) for k, v in found.items()}))  # fmt: skip
    ui.guide(notice, ui.tr("wg.guide.try"))
    ui.download_csv(functools.partial(wg_csv, chart, at), "why_gates.csv", key="wg_download")

    task.section(s, controls, trained)

    st.subheader(ui.tr("wg.connectivity.header"))
    conn = ui.figure(wg_connectivity, chart, at, trained, ui.lang())
    ui.plot(conn, key="wg_connectivity")
    st.caption(ui.tr("wg.connectivity.trained" if trained else "wg.connectivity.init"))
