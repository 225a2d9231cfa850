"""The Why gates view's experiments (`explorer.why_gates`): the cells start as the memory task's
do, the sliders' parameters are what they say, and the answer's reach ‖∂y/∂x_k‖ (central
differences) equals torch autograd."""

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


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_reach_equals_torch_autograd(kind):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    hidden, steps = 8, 30
    params = wg.init_params(kind, 3, hidden, seed=1)
    params = {k: v + 0.3 * rng.standard_normal(v.shape) for k, v in params.items()}
    params["readout_weight"], params["readout_bias"] = rng.standard_normal(hidden), 0.1
    x = wg.chart_input(steps, seed=2)
    ks, reach = wg.input_sensitivity(params, kind, x)

    layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind]
    cell = layer(3, hidden, batch_first=True).double()
    cell.load_state_dict({k: torch.from_numpy(params[k]) for k in cell.state_dict()})
    xt = torch.from_numpy(x[None]).requires_grad_(True)
    states, _ = cell(xt)
    y = states[0, -1] @ torch.from_numpy(params["readout_weight"])
    y.backward()
    expected = xt.grad[0].norm(dim=1).numpy()[ks - 1]
    np.testing.assert_allclose(reach, expected, rtol=1e-5, atol=1e-9)
    assert ks[0] == 1 and ks[-1] == steps
