"""The optimizer race's view: Rprop, SGD, momentum, clipping and Adam from one start on the
counting-ones loss surface (tutorial 003). The optimizers' math and the race are
`explorer.optim.race`; here they are assembled into what the page shows: the race map (with the
previews the browser swaps while a hyper-parameter is dragged, and a pinned race), the loss
chart, the sentences, the table, the CSV, and what a click or a released slider on the map sets.

A race is named by `race_args` (start, n_iter, runs, hyper-parameters): the cache key of every
step. Costly steps (the race, each previewed optimizer's paths) go through `memo`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.figures import optimizers as figs
from explorer.figures import theme
from explorer.i18n import t
from explorer.optim import race
from explorer.views import direct

COLOURS = dict(zip(race.RUNS, theme.SERIES_COLOURS, strict=False))
DELTAS = (1e-5, 1e-4, 1e-3, 1e-2, 0.1)  # Rprop's first step Δ₀
THETAS = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)  # the clipping threshold θ
HYPER = (
    "eta_plus",
    "eta_minus",
    "delta0",
    "lr_sgd",
    "lr_momentum",
    "momentum",
    "lr_clip",
    "clip",
    "lr_clip_value",
    "lr_adam",
)


def race_args(runs, start: tuple, n_iter: int, values: dict) -> tuple:
    """(start, n_iter, the chosen runs in race order, (name, value) of every hyper-parameter):
    the race's name and cache key."""
    chosen = tuple(key for key in race.RUNS if key in runs)
    hyper = tuple((name, float(values[name])) for name in HYPER)
    return (float(start[0]), float(start[1])), int(n_iter), chosen, hyper


def chart_sliders(args: tuple) -> tuple[str, ...]:
    """The settings the race map's sliders set, in the figure's order: the iteration, then each
    previewed hyper-parameter of a run in the race."""
    return ("iter", *(param for key, param in race.PREVIEWED if key in args[2]))


def chart_moves(sliders: tuple, kind: str, point: dict | None = None, slider=0, value=None):
    """What an event on the race map sets: (the start clicked, on the map's grid, or None;
    (setting, the released slider's number) or None). `kind` "click" (with its `point`) or
    "slider" (slider `slider`, 0 the iteration's, let go on `value`)."""
    start = None
    if kind == "click" and point and "x" in point and "y" in point:
        start = race.snap_start(float(point["x"]), float(point["y"]), figs.CLICK_STEP)
    moved = None
    if kind == "slider" and value is not None and 0 <= slider < len(sliders):
        moved = (sliders[slider], float(value))
    return start, moved


# --- Figures -------------------------------------------------------------------------------------


def drawn(results: dict, lang: str) -> list[figs.RaceRun]:
    """The race's runs as the figures draw them (named in `lang`, coloured by optimizer)."""
    return [
        figs.RaceRun(
            key,
            t(f"opt.name.{key}", lang),
            COLOURS[key],
            run.W,
            losses,
            run.diverged_at,
            run.diverged_grad,
        )
        for key, (run, losses) in results.items()
    ]


def previews(args: tuple, lang: str, memo=direct) -> tuple[figs.Preview, ...]:
    """For each optimizer in the race with a continuous hyper-parameter: its path at every value
    of that parameter's grid (each on the optimizer's own other hyper-parameters), for the
    browser to swap while the parameter is dragged. All of them are one step of `memo`, computed
    together (`race.preview_batch`: a click on the map moves every preview's start at once)."""
    start, n_iter, runs, hyper = args
    groups, shown = [], []
    for key, param in race.PREVIEWED:
        if key not in runs:
            continue
        now = dict(hyper)[param]
        values = race.preview_values(param, now)
        own = tuple(pair for pair in race.own_hyper(key, hyper) if pair[0] != param)
        groups.append((key, own, param, values))
        shown.append((key, param, now, values))
    batch = memo(race.preview_batch, start, n_iter, tuple(groups)) if groups else ()
    out = []
    for (key, param, now, values), paths in zip(shown, batch, strict=True):
        drawn_paths = tuple(
            figs.RaceRun(key, "", COLOURS[key], run.W, np.zeros(len(run.W)), run.diverged_at)
            for run in paths
        )
        labels = tuple(f"{v:g}" for v in values)
        label = t(f"opt.{param}", lang)
        out.append(figs.Preview(param, label, key, values, labels, drawn_paths, values.index(now)))
    return tuple(out)


def pinned_paths(pin: tuple, lang: str, memo=direct) -> tuple:
    """The pinned race (`race_args` of the pinned settings) as (name, path) pairs, e.g.
    "pinned: Rprop (-1.5, 2)". A path has at most n_iter + 1 ≤ 1001 points."""
    (w0x, w0rec), results = pin[0], memo(race.run_race, *pin)
    return tuple(
        (
            t("q.pinned", lang, what=f"{t(f'opt.name.{key}', lang)} ({w0x:g}, {w0rec:g})"),
            tuple(tuple(map(float, w)) for w in run.W),
        )
        for key, (run, _) in results.items()
    )


def race_figure(args: tuple, lang: str, at: int | None, pin: tuple | None, memo=direct):
    """The race map at iteration `at` (None: the last), with its previews and the pinned race
    `pin` (`race_args`, or None), frozen for the chart element (`figs.race_spec`)."""
    axis, xi = memo(race.surface_grid)
    runs = drawn(memo(race.run_race, *args), lang)
    shown = pinned_paths(pin, lang, memo) if pin else ()
    ahead = previews(args, lang, memo)
    return figs.race_spec(axis, xi, runs, args[1], args[0], lang, at, ahead, shown)


def race_html(args: tuple, lang: str, memo=direct) -> str:
    """The race as a page that plays without a server (no previews, no pin)."""
    axis, xi = memo(race.surface_grid)
    runs = drawn(memo(race.run_race, *args), lang)
    return figs.race_html(figs.race_figure(axis, xi, runs, args[1], args[0], lang))


def loss_figure(args: tuple, lang: str, memo=direct):
    """ξ against the iteration for every run."""
    return figs.loss_figure(drawn(memo(race.run_race, *args), lang), lang)


# --- Words, table, CSV ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RaceReport:
    what: str  # each run's first step, then where it ended or diverged
    at: str  # where each run is at the iteration the slider shows
    warnings: tuple[str, ...]  # one per run that left the float range
    table: dict[str, list]  # each run at that iteration
    guide: str  # SGD's and Rprop's first steps against the map


def race_report(args: tuple, at: int, lang: str, memo=direct) -> RaceReport:
    """The sentences and the table under the race, from the race drawn above them."""
    results = memo(race.run_race, *args)
    start, n_iter, _, hyper = args
    grad = race.start_gradient(start)
    return RaceReport(
        what=race.what_text(results, start, grad, lang),
        at=race.at_text(results, at, lang),
        warnings=tuple(race.diverged_texts(results, lang)),
        table=race.table(results, at, n_iter, lang),
        guide=race.guide_text(grad, hyper, lang),
    )


def csv_columns(args: tuple, memo=direct) -> dict[str, list]:
    """Every iterate of every run: optimizer, iteration, w_x, w_rec, ξ."""
    return race.csv_columns(memo(race.run_race, *args))
