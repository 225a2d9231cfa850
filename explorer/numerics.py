"""Small numerical helpers the models share: one definition each.

Overflow is expected in this app (|w_rec| > 1 over long sequences, ρ > 1 in the gradient-flow
experiment), not exceptional: `quiet()` silences it locally, never globally, and `no_nan` turns
what an overflow leaves behind (inf - inf, 0·inf) into +inf: 'overflowed', never NaN.
The last section maps values to what a chart can draw (symlog, log colours).
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


def clip_norm(g: np.ndarray, clip: float | None) -> np.ndarray:
    """g rescaled to norm θ = clip when it is longer (gradient clipping by norm; None: g as is).
    An overflowed g keeps the direction of its infinite entries and gets norm θ."""
    if clip is None:
        return g
    with quiet():
        norm = float(np.linalg.norm(g))
    if not np.isfinite(norm):  # an overflowed gradient: keep its direction, give it norm θ
        g = np.where(np.isinf(g), np.sign(g), 0.0)
        norm = float(np.linalg.norm(g))
    return g * (clip / norm) if norm > clip else g


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


def versus(measured: float, estimate: float, close: float = 0.1) -> str:
    """How a measured factor compares with its estimate: 'close' (within ±`close`, relative),
    'below', 'above', or 'none' when either is not a positive finite number."""
    if not (np.isfinite(measured) and np.isfinite(estimate)) or measured <= 0 or estimate <= 0:
        return "none"
    gap = float(np.log(measured / estimate))
    return "close" if abs(gap) <= np.log1p(close) else "below" if gap < 0 else "above"


# --- Scales for charts ---------------------------------------------------------------------------
# Values mapped to what a chart can draw: a symmetric log (Plotly has no symlog axis) and a log
# colour scale capped at both ends, each with its tick positions and labels.

FLOAT_MAX_LOG = float(np.log10(np.finfo(np.float64).max))  # 308.25…: where ±inf is drawn


def symlog(values, inf_at: float = FLOAT_MAX_LOG) -> np.ndarray:
    """sign(v)·log10(1 + |v|): linear near 0, logarithmic beyond ±1; ±inf → ±inf_at."""
    values = np.asarray(values, dtype=np.float64)
    with quiet():
        out = np.sign(values) * np.log10(1.0 + np.abs(values))
    return np.where(np.isinf(values), np.sign(values) * inf_at, out)


def symlog_ticks(limit: float) -> tuple[list[float], list[str]]:
    """Tick positions and labels for a symlog axis reaching ±limit (in symlog units)."""
    top = max(int(np.ceil(limit)), 1)
    step = max(2, int(np.ceil(top / 5 / 2)) * 2)  # even powers, at most ~11 ticks
    exps = list(range(step, top + step, step))
    vals = [0.0] + [float(e) for e in exps] + [-float(e) for e in exps]
    text = ["0"] + [f"1e{e}" for e in exps] + [f"-1e{e}" for e in exps]
    return vals, text


def log_colour(values: np.ndarray, floor: float = 1e-3, cap: float = 1e8):
    """log10 of a non-negative array, clipped to [log10 floor, log10 cap] (inf → the cap).

    Returns (z float32, is_capped bool array): the colour value and where it hit the cap, so a
    figure can label the capped/overflow region instead of showing NaN.
    """
    values = np.asarray(values, dtype=np.float64)
    capped = ~np.isfinite(values) | (values >= cap)
    with quiet():
        z = np.log10(np.clip(np.nan_to_num(values, nan=np.inf, posinf=cap), floor, cap))
    return z.astype(np.float32), capped


def log_ticks(floor: float = 1e-3, cap: float = 1e8, capped_label: str = "≥"):
    """Colour-bar ticks at every power of ten between floor and cap; the top one is '≥ cap'."""
    exps = np.arange(int(np.floor(np.log10(floor))), int(np.ceil(np.log10(cap))) + 1)
    text = [f"1e{e}" if e != 0 else "1" for e in exps]
    text[-1] = f"{capped_label} 1e{exps[-1]}"
    return exps.astype(float).tolist(), text
