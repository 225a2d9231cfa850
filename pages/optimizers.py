"""Optimizer race: Rprop, SGD, momentum, clipping and Adam on the counting-ones loss surface."""

import functools

import streamlit as st

import ui
from explorer.figures import optimizers as figs
from explorer.optim import race
from explorer.views import optimizers as vm
from ui.compute import Memo

MEMO = Memo(max_entries=256)  # the races and each optimizer's previews, kept one by one


def rate(default, options=race.RATES, **kw):
    return ui.select(default, options, widget="select_slider", **kw)


@ui.settings("opt")
class Settings:
    runs: tuple = ui.multiselect(
        race.RUNS, race.RUNS, option_labels="opt.pick", help="opt.runs.help"
    )
    w0x: float = ui.number(race.TUTORIAL_START[0], -3.0, 3.0, step=0.1, label="opt.start.wx")
    w0rec: float = ui.number(race.TUTORIAL_START[1], -3.0, 3.0, step=0.1, label="opt.start.wrec")
    n_iter: int = ui.slider(500, 10, 1000, step=10)
    eta_plus: float = ui.slider(1.2, 1.0, 2.0, step=0.05)
    eta_minus: float = ui.slider(0.5, 0.1, 0.95, step=0.05)
    delta0: float = rate(1e-3, vm.DELTAS)
    lr_sgd: float = rate(1e-6)
    lr_momentum: float = rate(1e-6)
    momentum: float = ui.slider(0.9, 0.0, 0.99, step=0.01)
    lr_clip: float = rate(0.01)
    clip: float = rate(1.0, vm.THETAS, help="opt.clip.help")
    lr_clip_value: float = rate(0.01)
    lr_adam: float = rate(0.05)
    iter: int = ui.number(1000, 0, 1000, step=1)  # the race chart's slider (1000: the last)
    pin: tuple = ui.pin("runs", "w0x", "w0rec", "n_iter", *vm.HYPER)

    def race_args(self) -> tuple:
        """(start, n_iter, runs in race order, hyper-parameters): the race's cache key."""
        hyper = {name: getattr(self, name) for name in vm.HYPER}
        return vm.race_args(self.runs, (self.w0x, self.w0rec), self.n_iter, hyper)


def use_tutorial_start():
    ui.set_values(Settings, w0x=race.TUTORIAL_START[0], w0rec=race.TUTORIAL_START[1])


def on_race_chart(sliders: tuple, event: ui.ChartEvent) -> None:
    """A click on the map starts the race there; a released slider writes its setting."""
    start, moved = vm.chart_moves(sliders, event.kind, event.point, event.slider, event.value)
    if start is not None:
        ui.set_values(Settings, w0x=start[0], w0rec=start[1])
    if moved is not None and (value := Settings.PARAMS[moved[0]].parse(repr(moved[1]))) is not None:
        ui.set_values(Settings, **{moved[0]: value})


def controls_box(controls: ui.Controls) -> None:
    with ui.controls_box():  # two rows: the race map starts on a laptop's first screen
        top = st.columns([3.2, 1], vertical_alignment="bottom")
        controls.runs(top[0])
        with top[1].popover(ui.tr("opt.hyper"), width="stretch"):
            cols = st.columns(3)
            for i, name in enumerate(vm.HYPER):
                getattr(controls, name)(cols[i // 4])
        cols = st.columns([1, 1, 1.3, 1.4], vertical_alignment="bottom")
        controls.w0x(cols[0])
        controls.w0rec(cols[1])
        controls.n_iter(cols[2])
        cols[3].button(
            ui.tr("opt.start.preset"),
            on_click=use_tutorial_start,
            key="opt_preset",
            help=ui.tr("opt.start.click"),
            width="stretch",
        )


@ui.page(Settings, title="opt.title", header=lambda: st.markdown(race.intro(ui.lang())))
def body(s: Settings, controls: ui.Controls) -> None:
    controls_box(controls)
    args, lang, at = s.race_args(), ui.lang(), min(int(s.iter), s.n_iter)
    pinned = ui.pinned(s)
    pin = pinned.race_args() if pinned else None
    ui.plot(
        ui.figure(vm.race_figure, args, lang, at, pin, MEMO, max_entries=64),
        key="opt_race_chart",
        on_event=functools.partial(on_race_chart, vm.chart_sliders(args)),
        hear=("slider", "click"),
        click_mark=figs.START_MARK,
    )
    if not args[2]:
        st.info(ui.tr("opt.none"))
        return
    ui.pin_buttons(s)
    report = ui.compute(vm.race_report, args, at, lang, MEMO)
    st.markdown(report.what)
    st.markdown(report.at)
    for text in report.warnings:
        st.warning(text)
    ui.plot(ui.figure(vm.loss_figure, args, lang, MEMO), key="opt_loss_chart")
    st.table(report.table)
    ui.guide(report.guide, ui.tr("opt.guide.try"))
    cols = st.columns(2)
    with cols[0]:
        csv = lambda: ui.csv_bytes(vm.csv_columns(args, MEMO))  # noqa: E731
        ui.download_csv(csv, "optimizer_race.csv", key="opt_download")
    cols[1].download_button(
        ui.tr("opt.download.html"),
        lambda: vm.race_html(args, lang, MEMO),
        file_name="optimizer_race.html",
        mime="text/html",
        key="opt_download_html",
        on_click="ignore",
    )
