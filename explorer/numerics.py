"""Small numerical helpers the models share: one definition each.

Overflow is expected in this app (|w_rec| > 1 over long sequences, ρ > 1 in the gradient-flow
experiment), not exceptional: `quiet()` silences it locally, never globally, and `no_nan` turns
what an overflow leaves behind (inf - inf, 0·inf) into +inf: 'overflowed', never NaN.
"""

from __future__ import annotations

import numpy as np

STEADY_TOL = 1e-9  # a factor within 1 ± this neither grows nor shrinks


def quiet():
    """A context that lets overflow, 0/0 and x/0 pass silently (the caller checks the result)."""
    return np.errstate(over="ignore", invalid="ignore", divide="ignore")


def no_nan(values) -> np.ndarray:
    """NaN (from inf - inf or 0·inf after an overflow) becomes +inf: 'overflowed', never NaN."""
    values = np.asarray(values, dtype=np.float64)
    return np.where(np.isnan(values), np.inf, values)


def sigmoid(a: np.ndarray) -> np.ndarray:
    """σ(a) = 1 / (1 + e^-a) without overflow: exp(-log(1 + e^-a)) keeps tiny values exact."""
    return np.exp(-np.logaddexp(0.0, -a))


def orthogonal(rng: np.random.Generator, size: int) -> np.ndarray:
    """A random orthogonal (size, size) matrix (the tutorial's init, tutorial 000): Q of a
    Gaussian's QR with its signs fixed, so it is unique and Haar-uniform; every |λ| is 1."""
    q, r = np.linalg.qr(rng.standard_normal((size, size)))
    return q * np.sign(np.diag(r))


def trend(factor: float, tol: float = STEADY_TOL) -> str:
    """What repeating a per-step factor does to a size: 'grows' (also when it overflowed to inf
    or NaN), 'shrinks', or 'steady' within 1 ± tol."""
    if not np.isfinite(factor) or factor > 1.0 + tol:
        return "grows"
    return "shrinks" if factor < 1.0 - tol else "steady"
