"""The optimizer race's view model: what the page says and tabulates is the race it draws
(tutorial 003's start, Rprop against SGD), the warnings and statuses flip when a run diverges,
and a click or a released slider on the map sets the setting it stands for."""

import numpy as np
import pytest

from explorer.cells import linear_rnn
from explorer.optim import race
from explorer.views import optimizers as vm

DEFAULTS = {
    "eta_plus": 1.2,
    "eta_minus": 0.5,
    "delta0": 1e-3,
    "lr_sgd": 1e-6,
    "lr_momentum": 1e-6,
    "momentum": 0.9,
    "lr_clip": 0.01,
    "clip": 1.0,
    "lr_clip_value": 0.01,
    "lr_adam": 0.05,
}
START = race.TUTORIAL_START


def optim_losses(W):
    from explorer.optim import rules

    return rules.path_losses(*linear_rnn.counting_data(), W)


def _args(runs=("sgd", "rprop"), n_iter=300, **hyper):
    return vm.race_args(runs, START, n_iter, {**DEFAULTS, **hyper})


def test_race_args_put_the_runs_in_race_order():
    start, n_iter, runs, hyper = _args(("adam", "sgd", "rprop"))
    assert runs == ("rprop", "sgd", "adam") and (start, n_iter) == ((-1.5, 2.0), 300)
    assert [name for name, _ in hyper] == list(vm.HYPER) and dict(hyper)["lr_sgd"] == 1e-6


def test_the_report_is_the_race_drawn():
    args = _args()
    results = race.run_race(*args)
    rprop, sgd = results["rprop"][0], results["sgd"][0]
    report = vm.race_report(args, 300, "en", vm.direct)
    grad = np.hypot(*linear_rnn.gradients(*linear_rnn.counting_data(), *START)[:2])
    assert f"|∇ξ| = {grad:.3g}" in report.what
    assert report.table["optimizer"] == ["Rprop", "SGD"]
    assert float(report.table["final w_x"][0]) == pytest.approx(rprop.W[-1][0], abs=1e-4)
    assert report.table["status"] == ["finished", "diverged"]
    assert report.table["iterations used"] == [300, sgd.diverged_at]
    (warning,) = report.warnings
    assert warning.startswith(f"SGD diverged at iteration {sgd.diverged_at}")
    assert report.at.startswith("**At iteration 300:**")
    # the figure draws the same runs: Rprop's trail ends at the table's final point
    fig = vm.race_figure(args, "en", None, None).to_dict()  # the JSON the browser gets
    trail = next(trace for trace in fig["data"] if trace.get("name") == "Rprop")
    np.testing.assert_allclose([trail["x"][-1], trail["y"][-1]], rprop.W[-1], atol=1e-5)


def test_warnings_and_status_flip_when_sgd_stops_diverging():
    """lr 1e-6 throws SGD off the float range from the tutorial's start; 1e-7 does not."""
    slow = vm.race_report(_args(lr_sgd=1e-7), 300, "en")
    assert slow.warnings == () and slow.table["status"] == ["finished", "finished"]
    assert "diverged" not in slow.what
    fast = vm.race_report(_args(lr_sgd=1e-6), 300, "en")
    assert len(fast.warnings) == 1 and "it diverged at iteration" in fast.what


def test_the_table_at_an_iteration_names_it_and_a_gone_run():
    args = _args()
    sgd = race.run_race(*args)["sgd"][0]
    report = vm.race_report(args, sgd.diverged_at + 1, "en")
    assert f"w_x at it. {sgd.diverged_at + 1}" in report.table
    assert f"SGD had already diverged (at iteration {sgd.diverged_at})" in report.at


@pytest.mark.parametrize(
    ("click", "start"),
    [({"x": 0.04, "y": -1.96}, (0.0, -2.0)), ({"x": 3.4, "y": -3.2}, (3.0, -3.0)), (None, None)],
)
def test_a_click_on_the_map_starts_there_on_its_grid(click, start):
    assert vm.chart_moves(("iter",), "click", click) == (start, None)


def test_a_released_slider_sets_its_own_setting():
    args = _args(("adam", "sgd", "momentum"))
    sliders = vm.chart_sliders(args)
    assert sliders == ("iter", "lr_sgd", "lr_momentum", "momentum", "lr_adam")
    assert vm.chart_moves(sliders, "slider", None, 0, 120.0) == (None, ("iter", 120.0))
    assert vm.chart_moves(sliders, "slider", None, 3, 0.95) == (None, ("momentum", 0.95))
    assert vm.chart_moves(sliders, "slider", None, 5, 1.0) == (None, None)  # no such slider
    assert vm.chart_moves(sliders, "click", None, 0, 120.0) == (None, None)  # a click is no move
    # the figure's sliders are in the same order: the iteration, then the previews
    fig = vm.race_figure(args, "en", None, None).to_dict()
    previewed = [p["currentvalue"]["prefix"] for p in fig["layout"]["sliders"][1:]]
    assert len(previewed) == len(sliders) - 1 and "momentum" in previewed[2].lower()


def test_previews_hold_the_runs_path_at_every_value_of_the_grid():
    args = _args(("sgd",), n_iter=60)
    (preview,) = vm.previews(args, "en")
    assert preview.values == race.RATES and preview.values[preview.active] == 1e-6
    alone = race.run_one(START, 60, "sgd", (("lr_sgd", 1e-7),))[0]
    np.testing.assert_allclose(preview.runs[preview.values.index(1e-7)].W, alone.W, rtol=1e-9)


@pytest.mark.parametrize(
    ("start", "at", "lang"), [((0.5, -1.0), None, "en"), ((2.0, -2.0), 3, "zh")]
)
def test_the_race_map_sent_is_the_race_figure_plotly_validates(start, at, lang):
    """The map the page sends (its frames set as JSON, not through plotly's validation) is the
    race figure plotly validates and writes (the HTML download's), value for value."""
    from explorer.figures import optimizers as figs
    from explorer.figures import serialise

    args = vm.race_args(race.RUNS, start, 200, DEFAULTS)
    pin = vm.race_args(("rprop",), (1.0, 1.0), 100, DEFAULTS)
    axis, xi = race.surface_grid()
    runs = vm.drawn(race.run_race(*args), lang)
    whole = (axis, xi, runs, 200, start, lang, at, vm.previews(args, lang))
    validated = serialise.freeze(figs.race_figure(*whole, vm.pinned_paths(pin, lang)))
    assert vm.race_figure(args, lang, at, pin).to_dict() == validated.to_dict()


@pytest.mark.parametrize("start", [(0.5, -1.0), (2.0, -2.0), (-3.0, 3.0)])
def test_every_preview_is_exactly_the_run_it_previews(start):
    """The six previews are computed together (one pass per iteration for all their runs); each
    path is, number for number, the optimizer run alone from that start with that value (the
    race's own engine, one gradient at a time), also where a run diverges or is clipped."""
    args = vm.race_args(race.RUNS, start, 120, DEFAULTS)
    previews = vm.previews(args, "en")
    assert [(p.run, p.param) for p in previews] == list(race.PREVIEWED)
    for preview in previews:
        own = race.own_hyper(preview.run, args[3])
        for value, shown in zip(preview.values, preview.runs, strict=True):
            hyper = tuple((n, value if n == preview.param else v) for n, v in own)
            alone = race.run_alone(start, 120, preview.run, hyper)
            assert np.array_equal(shown.W, alone.W), (preview.param, value)
            assert shown.diverged_at == alone.diverged_at


@pytest.mark.parametrize("start", [(0.5, -1.0), (2.0, -2.0), (-3.0, 3.0), race.TUTORIAL_START])
@pytest.mark.parametrize(
    "hyper", [{}, {"eta_plus": 2.0, "clip": 0.1, "momentum": 0.0, "lr_sgd": 1e-4}]
)
def test_the_race_steps_together_and_each_run_is_its_own(start, hyper):
    """The six runs step together; each path, its gradient norms and where it diverged are,
    number for number, the optimizer run alone by `optim`'s own steps, one gradient at a
    time (Rprop, SGD diverging, clipping of either kind, Adam)."""
    args = vm.race_args(race.RUNS, start, 300, {**DEFAULTS, **hyper})
    for key, (run, losses) in race.run_race(*args).items():
        alone = race.run_alone(start, 300, key, args[3])
        assert np.array_equal(run.W, alone.W), key
        assert np.array_equal(run.grad_norms, alone.grad_norms), key
        assert (run.diverged_at, run.diverged_grad) == (alone.diverged_at, alone.diverged_grad)
        assert np.array_equal(losses, optim_losses(alone.W))


def test_a_pinned_race_is_drawn_under_its_name_and_start():
    args, pin = _args(("rprop",)), vm.race_args(("rprop",), (0.5, -1.0), 300, DEFAULTS)
    ((name, path),) = vm.pinned_paths(pin, "en")
    assert name == "pin Rprop (0.5, -1)"
    np.testing.assert_allclose(path[-1], race.run_race(*pin)["rprop"][0].W[-1])
    names = [trace.get("name") for trace in vm.race_figure(args, "en", None, pin).to_dict()["data"]]
    assert name in names and name not in [
        t.get("name") for t in vm.race_figure(args, "en", None, None).to_dict()["data"]
    ]


def test_costly_steps_go_through_the_pages_cache_and_csv_has_every_iterate():
    asked = []

    def memo(fn, *args):
        asked.append((fn.__name__, args[2] if fn is race.preview_batch else ()))
        return fn(*args)

    args = _args(("sgd", "adam"), n_iter=40)
    vm.race_figure(args, "en", 10, None, memo)
    assert [name for name, _ in asked] == ["surface_grid", "run_race", "preview_batch"]
    # the previews are cached on their optimizers' own hyper-parameters only: Adam's has none
    assert [group[:2] for group in asked[2][1]] == [("sgd", ()), ("adam", ())]
    columns = vm.csv_columns(args, memo)
    results = race.run_race(*args)
    assert len(columns["xi"]) == sum(len(run.W) for run, _ in results.values())
    assert columns["optimizer"][0] == "sgd" and columns["iteration"][-1] == 40
