"""The Elman RNN of tutorial 000, forward and backward (BPTT), in row-vector convention.

    a_t = x_t W_xh + h_{t-1} W_hh + b_h,   h_t = f(a_t),   y_t = h_t W_hy + b_y

`elman_states` is the recurrence every tanh RNN of the app runs (the gradient-flow experiments,
the continuous-time RNN, the memory task's NumPy layer, the stacked and encoder-decoder networks).
x (T, D), W_xh (D, H), W_hh (H, H), W_hy (H, O). torch.nn.RNN stores the transposes:
W_xh = weight_ih_l0.T, W_hh = weight_hh_l0.T, b_h = bias_ih_l0 + bias_hh_l0.

Also: recurrent matrices with a chosen spectral radius ρ, and the gradient-flow experiment
‖∂L/∂h_k‖ against k (by `elman_bptt`, the same numbers as `explorer.gradients.flow`). NumPy float64;
overflow gives ±inf, never NaN, and no RuntimeWarning escapes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.figures.sweep import Sweep
from explorer.numerics import clip_norm, no_nan, orthogonal, quiet, sigmoid, trend

ACTIVATIONS: tuple[str, ...] = ("tanh", "relu", "identity", "sigmoid")
RHO_SWEEP = np.round(np.linspace(0.0, 2.0, 41), 10)  # the flow chart's frames, one per ρ
FLOW_RHOS = (0.5, 0.9, 1.0, 1.1, 1.5, 2.0)  # the curves always drawn (all in RHO_SWEEP)


def activate(a: np.ndarray, act: str) -> np.ndarray:
    """f(a) for act in ACTIVATIONS."""
    if act == "tanh":
        return np.tanh(a)
    if act == "relu":
        return np.maximum(a, 0.0)
    if act == "identity":
        return np.array(a, dtype=np.float64)
    if act == "sigmoid":
        return sigmoid(a)
    raise ValueError(f"unknown activation {act!r}; use one of {ACTIVATIONS}")


def slope(h: np.ndarray, act: str) -> np.ndarray:
    """f'(a) written with h = f(a), so the forward pass need not keep a."""
    if act == "tanh":
        return 1.0 - h * h  # backprop through tanh
    if act == "relu":
        return (h > 0).astype(np.float64)
    if act == "identity":
        return np.ones_like(h)
    if act == "sigmoid":
        return h * (1.0 - h)
    raise ValueError(f"unknown activation {act!r}; use one of {ACTIVATIONS}")


def elman_states(x, W_xh, W_hh, b_h, h0=None, act: str = "tanh", alpha: float = 1.0):
    """The recurrence, the one tanh-RNN forward every module runs (their torch layout passes
    W_xh = weight_ih_l0.T, W_hh = weight_hh_l0.T, b_h = bias_ih_l0 + bias_hh_l0):

        a_t = x_t W_xh + h_{t-1} W_hh + b_h,   h_t = (1 − α) h_{t-1} + α f(a_t)

    α = 1 is the Elman RNN; α < 1 the continuous-time (leaky) RNN of `explorer.cells.ctrnn`.
    x (T, D) or a batch (B, T, D) (any leading axes). Returns (H, F): H (…, T+1, H) with
    H[…, 0, :] = h0 (zeros by default), F (…, T, H) = f(a_t) (a view of H[…, 1:, :] at α = 1).
    Overflow gives ±inf, never NaN: after a NaN the pass is run again, replacing NaN by +inf."""
    x = np.asarray(x, dtype=np.float64)  # (…, T, D)
    W_hh = np.asarray(W_hh, dtype=np.float64)  # (H, H)
    T, n_hidden, leaky = x.shape[-2], W_hh.shape[0], alpha != 1.0
    H = np.zeros((*x.shape[:-2], T + 1, n_hidden))  # (…, T+1, H)
    if h0 is not None:
        H[..., 0, :] = h0
    F = np.empty(H[..., 1:, :].shape) if leaky else H[..., 1:, :]  # (…, T, H)
    with quiet():
        drive = x @ W_xh + b_h  # (…, T, H): the input part of every a_t at once
        for fix in (_same, no_nan):  # the careful pass only after an overflow made a NaN
            h = H[..., 0, :]  # (…, H)
            for t in range(T):
                f = fix(activate(drive[..., t, :] + h @ W_hh, act))  # the recurrence, one step
                if leaky:
                    F[..., t, :] = f
                    f = fix((1.0 - alpha) * h + alpha * f)  # the leak keeps (1 − α) of h
                H[..., t + 1, :] = h = f
            if not np.isnan(H).any():
                break
    return H, F


def elman_forward(x, W_xh, W_hh, b_h, W_hy, b_y, h0=None, act: str = "tanh"):
    """All states and outputs: H (T+1, H) with H[0] = h0 (zeros by default), Y (T, O)."""
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))  # (T, D)
    H, _ = elman_states(x, W_xh, W_hh, b_h, h0, act)  # (T+1, H)
    with quiet():
        Y = no_nan(H[1:] @ W_hy + b_y)  # (T, O)
    return H, Y


@dataclass(frozen=True)
class Grads:
    """BPTT result. dH (T+1, H): ∂L/∂h_k for k = 0..T (dH[0] = ∂L/∂h0), through every later step.

    dA (T, H) = ∂L/∂a_t; dX (T, D) = ∂L/∂x_t; carried (T, H): carried[t-1] = dA_t W_hhᵀ, the part
    of ∂L/∂h_{t-1} that came back through h_t. Weight gradients have the weights' shapes.
    """

    dH: np.ndarray
    dA: np.ndarray
    dX: np.ndarray
    carried: np.ndarray
    W_xh: np.ndarray
    W_hh: np.ndarray
    b_h: np.ndarray
    W_hy: np.ndarray
    b_y: np.ndarray


def elman_bptt(
    x,
    W_xh,
    W_hh,
    b_h,
    W_hy,
    b_y,
    h0=None,
    act="tanh",
    dY=None,
    dH_out=None,
    clip=None,
    H=None,
    truncate: int | None = None,
) -> Grads:
    """Backpropagation through time for `elman_forward`.

    The loss is defined by its upstream gradients: dY (T, O) = ∂L/∂y_t (for the squared error
    L = ½ Σ_t ‖y_t − target_t‖² pass dY = Y − targets, see `squared_error`) and dH_out (T, H) =
    ∂L/∂h_t arriving from outside this network (an encoder's context, a bidirectional output).
    Missing ones are zero. With `clip` = θ, ∂L/∂h_k is rescaled to norm θ whenever it is larger,
    at every step, as it is carried back (clipping can only shrink a gradient). H: the states
    from `elman_forward` with the same arguments, when the caller already has them.
    truncate = k ≥ 1: truncated BPTT as `bptt_truncated` does it (None or 0: every step back).
    """
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    W_xh, W_hh, W_hy = (np.asarray(w, dtype=np.float64) for w in (W_xh, W_hh, W_hy))
    if H is None:
        H, _ = elman_forward(x, W_xh, W_hh, b_h, W_hy, b_y, h0, act)
    T, n_hidden = x.shape[0], W_hh.shape[0]
    dY = np.zeros((T, W_hy.shape[1])) if dY is None else np.asarray(dY, dtype=np.float64)
    local = np.zeros((T, n_hidden)) if dH_out is None else np.array(dH_out, dtype=np.float64)
    dH = np.zeros((T + 1, n_hidden))  # (T+1, H)
    dA = np.zeros((T, n_hidden))
    carried = np.zeros((T, n_hidden))
    with quiet():
        local = local + dY @ W_hy.T  # ∂L/∂h_t from the output at step t
        dH[T] = clip_norm(local[T - 1], clip) if T else 0.0
        slopes = slope(H[1:], act)  # (T, H): f'(a_t) for every step at once
        for careful in (False, True):  # the careful pass only after an overflow made a NaN
            fix = no_nan if careful else _same
            for t in range(T, 0, -1):
                dA[t - 1] = dH[t] * slopes[t - 1]  # through f
                carried[t - 1] = fix(dA[t - 1] @ W_hh.T)  # one step back through W_hh
                if is_cut(t, truncate):  # h_{t-1} was detached: nothing comes back through it
                    carried[t - 1] = 0.0
                total = carried[t - 1] + (local[t - 2] if t > 1 else 0.0)
                dH[t - 1] = clip_norm(fix(total), clip)
            if not (np.isnan(dH).any() or np.isnan(carried).any()):
                break
        dA = no_nan(dA)
        grads = dict(
            W_xh=x.T @ dA,  # Σ_t x_tᵀ ∂L/∂a_t
            W_hh=H[:-1].T @ dA,  # Σ_t h_{t-1}ᵀ ∂L/∂a_t
            b_h=dA.sum(axis=0),
            W_hy=H[1:].T @ dY,
            b_y=dY.sum(axis=0),
        )
        dX = no_nan(dA @ W_xh.T)
    return Grads(dH=dH, dA=dA, dX=dX, carried=carried, **{k: no_nan(v) for k, v in grads.items()})


def is_cut(t: int, k: int | None) -> bool:
    """Whether truncated BPTT with length k cuts the arrow h_{t-1} → h_t (t = 1..T): torch's
    usual practice detaches the hidden state every k steps (`h = h.detach()` after steps k, 2k,
    …), so the sequence falls into chunks of k steps and no gradient crosses from a chunk into
    the one before it. None or 0: full BPTT, nothing is cut."""
    return bool(k) and t > 1 and (t - 1) % int(k) == 0


def bptt_truncated(x, W_xh, W_hh, b_h, W_hy, b_y, k: int, **kw) -> Grads:
    """Truncated BPTT: `elman_bptt` (same arguments, same result structure) with the hidden
    state detached every k steps (see `is_cut`). The forward pass is unchanged, so W_hy and b_y
    get their full gradients; k ≥ T cuts nothing and equals full BPTT exactly."""
    if int(k) < 1:
        raise ValueError(f"truncation length k must be at least 1, got {k}")
    return elman_bptt(x, W_xh, W_hh, b_h, W_hy, b_y, truncate=int(k), **kw)


def _same(g):
    return g


def squared_error(Y, targets) -> tuple[float, np.ndarray]:
    """L = ½ Σ_t ‖y_t − target_t‖² and its upstream gradient dY = Y − targets (T, O)."""
    with quiet():
        dY = no_nan(np.asarray(Y, dtype=np.float64) - np.asarray(targets, dtype=np.float64))
        loss = 0.5 * np.sum(dY * dY)
    return float(no_nan(loss)), dY


# --- Spectral radius and gradient flow ---------------------------------------------------------


def spectral_radius(W) -> float:
    """ρ(W) = max |eigenvalue|."""
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(W, dtype=np.float64)))))


def recurrent_matrix(n: int, rho: float, init: str = "orthogonal", seed: int = 0) -> np.ndarray:
    """W_hh (n, n) with spectral radius exactly ρ (to rounding), the same base for every ρ.

    "orthogonal": Q of a Gaussian's QR (signs fixed so Q is Haar-uniform): every |eigenvalue| is
    1, so ρ·Q has all of them at ρ. "gaussian": G/√n rescaled by ρ/ρ(G): the eigenvalues fill a
    disc and only the largest sits at ρ.
    """
    rng = np.random.default_rng(seed)
    if init == "orthogonal":
        return rho * orthogonal(rng, n)  # every |λ| of an orthogonal Q is 1
    if init == "gaussian":
        base = rng.standard_normal((n, n)) / np.sqrt(n)
        return base * (rho / spectral_radius(base))
    raise ValueError(f"unknown init {init!r}; use 'orthogonal' or 'gaussian'")


@dataclass(frozen=True)
class Flow:
    """norms (T+1,): ‖∂L/∂h_k‖ for k = 0..T; mean_slope: mean f'(a_t) over all units and steps;
    rms_slope: √mean f'(a_t)², the slope a norm meets (diag(f') shrinks a spread-out vector's
    norm by the root mean square of f', not by its mean)."""

    norms: np.ndarray
    mean_slope: float
    rms_slope: float = float("nan")


def gradient_flow(
    rho: float,
    n_hidden: int,
    n_steps: int,
    init: str = "orthogonal",
    act: str = "tanh",
    seed: int = 0,
    clip: float | None = None,
) -> Flow:
    """‖∂L/∂h_k‖ for a random RNN with ρ(W_hh) = ρ, driven by x_t ~ N(0, 1) (W_xh = I, no bias).

    L = ⟨g, h_T⟩ with a fixed random unit vector g, so ‖∂L/∂h_T‖ = 1 and the curve shows only
    what the way back does to it. Same seed → same W_hh direction, inputs and g for every ρ.
    """
    W_hh = recurrent_matrix(n_hidden, rho, init, seed)
    rng = np.random.default_rng(seed + 1)
    x = rng.standard_normal((n_steps, n_hidden))  # (T, H)
    g = rng.standard_normal(n_hidden)
    g /= np.linalg.norm(g)
    eye, zeros, no_out = np.eye(n_hidden), np.zeros(n_hidden), np.zeros((n_hidden, 0))
    H, _ = elman_forward(x, eye, W_hh, zeros, no_out, np.zeros(0), act=act)  # (T+1, H)
    upstream = np.zeros((n_steps, n_hidden))  # ∂L/∂h_t from outside: only g, at t = T
    upstream[-1] = g
    grads = elman_bptt(
        x, eye, W_hh, zeros, no_out, np.zeros(0), act=act, dH_out=upstream, clip=clip, H=H
    )
    with quiet():
        norms = no_nan(np.linalg.norm(grads.dH, axis=1))  # (T+1,)
    slopes = slope(H[1:], act)
    return Flow(
        norms=norms,
        mean_slope=float(np.mean(slopes)),
        rms_slope=float(np.sqrt(np.mean(slopes**2))),
    )


def flow_sweep(n_hidden: int, n_steps: int, init: str, act: str, clip: float | None):
    """(norms (F, T+1), mean slopes (F,), root-mean-square slopes (F,)) for every ρ in
    RHO_SWEEP (one seed: same directions)."""
    runs = [gradient_flow(r, n_hidden, n_steps, init, act, seed=0, clip=clip) for r in RHO_SWEEP]
    return (
        np.array([f.norms for f in runs]),
        np.array([f.mean_slope for f in runs]),
        np.array([f.rms_slope for f in runs]),
    )


def flow_at(rho: float) -> int:
    """The index in RHO_SWEEP nearest to ρ."""
    return Sweep(RHO_SWEEP).nearest(rho)


def flow_numbers(at: int, norms, slopes, n_steps: int, plain=None, rms=None) -> dict:
    """The flow guide's numbers at RHO_SWEEP[at]: ρ·mean f' (tanh), with `rms` (root-mean-square
    slopes) `estimate` = ρ·√mean f'², what a step back does to a norm; ρ^T (linear), ‖∂L/∂h₀‖,
    its mean factor per step and direction key; with `plain` (unclipped norms), the largest
    norm before and after clipping and the smallest after; the factor and direction are then
    those of the unclipped norms (`g0_free`): clipping rescales, it does not make a gradient
    vanish. Plain floats: the page formats."""
    rho, user = float(RHO_SWEEP[at]), norms[at]
    g0 = float(user[0])
    free = float((user if plain is None else plain[at])[0])  # what the way back does, unclipped
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        power = float(rho ** int(n_steps))
        per = free ** (1.0 / n_steps) if free > 0 else 0.0
    out = dict(
        rho=rho,
        slope=float(slopes[at]),
        effective=rho * float(slopes[at]),
        power=power,
        g0=g0,
        g0_free=free,
        per_step=float(per),
        direction=trend(per) if free > 0 else "none",
    )
    if rms is not None:
        out.update(rms=float(rms[at]), estimate=rho * float(rms[at]))
    if plain is not None:
        out.update(
            before=float(np.max(plain[at])), after=float(np.max(user)), smallest=float(np.min(user))
        )
    return out
