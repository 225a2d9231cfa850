"""The Why gates view's experiments (`explorer.why_gates`): the cells start as the memory task's
do, the sliders' parameters are what they say, and each frame's numbers are its curves'."""

import numpy as np
import pytest

from explorer import memory_task, rnn
from explorer import why_gates as wg


def test_cells_start_as_the_memory_task_and_the_sliders_set_their_parameter():
    params = wg.init_params("lstm", 3, 16, seed=0)
    assert not params["bias_ih_l0"].any() and not params["bias_hh_l0"].any()  # tutorial 000 §6.1
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
