"""explorer.cells.lstm and explorer.cells.gru against torch.nn.LSTM / nn.GRU, the tutorial's hand-wired cell, and training."""

import numpy as np
import pytest
import torch

from explorer import numerics
from explorer.cells import cell_params, gru, lstm
from explorer.i18n import number
from explorer.inputs.data import sine_sequence
from explorer.inputs.weights import parse_weights, weights_bytes
from explorer.training import next_step as train
from explorer.views import cell_guides


def _torch_run(module, x, state=None):
    with torch.no_grad():
        out, final = module(torch.from_numpy(x), state)
    return out.numpy(), final


@pytest.mark.parametrize("with_state", [False, True])
@pytest.mark.parametrize(("T", "D", "H", "seed"), [(1, 1, 1, 0), (30, 3, 5, 1), (60, 7, 16, 2)])
def test_lstm_matches_torch(with_state, T, D, H, seed):
    torch.manual_seed(seed)
    torch_lstm = torch.nn.LSTM(D, H).double()
    x = np.random.default_rng(seed).standard_normal((T, D)) * 2
    h0 = c0 = None
    state = None
    if with_state:
        h0, c0 = torch.randn(1, H, dtype=torch.float64), torch.randn(1, H, dtype=torch.float64)
        state = (h0, c0)
    out, (hn, cn) = _torch_run(torch_lstm, x, state)
    ours = lstm.lstm_forward(x, torch_lstm.state_dict(), h0=h0, c0=c0)  # tensors straight in
    assert set(ours) == {"i", "f", "g", "o", "c", "h"}
    assert all(v.shape == (T, H) for v in ours.values())
    np.testing.assert_allclose(ours["h"], out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours["h"][-1], hn.numpy()[0], rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours["c"][-1], cn.numpy()[0], rtol=0, atol=1e-10)
    # The same params as NumPy arrays give the same numbers.
    numpy_params = {k: v.numpy() for k, v in torch_lstm.state_dict().items()}
    again = lstm.lstm_forward(x, numpy_params, h0=h0, c0=c0)
    np.testing.assert_array_equal(again["c"], ours["c"])


def test_lstm_gates_match_torch_cell_step_by_step():
    """Every gate, not only h and c: recompute them from torch's weights with torch ops."""
    torch.manual_seed(3)
    torch_lstm = torch.nn.LSTM(4, 6).double()
    x = np.random.default_rng(3).standard_normal((12, 4))
    ours = lstm.lstm_forward(x, torch_lstm.state_dict())
    sd = torch_lstm.state_dict()
    h = c = torch.zeros(6, dtype=torch.float64)
    for t in range(12):
        a = sd["weight_ih_l0"] @ torch.from_numpy(x[t]) + sd["bias_ih_l0"]
        a = a + sd["weight_hh_l0"] @ h + sd["bias_hh_l0"]
        i, f, g, o = a.chunk(4)
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c = f * c + i * g
        h = o * torch.tanh(c)
        for name, value in zip("ifgoch", (i, f, g, o, c, h), strict=True):
            np.testing.assert_allclose(ours[name][t], value.numpy(), rtol=0, atol=1e-12)


@pytest.mark.parametrize("with_state", [False, True])
@pytest.mark.parametrize(("T", "D", "H", "seed"), [(1, 1, 1, 0), (40, 3, 5, 1), (50, 8, 12, 2)])
def test_gru_matches_torch(with_state, T, D, H, seed):
    torch.manual_seed(seed)
    torch_gru = torch.nn.GRU(D, H).double()
    x = np.random.default_rng(seed).standard_normal((T, D)) * 2
    h0 = torch.randn(1, H, dtype=torch.float64) if with_state else None
    out, hn = _torch_run(torch_gru, x, h0)
    ours = gru.gru_forward(x, torch_gru.state_dict(), h0=h0)
    assert set(ours) == {"r", "z", "n", "h"}
    np.testing.assert_allclose(ours["h"], out, rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours["h"][-1], hn.numpy()[0], rtol=0, atol=1e-10)
    assert np.all((ours["r"] > 0) & (ours["r"] < 1) & (ours["z"] > 0) & (ours["z"] < 1))


def test_saturated_gates_stay_finite_and_exact():
    """Huge pre-activations: σ gives exactly 0 or 1, no overflow warning, no NaN."""
    params = cell_params.random_params("lstm", 2, 3, seed=0, scale=5.0)
    x = np.array([[1e6, -1e6], [-1e6, 1e6], [0.0, 0.0]])
    out = lstm.lstm_forward(x, params)
    assert all(np.all(np.isfinite(v)) for v in out.values())
    assert set(np.unique(out["i"][:2])) <= {0.0, 1.0}
    assert numerics.sigmoid(np.array([-800.0]))[0] == 0.0
    assert numerics.sigmoid(np.array([-30.0]))[0] == pytest.approx(
        1 / (1 + np.exp(30.0)), rel=1e-15
    )


def test_hand_wired_cell_reproduces_the_tutorial():
    x = np.array(lstm.HAND_WIRED_INPUTS, dtype=float)
    lin = dict(cell_act="identity", out_act="identity")
    lecture = lstm.lstm_forward(x, lstm.hand_wired_params(1.0), **lin)  # 100·x ± 10
    # The lecture's weights leave the gates a hair from 0/1 (σ(10) = 0.99995): within 1e-3.
    assert np.max(np.abs(lecture["c"][:, 0] - lstm.HAND_WIRED_MEMORY)) < 1e-3
    assert np.max(np.abs(lecture["h"][:, 0] - lstm.HAND_WIRED_OUTPUT)) < 1e-3
    np.testing.assert_array_equal(np.round(lecture["c"][:, 0]), lstm.HAND_WIRED_MEMORY)
    np.testing.assert_array_equal(np.round(lecture["h"][:, 0]), lstm.HAND_WIRED_OUTPUT)
    # Ten times the gain saturates them to machine precision: the tutorial's numbers exactly.
    sharp = lstm.lstm_forward(x, lstm.hand_wired_params(10.0), **lin)
    np.testing.assert_array_equal(sharp["c"][:, 0], lstm.HAND_WIRED_MEMORY)
    np.testing.assert_allclose(sharp["h"][:, 0], lstm.HAND_WIRED_OUTPUT, rtol=0, atol=1e-40)
    # The story of the tutorial: x2 = 1 opens the input gate, x2 = -1 shuts the forget gate,
    # x3 = 1 opens the output gate.
    np.testing.assert_array_equal(sharp["i"][:, 0] > 0.5, x[:, 1] == 1)
    np.testing.assert_array_equal(sharp["f"][:, 0] < 0.5, x[:, 1] == -1)
    np.testing.assert_array_equal(sharp["o"][:, 0] > 0.5, x[:, 2] == 1)
    # A soft gain leaks: the memory drifts away from the tutorial's 7.
    soft = lstm.lstm_forward(x, lstm.hand_wired_params(0.1), **lin)
    assert abs(soft["c"][2, 0] - 7) > 0.5


def test_hand_wired_cell_is_a_torch_lstm_when_activations_are_tanh():
    """With tanh activations the hand-wired params are an ordinary nn.LSTM."""
    torch_lstm = torch.nn.LSTM(3, 1).double()
    params = lstm.hand_wired_params(0.05)
    torch_lstm.load_state_dict({k: torch.from_numpy(v) for k, v in params.items()})
    x = np.array(lstm.HAND_WIRED_INPUTS, dtype=float)
    out, _ = _torch_run(torch_lstm, x)
    np.testing.assert_allclose(lstm.lstm_forward(x, params)["h"], out, rtol=0, atol=1e-10)


def test_peephole_lstm():
    params = cell_params.random_params("lstm", 2, 3, seed=4, peephole=True)
    x = np.random.default_rng(4).standard_normal((10, 2))
    ours = lstm.lstm_forward(x, params)
    # Zero peepholes are the plain LSTM; real ones change the gates.
    zero = dict(params, **{k: np.zeros(3) for k in cell_params.PEEPHOLE_KEYS})
    plain = {k: v for k, v in params.items() if k not in cell_params.PEEPHOLE_KEYS}
    np.testing.assert_array_equal(lstm.lstm_forward(x, zero)["h"], lstm.lstm_forward(x, plain)["h"])
    assert np.max(np.abs(ours["h"] - lstm.lstm_forward(x, plain)["h"])) > 1e-3
    # One step by hand (c_0 = h_0 = 0, so only o sees the cell at t = 0; at t = 1 all do).
    w, u = params["weight_ih_l0"], params["weight_hh_l0"]
    b = params["bias_ih_l0"] + params["bias_hh_l0"]
    h1, c1 = ours["h"][0], ours["c"][0]
    a = w @ x[1] + u @ h1 + b
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    i = sig(a[:3] + params["peephole_i"] * c1)
    f = sig(a[3:6] + params["peephole_f"] * c1)
    c2 = f * c1 + i * np.tanh(a[6:9])
    o = sig(a[9:] + params["peephole_o"] * c2)
    np.testing.assert_allclose(ours["c"][1], c2, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours["h"][1], o * np.tanh(c2), rtol=0, atol=1e-12)


def test_random_params_layout_and_forget_bias():
    p = cell_params.random_params("lstm", 5, 4, seed=1, forget_bias=2.5)
    assert p["weight_ih_l0"].shape == (16, 5) and p["weight_hh_l0"].shape == (16, 4)
    np.testing.assert_array_equal(p["bias_ih_l0"][4:8], 2.5)
    np.testing.assert_array_equal(np.delete(p["bias_ih_l0"], range(4, 8)), 0.0)
    block = p["weight_hh_l0"][:4]
    np.testing.assert_allclose(block.T @ block, np.eye(4), atol=1e-12)  # orthogonal (tutorial 000)
    assert cell_params.gate_kind(p) == "lstm"
    g = cell_params.random_params("gru", 5, 4, seed=1)
    assert g["weight_hh_l0"].shape == (12, 4) and cell_params.gate_kind(g) == "gru"
    again = cell_params.random_params("lstm", 5, 4, seed=1, forget_bias=2.5)
    assert all(np.array_equal(p[k], again[k]) for k in p)
    # A large forget bias holds the memory: f ≈ 1 everywhere, the product Π f stays high.
    x = sine_sequence(50, period=10)
    held = lstm.lstm_forward(x, cell_params.random_params("lstm", 1, 3, seed=0, forget_bias=8.0))
    assert lstm.forget_stats(held["f"])["open"] > 0.99
    assert lstm.retention(held["f"])[-1].min() > 0.9
    lost = lstm.lstm_forward(x, cell_params.random_params("lstm", 1, 3, seed=0, forget_bias=-8.0))
    assert lstm.forget_stats(lost["f"])["shut"] > 0.99


def test_shape_errors_are_clear():
    with pytest.raises(ValueError, match="inputs"):
        lstm.lstm_forward(np.zeros((5, 2)), cell_params.random_params("lstm", 3, 2))
    with pytest.raises(ValueError, match="4-gate"):
        lstm.lstm_forward(np.zeros((5, 3)), cell_params.random_params("gru", 3, 2))
    with pytest.raises(ValueError, match="activation"):
        lstm.lstm_forward(
            np.zeros((5, 3)), cell_params.random_params("lstm", 3, 2), cell_act="relu"
        )


# --- Training -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trained_pair():
    x = np.concatenate([sine_sequence(300, period=25), np.cos(np.arange(300) / 7)[:, None]], 1)
    x = x * 3 + 5  # not standardised: the folding into the weights must handle it
    a = train.train_next_step(x, "lstm", hidden=6, epochs=40, seed=7)
    b = train.train_next_step(x, "lstm", hidden=6, epochs=40, seed=7)
    return x, a, b


def test_training_is_seeded_and_reproducible(trained_pair):
    x, a, b = trained_pair
    for key in a["params"]:
        np.testing.assert_array_equal(a["params"][key], b["params"][key])
    assert a["losses"] == b["losses"]
    other = train.train_next_step(x, "lstm", hidden=6, epochs=5, seed=8)
    first = train.train_next_step(x, "lstm", hidden=6, epochs=5, seed=7)
    assert not np.array_equal(other["params"]["weight_hh_l0"], first["params"]["weight_hh_l0"])
    assert first["losses"] == a["losses"][:5]  # the first 5 epochs are the same 5 epochs


def test_training_learns_and_folds_the_standardisation(trained_pair):
    x, a, _ = trained_pair
    assert a["losses"][-1] < 0.5 * a["losses"][0]
    # lstm_forward on the RAW sequence equals torch's LSTM on the standardised one.
    torch_lstm = torch.nn.LSTM(2, 6).double()
    raw_params = dict(a["params"])
    raw_params["weight_ih_l0"] = a["params"]["weight_ih_l0"] * a["std"]
    raw_params["bias_ih_l0"] = a["params"]["bias_ih_l0"] + raw_params["weight_ih_l0"] @ (
        a["mean"] / a["std"]
    )
    torch_lstm.load_state_dict({k: torch.from_numpy(v) for k, v in raw_params.items()})
    out, _ = _torch_run(torch_lstm, (x - a["mean"]) / a["std"])
    np.testing.assert_allclose(lstm.lstm_forward(x, a["params"])["h"], out, rtol=0, atol=1e-10)


def test_gru_training_and_weights_roundtrip():
    x = sine_sequence(120, period=15)
    result = train.train_next_step(x, "gru", hidden=3, epochs=15, seed=0)
    kind, params = parse_weights(weights_bytes(result["params"]))
    assert kind == "gru"
    for key, value in result["params"].items():
        np.testing.assert_array_equal(params[key], value)


def test_model_modules_import_neither_streamlit_nor_torch():
    import subprocess
    import sys

    from tests.apptest_helpers import ROOT

    code = (
        "import sys, explorer.cells.lstm, explorer.cells.gru, explorer.cells.cell_params, explorer.inputs.data, explorer.training.next_step, explorer.figures.gates, explorer.views.gates; "
        "assert 'streamlit' not in sys.modules and 'torch' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_a_box_on_the_overview_becomes_the_window():
    from explorer.views.gates import window_from_box

    box = {"box": [{"x": [1200.4, 1100.6], "y": [0, 1], "xref": "x", "yref": "y"}]}
    assert window_from_box(box, 5000, 500) == (1101, 1200)
    wide = {"box": [{"x": [-50, 99_999], "y": [0, 1]}]}
    assert window_from_box(wide, 2000, 500) == (1, 500)  # clipped to the sequence and limit
    assert window_from_box({"box": [{"x": [4990, 7000]}]}, 5000, 500) == (4990, 5000)
    for empty in (None, {}, {"box": []}, {"box": [{"x": []}]}, {"box": [{"x": ["a", 1]}]}):
        assert window_from_box(empty, 100, 500) is None
    assert window_from_box({"box": [{"x": [float("nan"), 3]}]}, 100, 500) is None


def _tutorials_gru(x, params):
    """Tutorial 000 §4.2's GRU.forward, line for line (row vectors, W (in, H)), fed the same
    weights as torch's: W_xh = W_in^T, W_hh = W_hn^T, b_h = b_in + b_hn; its update gate is the
    mirror image (h = (1 − z)·h_prev + z·h̃), so it gets −(the z weights): z_tut = 1 − z_torch."""
    from explorer.numerics import sigmoid

    w_ih, w_hh = params["weight_ih_l0"], params["weight_hh_l0"]
    b = params["bias_ih_l0"] + params["bias_hh_l0"]
    H = w_hh.shape[1]
    W_xr, W_xz, W_xh = (w_ih[k * H : (k + 1) * H].T for k in range(3))
    W_hr, W_hz, W_hh = (w_hh[k * H : (k + 1) * H].T for k in range(3))
    b_r, b_z, b_h = b[:H], b[H : 2 * H], b[2 * H :]
    W_xz, W_hz, b_z = -W_xz, -W_hz, -b_z  # the tutorial's z is 1 − torch's
    prev_h, out = np.zeros((1, H)), []
    for x_t in x:
        x_t = x_t[None, :]
        z = sigmoid(np.dot(x_t, W_xz) + np.dot(prev_h, W_hz) + b_z)
        r = sigmoid(np.dot(x_t, W_xr) + np.dot(prev_h, W_hr) + b_r)
        h_tilde = np.tanh(np.dot(x_t, W_xh) + np.dot(r * prev_h, W_hh) + b_h)
        prev_h = (1 - z) * prev_h + z * h_tilde
        out.append(prev_h[0])
    return np.array(out)


def test_the_tutorials_gru_resets_before_the_matrix_and_differs_from_torchs():
    """Same weights: the app's GRU is torch.nn.GRU (r ⊙ (W_hn h + b_hn)); reset="before" is
    tutorial 000's (W_hn (r ⊙ h)), transcribed from its code; the two differ, and the note
    under the equations quotes the computed gap."""
    from explorer.i18n import t

    rng = np.random.default_rng(4)
    x = rng.integers(0, 2, (200, 1)).astype(float)
    params = cell_params.random_params("gru", 1, 8, seed=0, scale=2.0, forget_bias=1.0)
    params["bias_hh_l0"] = rng.uniform(-0.5, 0.5, 24)  # b_hn ≠ 0: it moves inside r ⊙ (…) too
    net = torch.nn.GRU(1, 8).double()
    with torch.no_grad():
        for name, value in params.items():
            getattr(net, name).copy_(torch.from_numpy(value))
        theirs = net(torch.from_numpy(x)[:, None, :])[0][:, 0].numpy()
    ours = gru.gru_forward(x, params)["h"]
    np.testing.assert_allclose(ours, theirs, atol=1e-12)
    tutorial = gru.gru_forward(x, params, reset="before")["h"]
    np.testing.assert_allclose(tutorial, _tutorials_gru(x, params), atol=1e-12)
    assert np.max(np.abs(tutorial - ours)) > 0.1  # not a rounding: another cell
    assert gru.reset_gap(x, params) == pytest.approx(np.max(np.abs(tutorial - ours)))
    gaps = gru.example_gaps()
    for lang in ("en", "zh"):
        note = cell_guides.gru_variant_note(lang)
        assert all(number(gap, 2) in note for gap in gaps.values()), note
        assert note != t("gt.equations.gru_note", lang)  # formatted, no {gap1} left
    assert gaps[2.0] > 0.1 > gaps[1.0]
    assert r"W_{hn}(r_t \odot h_{t-1})" in t("gt.equations.gru", "en")
