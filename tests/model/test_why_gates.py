"""The Why gates view's experiments (`explorer.why_gates`): the cells start as the memory task's
do, the sliders' parameters are what they say, and each frame's numbers are its curves'."""

import numpy as np
import pytest

from explorer import memory_task, rnn
from explorer import why_gates as wg


def test_cells_start_as_the_memory_task_and_the_sliders_set_their_parameter():
    params = wg.init_params("lstm", 3, 16, seed=0)
    assert (
        not params["bias_ih_l0"].any() and not params["bias_hh_l0"].any()
    )  # the keep gate: set below
    assert np.abs(params["weight_hh_l0"]).max() <= 1 / 4  # U(±1/√H)
    biased = wg.with_keep_bias("lstm", params, 3.0)
    b = biased["bias_ih_l0"] + biased["bias_hh_l0"]
    assert (b[16:32] == 3.0).all() and not np.delete(b, np.s_[16:32]).any()  # only f (i f g o)
    assert not params["bias_ih_l0"].any()  # the original is untouched
    scaled = wg.with_radius(wg.init_params("rnn", 3, 16, seed=0), 1.25)
    assert rnn.spectral_radius(scaled["weight_hh_l0"]) == pytest.approx(1.25, rel=1e-9)


def test_chart_input_is_a_memory_task_sequence():
    x = wg.chart_input(50, seed=3)
    assert x.shape == (50, memory_task.N_INPUTS)
    assert abs(x[0, 0]) == 1.0 and x[0, 1] == 1.0 and not x[1:, :2].any()
    np.testing.assert_array_equal(x, wg.chart_input(50, seed=3))


def test_frame_numbers_are_the_curves_ratios():
    sweeps = wg.init_sweeps(wg.chart_input(60, 0), 8, 0)
    i = wg.BIAS_SWEEP.index(5.0)
    c = sweeps["lstm_c"][i]
    assert sweeps["lstm_numbers"][i]["ratio"] == pytest.approx(c[0] / c[-1])
    assert sweeps["lstm_numbers"][i]["forget"] > 0.99  # σ(5) ≈ 0.993 and the input barely moves it
    j = wg.RADIUS_SWEEP.index(0.9)
    assert sweeps["rnn_numbers"][j]["radius"] == pytest.approx(0.9)
    assert sweeps["rnn_numbers"][j]["ratio"] < 1e-4 < sweeps["lstm_numbers"][i]["ratio"]


def _orthonormal(blocks: np.ndarray, hidden: int) -> bool:
    """Every gate's block (H, k) of a torch-layout weight has orthonormal columns: W_x (k, H)
    and W_h (H, H) of the tutorial are orthogonal (rows orthonormal; W_h square)."""
    return all(
        np.allclose(block.T @ block, np.eye(block.shape[1]), atol=1e-6)
        for block in np.split(blocks, blocks.shape[0] // hidden)
    )


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn", "attention"])
def test_the_tutorials_start_is_orthogonal_with_forget_bias_1_and_the_apps_is_not(kind):
    """The option "tutorial" trains from tutorial 000 §6.1's set-up: every weight matrix
    orthogonal, biases 0 but the keep gate's, which is 1 (torch's layout stores each W^T). The
    app's own start ("app") is torch's default weights (not orthogonal) with the bias at 3."""
    H = 16
    for start, orthogonal, bias in (("tutorial", True, 1.0), ("app", False, 3.0)):
        chosen = memory_task.STARTS[start]
        result = memory_task.train_memory(
            kind, 5, steps=0, hidden=H, weights=chosen.weights, forget_bias=chosen.forget_bias
        )
        p = result.init_params
        for name in ("weight_ih_l0", "weight_hh_l0"):
            assert _orthonormal(p[name], H) is orthogonal, (start, name)
        b = p["bias_ih_l0"] + p["bias_hh_l0"]
        keep = np.s_[H : 2 * H] if kind != "rnn" else np.s_[0:0]
        assert np.all(b[keep] == bias) and not np.delete(b, keep).any(), (start, b)
    # the chart's cells start from the same recipe
    chart = wg.init_params(memory_task.cell_kind(kind), 3, H, seed=0, weights="orthogonal")
    assert _orthonormal(chart["weight_ih_l0"], H) and _orthonormal(chart["weight_hh_l0"], H)


def test_the_tutorials_orthogonal_helper_and_its_shape():
    """Tutorial 000's `orthogonal((3, 5))` calls np.linalg.svd with full matrices: u (3, 3),
    v (5, 5), neither (3, 5), so it returns v (5, 5). The app's keeps the shape asked for."""
    from explorer import cell_params

    rand = np.random.default_rng(0).standard_normal((3, 5))
    u, _, v = np.linalg.svd(rand)
    tutorials = u if u.shape == (3, 5) else v  # the tutorial's line, verbatim
    assert tutorials.shape == (5, 5)
    ours = cell_params.tutorial_orthogonal(np.random.default_rng(0), (3, 5))
    assert ours.shape == (3, 5)
    np.testing.assert_allclose(ours @ ours.T, np.eye(3), atol=1e-12)
    square = cell_params.tutorial_orthogonal(np.random.default_rng(1), (5, 5))
    np.testing.assert_allclose(square.T @ square, np.eye(5), atol=1e-12)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_start_is_labelled_as_whose_it_is(lang):
    """Forget bias 3 with torch's weights is labelled the app's choice (never "tutorial 000
    §6.1" as its source); the tutorial's option names tutorial 000 §6.1, orthogonal matrices and
    bias 1; each text quotes the start's own bias."""
    from explorer.i18n import t

    tutorial = "教程 000 §6.1" if lang == "zh" else "tutorial 000 §6.1"
    app = "本应用" if lang == "zh" else "this app's"
    for start, chosen in memory_task.STARTS.items():
        texts = wg.start_texts(start, lang)
        label = t(f"wg.train_init.{start}", lang)
        assert f"{chosen.forget_bias:g}" in label
        for text in texts.values():
            assert (
                f" {chosen.forget_bias:g}" in text
                and t(f"wg.weights.{chosen.weights}", lang) in text
            )
        owner = t(f"wg.owner.{start}", lang).lower()
        first, then = (tutorial, app) if start == "tutorial" else (app, tutorial)
        assert owner.index(first.lower()) < owner.index(then.lower()), owner  # whose, then how
        if start == "tutorial":
            assert tutorial.lower() in label.lower() and ("正交" in label or "orthogonal" in label)
        else:
            assert tutorial.lower() not in label.lower()
    assert app.lower() in t("wg.train_init.app", lang).lower()
