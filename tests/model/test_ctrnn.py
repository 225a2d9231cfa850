"""The continuous-time RNN: α = 1 is nn.RNN; below 1 it equals a torch autograd CTRNN, gradients
included (through the shared gradient-flow function)."""

import numpy as np
import pytest

from explorer.cells import ctrnn, rnn
from explorer.i18n import number
from explorer.views import cell_guides

torch = pytest.importorskip("torch")
torch.set_num_threads(1)


def torch_rnn(n_in, hidden, seed):
    torch.manual_seed(seed)
    net = torch.nn.RNN(n_in, hidden).double()
    return net, {k: v.detach().numpy() for k, v in net.state_dict().items()}


def torch_ctrnn(params, x, alpha, h0, g):
    """The Euler step in torch, autograd's ∂L/∂h_k for L = g·h_T: (states (T+1, H), norms)."""
    p = {k: torch.from_numpy(v) for k, v in params.items()}
    h = torch.from_numpy(h0).clone().requires_grad_(True)
    states = [h]
    for x_t in torch.from_numpy(x):
        a = p["weight_ih_l0"] @ x_t + p["bias_ih_l0"] + p["weight_hh_l0"] @ h + p["bias_hh_l0"]
        h = (1 - alpha) * h + alpha * torch.tanh(a)
        h.retain_grad()
        states.append(h)
    (torch.from_numpy(g) @ h).backward()
    norms = np.array([float(s.grad.norm()) for s in states])
    return torch.stack(states).detach().numpy(), norms


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_alpha_one_is_nn_rnn(seed):
    net, params = torch_rnn(3, 5, seed)
    x = np.random.default_rng(seed).standard_normal((7, 3))
    h0 = np.random.default_rng(seed + 10).standard_normal(5)
    with torch.no_grad():
        out, h_n = net(torch.from_numpy(x), torch.from_numpy(h0[None]))
    H = ctrnn.ctrnn_forward(x, params, 1.0, h0=h0)
    assert H.shape == (8, 5)
    np.testing.assert_array_equal(H[0], h0)
    np.testing.assert_allclose(H[1:], out.numpy(), atol=1e-12, rtol=0)
    np.testing.assert_allclose(H[-1], h_n.numpy()[0], atol=1e-12, rtol=0)


@pytest.mark.parametrize("alpha", [0.02, 0.1, 0.5, 0.9])
def test_leaky_equals_torch_autograd(alpha):
    _, params = torch_rnn(2, 4, seed=3)
    rng = np.random.default_rng(4)
    x, h0, g = rng.standard_normal((12, 2)), rng.standard_normal(4), rng.standard_normal(4)
    H = ctrnn.ctrnn_forward(x, params, alpha, h0=h0)
    states, _ = torch_ctrnn(params, x, alpha, h0, g)
    np.testing.assert_allclose(H, states, atol=1e-12, rtol=0)


def test_a_small_alpha_moves_slowly():
    _, params = torch_rnn(2, 4, seed=5)
    x = np.random.default_rng(6).standard_normal((30, 2))
    moves = [
        np.abs(np.diff(ctrnn.ctrnn_forward(x, params, a), axis=0)).max() for a in (1, 0.3, 0.05)
    ]
    assert moves[0] > moves[1] > moves[2]
    assert moves[2] <= 0.05 * 2  # one step moves at most α·|tanh − h| ≤ 2α


def test_alpha_out_of_range_is_refused():
    _, params = torch_rnn(1, 2, seed=0)
    for alpha in (0.0, -0.5, 1.5):
        with pytest.raises(ValueError):
            ctrnn.ctrnn_forward(np.zeros((3, 1)), params, alpha)


def test_flow_setup_is_the_tanh_flow_network():
    """The CTRNN's flow runs on rnn.gradient_flow's own network: at α = 1 the same states."""
    params, x, _ = ctrnn.flow_setup(1.2, 6, 20, "orthogonal", seed=0)
    W_hh = rnn.recurrent_matrix(6, 1.2, "orthogonal", 0)
    H, _ = rnn.elman_forward(x, np.eye(6), W_hh, np.zeros(6), np.zeros((6, 1)), np.zeros(1))
    np.testing.assert_allclose(ctrnn.ctrnn_forward(x, params, 1.0), H, atol=1e-12, rtol=0)


@pytest.mark.parametrize("alpha", [0.02, 0.3, 1.0])
def test_gradients_equal_torch_autograd(alpha):
    """‖∂L/∂h_k‖ of the CTRNN, as the shared gradient-flow function gives it (leak_flow), equals
    torch autograd through the Euler steps."""
    params, x, g = ctrnn.flow_setup(0.9, 5, 25, "gaussian", seed=3)
    flow = ctrnn.leak_flow(0.9, 5, 25, "gaussian", alpha, seed=3)
    states, norms = torch_ctrnn(params, x, alpha, np.zeros(5), g)
    np.testing.assert_allclose(flow.states, states, atol=1e-12, rtol=0)
    np.testing.assert_allclose(flow.norms, norms, rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize("rho", [0.5, 0.9, 1.2, 2.0])
def test_alpha_one_lands_exactly_on_the_tanh_rnn_curve(rho):
    norms, states, _ = ctrnn.leak_sweep(rho, 8, 60, "orthogonal")
    tanh = rnn.gradient_flow(rho, 8, 60, "orthogonal", "tanh", seed=0)
    assert ctrnn.ALPHA_SWEEP[-1] == 1.0
    np.testing.assert_array_equal(norms[-1], tanh.norms)
    params, x, _ = ctrnn.flow_setup(rho, 8, 60, "orthogonal")
    W_hh = rnn.recurrent_matrix(8, rho, "orthogonal", 0)
    H, _ = rnn.elman_forward(x, np.eye(8), W_hh, np.zeros(8), np.zeros((8, 1)), np.zeros(1))
    np.testing.assert_array_equal(states[-1], H[:, 0])


def test_a_smaller_alpha_keeps_the_gradient_and_smooths_the_state():
    """At ρ = 0.9 the tanh RNN's gradient has all but vanished after 100 steps; leaking slowly
    keeps it orders of magnitude larger, and the states move less per step."""
    norms, _, changes = ctrnn.leak_sweep(0.9, 16, 100, "orthogonal")
    at = {a: ctrnn.alpha_at(a) for a in (0.1, 0.5, 1.0)}
    g0 = {a: norms[i][0] for a, i in at.items()}
    assert g0[1.0] < 1e-4
    assert g0[0.1] > 1e3 * g0[1.0] and g0[0.5] > g0[1.0]
    assert changes[at[0.1]] < changes[at[0.5]] < changes[at[1.0]]
    assert cell_guides.leak_numbers(at[0.1], norms, changes, 100)["alpha"] == "0.1"


def _note(rho: float, alpha: float, lang: str = "en") -> tuple[str, float, float]:
    norms, _, changes = ctrnn.leak_sweep(rho, 32, 100, "orthogonal")  # the page's defaults
    at = ctrnn.alpha_at(alpha)
    return cell_guides.leak_note(at, norms, changes, 100, rho, lang), norms[at][0], norms[-1][0]


def test_the_leak_note_says_remembers_longer_only_when_more_gradient_reaches_h0():
    """ρ = 1, α = 0.9 (issue 24): the orange curve ends below the dashed one, so the note must
    not say it remembers longer; at ρ = 0.9, α = 0.1 it ends far above, and it does."""
    note, g0, g0_tanh = _note(1.0, 0.9)
    assert g0 < g0_tanh
    assert "does not make it remember longer" in note and "and remembers longer" not in note
    assert "并没有" in _note(1.0, 0.9, "zh")[0]
    note, g0, g0_tanh = _note(0.9, 0.1)
    assert g0 > g0_tanh
    assert "remembers longer" in note and "not" not in note.split(":")[-1]
    assert "并没有" not in _note(0.9, 0.1, "zh")[0]


def test_the_leak_verdict_flips_where_its_numbers_cross():
    T = 10
    dashed = np.full(T + 1, 1e-3)
    for g0, longer in ((2e-3, True), (1e-3, False), (0.5e-3, False)):
        for change, smooth in ((0.1, True), (0.3, False)):
            norms = np.array([np.full(T + 1, g0), dashed])  # rows: the student's α, then α = 1
            note = cell_guides.leak_note(0, norms, np.array([change, 0.2]), T, 1.0, "en")
            assert ("does not" not in note and "remembers longer" in note) == longer
            assert ("no more smoothly" not in note) == smooth
            assert f"‖∂L/∂h₀‖ = {number(g0)}" in note
