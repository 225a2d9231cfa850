"""Gradient checking for the linear RNN: BPTT vs central differences (vs torch, if asked)."""

from __future__ import annotations

import numpy as np

from explorer.cells import linear_rnn
from explorer.numerics import quiet

# Central-difference stencils: offsets (in steps of h) and weights, f' ≈ Σ w·f(x + o·h) / h.
_STENCILS = {
    2: ((-1, 1), (-0.5, 0.5)),  # the tutorial's (ξ(w+ε) - ξ(w-ε)) / 2ε, error O(h²)
    4: ((-2, -1, 1, 2), (1 / 12, -8 / 12, 8 / 12, -1 / 12)),  # error O(h⁴)
}


def central_difference(
    X, t, w_x: float, w_rec: float, eps: float = 1e-5, order: int = 4
) -> tuple[float, float]:
    """(∂ξ/∂w_x, ∂ξ/∂w_rec) by central differences with step ε·max(1, |w|).

    order=2 is the tutorial's two-point formula; order=4 (default) cancels the h² error term, which
    matters for long sequences where ξ is a polynomial of degree 2n in w_rec.
    """
    offsets, weights = _STENCILS[order]
    grads = []
    for axis in range(2):
        h = eps * max(1.0, abs((w_x, w_rec)[axis]))
        total = 0.0
        for offset, weight in zip(offsets, weights, strict=True):
            w = np.array([w_x, w_rec], dtype=np.float64)
            w[axis] += offset * h
            total += weight * linear_rnn.loss(X, t, *w)
        with quiet():
            grads.append(float(total / h))
    return grads[0], grads[1]


def relative_error(a: float, b: float) -> float:
    """|a - b| / max(|a|, |b|, tiny): 0 for equal values, inf when one is not finite."""
    if not (np.isfinite(a) and np.isfinite(b)):
        return 0.0 if a == b else float("inf")
    scale = max(abs(a), abs(b), 1e-300)
    return abs(a - b) / scale
