"""AppTest of the Optimizer race page: the tutorial's story, animation, divergence guard, extremes."""

import numpy as np
import pytest

from explorer.cells import linear_rnn
from explorer.figures import optimizers as figs
from tests.apptest_helpers import (
    HAN,
    chart_specs,
    exercise_widgets,
    figures,
    has_nonfinite_literal,
    open_page,
    release_chart_slider,
)

PAGE = "pages/optimizers.py"


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_race_is_animated_in_the_browser(default_page):
    fig = figures(default_page)[0]
    iteration_frames = [f for f in fig["frames"] if f.get("group") == "iteration"]
    assert len(iteration_frames) >= 10
    assert len(fig["layout"]["sliders"][0]["steps"]) == len(iteration_frames)
    labels = [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]]
    assert labels == ["⏮", "▶", "❚❚", "⏭"]
    names = {tr.get("name") for tr in fig["data"]}
    assert {"Rprop", "SGD", "SGD + momentum", "SGD + norm clipping", "Adam"} <= names
    assert "SGD + element-wise clipping (tutorial 000)" in names
    heat = fig["data"][0]
    # a click on the map is a click on the heatmap's cell (no grid of invisible click markers)
    assert heat.get("hoverinfo") != "skip" and "hovertemplate" in heat
    assert not any(tr.get("marker", {}).get("opacity") == 0 for tr in fig["data"])
    assert heat["type"] == "heatmap" and heat["colorbar"]["ticktext"][-1].endswith("1e8")


def test_the_seeds_story(default_page):
    table = default_page.table[0].value.set_index("optimizer")
    assert float(table.loc["Rprop", "final w_x"]) == pytest.approx(1.0014, abs=2e-3)
    assert float(table.loc["Rprop", "final w_rec"]) == pytest.approx(0.9997, abs=2e-3)
    assert float(table.loc["Rprop", "counts [0,1,1,0,0,0,0,1,0,0,1,1] as"]) == pytest.approx(
        5.0, abs=0.01
    )
    assert table.loc["SGD", "status"] == "diverged"
    assert table.loc["SGD + norm clipping", "status"] == "finished"
    assert table.loc["SGD + element-wise clipping (tutorial 000)", "status"] == "finished"
    warnings = " ".join(w.value for w in default_page.warning)
    assert "SGD diverged at iteration" in warnings and "|∇ξ|" in warnings
    X, t = linear_rnn.counting_data()
    start_grad = np.hypot(*linear_rnn.gradients(X, t, -1.5, 2.0)[:2])
    what = next(m.value for m in default_page.markdown if "What happened" in m.value)
    assert f"{start_grad:.3g}" in what  # quotes this run's gradient at the start


def test_no_nan_in_charts_and_payload_is_small(default_page):
    for spec in chart_specs(default_page):
        assert not has_nonfinite_literal(spec)
        assert len(spec.encode()) <= 300_000


def test_preset_button_restores_the_seeds_start():
    at = open_page(PAGE, query={"opt_w0x": 0.5, "opt_w0rec": -0.5})
    assert at.get_by_key("opt_w0x").value == 0.5
    at.button(key="opt_preset").click().run()
    assert (at.get_by_key("opt_w0x").value, at.get_by_key("opt_w0rec").value) == (-1.5, 2.0)


def test_no_optimizer_chosen_says_so():
    at = open_page(PAGE)
    at.get_by_key("opt_runs").set_value([]).run()
    assert not at.exception and "at least one" in at.info[0].value


def test_every_widget_at_its_extremes():
    at = open_page(PAGE, query={"opt_n_iter": 50})
    assert exercise_widgets(at) >= 25


def test_chinese_under_lang_zh():
    at = open_page(PAGE, query={"lang": "zh"})
    assert HAN.search(at.title[0].value)
    fig = figures(at)[0]
    assert HAN.search(fig["layout"]["title"]["text"])
    assert any(HAN.search(w.value) for w in at.warning)


def test_html_export_plays_without_a_server():
    X, t = linear_rnn.counting_data()
    axis = np.linspace(-3, 3, 9)
    run = figs.RaceRun("rprop", "Rprop", "#000", np.array([[-1.5, 2.0], [0.0, 1.0]]), np.ones(2))
    fig = figs.race_figure(
        axis, linear_rnn.loss_surface(X, t, axis, axis), [run], 1, (-1.5, 2.0), "en"
    )
    html = figs.race_html(fig)
    assert "<script" in html and "Plotly.newPlot" in html
    assert '<script src="http' not in html  # plotly.js is inside the file: no network needed
    assert '"frames"' in html or "addFrames" in html
    at = open_page(PAGE)
    assert [b.proto.label for b in at.get("download_button")][1].startswith("Download the race")


def _distance_to_polyline(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Each point's distance to the nearest segment of `line` (m, 2)."""
    a, b = line[:-1][None], line[1:][None]  # (1, m-1, 2)
    p = points[:, None]  # (n, 1, 2)
    ab = b - a
    denom = np.maximum(np.sum(ab * ab, axis=-1), 1e-300)
    s = np.clip(np.sum((p - a) * ab, axis=-1) / denom, 0.0, 1.0)[..., None]
    return np.min(np.linalg.norm(p - (a + s * ab), axis=-1), axis=1)


def test_drawn_trails_pass_through_every_iterate():
    """The thick trail is thinned for the browser but still follows every step of the run: the
    tutorial's Rprop jumps across the map in its first 50 iterations, where thinning evenly in time
    would cut corners by ~0.8."""
    from explorer.optim import rules as optim

    X, t = linear_rnn.counting_data()
    W = optim.rprop(lambda w: linear_rnn.gradients(X, t, w[0], w[1])[:2], (-1.5, 2.0))
    axis = np.linspace(-3, 3, 9)
    run = figs.RaceRun("rprop", "Rprop", "#000", W, np.ones(len(W)))
    fig = figs.race_figure(
        axis, linear_rnn.loss_surface(X, t, axis, axis), [run], 500, (-1.5, 2.0), "en"
    )
    for frame in (fig.frames[len(fig.frames) // 2], fig.frames[-1]):
        upto = int(frame.name)
        trail = np.column_stack([frame.data[0].x, frame.data[0].y]).astype(float)
        assert len(trail) < upto / 5 + 3  # really thinned
        gaps = _distance_to_polyline(W[: upto + 1], trail)
        assert gaps.max() <= 2 * figs.TOLERANCE + 1e-6
        np.testing.assert_allclose(trail[-1], W[upto], atol=1e-5)  # the head is the iterate


def _seed_race_figure():
    """The race figure for the tutorial's start with SGD (lr 1e-6, thrown off the map) and Rprop."""
    from explorer.optim import rules as optim

    X, t = linear_rnn.counting_data()

    def grad_fn(w):
        return linear_rnn.gradients(X, t, w[0], w[1])[:2]

    start = (-1.5, 2.0)
    runs = []
    for key, run in (
        ("rprop", optim.rprop_run(grad_fn, start, 100)),
        ("sgd", optim.sgd_run(grad_fn, start, 1e-6, 100)),
    ):
        losses = optim.path_losses(X, t, run.W)
        runs.append(
            figs.RaceRun(key, key, "#000", run.W, losses, run.diverged_at, run.diverged_grad)
        )
    axis = np.linspace(-3, 3, 61)
    fig = figs.race_figure(axis, linear_rnn.loss_surface(X, t, axis, axis), runs, 100, start, "en")
    return fig, runs, axis


def test_the_surface_image_survives_the_animation_and_is_the_right_way_up():
    """Plotly.js drops heatmaps while animating scatter traces, so the surface is also a layout
    image under the paths: dark (low ξ) at the optimum (1, 1), bright (capped) at (-3, 3)."""
    import base64
    import io

    from PIL import Image

    fig, _, axis = _seed_race_figure()
    (image,) = fig.layout.images
    assert image.layer == "below" and image.source.startswith("data:image/png;base64,")
    png = Image.open(io.BytesIO(base64.b64decode(image.source.split(",", 1)[1]))).convert("L")
    assert png.size == (len(axis), len(axis))
    col = int(np.argmin(np.abs(axis - 1.0)))  # w_x = 1
    row = len(axis) - 1 - int(np.argmin(np.abs(axis - 1.0)))  # w_rec = 1, counted from the top
    assert png.getpixel((col, row)) < 60  # magma's dark end: ξ ≈ 0
    assert png.getpixel((0, 0)) > 200  # top-left = (w_x, w_rec) = (-3, 3): ξ ≥ 1e8, pale
    # the image covers the heatmap's cells exactly
    half = (axis[1] - axis[0]) / 2
    assert image.x == pytest.approx(-3 - half) and image.y == pytest.approx(3 + half)
    assert image.sizex == pytest.approx(6 + 2 * half)


def test_the_off_map_arrow_appears_when_the_run_leaves():
    fig, runs, _ = _seed_race_figure()
    sgd = runs[1]
    leaves = int(np.argmax(np.max(np.abs(sgd.W), axis=1) > figs.EDGE))  # the tutorial: at once
    assert sgd.diverged_at is not None and 1 <= leaves <= 3
    arrow = next(
        i for i, tr in enumerate(fig.data) if tr.type == "scatter" and tr.marker.symbol == "arrow"
    )
    label = arrow + 1
    by_name = {frame.name: frame for frame in fig.frames}
    for name, shown in ((str(leaves - 1), False), (str(leaves), True), (fig.frames[-1].name, True)):
        frame = by_name[name]
        updates = dict(zip(frame.traces, frame.data, strict=True))
        assert (updates[arrow].marker.size[1] > 0) is shown
        text = updates[label].text[0]
        assert (f"diverged at it. {sgd.diverged_at}" in text) is shown
        assert text == "" or "|∇ξ|" in text


def test_a_link_restores_the_race():
    """Start point, optimizers and a learning rate set by hand come back from the URL."""
    at = open_page(PAGE)
    at.get_by_key("opt_w0x").set_value(0.5).run()
    at.get_by_key("opt_w0rec").set_value(0.5).run()
    at.get_by_key("opt_runs").set_value(["sgd", "adam"]).run()
    at.get_by_key("opt_lr_sgd").set_value(0.01).run()
    params = {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}
    assert {"opt_w0x", "opt_w0rec", "opt_runs", "opt_lr_sgd"} <= set(params)
    fresh = open_page(PAGE, query=params)
    for key in ("opt_w0x", "opt_w0rec", "opt_runs", "opt_lr_sgd"):
        assert fresh.get_by_key(key).value == at.get_by_key(key).value, key
    assert figures(fresh)[0]["data"] == figures(at)[0]["data"]
    assert list(fresh.table[0].value["optimizer"]) == ["SGD", "Adam"]


def test_the_csv_holds_every_iterate_of_every_run():
    import csv
    import io

    from tests.apptest_helpers import csv_buttons, download_bytes

    at = open_page(PAGE)  # the bytes live in this run's media store
    index = csv_buttons(at)[0]
    rows = list(csv.DictReader(io.StringIO(download_bytes(at, index).decode())))
    rprop = [r for r in rows if r["optimizer"] == "rprop"]
    assert [int(r["iteration"]) for r in rprop] == list(range(501))
    # the tutorial: "Final weights are: wx = 1.00135554721, wRec = 0.999674473785"
    assert float(rprop[-1]["w_x"]) == pytest.approx(1.00135554721, abs=1e-10)
    assert float(rprop[-1]["w_rec"]) == pytest.approx(0.999674473785, abs=1e-10)
    sgd = [r for r in rows if r["optimizer"] == "sgd"]
    assert 1 < len(sgd) < 10  # stopped at its last finite point
    assert all(np.isfinite(float(r["w_x"])) for r in sgd)


def test_the_loss_chart_keeps_rprop_visible_under_a_diverging_sgd():
    """SGD's ξ reaches 1e80 before it overflows: drawn on a labelled ceiling, so the axis still
    shows Rprop's descent to ~1e-6 instead of squashing it into the bottom pixel."""
    _, runs, _ = _seed_race_figure()
    fig = figs.loss_figure(runs, "en")
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    assert max(np.max(np.asarray(tr.y, dtype=float)) for tr in lines) <= figs.LOSS_TOP
    assert np.max(runs[1].losses) > 1e40  # SGD really went there (or overflowed)
    bottom, top = fig.layout.yaxis.range
    rprop_min = float(np.min(runs[0].losses))
    assert bottom <= np.log10(rprop_min) and top - bottom < 25  # ~20 decades, not 90
    cross = next(tr for tr in fig.data if tr.mode == "markers")
    assert "diverged" in cross.hovertemplate


def test_a_learning_rate_between_stops_snaps_to_the_nearest():
    at = open_page(PAGE, query={"opt_lr_sgd": "0.002", "opt_n_iter": 20})
    assert at.get_by_key("opt_lr_sgd").value == 0.003  # log-nearest of 0.001 and 0.003
    assert not at.warning or "opt_lr_sgd" not in " ".join(w.value for w in at.warning)


def test_a_link_with_opt_iter_opens_the_race_at_that_iteration():
    """opt_iter=5: the chart's slider, the heads, the text and the table are at iteration 5."""
    from explorer.optim import race

    at = open_page(PAGE, query={"opt_iter": 5})
    fig = figures(at)[0]
    slider = fig["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"] == "5"
    results = race.run_race((-1.5, 2.0), 500, race.RUNS, _default_hyper())
    rprop_head = next(tr for tr in fig["data"] if tr.get("hovertemplate", "").startswith("Rprop"))
    np.testing.assert_allclose(
        [rprop_head["x"][0], rprop_head["y"][0]], results["rprop"][0].W[5], atol=1e-5
    )
    text = next(m.value for m in at.markdown if "At iteration" in m.value)
    assert "At iteration 5:" in text and "SGD had already diverged (at iteration 4)" in text
    table = at.table[0].value.set_index("optimizer")
    assert float(table.loc["Rprop", "w_x at it. 5"]) == pytest.approx(
        results["rprop"][0].W[5][0], abs=1e-4
    )
    assert "final w_x" not in table.columns  # not the final values: the column says so


def _default_hyper():
    defaults = dict(eta_plus=1.2, eta_minus=0.5, delta0=1e-3, lr_sgd=1e-6, lr_momentum=1e-6,
                    momentum=0.9, lr_clip=0.01, clip=1.0, lr_clip_value=0.01, lr_adam=0.05)  # fmt: skip
    return tuple(defaults.items())


def test_the_warning_and_the_table_agree_on_the_diverging_iteration(default_page):
    """SGD diverges at the step whose update is not finite: the warning, the text and the
    table's 'iterations used' all give that iteration, and the run's last finite iterate is
    the one before it."""
    import re

    from explorer.optim import rules as optim

    warning = next(w.value for w in default_page.warning if w.value.startswith("SGD diverged"))
    i = int(re.search(r"diverged at iteration (\d+)", warning).group(1))
    table = default_page.table[0].value.set_index("optimizer")
    assert int(table.loc["SGD", "iterations used"]) == i
    X, t = linear_rnn.counting_data()
    run = optim.sgd_run(lambda w: linear_rnn.gradients(X, t, w[0], w[1])[:2], (-1.5, 2.0),
                        1e-6, 500)  # fmt: skip
    assert run.diverged_at == i and len(run.W) == i  # iterates 0 … i-1 are finite
    assert np.all(np.isfinite(run.W))
    with np.errstate(all="ignore"):
        grad = linear_rnn.gradients(X, t, *run.W[-1])[:2]
        assert not np.all(np.isfinite(run.W[-1] - 1e-6 * np.asarray(grad)))  # step i is not


def test_hyper_parameter_sliders_hold_each_value_s_path(default_page):
    """One in-chart slider per previewed hyper-parameter, one frame per value of its grid: the
    frame for SGD's lr = 1e-7 draws the path a race with that rate takes."""
    from explorer.optim import race

    fig = figures(default_page)[0]
    prefixes = [s["currentvalue"]["prefix"] for s in fig["layout"]["sliders"][1:]]
    assert [p.split(" = ")[0] for p in prefixes] == [
        "SGD learning rate", "Momentum learning rate", "Momentum μ", "Norm clipping learning rate",
        "Element-wise clipping learning rate", "Adam learning rate",
    ]  # fmt: skip
    sgd = fig["layout"]["sliders"][1]
    assert sgd["steps"][sgd["active"]]["label"] == "1e-06"
    frame = next(f for f in fig["frames"] if f["name"] == "lr_sgd=1e-07")
    run, _ = race.run_one((-1.5, 2.0), 500, "sgd", (("lr_sgd", 1e-7),))
    head = frame["data"][2]
    np.testing.assert_allclose([head["x"][0], head["y"][0]], run.W[-1], atol=1e-4)
    assert run.diverged_at is None  # at 1e-7 SGD survives: the preview shows that
    assert len(fig["frames"]) == 40 + 5 * 11 + 15  # iterations, five rates, the momenta


@pytest.mark.parametrize("start", [(-1.5, 2.0), (1.5, 0.5)])
def test_previewed_paths_are_the_races_own(start):
    """The paths the browser swaps in while a rate is dragged (all values stepped together) are
    bit for bit the runs the page draws once the value is released: iterates, where each one
    diverged, and the gradient it quotes."""
    from explorer.optim import race

    hyper = _default_hyper()
    for key, param in race.PREVIEWED:
        values = (0.0, 0.5, 0.9, 0.99) if param == "momentum" else (1e-7, 1e-5, 0.01, 0.05, 0.3)
        own = tuple(pair for pair in race.own_hyper(key, hyper) if pair[0] != param)
        batched = race.preview_runs(start, 100, key, own, param, values)
        for value, run in zip(values, batched, strict=True):
            alone = race.own_hyper(key, tuple((n, value if n == param else v) for n, v in hyper))
            ref, _ = race.run_one(start, 100, key, alone)
            np.testing.assert_array_equal(run.W, ref.W, err_msg=f"{key} {param}={value}")
            assert (run.diverged_at, run.diverged_grad) == (ref.diverged_at, ref.diverged_grad)


def test_the_intro_quotes_the_computed_gradient_and_offers_both_clippings(default_page):
    """The page says ‖∇ξ‖ = 5.0 × 10⁶ at (−1.5, 2) (computed; not "about 10⁷"), and its θ help
    names norm clipping as the app's and element-wise clipping as tutorial 000's."""
    md = " ".join(m.value for m in default_page.markdown)
    assert "‖∇ξ‖ = 5.0 × 10⁶" in md and "the gradient is about 10⁷" not in md
    assert "clip_grad_value_" in default_page.select_slider(key="opt_clip").help
    assert default_page.select_slider(key="opt_lr_clip_value").value == 0.01


def test_the_iteration_the_chart_reports_is_the_one_the_text_names():
    """What the chart sends when ❚❚ stops the race part-way (the iteration slider's step shown,
    ui/chart_element.js): the text and the table name that iteration, not the last one."""
    at = open_page(PAGE)
    labels = [step["label"] for step in figures(at)[0]["layout"]["sliders"][0]["steps"]]
    index = min(range(len(labels)), key=lambda i: abs(int(labels[i]) - 255))
    release_chart_slider(at, "opt_race_chart", index)
    text = next(m.value for m in at.markdown if "At iteration" in m.value)
    assert text.startswith(f"**At iteration {labels[index]}:**") and labels[index] != labels[-1]
    assert f"w_x at it. {labels[index]}" in at.table[0].value.columns


def test_the_guide_gives_rprops_first_step_with_the_chosen_eta_minus():
    """η⁻ = 0.3: Rprop's first step is 0.001 × 0.3 = 0.0003 in each weight (it said Δ₀/2)."""
    at = open_page(PAGE, query={"opt_eta_minus": 0.3})
    notice = at.info[0].value
    assert "Δ₀·η⁻ = 0.001 × 0.3 = 0.0003 in each weight" in notice and "0.0005" not in notice
