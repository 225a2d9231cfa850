"""The counting-ones linear RNN against hand computation, the tutorial's loops, finite differences
and torch autograd (float64)."""

import numpy as np
import pytest

from explorer.cells import linear_rnn
from explorer.cells.linear_rnn_torch import torch_gradients
from explorer.gradients import gradcheck

RNG = np.random.default_rng(20261123)


# --- Tutorial 003's own code (003_*.txt), as the reference: loops, one sample row at a time ----


def tutorial_data(n_samples=20, sequence_len=10, seed=1):
    rng = np.random.RandomState(seed)
    X = np.zeros((n_samples, sequence_len))
    for row_idx in range(n_samples):
        X[row_idx, :] = np.around(rng.rand(sequence_len)).astype(int)
    return X, np.sum(X, axis=1)


def tutorial_forward_states(X, wx, wRec):
    S = np.zeros((X.shape[0], X.shape[1] + 1))
    for k in range(0, X.shape[1]):
        S[:, k + 1] = X[:, k] * wx + S[:, k] * wRec
    return S


def tutorial_backward_gradient(X, S, grad_out, wRec):
    grad_over_time = np.zeros((X.shape[0], X.shape[1] + 1))
    grad_over_time[:, -1] = grad_out
    wx_grad = 0
    wRec_grad = 0
    for k in range(X.shape[1], 0, -1):
        wx_grad += np.sum(grad_over_time[:, k] * X[:, k - 1])
        wRec_grad += np.sum(grad_over_time[:, k] * S[:, k - 1])
        grad_over_time[:, k - 1] = grad_over_time[:, k] * wRec
    return (wx_grad, wRec_grad), grad_over_time


# --- Data -------------------------------------------------------------------------------------


def test_seed_1_reproduces_the_tutorials_data_set():
    X, t = linear_rnn.counting_data()
    X_seed, t_seed = tutorial_data()
    np.testing.assert_array_equal(X, X_seed)
    np.testing.assert_array_equal(t, t_seed)
    assert X.shape == (20, 10) and set(np.unique(X)) <= {0.0, 1.0}
    np.testing.assert_array_equal(t, X.sum(axis=1))


def test_seeds_are_parameters():
    a, _ = linear_rnn.counting_data(5, 7, seed=3)
    b, _ = linear_rnn.counting_data(5, 7, seed=3)
    c, _ = linear_rnn.counting_data(5, 7, seed=4)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


# --- Forward, loss and BPTT on small hand-computed cases ---------------------------------------


def test_forward_states_by_hand():
    # S1 = 2·1 = 2; S2 = 2·0 + 0.5·2 = 1; S3 = 2·1 + 0.5·1 = 2.5
    S = linear_rnn.forward_states(np.array([[1.0, 0.0, 1.0]]), 2.0, 0.5)
    np.testing.assert_array_equal(S, [[0.0, 2.0, 1.0, 2.5]])


def test_optimum_counts_exactly():
    X, t = linear_rnn.counting_data()
    np.testing.assert_array_equal(linear_rnn.forward_states(X, 1.0, 1.0)[:, -1], t)
    assert linear_rnn.loss(X, t, 1.0, 1.0) == 0.0


def test_loss_and_bptt_by_hand():
    # X = [[1, 1]], t = 2, w_x = 1, w_rec = 2: S = (0, 1, 3), y = 3, ξ = (2 - 3)² = 1
    X, t = np.array([[1.0, 1.0]]), np.array([2.0])
    assert linear_rnn.loss(X, t, 1.0, 2.0) == 1.0
    d_wx, d_wrec, grad = linear_rnn.gradients(X, t, 1.0, 2.0)
    # ∂ξ/∂S_2 = 2(y - t) = 2; ∂ξ/∂S_1 = 2·w_rec = 4; ∂ξ/∂S_0 = 8
    np.testing.assert_array_equal(grad, [[8.0, 4.0, 2.0]])
    assert d_wx == 4.0 * 1 + 2.0 * 1  # Σ ∂ξ/∂S_k · X_k
    assert d_wrec == 4.0 * 0 + 2.0 * 1  # Σ ∂ξ/∂S_k · S_{k-1}


def test_bptt_equals_the_tutorials_loops():
    X, t = linear_rnn.counting_data()
    for w_x, w_rec in [(1.2, 1.2), (-1.5, 2.0), (1.0, -0.5)]:
        S = tutorial_forward_states(X, w_x, w_rec)
        (wx_seed, wrec_seed), got_seed = tutorial_backward_gradient(
            X, S, 2.0 * (S[:, -1] - t) / len(t), w_rec
        )
        d_wx, d_wrec, grad = linear_rnn.gradients(X, t, w_x, w_rec)
        np.testing.assert_allclose(grad, got_seed, rtol=1e-14)
        assert d_wx == pytest.approx(wx_seed, rel=1e-13)
        assert d_wrec == pytest.approx(wrec_seed, rel=1e-13)


def test_the_seeds_gradient_check_passes():
    X, t = linear_rnn.counting_data()
    d_wx, d_wrec, _ = linear_rnn.gradients(X, t, 1.2, 1.2)
    fd = gradcheck.central_difference(X, t, 1.2, 1.2, eps=1e-7, order=2)
    assert np.isclose(fd[0], d_wx) and np.isclose(fd[1], d_wrec)


# --- Random points: central differences and torch autograd -------------------------------------


@pytest.mark.parametrize("seq_len", [3, 10, 25])
def test_bptt_against_central_differences_at_random_points(seq_len):
    X, t = linear_rnn.counting_data(20, seq_len, seed=seq_len)
    for w_x, w_rec in RNG.uniform(-1.3, 1.3, size=(8, 2)):
        d_wx, d_wrec, _ = linear_rnn.gradients(X, t, w_x, w_rec)
        fd_wx, fd_wrec = gradcheck.central_difference(X, t, w_x, w_rec, eps=1e-4)
        assert gradcheck.relative_error(d_wx, fd_wx) < 1e-8, (w_x, w_rec)
        assert gradcheck.relative_error(d_wrec, fd_wrec) < 1e-8, (w_x, w_rec)


@pytest.mark.parametrize("seq_len", [2, 10, 40])
def test_bptt_against_torch_autograd_at_random_points(seq_len):
    X, t = linear_rnn.counting_data(15, seq_len, seed=7)
    for w_x, w_rec in RNG.uniform(-2.0, 2.0, size=(6, 2)):
        d_wx, d_wrec, _ = linear_rnn.gradients(X, t, w_x, w_rec)
        xi, a_wx, a_wrec = torch_gradients(X, t, w_x, w_rec)
        assert linear_rnn.loss(X, t, w_x, w_rec) == pytest.approx(xi, rel=1e-12)
        assert gradcheck.relative_error(d_wx, a_wx) < 1e-10
        assert gradcheck.relative_error(d_wrec, a_wrec) < 1e-10


def test_grad_over_time_against_torch_state_gradients():
    torch = pytest.importorskip("torch")
    X, t = linear_rnn.counting_data(6, 12, seed=2)
    w_x, w_rec = 0.8, 1.3
    S = [torch.zeros(X.shape[0], dtype=torch.float64, requires_grad=True)]
    Xt = torch.as_tensor(X)
    for k in range(X.shape[1]):
        S.append(Xt[:, k] * w_x + S[-1] * w_rec)
        S[-1].retain_grad()
    xi = torch.sum((torch.as_tensor(t) - S[-1]) ** 2) / X.shape[0]
    xi.backward()
    expected = torch.stack([s.grad for s in S], dim=1).numpy()  # (N, T+1)
    _, _, grad = linear_rnn.gradients(X, t, w_x, w_rec)
    np.testing.assert_allclose(grad, expected, rtol=1e-12)


# --- The surface: closed form against direct calls ---------------------------------------------


@pytest.mark.parametrize(("seq_len", "lo", "hi"), [(10, -3, 3), (10, 0, 2), (37, -1.4, 1.4)])
def test_loss_surface_matches_direct_loss_calls(seq_len, lo, hi):
    X, t = linear_rnn.counting_data(20, seq_len, seed=1)
    w_x = np.linspace(lo, hi, 17)
    w_rec = np.linspace(lo, hi, 13)
    Z = linear_rnn.loss_surface(X, t, w_x, w_rec)
    assert Z.shape == (13, 17)
    direct = np.array([[linear_rnn.loss(X, t, a, b) for a in w_x] for b in w_rec])
    np.testing.assert_allclose(Z, direct, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(
        Z, linear_rnn.nested_loop_surface(X, t, w_x, w_rec), rtol=1e-9, atol=1e-9
    )


def test_gradient_surface_matches_bptt():
    X, t = linear_rnn.counting_data(20, 10, seed=1)
    w = np.linspace(-2.5, 2.5, 9)
    d_wx, d_wrec = linear_rnn.gradient_surface(X, t, w, w)
    for i, w_rec in enumerate(w):
        for j, w_x in enumerate(w):
            g = linear_rnn.gradients(X, t, w_x, w_rec)
            assert d_wx[i, j] == pytest.approx(g[0], rel=1e-10, abs=1e-10)
            assert d_wrec[i, j] == pytest.approx(g[1], rel=1e-10, abs=1e-10)


def test_decay_sweep_is_the_summed_bptt_over_time():
    X, t = linear_rnn.counting_data(20, 30, seed=1)
    sweep = np.linspace(-3, 3, 25)
    curves = linear_rnn.decay_sweep(X, t, 0.7, sweep)
    for w_rec, curve in zip(sweep, curves, strict=True):
        expected = linear_rnn.gradients(X, t, 0.7, w_rec)[2].sum(axis=0)
        np.testing.assert_allclose(curve, expected, rtol=1e-12, atol=1e-300)


# --- Overflow: inf, never NaN, no warning (pytest turns RuntimeWarning into an error) -----------


def test_overflow_is_inf_never_nan():
    X, t = linear_rnn.counting_data(20, 400, seed=1)
    for w_rec in (3.0, -3.0):
        assert linear_rnn.loss(X, t, 1.0, w_rec) == np.inf
        d_wx, d_wrec, grad = linear_rnn.gradients(X, t, 1.0, w_rec)
        assert not np.isnan([d_wx, d_wrec]).any() and not np.isnan(grad).any()
        assert np.isinf(d_wx) and np.isinf(d_wrec)
    w = np.linspace(-3, 3, 41)
    Z = linear_rnn.loss_surface(X, t, w, w)
    assert not np.isnan(Z).any()
    assert np.isinf(Z[np.abs(w) >= 2.5][:, np.abs(w) > 0.1]).all()  # the cliff overflows
    assert np.isfinite(Z[np.abs(w) <= 1.0]).all()  # inside |w_rec| ≤ 1 nothing overflows
    d_wx, d_wrec = linear_rnn.gradient_surface(X, t, w, w)
    assert not np.isnan(d_wx).any() and not np.isnan(d_wrec).any()
    curves = linear_rnn.decay_sweep(X, t, 1.0, w)
    assert not np.isnan(curves).any()


def test_overflow_at_w_x_zero_is_still_the_honest_loss():
    X, t = linear_rnn.counting_data(20, 400, seed=1)
    Z = linear_rnn.loss_surface(X, t, [0.0], [3.0])
    assert Z[0, 0] == pytest.approx(np.sum(t**2) / len(t))  # y = 0 whatever w_rec is


def test_regime_and_growth_factor():
    assert linear_rnn.regime(2.0) == "explode"
    assert linear_rnn.regime(-0.5) == "vanish"
    assert linear_rnn.regime(1.0) == linear_rnn.regime(-1.0) == "constant"
    assert linear_rnn.regime(0.0) == "zero"
    assert linear_rnn.growth_factor(2.0, 10) == 1024.0
    assert linear_rnn.growth_factor(3.0, 1000) == np.inf


def test_surface_where_the_output_is_always_zero():
    # every sequence ends in 0, so at w_rec = 0 the output p·w_x is 0 for all of them
    X = np.array([[1.0, 0.0], [0.0, 0.0], [1.0, 0.0]])
    t = X.sum(axis=1)
    w_x = np.array([-2.0, 0.0, 0.5, 3.0])
    Z = linear_rnn.loss_surface(X, t, w_x, [0.0, 0.5])
    direct = [[linear_rnn.loss(X, t, a, b) for a in w_x] for b in (0.0, 0.5)]
    np.testing.assert_allclose(Z, direct, rtol=1e-12)
    assert np.all(Z[0] == np.sum(t**2) / 3)
