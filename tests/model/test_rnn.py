"""The Elman RNN, its BPTT and the tutorials' architectures against the tutorials' numbers, hand
derivations and PyTorch (float64, autograd, nn.RNN)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from explorer import tables
from explorer.cells import architectures as arch
from explorer.cells import linear_rnn, rnn
from explorer.cells import unrolled as unrolling
from explorer.errors import InputError
from explorer.inputs import presets, typed_text
from explorer.views import unrolled as un

TOL = 1e-10


def random_elman(D=3, H=4, K=2, T=7, seed=0):
    rng = np.random.default_rng(seed)
    return dict(
        x=rng.standard_normal((T, D)),
        W_xh=rng.standard_normal((D, H)) * 0.7,
        W_hh=rng.standard_normal((H, H)) * 0.5,
        b_h=rng.standard_normal(H) * 0.3,
        W_hy=rng.standard_normal((H, K)),
        b_y=rng.standard_normal(K) * 0.3,
        h0=rng.standard_normal(H) * 0.5,
    )


def t64(a, grad=False):
    return torch.tensor(np.asarray(a), dtype=torch.float64, requires_grad=grad)


TORCH_ACT = {
    "tanh": torch.tanh,
    "relu": torch.relu,
    "identity": lambda a: a,
    "sigmoid": torch.sigmoid,
}


def torch_elman(p, act):
    """Tutorial 000's loop in torch with every h_k kept (retain_grad) for ∂L/∂h_k."""
    leaves = {k: t64(v, grad=True) for k, v in p.items()}
    hs = [leaves["h0"]]
    for t in range(p["x"].shape[0]):
        a = leaves["x"][t] @ leaves["W_xh"] + hs[-1] @ leaves["W_hh"] + leaves["b_h"]
        h = TORCH_ACT[act](a)
        h.retain_grad()
        hs.append(h)
    H = torch.stack(hs)
    Y = H[1:] @ leaves["W_hy"] + leaves["b_y"]
    return leaves, hs, H, Y


# --- the tutorials' numbers ------------------------------------------------------------------


def test_worked_example_of_seed_002_exactly():
    """2 inputs, 2 hidden, 2 outputs, all weights 1, linear, no bias (tutorial 002, section 2.2)."""
    ones = np.ones((2, 2))
    x = [[1, 1], [1, 1], [2, 2]]
    H, Y = rnn.elman_forward(x, ones, ones, np.zeros(2), ones, np.zeros(2), act="identity")
    assert H[1:].tolist() == [[2, 2], [6, 6], [16, 16]]
    assert Y.tolist() == [[4, 4], [12, 12], [32, 32]]
    # and the page's preset is that network
    setup = presets.preset_setup("worked")
    diagram = unrolling.unroll(
        "n_to_n",
        presets.preset_sequence("worked", setup),
        presets.preset_weights("worked", setup),
        "identity",
    )
    rows = {row.name: row for row in diagram.rows}
    assert rows["h"].values[1:].tolist() == [[2, 2], [6, 6], [16, 16]]
    assert rows["y"].values.tolist() == [[4, 4], [12, 12], [32, 32]]


@pytest.mark.parametrize("w_rec", [1.0, 2.0, -2.0, 0.5, -0.5, 0.0, 1.3])
def test_counting_preset_matches_linear_rnn(w_rec):
    setup = presets.preset_setup("counting")
    x = presets.preset_sequence("counting", setup)
    X, _ = linear_rnn.counting_data(20, 10, seed=1)  # the Loss surface page's first sequence
    np.testing.assert_array_equal(x[:, 0], X[0])
    diagram = unrolling.unroll(
        "n_to_n", x, presets.preset_weights("counting", setup), "identity", w_rec
    )
    h = next(row for row in diagram.rows if row.name == "h").values[:, 0]
    np.testing.assert_array_equal(h, linear_rnn.forward_states(X[:1], 1.0, w_rec)[0])
    if w_rec == 1.0:
        assert h[-1] == X[0].sum()  # it counts the ones


def test_counting_backward_is_w_rec_power():
    """Linear 1-unit, ∂L/∂y_T = 1: ∂L/∂h_k = w_rec^(T-k), the per-step factor is w_rec."""
    setup = presets.preset_setup("counting")
    x = presets.preset_sequence("counting", setup)
    diagram = unrolling.unroll(
        "n_to_n", x, presets.preset_weights("counting", setup), "identity", -1.5
    )
    h = next(row for row in diagram.rows if row.name == "h")
    T = x.shape[0]
    np.testing.assert_allclose(h.grads[:, 0], (-1.5) ** (T - np.arange(T + 1)), rtol=1e-14)
    factors = [e.factor for e in diagram.edges if e.recurrent]
    assert factors == pytest.approx([-1.5] * T)


# --- torch parity ------------------------------------------------------------------------------


@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_elman_forward_equals_torch_rnn(act):
    p = random_elman(seed=1)
    D, H = p["W_xh"].shape
    net = torch.nn.RNN(D, H, nonlinearity=act, dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(t64(p["W_xh"].T))  # torch stores the transposes
        net.weight_hh_l0.copy_(t64(p["W_hh"].T))
        net.bias_ih_l0.copy_(t64(p["b_h"] * 0.25))
        net.bias_hh_l0.copy_(t64(p["b_h"] * 0.75))  # b_h = b_ih + b_hh
        out, h_n = net(t64(p["x"]), t64(p["h0"])[None])
    H_np, Y = rnn.elman_forward(**p, act=act)
    np.testing.assert_allclose(H_np[1:], out.numpy(), atol=TOL, rtol=0)
    np.testing.assert_allclose(H_np[-1], h_n[0].numpy(), atol=TOL, rtol=0)
    np.testing.assert_allclose(Y, H_np[1:] @ p["W_hy"] + p["b_y"], atol=TOL)


def test_every_tanh_rnn_of_the_app_is_nn_rnn():
    """The tanh RNN runs through one recurrence (`rnn.elman_states`), called from the Elman
    page, the gradient-flow charts, the continuous-time RNN at α = 1, the memory task's NumPy
    layer and its replay: each gives nn.RNN's states, one sequence or a batch at once."""
    from explorer.cells import ctrnn, memory_layers
    from explorer.gradients import flow
    from explorer.training import memory_task

    torch.manual_seed(4)
    net = torch.nn.RNN(3, 6, batch_first=True, dtype=torch.float64)
    params = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    x = np.random.default_rng(5).standard_normal((4, 9, 3))  # (B, T, D)
    h0 = np.random.default_rng(6).standard_normal((4, 6)) * 0.5
    with torch.no_grad():
        want = net(t64(x))[0].numpy()  # (B, T, H), h_0 = 0
        want_h0 = net(t64(x), t64(h0)[None])[0].numpy()
    w_ih, w_hh = params["weight_ih_l0"], params["weight_hh_l0"]
    b = params["bias_ih_l0"] + params["bias_hh_l0"]
    H, F = rnn.elman_states(x, w_ih.T, w_hh.T, b, h0)  # the whole batch
    np.testing.assert_allclose(H[:, 1:], want_h0, atol=TOL, rtol=0)
    np.testing.assert_array_equal(H[:, 0], h0)
    assert np.shares_memory(F, H) and F.shape == (4, 9, 6)  # at α = 1, f(a_t) is h_t
    found = {
        "elman_forward": [
            rnn.elman_forward(s, w_ih.T, w_hh.T, b, np.zeros((6, 0)), np.zeros(0))[0][1:] for s in x
        ],
        "ctrnn_forward": [ctrnn.ctrnn_forward(s, params, 1.0)[1:] for s in x],
        "state_gradients": [flow.state_gradients("rnn", params, s)["states"][1:] for s in x],
        "memory_layers": memory_layers.rnn_forward(
            x, w_ih, w_hh, params["bias_ih_l0"], params["bias_hh_l0"]
        ),
        "replay": memory_task.replay(
            dict(params, readout_weight=np.ones(6), readout_bias=0.0), "rnn", x
        )["states"],
    }
    for name, states in found.items():
        np.testing.assert_allclose(np.asarray(states), want, atol=TOL, rtol=0, err_msg=name)


def test_elman_states_with_a_leak_is_the_euler_step():
    """α < 1: h_t = (1 − α) h_{t-1} + α tanh(a_t), a batch at once as one sequence at a time;
    F is tanh(a_t) itself."""
    p = random_elman(D=2, H=5, T=12, seed=7)
    x = np.stack([p["x"], -p["x"]])  # (2, T, D)
    H, F = rnn.elman_states(x, p["W_xh"], p["W_hh"], p["b_h"], alpha=0.3)
    for seq, states, phi in zip(x, H, F, strict=True):
        h = np.zeros(5)
        for t, x_t in enumerate(seq):
            a = x_t @ p["W_xh"] + h @ p["W_hh"] + p["b_h"]
            np.testing.assert_allclose(phi[t], np.tanh(a), atol=TOL, rtol=0)
            h = 0.7 * h + 0.3 * np.tanh(a)
            np.testing.assert_allclose(states[t + 1], h, atol=TOL, rtol=0)


@pytest.mark.parametrize("act", rnn.ACTIVATIONS)
def test_elman_bptt_equals_autograd(act):
    p = random_elman(seed=2)
    rng = np.random.default_rng(3)
    dY = rng.standard_normal((7, 2))
    dH_out = rng.standard_normal((7, 4))
    leaves, hs, H, Y = torch_elman(p, act)
    loss = (Y * t64(dY)).sum() + (H[1:] * t64(dH_out)).sum()  # L with these upstream grads
    loss.backward()
    g = rnn.elman_bptt(**p, act=act, dY=dY, dH_out=dH_out)
    np.testing.assert_allclose(g.dH[0], leaves["h0"].grad.numpy(), atol=TOL)
    for k in range(1, 8):
        np.testing.assert_allclose(g.dH[k], hs[k].grad.numpy(), atol=TOL, err_msg=f"k={k}")
    np.testing.assert_allclose(g.dX, leaves["x"].grad.numpy(), atol=TOL)
    for name in ("W_xh", "W_hh", "b_h", "W_hy", "b_y"):
        np.testing.assert_allclose(getattr(g, name), leaves[name].grad.numpy(), atol=TOL)


def test_squared_error_loss_and_gradients_against_autograd():
    p = random_elman(seed=4)
    targets = np.random.default_rng(5).standard_normal((7, 2))
    _, Y = rnn.elman_forward(**p)
    loss, dY = rnn.squared_error(Y, targets)
    g = rnn.elman_bptt(**p, dY=dY)
    leaves, _, _, Yt = torch_elman(p, "tanh")
    lt = 0.5 * ((Yt - t64(targets)) ** 2).sum()
    lt.backward()
    assert loss == pytest.approx(lt.item(), abs=TOL)
    np.testing.assert_allclose(g.W_hh, leaves["W_hh"].grad.numpy(), atol=TOL)
    np.testing.assert_allclose(g.W_xh, leaves["W_xh"].grad.numpy(), atol=TOL)


def test_bptt_matches_torch_nn_rnn_parameter_grads():
    p = random_elman(seed=6)
    D, H = p["W_xh"].shape
    net = torch.nn.RNN(D, H, dtype=torch.float64)
    with torch.no_grad():
        net.weight_ih_l0.copy_(t64(p["W_xh"].T))
        net.weight_hh_l0.copy_(t64(p["W_hh"].T))
        net.bias_ih_l0.copy_(t64(p["b_h"]))
        net.bias_hh_l0.zero_()
    out, _ = net(t64(p["x"]), t64(p["h0"])[None])
    (out * t64(np.arange(1.0, 29.0).reshape(7, 4))).sum().backward()
    g = rnn.elman_bptt(**p, dH_out=np.arange(1.0, 29.0).reshape(7, 4))
    np.testing.assert_allclose(g.W_hh, net.weight_hh_l0.grad.numpy().T, atol=TOL)
    np.testing.assert_allclose(g.W_xh, net.weight_ih_l0.grad.numpy().T, atol=TOL)
    np.testing.assert_allclose(g.b_h, net.bias_hh_l0.grad.numpy(), atol=TOL)


def test_bidirectional_equals_torch():
    rng = np.random.default_rng(7)
    T, D, H, K = 6, 3, 4, 2
    x = rng.standard_normal((T, D))
    fwd = (rng.standard_normal((D, H)), rng.standard_normal((H, H)) * 0.5, rng.standard_normal(H))
    bwd = (rng.standard_normal((D, H)), rng.standard_normal((H, H)) * 0.5, rng.standard_normal(H))
    W_hy, b_y = rng.standard_normal((2 * H, K)), rng.standard_normal(K)
    net = torch.nn.RNN(D, H, bidirectional=True, dtype=torch.float64)
    with torch.no_grad():
        for suffix, (W_xh, W_hh, b_h) in (("", fwd), ("_reverse", bwd)):
            getattr(net, f"weight_ih_l0{suffix}").copy_(t64(W_xh.T))
            getattr(net, f"weight_hh_l0{suffix}").copy_(t64(W_hh.T))
            getattr(net, f"bias_ih_l0{suffix}").copy_(t64(b_h))
            getattr(net, f"bias_hh_l0{suffix}").zero_()
    xt = t64(x, grad=True)
    out, _ = net(xt)
    Hf, Hb, Y = arch.bidirectional_forward(x, fwd, bwd, W_hy, b_y)
    np.testing.assert_allclose(Hf[1:], out[:, :H].detach().numpy(), atol=TOL)
    np.testing.assert_allclose(Hb[:-1], out[:, H:].detach().numpy(), atol=TOL)
    dY = rng.standard_normal((T, K))
    Yt = out @ t64(W_hy) + t64(b_y)
    np.testing.assert_allclose(Y, Yt.detach().numpy(), atol=TOL)
    (Yt * t64(dY)).sum().backward()
    gf, gb, _ = arch.bidirectional_bptt(x, fwd, bwd, W_hy, b_y, dY=dY)
    np.testing.assert_allclose(gf.dX + gb.dX, xt.grad.numpy(), atol=TOL)
    np.testing.assert_allclose(gf.W_hh, net.weight_hh_l0.grad.numpy().T, atol=TOL)
    np.testing.assert_allclose(gb.W_hh, net.weight_hh_l0_reverse.grad.numpy().T, atol=TOL)


def test_jordan_forward_and_bptt_against_autograd():
    rng = np.random.default_rng(8)
    T, D, H, K = 5, 2, 3, 2
    x = rng.standard_normal((T, D))
    W = dict(
        W_xh=rng.standard_normal((D, H)),
        W_yh=rng.standard_normal((K, H)) * 0.5,
        b_h=rng.standard_normal(H),
        W_hy=rng.standard_normal((H, K)),
        b_y=rng.standard_normal(K),
    )
    y0 = rng.standard_normal(K)
    dY = rng.standard_normal((T, K))
    leaves = {k: t64(v, grad=True) for k, v in W.items()}
    ys = [t64(y0, grad=True)]
    hs = []
    for t in range(T):
        h = torch.tanh(t64(x[t]) @ leaves["W_xh"] + ys[-1] @ leaves["W_yh"] + leaves["b_h"])
        h.retain_grad()
        hs.append(h)
        ys.append(h @ leaves["W_hy"] + leaves["b_y"])
        ys[-1].retain_grad()
    (torch.stack(ys[1:]) * t64(dY)).sum().backward()
    H_np, Y_np = arch.jordan_forward(x, **W, y0=y0)
    np.testing.assert_allclose(Y_np[1:], torch.stack(ys[1:]).detach().numpy(), atol=TOL)
    dH, dYtot, _, grads = arch.jordan_bptt(x, **W, y0=y0, dY=dY)
    np.testing.assert_allclose(dYtot[0], ys[0].grad.numpy(), atol=TOL)
    for k in range(1, T + 1):
        np.testing.assert_allclose(dH[k], hs[k - 1].grad.numpy(), atol=TOL)
        np.testing.assert_allclose(dYtot[k], ys[k].grad.numpy(), atol=TOL)
    for name, value in grads.items():
        np.testing.assert_allclose(value, leaves[name].grad.numpy(), atol=TOL, err_msg=name)


@pytest.mark.parametrize("feed", arch.FEEDS)
def test_encoder_decoder_against_autograd(feed):
    rng = np.random.default_rng(9)
    N, M, D, H, K = 4, 3, 2, 3, 2
    x = rng.standard_normal((N, D))
    enc = (rng.standard_normal((D, H)), rng.standard_normal((H, H)) * 0.6, rng.standard_normal(H))
    dec = (rng.standard_normal((H, H)), rng.standard_normal((H, H)) * 0.6, rng.standard_normal(H))
    W_hy, b_y = rng.standard_normal((H, K)), rng.standard_normal(K)
    dY = rng.standard_normal((M, K))
    E = [t64(w, grad=True) for w in enc]
    Dw = [t64(w, grad=True) for w in dec]
    xt = t64(x, grad=True)
    h = torch.zeros(H, dtype=torch.float64)
    for t in range(N):
        h = torch.tanh(xt[t] @ E[0] + h @ E[1] + E[2])
    c = h
    c.retain_grad()
    hd = c if feed == "init" else torch.zeros(H, dtype=torch.float64)
    ys = []
    for _ in range(M):
        inp = torch.zeros(H, dtype=torch.float64) if feed == "init" else c
        hd = torch.tanh(inp @ Dw[0] + hd @ Dw[1] + Dw[2])
        ys.append(hd @ t64(W_hy) + t64(b_y))
    Yt = torch.stack(ys)
    (Yt * t64(dY)).sum().backward()
    He, _, Y = arch.encoder_decoder_forward(x, enc, dec, W_hy, b_y, M, feed)
    np.testing.assert_allclose(Y, Yt.detach().numpy(), atol=TOL)
    np.testing.assert_allclose(He[-1], c.detach().numpy(), atol=TOL)
    ge, gd, dc = arch.encoder_decoder_bptt(x, enc, dec, W_hy, b_y, M, feed, dY=dY)
    np.testing.assert_allclose(dc, c.grad.numpy(), atol=TOL)
    np.testing.assert_allclose(ge.dX, xt.grad.numpy(), atol=TOL)
    np.testing.assert_allclose(ge.W_hh, E[1].grad.numpy(), atol=TOL)
    np.testing.assert_allclose(gd.W_hh, Dw[1].grad.numpy(), atol=TOL)
    np.testing.assert_allclose(gd.W_xh, Dw[0].grad.numpy(), atol=TOL)


# --- spectral radius and gradient flow ----------------------------------------------------------


@pytest.mark.parametrize("init", ["orthogonal", "gaussian"])
@pytest.mark.parametrize("n", [1, 2, 8, 64])
@pytest.mark.parametrize("rho", [0.0, 0.5, 1.0, 1.37, 2.0])
def test_recurrent_matrix_hits_spectral_radius(init, n, rho):
    W = rnn.recurrent_matrix(n, rho, init, seed=n)
    assert abs(rnn.spectral_radius(W) - rho) < 1e-9
    np.testing.assert_allclose(W, rnn.recurrent_matrix(n, rho, init, seed=n))  # seeded


def test_orthogonal_init_has_every_eigenvalue_on_the_circle():
    W = rnn.recurrent_matrix(16, 1.3, "orthogonal", seed=3)
    np.testing.assert_allclose(np.abs(np.linalg.eigvals(W)), 1.3, atol=1e-9)
    np.testing.assert_allclose(W.T @ W, 1.3**2 * np.eye(16), atol=1e-12)


@pytest.mark.parametrize("rho", [0.5, 1.0, 1.5])
def test_linear_orthogonal_flow_is_rho_to_the_power(rho):
    """Orthogonal W_hh keeps norms: with f = identity, ‖∂L/∂h_k‖ = ρ^(T-k) exactly."""
    T = 30
    flow = rnn.gradient_flow(rho, 8, T, "orthogonal", "identity", seed=2)
    np.testing.assert_allclose(flow.norms, rho ** (T - np.arange(T + 1)), rtol=1e-10)


def test_tanh_saturation_keeps_rho_above_one_from_exploding():
    T = 100
    linear = rnn.gradient_flow(1.5, 32, T, "orthogonal", "identity", seed=0)
    squashed = rnn.gradient_flow(1.5, 32, T, "orthogonal", "tanh", seed=0)
    assert linear.norms[0] > 1e17  # 1.5^100 ≈ 4e17
    assert squashed.norms[0] < 1e3  # tanh' ≪ 1 in saturation eats the growth
    assert squashed.mean_slope < 0.5


def test_clipping_caps_explosion_but_cannot_undo_vanishing():
    T, theta = 60, 2.0
    big = rnn.gradient_flow(1.5, 8, T, "orthogonal", "identity", seed=1, clip=theta)
    assert np.max(big.norms) <= theta * (1 + 1e-12)
    small = rnn.gradient_flow(0.5, 8, T, "orthogonal", "identity", seed=1)
    small_clipped = rnn.gradient_flow(0.5, 8, T, "orthogonal", "identity", seed=1, clip=theta)
    np.testing.assert_array_equal(small.norms, small_clipped.norms)


def test_overflow_gives_inf_never_nan_and_no_warning():
    big = np.array([[1e200, -1e200], [1e200, 1e200]])
    x = np.ones((6, 2))
    H, Y = rnn.elman_forward(x, big, big, np.zeros(2), big, np.zeros(2), act="identity")
    assert not np.isnan(H).any() and not np.isnan(Y).any()
    assert np.isinf(H[-1]).all()
    g = rnn.elman_bptt(
        x, big, big, np.zeros(2), big, np.zeros(2), act="identity", dY=np.ones((6, 2))
    )
    for value in (g.dH, g.W_hh, g.W_xh, g.dX):
        assert not np.isnan(value).any()
    flow = rnn.gradient_flow(2.0, 4, 500, "gaussian", "identity", seed=0)
    assert not np.isnan(flow.norms).any()


# --- the page's model --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "n_in", "expected"),
    [
        ("1,0,1,1", 1, [[1], [0], [1], [1]]),
        ("1 0  1", 1, [[1], [0], [1]]),
        ("1,1,2", 2, [[1, 1], [1, 1], [2, 2]]),  # one line: each number is a step, to all inputs
        ("1,1\n1,1\n2,2", 2, [[1, 1], [1, 1], [2, 2]]),
        ("1 2; 3 4;", 2, [[1, 2], [3, 4]]),
        ("0.5\n-1e-3 2", 2, [[0.5, 0.5], [-1e-3, 2]]),
        ("1,0;1", 2, [[1, 0], [1, 1]]),
        ("1,0,1", 1, [[1], [0], [1]]),  # Chinese commas
    ],
)
def test_parse_sequence_accepts(text, n_in, expected):
    np.testing.assert_array_equal(typed_text.parse_sequence(text, n_in), np.array(expected, float))


@pytest.mark.parametrize(
    ("text", "n_in", "key"),
    [
        ("", 1, "un.err.empty"),
        ("  \n ", 2, "un.err.empty"),
        ("1, two, 3", 1, "un.err.number"),
        ("1,nan", 1, "un.err.finite"),
        ("1,inf", 1, "un.err.finite"),
        ("1 2 3\n4", 2, "un.err.row_size"),
        (",".join(["1"] * 501), 1, "un.err.too_long"),
    ],
)
def test_parse_sequence_rejects_with_a_message_key(text, n_in, key):
    with pytest.raises(InputError) as info:
        typed_text.parse_sequence(text, n_in)
    assert info.value.key == key
    from explorer import i18n

    for lang in i18n.LANGS:  # the message exists in both languages and formats
        assert i18n.t(key, lang, **info.value.values)


@pytest.mark.parametrize("name", unrolling.ARCHS)
@pytest.mark.parametrize("preset", presets.PRESETS)
def test_every_architecture_unrolls_finite_rows(name, preset):
    setup = presets.preset_setup(preset, n_hidden=5, act="tanh")
    x = presets.preset_sequence(preset, setup, seed=3)
    d = unrolling.unroll(
        name, x, presets.preset_weights(preset, setup, seed=3), setup.act, 0.9, "every", 3
    )
    for row in d.rows:
        assert row.values.shape == row.grads.shape == (len(row.cols), row.values.shape[1])
        assert np.isfinite(row.values).all() and np.isfinite(row.grads).all()
    names = {row.name for row in d.rows}
    for e in d.edges:
        assert e.src[0] in names and e.dst[0] in names
    assert d.states.shape[1] == len(d.time_labels)
    assert d.states.shape == d.grad_states.shape
    table = tables.states_table(d)
    assert len({len(v) for v in table.values()}) == 1
    assert len(table) == 1 + 2 * d.states.shape[0]


def test_random_preset_alpha_is_the_spectral_radius():
    setup = presets.preset_setup("random", n_hidden=12)
    w = unrolling.scaled(presets.preset_weights("random", setup, seed=4), 1.6)
    assert abs(rnn.spectral_radius(w["W_hh"]) - 1.6) < 1e-9


def test_page_model_needs_neither_torch_nor_streamlit():
    import subprocess
    import sys

    code = (
        "import sys, explorer.cells.rnn, explorer.cells.architectures, explorer.views.unrolled, explorer.views.unrolled_text, explorer.views.unrolled_flow, explorer.cells.unrolled, explorer.gradients.truncation, explorer.inputs.presets, "
        "explorer.inputs.typed_text, explorer.tables, explorer.numerics, explorer.figures.unrolled; "
        "assert 'torch' not in sys.modules and 'streamlit' not in sys.modules"
    )
    subprocess.run(
        [sys.executable, "-c", code], cwd=un.__file__.rsplit("/explorer/", 1)[0], check=True
    )
