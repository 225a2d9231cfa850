"""Optimizers for the two weights (w_x, w_rec) as pure steps, and one driver for trajectories.

Each optimizer is a step `(w, state, grad) -> (w, state)` over explicit state (d2l's
`train_2d`): nothing is mutated, so a step can be tested alone. `trajectory` drives a step from
w0 and records the path; it stops at the last finite point if the next iterate would not be
finite. Rprop is tutorial 003's variant ("弹性优化算法"); SGD (classical momentum, clipping) and
Adam follow `torch.optim` to the last digit, so tests compare iterates.

    Rprop:     Δ ← Δ·η⁺ if sign(g) = previous sign else Δ·η⁻;   w ← w − sign(g)·Δ
    SGD:       v ← μ·v + g;   w ← w − lr·v          (g clipped first, when clipping)
    clipping:  "norm"  g ← θ·g/‖g‖ when ‖g‖ > θ  (Pascanu et al.; torch's clip_grad_norm_; the app's)
               "value" g ← clip(g, −θ, θ), each element alone  (tutorial 000's `np.clip(g, -5, 5)`;
                       torch's clip_grad_value_). (10, 1) at θ = 5: (5, 1) by value,
                       (4.975, 0.498) by norm: clipping by value also turns the direction.
    Adam:      m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;   w ← w − lr·m̂ / (√v̂ + ε)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from explorer.numerics import no_nan, quiet

GradFn = Callable[[np.ndarray], tuple[float, float]]  # w (2,) -> (∂ξ/∂w_x, ∂ξ/∂w_rec)
Step = Callable[[np.ndarray, tuple, np.ndarray], tuple[np.ndarray, tuple]]


# --- Steps: (w, state, grad) -> (w, state) ------------------------------------------------------


def rprop_init(delta0: float = 0.001) -> tuple:
    """(previous sign, Δ): the sign starts at 0, so the first step halves Δ₀ (as in the tutorial)."""
    return np.zeros(2), np.full(2, float(delta0))


def rprop_step(w, state, grad, eta_plus=1.2, eta_minus=0.5, delta_min=None, delta_max=None):
    """One Rprop update: only the gradient's sign is used; Δ grows by η⁺ where the sign held,
    shrinks by η⁻ where it flipped; clamped to [delta_min, delta_max] only if they are given."""
    prev_sign, delta = state
    sign = np.sign(grad)  # (2,); sign(±inf) = ±1: Rprop survives an overflowing gradient
    delta = np.where(sign == prev_sign, delta * eta_plus, delta * eta_minus)
    if delta_min is not None or delta_max is not None:
        delta = np.clip(delta, delta_min, delta_max)
    return w - sign * delta, (sign, delta)


def clip_by_norm(grad, threshold: float | None):
    """Pascanu et al.: g ← θ·g/‖g‖ when ‖g‖ > θ (an infinite gradient keeps its direction)."""
    if threshold is None:
        return grad
    norm = float(np.hypot(*grad))  # hypot: no overflow for 1e200-sized components
    if not np.isfinite(norm):  # ‖g‖ = ∞ > θ: the direction is the signs of the inf components
        unit = np.where(np.isinf(grad), np.sign(grad), 0.0)
        return unit * (threshold / float(np.hypot(*unit)))
    return grad * (threshold / norm) if norm > threshold else grad


def clip_by_value(grad, threshold: float | None):
    """Tutorial 000's clipping, `np.clip(g, -θ, θ)` (torch's clip_grad_value_): each element is
    cut to [-θ, θ] on its own, so a clipped gradient can change direction."""
    return grad if threshold is None else np.clip(grad, -threshold, threshold)


CLIPS = {"norm": clip_by_norm, "value": clip_by_value}


def sgd_init() -> tuple:
    """(velocity,): v = 0, so the first velocity is the gradient, as torch's buffer."""
    return (np.zeros(2),)


def sgd_step(w, state, grad, lr, momentum=0.0, clip=None, clip_kind="norm"):
    """torch.optim.SGD with classical momentum μ: v ← μ·v + g; w ← w − lr·v. `clip`: the
    threshold θ of `clip_kind` ("norm" or "value", see CLIPS), applied to g first."""
    (velocity,) = state
    grad = CLIPS[clip_kind](grad, clip)
    velocity = momentum * velocity + grad if momentum else grad
    return w - lr * velocity, (velocity,)


def adam_init() -> tuple:
    """(step, m, v): both moving averages start at 0 (hence the bias corrections)."""
    return 0, np.zeros(2), np.zeros(2)


def adam_step(w, state, grad, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """torch.optim.Adam, in torch's order of operations (bias corrections folded as torch does)."""
    step, m, v = state
    step += 1
    m = beta1 * m + (1 - beta1) * grad  # first moment: a momentum of the gradient
    v = beta2 * v + (1 - beta2) * grad * grad  # second moment: its running size
    bias1, bias2 = 1 - beta1**step, 1 - beta2**step
    denom = np.sqrt(v) / np.sqrt(bias2) + eps
    return w - (lr / bias1) * (m / denom), (step, m, v)


# --- The driver ---------------------------------------------------------------------------------


@dataclass
class Run:
    """A trajectory W (k+1, 2) from w0, with what stopped it (if anything did early)."""

    W: np.ndarray
    grad_norms: list[float] = field(default_factory=list)  # ‖∇ξ‖ at each W[i] used
    diverged_at: int | None = None  # the iteration whose update was not finite
    diverged_grad: float | None = None  # the largest finite ‖∇ξ‖ it met (∞ if none was)


def trajectory(step: Step, state: tuple, grad_fn: GradFn, w0, n_iter: int) -> Run:
    """Apply `step` up to n_iter times from w0; stop before an iterate that is not finite."""
    w = np.asarray(w0, dtype=np.float64).reshape(2)
    path, norms = [w], []
    for i in range(1, int(n_iter) + 1):
        grad = np.asarray(grad_fn(w), dtype=np.float64).reshape(2)
        norms.append(float(np.hypot(*grad)))
        with quiet():  # inf·0, inf − inf: checked below
            w_next, state = step(w, state, grad)
        if not np.all(np.isfinite(w_next)):
            finite = [n for n in norms if np.isfinite(n)]
            largest = norms[-1] if np.isfinite(norms[-1]) else max(finite, default=np.inf)
            return Run(np.array(path), norms, diverged_at=i, diverged_grad=largest)
        w = w_next
        path.append(w)
    return Run(np.array(path), norms)


def rprop_run(grad_fn, w0, n_iter=500, eta_plus=1.2, eta_minus=0.5, delta0=0.001, **clamp) -> Run:
    step = partial(rprop_step, eta_plus=eta_plus, eta_minus=eta_minus, **clamp)
    return trajectory(step, rprop_init(delta0), grad_fn, w0, n_iter)


def sgd_run(grad_fn, w0, lr, n_iter, momentum=0.0, clip=None, clip_kind="norm") -> Run:
    step = partial(sgd_step, lr=lr, momentum=momentum, clip=clip, clip_kind=clip_kind)
    return trajectory(step, sgd_init(), grad_fn, w0, n_iter)


def adam_run(grad_fn, w0, lr=0.001, n_iter=500, beta1=0.9, beta2=0.999, eps=1e-8) -> Run:
    step = partial(adam_step, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    return trajectory(step, adam_init(), grad_fn, w0, n_iter)


def path_losses(X, t, W) -> np.ndarray:
    """ξ at every point of a path W (k+1, 2) in one vectorised pass: (k+1,), inf on overflow.

    The same arithmetic as `linear_rnn.loss`, point by point, so the numbers agree exactly.
    """
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))  # (N, T)
    W = np.asarray(W, dtype=np.float64).reshape(-1, 2)
    w_x, w_rec = W[:, :1], W[:, 1:]  # (P, 1) each
    S = np.zeros((len(W), X.shape[0]))  # (P, N): S_k for every path point and sample
    with quiet():
        for k in range(X.shape[1]):
            S = X[:, k] * w_x + S * w_rec  # S_k = w_x·X_k + w_rec·S_{k-1}
        xi = np.sum((np.asarray(t, dtype=np.float64) - S) ** 2, axis=1) / X.shape[0]
    return no_nan(xi)


# --- The paths, as the API ----------------------------------------------------------------


def rprop(
    grad_fn,
    w0,
    n_iter=500,
    eta_plus=1.2,
    eta_minus=0.5,
    delta0=0.001,
    delta_min=None,
    delta_max=None,
) -> np.ndarray:
    """Tutorial 003's Rprop; W (k+1, 2) starting with w0."""
    clamp = {"delta_min": delta_min, "delta_max": delta_max}
    return rprop_run(grad_fn, w0, n_iter, eta_plus, eta_minus, delta0, **clamp).W


def sgd(grad_fn, w0, lr, n_iter, momentum=0.0, clip=None, clip_kind="norm") -> np.ndarray:
    """Gradient descent (classical momentum as torch.optim.SGD; `clip` = threshold θ of
    `clip_kind`: "norm" or "value")."""
    return sgd_run(grad_fn, w0, lr, n_iter, momentum, clip, clip_kind).W


def adam(grad_fn, w0, lr=0.001, n_iter=500, beta1=0.9, beta2=0.999, eps=1e-8) -> np.ndarray:
    """Adam with torch.optim.Adam's iterates."""
    return adam_run(grad_fn, w0, lr, n_iter, beta1, beta2, eps).W
