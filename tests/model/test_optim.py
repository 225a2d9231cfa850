"""Optimizers: Rprop against the tutorial's numbers, SGD/momentum/Adam against torch.optim."""

import numpy as np
import pytest

from explorer.cells import linear_rnn
from explorer.optim import rules as optim

X, T = linear_rnn.counting_data()  # the tutorial's data set (20 × 10, random seed 1)
START = (-1.5, 2.0)  # the tutorial's start: a gradient of 5.0e6


def grad_fn(w):
    return linear_rnn.gradients(X, T, w[0], w[1])[:2]


def test_rprop_reproduces_the_seed():
    W = optim.rprop(grad_fn, START, n_iter=500, eta_plus=1.2, eta_minus=0.5, delta0=0.001)
    assert W.shape == (501, 2)
    np.testing.assert_array_equal(W[0], START)
    # the tutorial prints: Final weights are: wx = 1.00135554721, wRec = 0.999674473785
    assert W[-1] == pytest.approx([1.0014, 0.9997], abs=2e-3)
    assert W[-1] == pytest.approx([1.00135554721, 0.999674473785], abs=1e-10)
    test_input = np.array([[0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1]], dtype=float)
    prediction = linear_rnn.forward_states(test_input, *W[-1])[0, -1]
    assert prediction == pytest.approx(5.0, abs=0.005)  # "Target output: 5 vs Model output: 4.99…"


def test_rprop_first_step_halves_delta0():
    W = optim.rprop(grad_fn, START, n_iter=1)
    g = np.sign(grad_fn(np.array(START)))
    np.testing.assert_allclose(W[1], np.array(START) - g * 0.0005)


def test_rprop_clamps_delta_only_when_asked():
    W = optim.rprop(grad_fn, START, n_iter=60, delta0=0.5, delta_max=0.01)
    assert np.max(np.abs(np.diff(W, axis=0))) <= 0.01 + 1e-15


def _torch_iterates(make_opt, w0, n_iter, clip=None, clip_value=None):
    torch = pytest.importorskip("torch")
    p = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = make_opt(torch, [p])
    out = [p.detach().numpy().copy()]
    for _ in range(n_iter):
        opt.zero_grad()
        p.grad = torch.tensor(grad_fn(p.detach().numpy()), dtype=torch.float64)
        if clip is not None:
            torch.nn.utils.clip_grad_norm_([p], clip)
        if clip_value is not None:
            torch.nn.utils.clip_grad_value_([p], clip_value)
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.array(out)


@pytest.mark.parametrize(("lr", "momentum"), [(0.002, 0.0), (0.0005, 0.9), (0.001, 0.5)])
def test_sgd_and_momentum_equal_torch(lr, momentum):
    w0 = (0.3, 0.8)
    ours = optim.sgd(grad_fn, w0, lr=lr, n_iter=60, momentum=momentum)
    theirs = _torch_iterates(lambda t, ps: t.optim.SGD(ps, lr=lr, momentum=momentum), w0, 60)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)


def test_clipped_sgd_equals_torch_clip_grad_norm():
    ours = optim.sgd(grad_fn, START, lr=0.01, n_iter=50, clip=1.0)
    theirs = _torch_iterates(lambda t, ps: t.optim.SGD(ps, lr=0.01), START, 50, clip=1.0)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)


def test_clipped_by_value_sgd_equals_torch_clip_grad_value():
    """The race's element-wise clipping is torch's clip_grad_value_ (tutorial 000's np.clip),
    iterate by iterate; it is not the norm clipping's path."""
    ours = optim.sgd(grad_fn, START, lr=0.01, n_iter=50, clip=1.0, clip_kind="value")
    theirs = _torch_iterates(lambda t, ps: t.optim.SGD(ps, lr=0.01), START, 50, clip_value=1.0)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
    by_norm = optim.sgd(grad_fn, START, lr=0.01, n_iter=50, clip=1.0)
    assert np.max(np.abs(ours - by_norm)) > 0.05


def test_the_two_clippings_on_10_1_as_the_label_says():
    """(10, 1) at θ = 5: by value (tutorial 000, np.clip(g, -5, 5)) → (5, 1); by norm (the app's,
    clip_grad_norm_) → (4.975, 0.498). Both as torch computes them, and as opt.clip.help says."""
    torch = pytest.importorskip("torch")
    from explorer.i18n import t

    g = np.array([10.0, 1.0])
    by_value, by_norm = optim.clip_by_value(g, 5.0), optim.clip_by_norm(g, 5.0)
    clips = torch.nn.utils.clip_grad_value_, torch.nn.utils.clip_grad_norm_
    for clip, ours in zip(clips, (by_value, by_norm), strict=True):
        p = torch.zeros(2, dtype=torch.float64, requires_grad=True)
        p.grad = torch.tensor(g)
        clip([p], 5.0)
        np.testing.assert_allclose(ours, p.grad.numpy(), rtol=1e-6)
    np.testing.assert_array_equal(by_value, [5.0, 1.0])
    np.testing.assert_allclose(by_norm, [4.975, 0.498], atol=5e-4)
    np.testing.assert_array_equal(g, [10.0, 1.0])  # not clipped in place
    for lang in ("en", "zh"):
        help_text = t("opt.clip.help", lang)
        shown = "({:.3f}, {:.3f})".format(*by_norm)
        assert shown in help_text and "(5, 1)" in help_text, help_text
        assert help_text.index("clip_grad_norm_") < help_text.index(shown)  # norm: the app's
        assert help_text.index("np.clip") < help_text.index("(5, 1)")  # value: tutorial 000


@pytest.mark.parametrize(("lr", "betas"), [(0.001, (0.9, 0.999)), (0.05, (0.8, 0.99))])
def test_adam_equals_torch(lr, betas):
    w0 = (-1.5, 2.0)
    ours = optim.adam(grad_fn, w0, lr=lr, n_iter=80, beta1=betas[0], beta2=betas[1])
    theirs = _torch_iterates(lambda t, ps: t.optim.Adam(ps, lr=lr, betas=betas), w0, 80)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)


def test_sgd_from_the_seeds_start_stops_early_and_finite():
    run = optim.sgd_run(grad_fn, START, lr=1e-3, n_iter=500)
    assert len(run.W) < 10 and run.diverged_at == len(run.W)
    assert np.isfinite(run.W).all()
    assert run.grad_norms[0] > 1e6  # 5.0e6 (the tutorial's "10⁷" is its plot at (1, 2))
    assert np.array_equal(optim.sgd(grad_fn, START, lr=1e-3, n_iter=500), run.W)


def test_clipped_sgd_reaches_a_small_loss():
    W = optim.sgd(grad_fn, START, lr=0.01, n_iter=500, clip=1.0)
    assert len(W) == 501
    assert linear_rnn.loss(X, T, *W[-1]) < 0.5


def test_steps_are_pure():
    """(w, state, grad) -> (w, state): the inputs are untouched, the same call gives the same."""
    w, g = np.array([0.5, 0.5]), np.array([1.0, -2.0])
    steps = [
        (optim.sgd_step, (np.array([0.3, -0.1]),), dict(lr=0.1, momentum=0.9)),
        (optim.adam_step, (3, np.array([0.1, 0.2]), np.array([0.5, 0.7])), dict(lr=0.1)),
        (optim.rprop_step, (np.array([1.0, 1.0]), np.array([0.1, 0.2])), {}),
    ]
    for step, state, hyper in steps:
        before = (w.copy(), g.copy(), [np.copy(s) for s in state])
        w1, state1 = step(w, state, g, **hyper)
        w2, _ = step(w, state, g, **hyper)
        np.testing.assert_array_equal(w1, w2)
        np.testing.assert_array_equal(w, before[0])
        np.testing.assert_array_equal(g, before[1])
        for old, new in zip(before[2], state, strict=True):
            np.testing.assert_array_equal(old, new)
        assert len(state1) == len(state)


def test_rprop_step_by_hand():
    """Signs agree on w_x (Δ·1.2), flip on w_rec (Δ·0.5); step −sign·Δ."""
    w, (sign, delta) = optim.rprop_step(
        np.array([1.0, 1.0]), (np.array([1.0, 1.0]), np.array([0.1, 0.2])), np.array([3.0, -4.0])
    )
    np.testing.assert_allclose(delta, [0.12, 0.1])
    np.testing.assert_array_equal(sign, [1.0, -1.0])
    np.testing.assert_allclose(w, [1.0 - 0.12, 1.0 + 0.1])


def test_clip_by_norm_by_hand():
    np.testing.assert_allclose(optim.clip_by_norm(np.array([3.0, 4.0]), 1.0), [0.6, 0.8])
    np.testing.assert_array_equal(optim.clip_by_norm(np.array([3.0, 4.0]), 10.0), [3.0, 4.0])
    huge = optim.clip_by_norm(np.array([3e200, -4e200]), 1.0)  # ‖g‖ must not overflow
    np.testing.assert_allclose(huge, [0.6, -0.8])
    np.testing.assert_allclose(optim.clip_by_norm(np.array([np.inf, 5.0]), 2.0), [2.0, 0.0])


def test_an_overflowing_gradient_stops_sgd_but_not_rprop():
    """Past w_rec = 5 this toy gradient overflows: SGD's next iterate would be inf, so it stops
    at its last finite point; Rprop only needs the sign and walks on."""

    def overflowing(w):
        return (np.inf, np.inf) if w[1] > 5 else (1.0, -100.0)

    run = optim.sgd_run(overflowing, (0.0, 0.0), lr=0.02, n_iter=10)
    np.testing.assert_allclose(run.W, [[0, 0], [-0.02, 2], [-0.04, 4], [-0.06, 6]])
    assert run.diverged_at == 4 and run.diverged_grad == pytest.approx(np.hypot(1, 100))
    assert np.isfinite(run.W).all()
    W = optim.rprop(overflowing, (0.0, 5.5), n_iter=20, delta0=0.1)
    assert len(W) == 21 and np.isfinite(W).all() and W[-1][1] < 5.5


def test_path_losses_equal_the_models_loss_point_by_point():
    W = np.array([[-1.5, 2.0], [1.0, 1.0], [0.3, -0.7], [2.0, 40.0], [1.0, 1e200]])
    expected = [linear_rnn.loss(X, T, *w) for w in W]
    np.testing.assert_array_equal(optim.path_losses(X, T, W), expected)
    assert optim.path_losses(X, T, W)[-1] == np.inf  # overflow: inf, never NaN


def _torch_gradients(w_x: float, w_rec: float):
    """(‖∇ξ‖ over (w_x, w_rec), Σ_i ∂ξ/∂S_0) by torch autograd on the tutorial's data."""
    torch = pytest.importorskip("torch")
    w = torch.tensor([w_x, w_rec], dtype=torch.float64, requires_grad=True)
    s0 = torch.zeros(len(X), dtype=torch.float64, requires_grad=True)
    s = s0
    for k in range(X.shape[1]):
        s = torch.from_numpy(X[:, k]) * w[0] + s * w[1]
    loss = torch.mean((torch.from_numpy(T) - s) ** 2)
    loss.backward()
    return float(torch.linalg.norm(w.grad)), float(s0.grad.sum())


def test_the_race_intro_states_the_computed_gradient_not_the_tutorials_1e7():
    """At (−1.5, 2) ‖∇ξ‖ = 5.0e6 (torch), not "about 10⁷"; the tutorial's 10⁷ is its plot at
    (1, 2), which shows 20× Σ∂ξ/∂S_0 = 20 × 9.1e5 = 1.8e7."""
    from explorer.optim import race

    grad, _ = _torch_gradients(*race.TUTORIAL_START)
    _, s0 = _torch_gradients(*race.TUTORIAL_PROBE)
    assert 4.95e6 < grad < 5.05e6
    for lang in ("en", "zh"):
        text = race.intro(lang)
        assert f"‖∇ξ‖ = {race.magnitude(grad)}" in text and "5.0 × 10⁶" in text, text
        assert race.magnitude(abs(s0)) in text and race.magnitude(20 * abs(s0)) in text
        assert "1.8 × 10⁷" in text
    assert race.magnitude(0.00123) == "1.2 × 10⁻³"
    assert 1e6 <= grad < 1e7  # "a gradient in the millions" (view.optimizers.summary, q.opt.goal)
