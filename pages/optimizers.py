"""Optimizer race: Rprop, SGD, momentum, clipping and Adam on the counting-ones loss surface."""

import numpy as np
import streamlit as st

import ui
from explorer import i18n, race
from explorer.figures import optimizers as figs
from explorer.figures import theme
from explorer.i18n import number

COLOURS = dict(zip(race.RUNS, theme.SERIES_COLOURS, strict=False))
LRS = (1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.003, 0.01, 0.03, 0.05, 0.1, 0.3)
DELTAS = (1e-5, 1e-4, 1e-3, 1e-2, 0.1)
THETAS = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)
HYPER = ("eta_plus", "eta_minus", "delta0", "lr_sgd", "lr_momentum", "momentum", "lr_clip",
         "clip", "lr_adam")  # fmt: skip


def rate(default, options=LRS):
    return ui.select(default, options, widget="select_slider")


@ui.settings("opt")
class Settings:
    runs: tuple = ui.multiselect(race.RUNS, race.RUNS, option_labels="opt.name")
    w0x: float = ui.number(race.TUTORIAL_START[0], -3.0, 3.0, step=0.1, label="opt.start.wx")
    w0rec: float = ui.number(race.TUTORIAL_START[1], -3.0, 3.0, step=0.1, label="opt.start.wrec")
    n_iter: int = ui.slider(500, 10, 1000, step=10)
    eta_plus: float = ui.slider(1.2, 1.0, 2.0, step=0.05)
    eta_minus: float = ui.slider(0.5, 0.1, 0.95, step=0.05)
    delta0: float = rate(1e-3, DELTAS)
    lr_sgd: float = rate(1e-6)
    lr_momentum: float = rate(1e-6)
    momentum: float = ui.slider(0.9, 0.0, 0.99, step=0.01)
    lr_clip: float = rate(0.01)
    clip: float = rate(1.0, THETAS)
    lr_adam: float = rate(0.05)

    def race_args(self) -> tuple:
        """(start, n_iter, runs in race order, hyper-parameters): the race's cache key."""
        runs = tuple(key for key in race.RUNS if key in self.runs)
        hyper = tuple((name, float(getattr(self, name))) for name in HYPER)
        return (self.w0x, self.w0rec), self.n_iter, runs, hyper


def drawn(args: tuple, lang: str) -> list[figs.RaceRun]:
    results = ui.compute(race.run_race, *args, max_entries=256)
    return [
        figs.RaceRun(key, i18n.t(f"opt.name.{key}", lang), COLOURS[key], run.W, losses,
                     run.diverged_at, run.diverged_grad)
        for key, (run, losses) in results.items()
    ]  # fmt: skip


def race_view(args: tuple, lang: str, html: bool = False):
    axis, xi = ui.compute(race.surface_grid)
    fig = figs.race_figure(axis, xi, drawn(args, lang), args[1], args[0], lang)
    return figs.race_html(fig) if html else fig


def loss_view(args: tuple, lang: str):
    return figs.loss_figure(drawn(args, lang), lang)


def use_tutorial_start():
    ui.set_values(Settings, w0x=race.TUTORIAL_START[0], w0rec=race.TUTORIAL_START[1])


def use_clicked_start():
    points = st.session_state["opt_race_chart"].selection.get("points", [])
    if points and "x" in points[0] and "y" in points[0]:
        w0x, w0rec = (float(np.clip(round(points[0][a], 2), -3.0, 3.0)) for a in "xy")
        ui.set_values(Settings, w0x=w0x, w0rec=w0rec)


def controls_box(controls: ui.Controls) -> None:
    with st.container(border=True):
        controls.runs()
        cols = st.columns([1, 1, 1.3, 1.4])
        controls.w0x(cols[0])
        controls.w0rec(cols[1])
        controls.n_iter(cols[2])
        cols[3].button(ui.tr("opt.start.preset"), on_click=use_tutorial_start, key="opt_preset")
        cols[3].caption(ui.tr("opt.start.click"))
        with st.expander(ui.tr("opt.hyper")):
            cols = st.columns(3)
            for i, name in enumerate(HYPER):
                getattr(controls, name)(cols[i // 3])


def what_happened(results: dict, start: tuple, grad: float) -> None:
    details = ""
    for key, (run, losses) in results.items():
        name, step = ui.tr(f"opt.name.{key}"), race.first_step(run)
        details += f"{name}: " if step is None else ui.tr("opt.what.first_step", name=name,
                                                          step=number(step))  # fmt: skip
        if run.diverged_at is not None:
            details += ui.tr("opt.what.diverged", i=run.diverged_at)
        else:
            wx, wrec = run.W[-1]
            details += ui.tr("opt.what.ended", wx=f"{wx:.4f}", wrec=f"{wrec:.4f}",
                             loss=number(losses[-1]))  # fmt: skip
    st.markdown(ui.tr("opt.what", wx=start[0], wrec=start[1], grad=number(grad), details=details))
    for key, (run, _) in results.items():
        if run.diverged_at is not None:
            wx, wrec = run.W[-1]
            st.warning(ui.tr("opt.diverged", name=ui.tr(f"opt.name.{key}"), i=run.diverged_at,
                             grad=number(run.diverged_grad, 2), wx=number(wx), wrec=number(wrec)))  # fmt: skip


def results_table(results: dict) -> None:
    runs = [run for run, _ in results.values()]
    st.table({
        ui.tr("opt.table.name"): [ui.tr(f"opt.name.{k}") for k in results],
        ui.tr("opt.table.wx"): [number(run.W[-1][0], 5) for run in runs],
        ui.tr("opt.table.wrec"): [number(run.W[-1][1], 5) for run in runs],
        ui.tr("opt.table.loss"): [number(losses[-1]) for _, losses in results.values()],
        ui.tr("opt.table.iters"): [len(run.W) - 1 for run in runs],
        ui.tr("opt.table.count"): [number(race.final_count(run)) for run in runs],
        ui.tr("opt.table.status"): [
            ui.tr("opt.status.diverged" if run.diverged_at else "opt.status.ok") for run in runs
        ],
    })  # fmt: skip


@ui.page(Settings, title="opt.title", intro="opt.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    controls_box(controls)
    args, lang = s.race_args(), ui.lang()
    ui.plot(ui.figure(race_view, args, lang, max_entries=64), key="opt_race_chart",
            on_select=use_clicked_start, selection_mode="points")  # fmt: skip
    if not args[2]:
        st.info(ui.tr("opt.none"))
        return
    results = ui.compute(race.run_race, *args, max_entries=256)
    grad = race.start_gradient(args[0])
    what_happened(results, args[0], grad)
    ui.plot(ui.figure(loss_view, args, lang), key="opt_loss_chart")
    results_table(results)
    ui.guide(ui.tr("opt.guide.notice", grad=number(grad), lr=number(s.lr_sgd),
                   step=number(s.lr_sgd * grad), rstep=number(s.delta0 / 2)),
             ui.tr("opt.guide.try"))  # fmt: skip
    cols = st.columns(2)
    with cols[0]:
        csv = lambda: ui.csv_bytes(race.csv_columns(ui.compute(race.run_race, *args)))  # noqa: E731
        ui.download_csv(csv, "optimizer_race.csv", key="opt_download")
    cols[1].download_button(ui.tr("opt.download.html"), lambda: race_view(args, lang, html=True),
                            file_name="optimizer_race.html", mime="text/html",
                            key="opt_download_html", on_click="ignore")  # fmt: skip
