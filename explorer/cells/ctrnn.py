"""The continuous-time RNN (CTRNN, tutorial 002 §3.5): a leaky tanh RNN, one Euler step per input.

    τ dh/dt = −h + tanh(W_ih x + b_ih + W_hh h + b_hh)
    h_{t+1} = (1 − α) h_t + α tanh(W_ih x_t + b_ih + W_hh h_t + b_hh),   α = Δt/τ ∈ (0, 1]

At α = 1 it is the Elman RNN (`nn.RNN` with tanh); below 1 each unit keeps 1 − α of its state
and moves only α of the way toward what the input asks, so it forgets slowly: one step back
multiplies the gradient by (1 − α) I + α diag(tanh′) W_hh instead of diag(tanh′) W_hh.
`params` is an `nn.RNN` state_dict (arrays or tensors). NumPy float64; the gradient comes from
the one gradient-flow function every cell shares (`explorer.gradients.flow.state_gradients`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.cells import cell_params, rnn
from explorer.figures.sweep import Sweep
from explorer.numerics import no_nan, quiet

ALPHA_SWEEP = np.round(np.linspace(0.02, 1.0, 50), 10)  # the flow chart's frames: 0.02, 0.04, … 1


def ctrnn_forward(x, params, alpha: float, h0=None) -> np.ndarray:
    """All states H (T+1, H), H[0] = h0 (zeros by default), for x (T, D) and leak rate α."""
    alpha = float(alpha)
    if not 0.0 < alpha <= 1.0:
        raise ValueError(f"alpha must be in (0, 1], got {alpha}")
    w_ih, w_hh = (
        cell_params.as_array(params["weight_ih_l0"]),
        cell_params.as_array(params["weight_hh_l0"]),
    )
    hidden = w_hh.shape[0]
    b = sum(
        cell_params.as_array(params.get(k, np.zeros(hidden))) for k in ("bias_ih_l0", "bias_hh_l0")
    )
    x = cell_params.inputs(x, w_ih.shape[1])  # (T, D)
    w_hh_t = np.ascontiguousarray(w_hh.T)  # (H, H): h @ w_hh_t is W_hh h
    H, _ = rnn.elman_states(x, w_ih.T, w_hh_t, b, cell_params.state(h0, hidden), alpha=alpha)
    return H  # (T+1, H)


def flow_setup(rho: float, n_hidden: int, n_steps: int, init: str = "orthogonal", seed: int = 0):
    """(params, x (T, H), g (H,)): exactly the network, inputs and loss direction of
    `rnn.gradient_flow` (W_xh = I, no bias, ρ(W_hh) = ρ), as an `nn.RNN` state_dict."""
    W_hh = rnn.recurrent_matrix(n_hidden, rho, init, seed)  # row-vector convention: h @ W_hh
    rng = np.random.default_rng(seed + 1)
    x = rng.standard_normal((n_steps, n_hidden))
    g = rng.standard_normal(n_hidden)
    g /= np.linalg.norm(g)
    zeros = np.zeros(n_hidden)
    params = dict(
        weight_ih_l0=np.eye(n_hidden), weight_hh_l0=W_hh.T, bias_ih_l0=zeros, bias_hh_l0=zeros
    )
    return params, x, g


@dataclass(frozen=True)
class LeakFlow:
    """One α: norms (T+1,) ‖∂L/∂h_k‖ (L = g·h_T), states (T+1, H), and how fast the states move,
    change = mean |h_{t+1} − h_t| over units and steps."""

    norms: np.ndarray
    states: np.ndarray
    change: float


def leak_flow(rho: float, n_hidden: int, n_steps: int, init: str, alpha: float, seed: int = 0):
    """The CTRNN's gradient flow at leak α on `rnn.gradient_flow`'s network (a `LeakFlow`)."""
    from explorer.gradients.flow import state_gradients  # the one BPTT every cell goes through

    params, x, g = flow_setup(rho, n_hidden, n_steps, init, seed)
    found = state_gradients("ctrnn", params, x, g=g, alpha=float(alpha))  # its forward pass too
    norms, H = found["h"], found["states"]  # (T+1,), (T+1, H): the states are ctrnn_forward's
    with quiet():
        change = float(np.mean(np.abs(np.diff(H[1:], axis=0)))) if n_steps > 1 else 0.0
    return LeakFlow(norms=no_nan(np.asarray(norms, dtype=np.float64)), states=H, change=change)


def leak_sweep(rho: float, n_hidden: int, n_steps: int, init: str, seed: int = 0):
    """(norms (F, T+1), unit 1's state (F, T+1), changes (F,)) for every α in ALPHA_SWEEP."""
    runs = [leak_flow(rho, n_hidden, n_steps, init, float(a), seed) for a in ALPHA_SWEEP]
    norms = np.array([r.norms for r in runs])
    return norms, np.array([r.states[:, 0] for r in runs]), np.array([r.change for r in runs])


def alpha_at(alpha: float) -> int:
    """The index in ALPHA_SWEEP nearest to α."""
    return Sweep(ALPHA_SWEEP).nearest(alpha)
