"""The GRU cell in NumPy, gate by gate (tutorial 000), checked against torch.nn.GRU.

    r = σ(W_ir x + b_ir + W_hr h + b_hr)
    z = σ(W_iz x + b_iz + W_hz h + b_hz)
    n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
    h = (1 - z) ⊙ n + z ⊙ h_prev

`params` is a 1-layer `torch.nn.GRU` state_dict (tensors or arrays) in torch's gate order r, z, n
(see `explorer.cells.cell_params`). Everything is float64. Note torch's convention: z = 1 KEEPS the
old state (tutorial 000 writes the mirror image, h = (1 - z) h_prev + z h̃: a relabelling).

Tutorial 000's GRU also applies the reset gate BEFORE the matrix, n = tanh(W_in x + W_hn (r ⊙ h)
+ b), where torch (and the app) apply it after: r ⊙ (W_hn h + b_hn). That is a different cell:
`gru_forward(..., reset="before")` runs the tutorial's with the same weights (`reset_gap`).
"""

from __future__ import annotations

import numpy as np

from explorer.cells import cell_params
from explorer.numerics import sigmoid

GRU_GATES = ("r", "z", "n", "h")


def gru_forward(x, params, h0=None, reset: str = "inside") -> dict:
    """Run a GRU in torch's convention over x (T, D), or over a batch (B, T, D) at once (h0 then
    (B, H) or None); returns {"r","z","n","h"}, each (T, H) (or (B, T, H)).
    reset="before": tutorial 000's candidate n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)
    instead of torch's tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); z as torch's either way."""
    w_ih, w_hh, _, b_hh = cell_params.weights(params, 3)
    H = w_hh.shape[1]
    x = cell_params.as_array(x)
    x = x if x.ndim == 3 else cell_params.inputs(x, w_ih.shape[1])  # (…, T, D)
    lead, T = x.shape[:-2], x.shape[-2]  # lead: () for one sequence, (B,) for a batch
    b_ih = cell_params.as_array(params.get("bias_ih_l0", np.zeros(3 * H)))
    pre_x = x @ w_ih.T + b_ih  # (…, T, 3H)
    pre_x[..., : 2 * H] += b_hh[: 2 * H]  # r and z add both biases; n keeps b_hn inside r ⊙ (…)
    w_hh_t = np.ascontiguousarray(w_hh.T)  # (H, 3H)
    b_hn = b_hh[2 * H :]
    gates = np.empty((*lead, T, 2 * H))  # (…, T, 2H): r | z
    cand = np.empty((*lead, T, H))  # (…, T, H): n
    states = np.empty((*lead, T, H))  # (…, T, H)
    h = np.zeros((*lead, H)) if h0 is None else cell_params.as_array(h0).reshape(*lead, H)
    for t in range(T):
        a_h = h @ w_hh_t  # (…, 3H) the recurrent share r | z | n
        rz = sigmoid(pre_x[..., t, : 2 * H] + a_h[..., : 2 * H])
        if reset == "before":  # tutorial 000: W_hn (r ⊙ h)
            a_n = pre_x[..., t, 2 * H :] + b_hn + (rz[..., :H] * h) @ w_hh_t[:, 2 * H :]
        else:  # torch: r ⊙ (W_hn h + b_hn), the reset gate scales the past's share
            a_n = pre_x[..., t, 2 * H :] + rz[..., :H] * (a_h[..., 2 * H :] + b_hn)
        n = np.tanh(a_n)
        h = n + rz[..., H:] * (h - n)  # (1 - z) n + z h_prev: z = 1 keeps the old state
        gates[..., t, :], cand[..., t, :], states[..., t, :] = rz, n, h
    return {
        "r": np.ascontiguousarray(gates[..., :H]),
        "z": np.ascontiguousarray(gates[..., H:]),
        "n": cand,
        "h": states,
    }


def reset_gap(x, params) -> float:
    """max |h − h'| over steps and units: the same weights run as torch's GRU (reset gate after
    the matrix) and as tutorial 000's (before it)."""
    inside, before = gru_forward(x, params)["h"], gru_forward(x, params, reset="before")["h"]
    return float(np.max(np.abs(inside - before)))


EXAMPLE_SCALES = (1.0, 2.0)


def example_gaps(steps: int = 200, hidden: int = 8, seed: int = 0) -> dict:
    """`reset_gap` of the gate inspector's random GRU (`cell_params.random_params`, forget bias
    1) at each weight scale of EXAMPLE_SCALES, on `steps` random bits (seed 1): scale → gap."""
    x = np.random.default_rng(1).integers(0, 2, (steps, 1)).astype(np.float64)
    return {
        scale: reset_gap(x, cell_params.random_params("gru", 1, hidden, seed, scale, 1.0))
        for scale in EXAMPLE_SCALES
    }
