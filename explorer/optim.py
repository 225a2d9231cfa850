"""Optimizers as pure steps `(w, grad, state) -> (w, state)`, and drivers that return trajectories.

Rprop is the seed's variant (003, "弹性优化算法"); SGD (with classical momentum and Pascanu's
gradient-norm clipping) and Adam follow `torch.optim` to the last digit, so tests can compare
iterates. Every driver stops at the last finite point if the next iterate would not be finite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

GradFn = Callable[[np.ndarray], tuple[float, float]]  # w (2,) -> (∂ξ/∂w_x, ∂ξ/∂w_rec)


# --- Steps ------------------------------------------------------------------------------------


def rprop_step(w, grad, prev_sign, delta, eta_plus, eta_minus, delta_min=None, delta_max=None):
    """One Rprop update. Δ grows by η⁺ where the gradient kept its sign, shrinks by η⁻ otherwise
    (the previous sign starts at 0, so the first step halves Δ₀); then w ← w - sign(∇)·Δ."""
    sign = np.sign(grad)
    delta = np.where(sign == prev_sign, delta * eta_plus, delta * eta_minus)
    if delta_min is not None or delta_max is not None:
        delta = np.clip(delta, delta_min, delta_max)
    return w - sign * delta, sign, delta


def clip_by_norm(grad, threshold: float | None):
    """Pascanu et al.: g ← θ·g/‖g‖ when ‖g‖ > θ (an infinite gradient keeps its direction)."""
    if threshold is None:
        return grad
    with np.errstate(invalid="ignore"):
        norm = float(np.hypot(*grad))
        if not np.isfinite(norm):  # inf components: the direction is their signs
            grad = np.where(np.isinf(grad), np.sign(grad), 0.0)
            norm = float(np.hypot(*grad))
    return grad * (threshold / norm) if norm > threshold else grad


def sgd_step(w, grad, velocity, lr, momentum=0.0):
    """torch.optim.SGD: v ← μ·v + g (v = g at the first step), w ← w - lr·v."""
    velocity = grad if velocity is None else momentum * velocity + grad
    step = velocity if momentum else grad
    return w - lr * step, velocity


def adam_step(w, grad, m, v, step, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """torch.optim.Adam, in torch's order of operations (bias corrections folded as torch does)."""
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    bias1, bias2 = 1 - beta1**step, 1 - beta2**step
    denom = np.sqrt(v) / np.sqrt(bias2) + eps
    return w - (lr / bias1) * (m / denom), m, v


# --- Drivers ----------------------------------------------------------------------------------


@dataclass
class Run:
    """A trajectory W (k+1, 2) from w0, with what stopped it (if anything did early)."""

    W: np.ndarray
    grad_norms: list[float] = field(default_factory=list)  # ‖∇ξ‖ at each W[i] used
    diverged_at: int | None = None  # the iteration whose update was not finite
    diverged_grad: float | None = None  # the largest finite ‖∇ξ‖ it met (∞ if none was)


def _drive(grad_fn: GradFn, w0, n_iter: int, update) -> Run:
    """Apply `update(i, w, g) -> w_next` up to n_iter times; stop before a non-finite iterate."""
    w = np.asarray(w0, dtype=np.float64).copy()
    path, norms = [w.copy()], []
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(1, n_iter + 1):
            g = np.asarray(grad_fn(w), dtype=np.float64)
            norms.append(float(np.hypot(*g)))
            w_next = update(i, w, g)
            if not np.all(np.isfinite(w_next)):
                finite = [n for n in norms if np.isfinite(n)]
                largest = norms[-1] if np.isfinite(norms[-1]) else max(finite, default=np.inf)
                return Run(np.array(path), norms, diverged_at=i, diverged_grad=largest)
            w = w_next
            path.append(w.copy())
    return Run(np.array(path), norms)


def rprop_run(grad_fn, w0, n_iter=500, eta_plus=1.2, eta_minus=0.5, delta0=0.001, **clamp) -> Run:
    state = {"sign": np.zeros(2), "delta": np.full(2, float(delta0))}

    def update(_, w, g):
        w_next, state["sign"], state["delta"] = rprop_step(
            w, g, state["sign"], state["delta"], eta_plus, eta_minus, **clamp
        )
        return w_next

    return _drive(grad_fn, w0, n_iter, update)


def sgd_run(grad_fn, w0, lr, n_iter, momentum=0.0, clip=None) -> Run:
    state = {"velocity": None}

    def update(_, w, g):
        w_next, state["velocity"] = sgd_step(
            w, clip_by_norm(g, clip), state["velocity"], lr, momentum
        )
        return w_next

    return _drive(grad_fn, w0, n_iter, update)


def adam_run(grad_fn, w0, lr=0.001, n_iter=500, beta1=0.9, beta2=0.999, eps=1e-8) -> Run:
    state = {"m": np.zeros(2), "v": np.zeros(2)}

    def update(i, w, g):
        w_next, state["m"], state["v"] = adam_step(
            w, g, state["m"], state["v"], i, lr, beta1, beta2, eps
        )
        return w_next

    return _drive(grad_fn, w0, n_iter, update)


def rprop(grad_fn, w0, n_iter=500, eta_plus=1.2, eta_minus=0.5, delta0=0.001, delta_min=None,
          delta_max=None) -> np.ndarray:  # fmt: skip
    """The seed's Rprop; W (k+1, 2) starting with w0."""
    clamp = {"delta_min": delta_min, "delta_max": delta_max}
    return rprop_run(grad_fn, w0, n_iter, eta_plus, eta_minus, delta0, **clamp).W


def sgd(grad_fn, w0, lr, n_iter, momentum=0.0, clip=None) -> np.ndarray:
    """Gradient descent (classical momentum as torch.optim.SGD; `clip` = norm threshold θ)."""
    return sgd_run(grad_fn, w0, lr, n_iter, momentum, clip).W


def adam(grad_fn, w0, lr=0.001, n_iter=500, beta1=0.9, beta2=0.999, eps=1e-8) -> np.ndarray:
    """Adam with torch.optim.Adam's iterates."""
    return adam_run(grad_fn, w0, lr, n_iter, beta1, beta2, eps).W
