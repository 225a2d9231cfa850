"""explorer.gradients.flow against torch autograd (nn.RNN, nn.LSTM, nn.GRU); the physics of gates."""

import numpy as np
import pytest
import torch

from explorer.cells import cell_params, rnn
from explorer.gradients import flow as gf

MODULES = {"rnn": torch.nn.RNN, "ctrnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
CASES = [(1, 1, 1, 0), (6, 3, 5, 1), (25, 2, 8, 2), (40, 4, 3, 3)]  # (T, D, H, seed)


def _module(kind, D, H, seed):
    torch.manual_seed(seed)
    module = MODULES[kind](D, H).double()
    with torch.no_grad():  # larger weights than torch's default: gates reach saturation too
        for p in module.parameters():
            p.mul_(2.5)
    return module, {k: v.detach().numpy().copy() for k, v in module.state_dict().items()}


def _torch_steps(kind, module, x, g, alpha, upstream=None):
    """Run the cell step by step in torch and backpropagate L = g·h_T: the total ∂L/∂h_k, ∂L/∂c_k.

    nn.RNN / nn.GRU are called one step at a time (their h_k is what we differentiate); the LSTM's
    step is written out from nn.LSTM's weights, because nn.LSTM hides the h_k = o ⊙ tanh(c_k) path
    inside its call; its states are checked against nn.LSTM below. The ctrnn adds the leak to
    nn.RNN's step: h = (1−α) h_prev + α·rnn_step(h_prev).
    """
    T, H = x.shape[0], module.hidden_size
    xs = torch.from_numpy(x)
    h = torch.zeros(1, 1, H, dtype=torch.float64, requires_grad=True)
    c = torch.zeros(1, 1, H, dtype=torch.float64, requires_grad=True)
    hs, cs = [h], [c]
    p = dict(module.named_parameters())
    for t in range(T):
        if kind == "lstm":
            a = xs[t] @ p["weight_ih_l0"].T + p["bias_ih_l0"] + h @ p["weight_hh_l0"].T
            i, f, gg, o = (a + p["bias_hh_l0"]).chunk(4, dim=-1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(gg)
            h = torch.sigmoid(o) * torch.tanh(c)
            c.retain_grad()
            cs.append(c)
        else:
            _, new = module(xs[t : t + 1, None], h)
            h = new if kind != "ctrnn" else (1 - alpha) * h + alpha * new
        h.retain_grad()
        hs.append(h)
    loss = torch.from_numpy(g) @ h.reshape(H)
    if upstream is not None:  # L = g·h_T + Σ_t upstream_t·h_t
        loss = loss + sum(
            torch.from_numpy(u) @ s.reshape(H) for u, s in zip(upstream, hs[1:], strict=True)
        )
    loss.backward()
    norms = {"h": np.array([float(s.grad.norm()) for s in hs])}
    if kind == "lstm":
        norms["c"] = np.array([float(s.grad.norm()) for s in cs])
    states = np.array([s.detach().reshape(H).numpy() for s in hs])
    return norms, states


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru", "ctrnn"])
@pytest.mark.parametrize(("T", "D", "H", "seed"), CASES)
def test_state_gradients_match_torch_autograd(kind, T, D, H, seed):
    module, params = _module(kind, D, H, seed)
    rng = np.random.default_rng(seed)
    x, g = rng.standard_normal((T, D)), rng.standard_normal(H)
    alpha = 0.3 if kind == "ctrnn" else 1.0
    expected, states = _torch_steps(kind, module, x, g, alpha)
    ours = gf.state_gradients(kind, params, x, g, alpha=alpha)
    assert set(ours) == set(expected) | {"states"}
    for key, want in expected.items():
        assert ours[key].shape == (T + 1,)
        np.testing.assert_allclose(ours[key], want, rtol=1e-8, atol=0)
    np.testing.assert_allclose(ours["states"], states, rtol=0, atol=1e-12)
    if kind != "ctrnn":  # the step-by-step reference is the module itself
        with torch.no_grad():
            out, _ = module(torch.from_numpy(x)[:, None])
        np.testing.assert_allclose(states[1:], out[:, 0].numpy(), rtol=0, atol=1e-12)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru", "ctrnn"])
def test_upstream_gradients_at_every_step_match_torch(kind):
    """L = g·h_T + Σ_t u_t·h_t (an attention read-out sends such a u): still torch's numbers."""
    T, D, H, seed = 15, 2, 4, 6
    module, params = _module(kind, D, H, seed)
    rng = np.random.default_rng(seed)
    x, g, up = rng.standard_normal((T, D)), rng.standard_normal(H), rng.standard_normal((T, H))
    alpha = 0.3 if kind == "ctrnn" else 1.0
    expected, _ = _torch_steps(kind, module, x, g, alpha, upstream=up)
    ours = gf.state_gradients(kind, params, x, g, alpha=alpha, upstream=up)
    for key, want in expected.items():
        np.testing.assert_allclose(ours[key], want, rtol=1e-8, atol=0)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_initial_state_gradients_match_the_whole_sequence_module(kind):
    """∂L/∂h_0 (and ∂L/∂c_0) from one nn.LSTM / nn.GRU call over the whole sequence."""
    T, D, H, seed = 30, 3, 6, 4
    module, params = _module(kind, D, H, seed)
    rng = np.random.default_rng(seed)
    x, g = rng.standard_normal((T, D)), rng.standard_normal(H)
    h0 = torch.zeros(1, H, dtype=torch.float64, requires_grad=True)
    c0 = torch.zeros(1, H, dtype=torch.float64, requires_grad=True)
    out, _ = module(torch.from_numpy(x), (h0, c0) if kind == "lstm" else h0)
    (out[-1] @ torch.from_numpy(g)).backward()
    ours = gf.state_gradients(kind, params, x, g)
    assert ours["h"][0] == pytest.approx(float(h0.grad.norm()), rel=1e-8)
    if kind == "lstm":
        assert ours["c"][0] == pytest.approx(float(c0.grad.norm()), rel=1e-8)


def _torch_connectivity(kind, module, x, alpha):
    def run(xs):
        if kind != "ctrnn":
            return module(xs[:, None])[0][:, 0]  # (T, H)
        h, out = torch.zeros(1, 1, module.hidden_size, dtype=torch.float64), []
        for t in range(len(xs)):
            h = (1 - alpha) * h + alpha * module(xs[t : t + 1, None], h)[1]
            out.append(h.reshape(-1))
        return torch.stack(out)

    jac = torch.autograd.functional.jacobian(
        run, torch.from_numpy(x), vectorize=True
    )  # (T, H, T, D)
    return jac.pow(2).sum(dim=(1, 3)).sqrt().numpy()


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru", "ctrnn"])
@pytest.mark.parametrize(("T", "D", "H", "seed"), CASES[1:])
def test_connectivity_matches_torch_jacobian_and_is_causal(kind, T, D, H, seed):
    module, params = _module(kind, D, H, seed)
    x = np.random.default_rng(seed).standard_normal((T, D))
    alpha = 0.3 if kind == "ctrnn" else 1.0
    ours = gf.connectivity(kind, params, x, alpha=alpha)
    want = _torch_connectivity(kind, module, x, alpha)
    assert ours.shape == (T, T)
    np.testing.assert_allclose(ours, want, rtol=1e-8, atol=1e-300)
    assert np.all(ours[np.triu_indices(T, k=1)] == 0.0)  # h_t never depends on a later x_k
    assert np.all(np.diag(ours) > 0.0)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru", "ctrnn"])
def test_connectivity_in_one_thread_blocks_is_the_same(kind, monkeypatch):
    """The products run in column blocks (one BLAS thread each); tiny blocks give equal numbers."""
    _, params = _module(kind, 3, 8, 9)
    x = np.random.default_rng(9).standard_normal((25, 3))
    whole = gf.connectivity(kind, params, x, alpha=0.5)
    monkeypatch.setattr(gf, "_ONE_THREAD_SIZE", 1000)  # blocks of a few columns
    np.testing.assert_allclose(gf.connectivity(kind, params, x, alpha=0.5), whole, rtol=1e-13)


def test_ctrnn_at_alpha_one_is_the_tanh_rnn():
    _, params = _module("rnn", 2, 5, 7)
    x = np.random.default_rng(7).standard_normal((20, 2))
    a, b = gf.state_gradients("rnn", params, x), gf.state_gradients("ctrnn", params, x, alpha=1.0)
    np.testing.assert_array_equal(a["h"], b["h"])
    np.testing.assert_array_equal(
        gf.connectivity("rnn", params, x), gf.connectivity("ctrnn", params, x)
    )


def test_default_g_is_the_unit_diagonal():
    _, params = _module("gru", 2, 9, 8)
    out = gf.state_gradients("gru", params, np.zeros((5, 2)))
    assert out["h"][-1] == pytest.approx(1.0, rel=1e-15)  # ‖ones(H)/√H‖ = 1


def _rnn_params(H, D, rho, seed):
    rng = np.random.default_rng(seed)
    return {
        "weight_ih_l0": rng.uniform(-1, 1, (H, D)) / np.sqrt(H),
        "weight_hh_l0": rnn.recurrent_matrix(H, rho, "orthogonal", seed),  # ‖W_hh‖ = ρ exactly
        "bias_ih_l0": np.zeros(H),
        "bias_hh_l0": np.zeros(H),
    }


@pytest.mark.parametrize(("H", "D", "seed"), [(16, 2, 0), (32, 1, 1), (64, 4, 2)])
def test_physics_the_cell_path_keeps_what_the_tanh_rnn_loses(H, D, seed):
    """T = 100. The RNN multiplies δh by diag(tanh′)·W_hhᵀ each step: with orthogonal W_hh at
    ρ = 0.9 and tanh′ ≤ 1 that is at most 0.9 per step, 0.9^100 ≈ 3e-5, for any input. The LSTM
    with forget bias +5 multiplies its cell gradient by f ≈ σ(5) ≈ 0.993 per step instead."""
    T = 100
    x = np.random.default_rng(seed).standard_normal((T, D))
    flow = gf.state_gradients("rnn", _rnn_params(H, D, 0.9, seed), x)["h"]
    assert flow[0] / flow[-1] < 1e-4
    assert flow[0] / flow[-1] <= 0.9**T * (1 + 1e-9)
    keep = cell_params.random_params("lstm", D, H, seed=seed, forget_bias=5.0)
    c = gf.state_gradients("lstm", keep, x)["c"]
    assert c[0] / c[-1] > 1e-2
    shut = cell_params.random_params("lstm", D, H, seed=seed, forget_bias=-3.0)
    c = gf.state_gradients("lstm", shut, x)["c"]
    assert c[0] / c[-1] < 1e-30  # the same cell with its forget gate shut (f ≈ σ(−3) ≈ 0.05)


def test_bad_kind_and_shapes_are_refused():
    _, params = _module("lstm", 2, 3, 0)
    with pytest.raises(ValueError, match="kind"):
        gf.state_gradients("transformer", params, np.zeros((4, 2)))
    with pytest.raises(ValueError, match="inputs"):
        gf.connectivity("lstm", params, np.zeros((4, 5)))


@pytest.mark.parametrize(
    ("act", "init", "clip"), [("tanh", "orthogonal", None), ("identity", "gaussian", 0.5)]
)
def test_the_unrolled_pages_flow_is_elman_bptt(act, init, clip):
    """rnn.gradient_flow (the unrolled page's chart) runs on state_gradients: the same numbers as
    explorer.cells.rnn's own BPTT with the loss ⟨g, h_T⟩, clipping at every step included."""
    T, H, rho = 60, 8, 1.3
    flow = rnn.gradient_flow(rho, H, T, init, act, seed=0, clip=clip)
    W_hh = rnn.recurrent_matrix(H, rho, init, 0)
    rng = np.random.default_rng(1)
    x, g = rng.standard_normal((T, H)), rng.standard_normal(H)
    dH_out = np.zeros((T, H))
    dH_out[-1] = g / np.linalg.norm(g)
    zeros, W_hy = np.zeros(H), np.zeros((H, 1))
    grads = rnn.elman_bptt(
        x, np.eye(H), W_hh, zeros, W_hy, np.zeros(1), act=act, dH_out=dH_out, clip=clip
    )
    np.testing.assert_allclose(flow.norms, np.linalg.norm(grads.dH, axis=1), rtol=1e-12)


def test_overflow_gives_inf_never_nan():
    """A linear RNN with huge weights overflows both ways: inf, never NaN, never a warning."""
    big = np.array([[1e200, -1e200], [1e200, 1e200]])
    params = {
        "weight_ih_l0": big,
        "weight_hh_l0": big,
        "bias_ih_l0": np.zeros(2),
        "bias_hh_l0": np.zeros(2),
    }
    with np.errstate(all="raise"):
        out = gf.state_gradients("rnn", params, np.ones((6, 2)), act="identity")
    assert not np.isnan(out["h"]).any() and not np.isnan(out["states"]).any()
    assert np.isinf(out["h"][0]) and np.isinf(out["states"][-1]).all()


def test_sweep_frames_are_the_single_runs_and_the_forget_bias_opens_the_cell_path():
    x = np.random.default_rng(0).standard_normal((100, 2))
    biases = np.arange(-3.0, 5.01, 1.0)
    frames = gf.sweep("lstm", x, biases, hidden=16)
    assert frames["h"].shape == frames["c"].shape == (len(biases), 101)
    one = gf.state_gradients("lstm", gf.random_cell("lstm", 2, 16, forget_bias=2.0), x)
    np.testing.assert_array_equal(frames["c"][5], one["c"])
    kept = frames["c"][:, 0] / frames["c"][:, -1]  # measured: 3e-57 at −3, 30 at +5
    assert kept[0] < 1e-50 and kept[-1] > 1e-2
    assert np.all(np.diff(np.log(kept[:4])) > 5)  # each +1 of bias up to 0 keeps e^5 more at least
    rhos = np.array([0.5, 0.9])
    rnn_frames = gf.sweep("rnn", x, rhos, hidden=16)["h"]
    assert np.all(rnn_frames[:, 0] <= rhos**100 * (1 + 1e-9))  # ‖W_hh‖ = ρ, tanh′ ≤ 1
