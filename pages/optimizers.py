"""Optimizer race: Rprop, SGD, momentum, clipping and Adam on the counting-ones loss surface."""

import functools

import numpy as np
import streamlit as st

import ui
from explorer import i18n, linear_rnn, race
from explorer.figures import optimizers as figs
from explorer.figures import theme
from explorer.i18n import number

COLOURS = dict(zip(race.RUNS, theme.SERIES_COLOURS, strict=False))
LRS = (1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.003, 0.01, 0.03, 0.05, 0.1, 0.3)
DELTAS = (1e-5, 1e-4, 1e-3, 1e-2, 0.1)
THETAS = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)
HYPER = ("eta_plus", "eta_minus", "delta0", "lr_sgd", "lr_momentum", "momentum", "lr_clip",
         "clip", "lr_adam")  # fmt: skip
MOMENTA = (0.0, 0.25, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.97, 0.98, 0.99)
GRIDS = {"lr_sgd": LRS, "lr_momentum": LRS, "momentum": MOMENTA, "lr_clip": LRS, "lr_adam": LRS}


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
    iter: int = ui.number(1000, 0, 1000, step=1)  # the race chart's slider (1000: the last)

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


def previews(args: tuple, lang: str) -> tuple:
    """For each optimizer in the race with a continuous hyper-parameter: its path at every value
    of that parameter's grid (computed together, cached on the optimizer's other
    hyper-parameters), for the browser to swap while the parameter is dragged."""
    start, n_iter, runs, hyper = args
    out = []
    for key, param in race.PREVIEWED:
        if key not in runs:
            continue
        now = dict(hyper)[param]
        values = tuple(sorted(set(GRIDS[param]) | {now}))
        own = tuple(pair for pair in race.own_hyper(key, hyper) if pair[0] != param)
        paths = ui.compute(race.preview_runs, start, n_iter, key, own, param, values,
                           max_entries=128)  # fmt: skip
        drawn_runs = [figs.RaceRun(key, "", COLOURS[key], run.W, np.zeros(len(run.W)),
                                   run.diverged_at) for run in paths]  # fmt: skip
        out.append(figs.Preview(param, i18n.t(f"opt.{param}", lang), key, values,
                                tuple(f"{v:g}" for v in values), tuple(drawn_runs),
                                values.index(now)))  # fmt: skip
    return tuple(out)


def race_view(args: tuple, lang: str, at: int | None = None, html: bool = False):
    axis, xi = ui.compute(race.surface_grid)
    pre = () if html else previews(args, lang)
    fig = figs.race_figure(axis, xi, drawn(args, lang), args[1], args[0], lang, at, pre)
    return figs.race_html(fig) if html else fig


def loss_view(args: tuple, lang: str):
    return figs.loss_figure(drawn(args, lang), lang)


def use_tutorial_start():
    ui.set_values(Settings, w0x=race.TUTORIAL_START[0], w0rec=race.TUTORIAL_START[1])


def on_race_chart(sliders: tuple, chart) -> None:
    """A click on the map starts the race there (on the map's 0.1 grid); a released slider
    writes its value to its setting: the iteration, or a previewed hyper-parameter."""
    if chart.click and "x" in chart.click and "y" in chart.click:
        w0x, w0rec = (
            float(np.clip(round(round(float(chart.click[a]) / figs.CLICK_STEP) * figs.CLICK_STEP, 2),
                          -3.0, 3.0))
            for a in "xy"
        )  # fmt: skip
        ui.set_values(Settings, w0x=w0x, w0rec=w0rec)
    if chart.slider and chart.slider.get("slider", 0) < len(sliders):
        name = sliders[chart.slider.get("slider", 0)]
        raw = chart.slider.get("label") if name == "iter" else chart.slider.get("value")
        value = Settings.PARAMS[name].parse(str(raw))
        if value is not None:
            ui.set_values(Settings, **{name: value})


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


def what_happened(results: dict, start: tuple, grad: float, at: int) -> None:
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
    st.markdown(at_iteration_text(results, at))
    for key, (run, _) in results.items():
        if run.diverged_at is not None:
            wx, wrec = run.W[-1]
            st.warning(ui.tr("opt.diverged", name=ui.tr(f"opt.name.{key}"), i=run.diverged_at,
                             grad=number(run.diverged_grad, 2), wx=number(wx), wrec=number(wrec)))  # fmt: skip


def at_iteration_text(results: dict, at: int) -> str:
    """Where each run is at the iteration the race's slider was released on."""
    parts = []
    for key, (run, losses) in results.items():
        (wx, wrec), loss, gone = race.at_iteration(run, losses, at)
        name = ui.tr(f"opt.name.{key}")
        if gone:
            parts.append(ui.tr("opt.at.gone", name=name, i=run.diverged_at))
        else:
            parts.append(ui.tr("opt.at.run", name=name, wx=f"{wx:.4f}", wrec=f"{wrec:.4f}",
                               loss=number(loss)))  # fmt: skip
    return ui.tr("opt.at", i=at, details="; ".join(parts))


def results_table(results: dict, at: int, n_iter: int) -> None:
    """Each run at iteration `at` (its final state when `at` is the last)."""
    runs = [run for run, _ in results.values()]
    rows = [race.at_iteration(run, losses, at) for run, losses in results.values()]
    final = at >= n_iter
    col = (
        (lambda k: ui.tr(k))
        if final
        else (lambda k: ui.tr("opt.table.at", what=ui.tr(k + ".at"), i=at))
    )  # noqa: E731
    st.table({
        ui.tr("opt.table.name"): [ui.tr(f"opt.name.{k}") for k in results],
        col("opt.table.wx"): [number(w[0], 5) for w, _, _ in rows],
        col("opt.table.wrec"): [number(w[1], 5) for w, _, _ in rows],
        col("opt.table.loss"): [number(loss) for _, loss, _ in rows],
        ui.tr("opt.table.iters"): [race.iterations_used(run) for run in runs],
        col("opt.table.count"): [
            number(linear_rnn.predict(linear_rnn.TEST_SEQUENCE, *w)) for w, _, _ in rows
        ],
        ui.tr("opt.table.status"): [
            ui.tr("opt.status.diverged" if run.diverged_at else "opt.status.ok") for run in runs
        ],
    })  # fmt: skip


@ui.page(Settings, title="opt.title", intro="opt.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    controls_box(controls)
    args, lang = s.race_args(), ui.lang()
    at = min(int(s.iter), s.n_iter)
    sliders = ("iter", *(param for key, param in race.PREVIEWED if key in args[2]))
    ui.plot(ui.figure(race_view, args, lang, at, max_entries=64), key="opt_race_chart",
            events=("slider", "click"), on_change=functools.partial(on_race_chart, sliders))  # fmt: skip
    if not args[2]:
        st.info(ui.tr("opt.none"))
        return
    results = ui.compute(race.run_race, *args, max_entries=256)
    grad = race.start_gradient(args[0])
    what_happened(results, args[0], grad, at)
    ui.plot(ui.figure(loss_view, args, lang), key="opt_loss_chart")
    results_table(results, at, s.n_iter)
    ui.guide(ui.tr("opt.guide.notice", grad=number(grad), lr=number(s.lr_sgd),
                   step=number(s.lr_sgd * grad), rstep=number(s.delta0 / 2)),
             ui.tr("opt.guide.try"))  # fmt: skip
    cols = st.columns(2)
    with cols[0]:
        csv = lambda: ui.csv_bytes(race.csv_columns(ui.compute(race.run_race, *args)))  # noqa: E731
        ui.download_csv(csv, "optimizer_race.csv", key="opt_download")
    cols[1].download_button(ui.tr("opt.download.html"), lambda: race_view(args, lang, None, html=True),
                            file_name="optimizer_race.html", mime="text/html",
                            key="opt_download_html", on_click="ignore")  # fmt: skip
