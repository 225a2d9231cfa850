"""The 1-unit linear RNN that counts ones (tutorial 003, after Peter Roelants).

    S_k = w_x * X_k + w_rec * S_{k-1},   S_0 = 0,   y = S_n,   ξ = Σ_i (t_i - y_i)² / N

Everything is NumPy float64 and vectorised over samples. Overflow (|w_rec| > 1 over long
sequences) yields ±inf, never NaN, and never lets a RuntimeWarning escape.
"""

from __future__ import annotations

import numpy as np

from explorer.numerics import no_nan, quiet, trend

# The tutorial's six probe points (w_x, w_rec) and their matplotlib colours, plus the optimum.
PROBE_POINTS: tuple[tuple[float, float], ...] = (
    (2.0, 1.0),
    (1.0, 2.0),
    (1.0, -2.0),
    (1.0, 0.0),
    (1.0, 0.5),
    (1.0, -0.5),
)
OPTIMUM: tuple[float, float] = (1.0, 1.0)
# The tutorial's test sequence (five ones): a trained model should answer ≈ 5.
TEST_SEQUENCE: tuple[int, ...] = (0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1)


def counting_data(n_samples: int = 20, seq_len: int = 10, seed: int = 1):
    """Random 0/1 sequences and their counts of ones.

    Returns X (N, T) float64 of 0/1 and t (N,) = X.sum(1). Seed 1 reproduces the tutorial:
    `RandomState(seed)`, each row `round(rand(seq_len))` (row-major, so one draw of (N, T)).
    """
    rng = np.random.RandomState(seed)
    X = np.around(rng.rand(n_samples, seq_len))  # (N, T)
    return X, X.sum(axis=1)


def forward_states(X, w_x: float, w_rec: float) -> np.ndarray:
    """All states S (N, T+1) for inputs X (N, T); S[:, 0] = 0 and y = S[:, -1]."""
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    S = np.zeros((X.shape[0], X.shape[1] + 1))  # (N, T+1)
    with quiet():
        for k in range(X.shape[1]):
            S[:, k + 1] = X[:, k] * w_x + S[:, k] * w_rec  # the recurrence, one step
    return S


def loss(X, t, w_x: float, w_rec: float) -> float:
    """Mean squared error ξ = Σ (t - S_n)² / N; inf on overflow."""
    y = forward_states(X, w_x, w_rec)[:, -1]
    with quiet():
        xi = np.sum((np.asarray(t) - y) ** 2) / len(y)
    return float(no_nan(xi))


def gradients(X, t, w_x: float, w_rec: float):
    """BPTT: (∂ξ/∂w_x, ∂ξ/∂w_rec, grad_over_time) with grad_over_time (N, T+1) = ∂ξ/∂S_k.

    Exactly the tutorial's backward pass, vectorised over samples. On overflow the weight gradients
    are ±inf (inf when the sign is lost to inf - inf); never NaN.
    """
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    S = forward_states(X, w_x, w_rec)
    n_samples, seq_len = X.shape
    grad = np.zeros_like(S)  # (N, T+1)
    with quiet():
        grad[:, -1] = 2.0 * (S[:, -1] - np.asarray(t)) / n_samples  # ∂ξ/∂y
        for k in range(seq_len, 0, -1):
            grad[:, k - 1] = grad[:, k] * w_rec  # w_rec carries the error one step back
        d_wx = np.sum(grad[:, 1:] * X)  # Σ_k ∂ξ/∂S_k · X_k
        d_wrec = np.sum(grad[:, 1:] * S[:, :-1])  # Σ_k ∂ξ/∂S_k · S_{k-1}
    return float(no_nan(d_wx)), float(no_nan(d_wrec)), no_nan(grad)


def _horner(X, w_rec_values) -> tuple[np.ndarray, np.ndarray]:
    """p(w) = Σ_k X_k w^(n-k) and p'(w) for every w: y = w_x · p(w_rec). Shapes (G, N)."""
    w = np.asarray(w_rec_values, dtype=np.float64)[:, None]  # (G, 1)
    p = np.zeros((w.shape[0], X.shape[0]))  # (G, N)
    dp = np.zeros_like(p)
    with quiet():
        for k in range(X.shape[1]):
            dp = dp * w + p  # product rule on p ← p·w + X_k
            p = p * w + X[:, k]
    return p, dp


def _surface_terms(X, t, w_rec_values):
    """Per w_rec: scale m = max|p|, B = Σ t q, C = Σ q² with q = p / m (all finite)."""
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    t = np.asarray(t, dtype=np.float64)
    p, dp = _horner(X, w_rec_values)
    with quiet():
        m = np.max(np.abs(p), axis=1)  # (G,)
        overflow = ~np.isfinite(m) | ~np.all(np.isfinite(p), axis=1)
        safe_m = np.where((m > 0) & ~overflow, m, 1.0)
        q = np.where(overflow[:, None], 0.0, p / safe_m[:, None])  # (G, N), |q| ≤ 1
    B = q @ t
    C = np.sum(q * q, axis=1)
    return X, t, p, dp, m, overflow, B, C


def loss_surface(X, t, w_x_values, w_rec_values) -> np.ndarray:
    """ξ on a grid: Z (len(w_rec_values), len(w_x_values)); inf where it overflows.

    Uses y_i = w_x·p_i(w_rec): with q = p/m and a = w_x·m, completing the square gives
    N·ξ = C·(a - B/C)² + (Σt² - B²/C), so the grid costs O(G·N·T + G²), stays accurate
    near the optimum and turns overflow into +inf instead of inf - inf = NaN.
    """
    X, t, _, _, m, overflow, B, C = _surface_terms(X, t, w_rec_values)
    w_x = np.asarray(w_x_values, dtype=np.float64)
    n = X.shape[0]
    with quiet():
        has_signal = C > 0
        C_safe = np.where(has_signal, C, 1.0)
        a_star = np.where(has_signal, B / C_safe, 0.0)[:, None]  # (G_rec, 1)
        residual = np.maximum(t @ t - np.where(has_signal, B * B / C_safe, 0.0), 0.0) / n
        Z = np.multiply.outer(np.where(overflow, 0.0, m), w_x)  # a = w_x·m, (G_rec, G_x)
        Z -= a_star  # in place from here on: the grid is the only big array
        Z *= Z
        Z *= (C / n)[:, None]
        Z += residual[:, None]
        if overflow.any():  # overflowed p: ξ = inf unless w_x = 0 exactly (then ξ = Σt²/N)
            Z[overflow] = np.where(w_x == 0, (t @ t) / n, np.inf)
    return Z


def gradient_surface(X, t, w_x_values, w_rec_values) -> tuple[np.ndarray, np.ndarray]:
    """(∂ξ/∂w_x, ∂ξ/∂w_rec) on the grid, each (len(w_rec_values), len(w_x_values)).

    ∂ξ/∂w_x = 2/N Σ (w_x p - t) p and ∂ξ/∂w_rec = 2/N Σ (w_x p - t) w_x p'; overflow → ±inf.
    """
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    t = np.asarray(t, dtype=np.float64)
    p, dp = _horner(X, w_rec_values)  # (G, N)
    w_x = np.asarray(w_x_values, dtype=np.float64)[None, :]  # (1, G_x)
    n = X.shape[0]
    with quiet():
        pp, tp = np.sum(p * p, axis=1)[:, None], (p @ t)[:, None]
        pdp, tdp = np.sum(p * dp, axis=1)[:, None], (dp @ t)[:, None]
        d_wx = 2.0 / n * (w_x * pp - tp)
        d_wrec = 2.0 / n * w_x * (w_x * pdp - tdp)
    return no_nan(d_wx), no_nan(d_wrec)


def nested_loop_surface(X, t, w_x_values, w_rec_values) -> np.ndarray:
    """The tutorial's surface: one full forward pass per grid cell (the benchmarks' baseline)."""
    Z = np.zeros((len(w_rec_values), len(w_x_values)))
    for i, w_rec in enumerate(w_rec_values):
        for j, w_x in enumerate(w_x_values):
            Z[i, j] = loss(X, t, w_x, w_rec)
    return Z


def growth_factor(w_rec: float, n_steps: int) -> float:
    """|w_rec|^n: how much the gradient grows (or shrinks) going n steps back; inf on overflow."""
    with quiet():
        return float(np.abs(w_rec) ** n_steps)


def regime(w_rec: float, tol: float = 1e-9) -> str:
    """The gradient regime for this w_rec: explode, vanish, constant, or zero."""
    size = abs(w_rec)
    if size < tol:
        return "zero"
    return {"grows": "explode", "shrinks": "vanish", "steady": "constant"}[trend(size, tol)]


def decay_sweep(X, t, w_x: float, w_rec_values) -> np.ndarray:
    """Σ_i ∂ξ/∂S_k for every w_rec at once: (G, T+1), column k = timestep k (S_0 … S_n).

    The backward pass of `gradients` in closed form: ∂ξ/∂S_k = ∂ξ/∂y · w_rec^(n-k), summed over
    samples. Overflow gives ±inf; an inf·0 (a zero error at the output) is a true 0.
    """
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    t = np.asarray(t, dtype=np.float64)
    w = np.asarray(w_rec_values, dtype=np.float64)[:, None]  # (G, 1)
    p, _ = _horner(X, w[:, 0])  # (G, N)
    n = X.shape[1]
    steps_back = np.arange(n, -1, -1)[None, :]  # n - k for k = 0..n
    with quiet():
        out_grad = 2.0 / X.shape[0] * (w_x * p - t)  # (G, N): ∂ξ/∂y per sample
        g_sum = np.sum(out_grad, axis=1, keepdims=True)  # (G, 1)
        g_sum = no_nan(g_sum)  # +inf and -inf outputs: sign lost
        curve = g_sum * w**steps_back  # (G, T+1)
    return np.where(np.isnan(curve), 0.0, curve)


def predict(sequence, w_x: float, w_rec: float) -> float:
    """The model's count for one sequence: y = S_n."""
    return float(forward_states(np.asarray(sequence, dtype=np.float64)[None, :], w_x, w_rec)[0, -1])


def decay_curves(seq_len: int, w_x: float, probes, sweep_w_rec, n_samples: int = 20, seed: int = 1):
    """The gradient-decay view's data on the tutorial's counting-ones sequences (20, seed 1).

    Returns (steps (T+1,), [Σ∂ξ/∂S_k (T+1,) for each (w_x, w_rec) in `probes`],
    sweep (F, T+1) at `w_x` for every w_rec in `sweep_w_rec`).
    """
    X, t = counting_data(n_samples, seq_len, seed=seed)
    probe_curves = [decay_sweep(X, t, px, [pr])[0] for px, pr in probes]
    return np.arange(seq_len + 1), probe_curves, decay_sweep(X, t, w_x, sweep_w_rec)
