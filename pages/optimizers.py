"""Optimizer race: Rprop, SGD, momentum, clipping and Adam on the counting-ones loss surface."""

import functools

import numpy as np
import streamlit as st

import ui
from explorer import i18n
from explorer.figures import optimizers as figs
from explorer.figures import theme
from explorer.optim import race

COLOURS = dict(zip(race.RUNS, theme.SERIES_COLOURS, strict=False))
DELTAS = (1e-5, 1e-4, 1e-3, 1e-2, 0.1)
THETAS = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)
HYPER = ("eta_plus", "eta_minus", "delta0", "lr_sgd", "lr_momentum", "momentum", "lr_clip",
         "clip", "lr_clip_value", "lr_adam")  # fmt: skip


def rate(default, options=race.RATES, **kw):
    return ui.select(default, options, widget="select_slider", **kw)


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
    clip: float = rate(1.0, THETAS, help="opt.clip.help")
    lr_clip_value: float = rate(0.01)
    lr_adam: float = rate(0.05)
    iter: int = ui.number(1000, 0, 1000, step=1)  # the race chart's slider (1000: the last)
    pin: tuple = ui.pin("runs", "w0x", "w0rec", "n_iter", *HYPER)

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
        values = race.preview_values(param, now)
        own = tuple(pair for pair in race.own_hyper(key, hyper) if pair[0] != param)
        paths = ui.compute(race.preview_runs, start, n_iter, key, own, param, values,
                           max_entries=128)  # fmt: skip
        drawn_runs = [figs.RaceRun(key, "", COLOURS[key], run.W, np.zeros(len(run.W)),
                                   run.diverged_at) for run in paths]  # fmt: skip
        out.append(figs.Preview(param, i18n.t(f"opt.{param}", lang), key, values,
                                tuple(f"{v:g}" for v in values), tuple(drawn_runs),
                                values.index(now)))  # fmt: skip
    return tuple(out)


def race_view(args: tuple, lang: str, at: int | None = None, html: bool = False, pin=None):
    axis, xi = ui.compute(race.surface_grid)
    pre = () if html else previews(args, lang)
    pin = pinned_race(pin, lang) if pin else ()
    fig = figs.race_figure(axis, xi, drawn(args, lang), args[1], args[0], lang, at, pre, pin)
    return figs.race_html(fig) if html else fig


def pinned_race(p: Settings, lang: str) -> tuple:
    """The race of the pinned settings `p` as (name, path) pairs: "pinned: Rprop (-1.5, 2)"."""
    return tuple(
        (i18n.t("q.pinned", lang, what=f"{i18n.t(f'opt.name.{key}', lang)} ({p.w0x:g}, {p.w0rec:g})"),
         ui.thin(tuple(map(float, w)) for w in run.W))
        for key, (run, _) in ui.compute(race.run_race, *p.race_args(), max_entries=256).items()
    )  # fmt: skip


def loss_view(args: tuple, lang: str):
    return figs.loss_figure(drawn(args, lang), lang)


def use_tutorial_start():
    ui.set_values(Settings, w0x=race.TUTORIAL_START[0], w0rec=race.TUTORIAL_START[1])


def on_race_chart(sliders: tuple, chart) -> None:
    """A click on the map starts the race there (on the map's 0.1 grid); a released slider
    writes its value to its setting: the iteration, or a previewed hyper-parameter."""
    if chart.click and "x" in chart.click and "y" in chart.click:
        x, y = (float(chart.click[a]) for a in "xy")
        w0x, w0rec = race.snap_start(x, y, figs.CLICK_STEP)
        ui.set_values(Settings, w0x=w0x, w0rec=w0rec)
    if chart.slider and chart.slider.get("slider", 0) < len(sliders):
        name = sliders[chart.slider.get("slider", 0)]
        raw = chart.slider.get("label") if name == "iter" else chart.slider.get("value")
        value = Settings.PARAMS[name].parse(str(raw))
        if value is not None:
            ui.set_values(Settings, **{name: value})


def controls_box(controls: ui.Controls) -> None:
    with ui.controls_box():  # two rows: the race map starts on a laptop's first screen
        top = st.columns([3.2, 1], vertical_alignment="bottom")
        controls.runs(top[0])
        with top[1].popover(ui.tr("opt.hyper"), width="stretch"):
            cols = st.columns(3)
            for i, name in enumerate(HYPER):
                getattr(controls, name)(cols[i // 4])
        cols = st.columns([1, 1, 1.3, 1.4], vertical_alignment="bottom")
        controls.w0x(cols[0])
        controls.w0rec(cols[1])
        controls.n_iter(cols[2])
        cols[3].button(ui.tr("opt.start.preset"), on_click=use_tutorial_start, key="opt_preset",
                       help=ui.tr("opt.start.click"), width="stretch")  # fmt: skip


@ui.page(Settings, title="opt.title", header=lambda: st.markdown(race.intro(ui.lang())))
def body(s: Settings, controls: ui.Controls) -> None:
    controls_box(controls)
    args, lang = s.race_args(), ui.lang()
    at = min(int(s.iter), s.n_iter)
    sliders = ("iter", *(param for key, param in race.PREVIEWED if key in args[2]))
    ui.plot(ui.figure(race_view, args, lang, at, False, ui.pinned(s), max_entries=64), key="opt_race_chart",
            events=("slider", "click"), on_change=functools.partial(on_race_chart, sliders), click_mark=figs.START_MARK)  # fmt: skip
    if not args[2]:
        st.info(ui.tr("opt.none"))
        return
    results = ui.compute(race.run_race, *args, max_entries=256)
    ui.pin_buttons(s)
    grad = race.start_gradient(args[0])
    st.markdown(race.what_text(results, args[0], grad, lang))
    st.markdown(race.at_text(results, at, lang))
    for text in race.diverged_texts(results, lang):
        st.warning(text)
    ui.plot(ui.figure(loss_view, args, lang), key="opt_loss_chart")
    st.table(race.table(results, at, s.n_iter, lang))
    ui.guide(race.guide_text(grad, args[3], lang), ui.tr("opt.guide.try"))
    cols = st.columns(2)
    with cols[0]:
        csv = lambda: ui.csv_bytes(race.csv_columns(ui.compute(race.run_race, *args)))  # noqa: E731
        ui.download_csv(csv, "optimizer_race.csv", key="opt_download")
    cols[1].download_button(ui.tr("opt.download.html"), lambda: race_view(args, lang, None, html=True),
                            file_name="optimizer_race.html", mime="text/html",
                            key="opt_download_html", on_click="ignore")  # fmt: skip
