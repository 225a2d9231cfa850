"""Gradient checking for the linear RNN: BPTT vs central differences (vs torch, if asked)."""

from __future__ import annotations

import numpy as np

from explorer import linear_rnn


def central_difference(X, t, w_x: float, w_rec: float, eps: float = 1e-6) -> tuple[float, float]:
    """(∂ξ/∂w_x, ∂ξ/∂w_rec) by (ξ(w+ε) - ξ(w-ε)) / 2ε, with ε scaled to |w|."""
    grads = []
    for axis in range(2):
        w = np.array([w_x, w_rec], dtype=np.float64)
        h = eps * max(1.0, abs(w[axis]))
        w[axis] += h
        plus = linear_rnn.loss(X, t, *w)
        w[axis] -= 2 * h
        minus = linear_rnn.loss(X, t, *w)
        with np.errstate(invalid="ignore", over="ignore"):
            grads.append(float((plus - minus) / (2 * h)))
    return grads[0], grads[1]


def relative_error(a: float, b: float) -> float:
    """|a - b| / max(|a|, |b|, tiny): 0 for equal values, inf when one is not finite."""
    if not (np.isfinite(a) and np.isfinite(b)):
        return 0.0 if a == b else float("inf")
    scale = max(abs(a), abs(b), 1e-300)
    return abs(a - b) / scale
