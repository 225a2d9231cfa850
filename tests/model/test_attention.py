"""explorer.cells.attention.additive_attention against torch, and its stability for large scores."""

import numpy as np
import pytest
import torch

from explorer.cells.attention import additive_attention


def _torch_attention(states, W, v):
    s, W, v = (torch.from_numpy(a) for a in (states, W, v))
    weights = torch.softmax(torch.tanh(s @ W.T) @ v, dim=-1)
    return (weights.unsqueeze(-1) * s).sum(dim=-2).numpy(), weights.numpy()


@pytest.mark.parametrize(("T", "H", "A", "seed"), [(1, 1, 1, 0), (7, 4, 3, 1), (50, 16, 8, 2)])
def test_matches_torch(T, H, A, seed):
    rng = np.random.default_rng(seed)
    states, W, v = rng.standard_normal((T, H)), rng.standard_normal((A, H)), rng.standard_normal(A)
    context, weights = additive_attention(states, W, v)
    want_context, want_weights = _torch_attention(states, W, v)
    assert context.shape == (H,) and weights.shape == (T,)
    np.testing.assert_allclose(weights, want_weights, rtol=1e-10, atol=0)
    np.testing.assert_allclose(context, want_context, rtol=1e-10, atol=1e-14)
    assert weights.sum() == pytest.approx(1.0, abs=1e-14)


def test_a_batch_gives_each_sequence_its_own_softmax():
    rng = np.random.default_rng(3)
    states, W, v = (
        rng.standard_normal((5, 9, 4)),
        rng.standard_normal((3, 4)),
        rng.standard_normal(3),
    )
    context, weights = additive_attention(states, W, v)
    assert context.shape == (5, 4) and weights.shape == (5, 9)
    for b in range(5):
        one = additive_attention(states[b], W, v)
        np.testing.assert_allclose(context[b], one[0], rtol=1e-13)
        np.testing.assert_allclose(weights[b], one[1], rtol=1e-13)


def test_large_scores_pick_the_best_step_without_nan():
    """Scores v·tanh(W h) of ±1e300: a naive exp overflows to inf/inf = NaN; the shift does not."""
    states = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    W = np.array([[50.0, 0.0]])  # tanh saturates: score ≈ ±v
    for v in (np.array([1e300]), np.array([-1e300]), np.array([800.0]), np.array([1.7e308])):
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            context, weights = additive_attention(states, W, v)
        assert np.all(np.isfinite(weights)) and np.all(np.isfinite(context))
        best = int(np.argmax(np.tanh(states @ W.T) @ v))
        np.testing.assert_allclose(weights[best], 1.0)
        np.testing.assert_allclose(context, states[best])


def test_attention_backward_matches_torch_autograd():
    from explorer.cells.attention import attention_backward

    rng = np.random.default_rng(5)
    states, W, v = rng.standard_normal((12, 6)), rng.standard_normal((4, 6)), rng.standard_normal(4)
    d_context = rng.standard_normal(6)
    s = torch.from_numpy(states).requires_grad_()
    weights = torch.softmax(torch.tanh(s @ torch.from_numpy(W).T) @ torch.from_numpy(v), dim=0)
    ((weights[:, None] * s).sum(dim=0) @ torch.from_numpy(d_context)).backward()
    ours = attention_backward(states, W, v, d_context)
    np.testing.assert_allclose(ours, s.grad.numpy(), rtol=1e-10, atol=1e-14)
