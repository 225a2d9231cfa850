"""The LSTM cell in NumPy, gate by gate (tutorials 000, 002, 004), checked against torch.nn.LSTM.

    i = σ(W_ii x + b_ii + W_hi h + b_hi)
    f = σ(W_if x + b_if + W_hf h + b_hf)
    g = tanh(W_ig x + b_ig + W_hg h + b_hg)
    o = σ(W_io x + b_io + W_ho h + b_ho)
    c = f ⊙ c_prev + i ⊙ g
    h = o ⊙ tanh(c)

`params` is a 1-layer `torch.nn.LSTM` state_dict (tensors or arrays) in torch's gate order
i, f, g, o (see `explorer.cells.cell_params`). Everything is float64. Also: tutorial 002's hand-wired
memory cell, and how much a forget gate keeps.
"""

from __future__ import annotations

import numpy as np

from explorer.cells import cell_params
from explorer.cells.cell_params import PEEPHOLE_KEYS
from explorer.numerics import sigmoid

LSTM_GATES = ("i", "f", "g", "o", "c", "h")
ACTIVATIONS = ("tanh", "identity")

# Tutorial 002 (Hung-yi Lee's memory cell): x1 is the value, x2 = 1 writes, x2 = -1 erases,
# x3 = 1 reads.
HAND_WIRED_INPUTS = ((3, 1, 0), (4, 1, 0), (2, 0, 0), (1, 0, 1), (3, -1, 0), (6, 1, 0), (1, 0, 1))
HAND_WIRED_MEMORY = (3, 7, 7, 7, 0, 6, 6)
HAND_WIRED_OUTPUT = (0, 0, 0, 7, 0, 0, 6)


def _activation(name: str):
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {name!r}")
    return np.tanh if name == "tanh" else (lambda a: a)


def _peep(weight, c: np.ndarray):
    """A peephole term: a diagonal (H,) weight acts per unit, a full (H, H) one mixes units."""
    return weight @ c if np.ndim(weight) == 2 else weight * c


def lstm_forward(x, params, h0=None, c0=None, cell_act="tanh", out_act="tanh") -> dict:
    """Run an LSTM over x (T, D); returns {"i","f","g","o","c","h"}, each (T, H) float64.

    `cell_act` squashes the candidate g, `out_act` the cell in h = o ⊙ out_act(c) ("tanh" as in
    torch, or "identity" for tutorial 002's linear memory cell). Optional peephole weights in `params`
    ("peephole_i", "peephole_f" see c_prev, "peephole_o" sees c_t; (H,) or (H, H)) make it the
    peephole LSTM of tutorial 000.
    """
    w_ih, w_hh, bias, _ = cell_params.weights(params, 4)
    hidden = w_hh.shape[1]
    x = cell_params.inputs(x, w_ih.shape[1])
    act_g, act_c = _activation(cell_act), _activation(out_act)
    peep = {k: cell_params.as_array(params[k]) for k in PEEPHOLE_KEYS if k in params}
    pre_x = x @ w_ih.T + bias  # (T, 4H): the input's share of every gate, all steps at once
    w_hh_t = np.ascontiguousarray(w_hh.T)  # (H, 4H)
    H = hidden
    pre = np.empty((len(x), 4 * H))  # (T, 4H) pre-activations i | f | g | o, as used
    cells = np.empty((len(x), H))  # (T, H)
    h, c = cell_params.state(h0, hidden), cell_params.state(c0, hidden)
    for t in range(len(x)):
        a = pre_x[t] + h @ w_hh_t  # (4H,)
        if peep:
            a[:H] += _peep(peep.get("peephole_i", 0.0), c)
            a[H : 2 * H] += _peep(peep.get("peephole_f", 0.0), c)
        s = sigmoid(a)  # (4H,) the g slot is unused here
        c = s[H : 2 * H] * c + s[:H] * act_g(a[2 * H : 3 * H])  # c = f ⊙ c_prev + i ⊙ g
        if peep:
            a[3 * H :] += _peep(peep.get("peephole_o", 0.0), c)  # o peeks at the new cell
            s[3 * H :] = sigmoid(a[3 * H :])
        h = s[3 * H :] * act_c(c)  # h = o ⊙ act(c): the output gate shows or hides the memory
        pre[t], cells[t] = a, c
    # The loop kept only what the recurrence needs; the same elementwise maps give every gate.
    gates = sigmoid(pre)
    out = {"i": gates[:, :H], "f": gates[:, H : 2 * H], "o": gates[:, 3 * H :]}
    out["g"] = act_g(pre[:, 2 * H : 3 * H])
    out["c"] = cells
    out["h"] = out["o"] * act_c(cells)
    return {name: np.ascontiguousarray(out[name]) for name in LSTM_GATES}


def hand_wired_params(gain: float = 1.0) -> dict:
    """Tutorial 002's memory cell (Hung-yi Lee's lecture) as LSTM params (1 unit, inputs x1, x2, x3).

    Input gate 100·x2 - 10 (closed unless x2 = 1), forget gate 100·x2 + 10 (open unless
    x2 = -1), output gate 100·x3 - 10 (closed unless x3 = 1), candidate g = x1. `gain` scales
    the gate weights and biases: the larger, the closer the gates are to exactly 0 or 1. Use with
    cell_act="identity", out_act="identity".
    """
    w_ih = np.array(
        [
            [0.0, 100.0 * gain, 0.0],  # input gate  i ← x2
            [0.0, 100.0 * gain, 0.0],  # forget gate f ← x2
            [1.0, 0.0, 0.0],  # candidate   g ← x1 (linear)
            [0.0, 0.0, 100.0 * gain],  # output gate o ← x3
        ]
    )
    bias = np.array([-10.0 * gain, 10.0 * gain, 0.0, -10.0 * gain])
    return {
        "weight_ih_l0": w_ih,
        "weight_hh_l0": np.zeros((4, 1)),
        "bias_ih_l0": bias,
        "bias_hh_l0": np.zeros(4),
    }


def forget_stats(f: np.ndarray, threshold: float = 0.95) -> dict:
    """How often a forget-style gate (T, H) is saturated open (> threshold) or shut (< 1 - it)."""
    f = np.asarray(f)
    return {
        "open": float(np.mean(f > threshold)),
        "shut": float(np.mean(f < 1.0 - threshold)),
        "mean": float(np.mean(f)),
    }


def retention(f: np.ndarray) -> np.ndarray:
    """Fraction of c_0 still in the memory after each step, Π f (T, H): the forget gate's
    product along time (what a saturated f ≈ 1 preserves). Underflows to 0, never NaN."""
    with np.errstate(under="ignore"):
        return np.cumprod(np.asarray(f, dtype=np.float64), axis=0)
