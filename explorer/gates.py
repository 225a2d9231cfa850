"""LSTM and GRU cells in NumPy, gate by gate (seeds 000, 002, 004), checked against torch.

    i = σ(W_ii x + b_ii + W_hi h + b_hi)        r = σ(W_ir x + b_ir + W_hr h + b_hr)
    f = σ(W_if x + b_if + W_hf h + b_hf)        z = σ(W_iz x + b_iz + W_hz h + b_hz)
    g = tanh(W_ig x + b_ig + W_hg h + b_hg)     n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
    o = σ(W_io x + b_io + W_ho h + b_ho)        h = (1 - z) ⊙ n + z ⊙ h_prev
    c = f ⊙ c_prev + i ⊙ g
    h = o ⊙ tanh(c)

`params` is a 1-layer `torch.nn.LSTM` / `nn.GRU` state_dict (tensors or arrays) in torch's gate
order (LSTM: i, f, g, o; GRU: r, z, n). Everything is float64. Note torch's GRU convention: z = 1
KEEPS the old state (seed 000 writes the mirror image, h = (1 - z) h_prev + z h̃).
"""

from __future__ import annotations

import numpy as np

LSTM_GATES = ("i", "f", "g", "o", "c", "h")
GRU_GATES = ("r", "z", "n", "h")
SIGMOID_GATES = frozenset("ifozr")  # values in (0, 1); the rest are signed
PEEPHOLE_KEYS = ("peephole_i", "peephole_f", "peephole_o")
ACTIVATIONS = ("tanh", "identity")

# Seed 002 (Hung-yi Lee's memory cell): x1 is the value, x2 = 1 writes, x2 = -1 erases, x3 = 1 reads.
HAND_WIRED_INPUTS = ((3, 1, 0), (4, 1, 0), (2, 0, 0), (1, 0, 1), (3, -1, 0), (6, 1, 0), (1, 0, 1))
HAND_WIRED_MEMORY = (3, 7, 7, 7, 0, 6, 6)
HAND_WIRED_OUTPUT = (0, 0, 0, 7, 0, 0, 6)


def _array(value) -> np.ndarray:
    """A torch tensor or array-like → float64 NumPy array (torch is never imported here)."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=np.float64)


def sigmoid(a: np.ndarray) -> np.ndarray:
    """σ(a) = 1 / (1 + e^-a) without overflow: exp(-log(1 + e^-a)) keeps tiny values exact."""
    return np.exp(-np.logaddexp(0.0, -a))


def _activation(name: str):
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {name!r}")
    return np.tanh if name == "tanh" else (lambda a: a)


def _weights(params, n_gates: int):
    """(W_ih (G·H, D), W_hh (G·H, H), b (G·H,) = b_ih + b_hh, b_hh (G·H,)) with shape checks."""
    w_ih, w_hh = _array(params["weight_ih_l0"]), _array(params["weight_hh_l0"])
    hidden = w_hh.shape[1]
    rows = n_gates * hidden
    b_ih = _array(params.get("bias_ih_l0", np.zeros(rows)))
    b_hh = _array(params.get("bias_hh_l0", np.zeros(rows)))
    if w_ih.ndim != 2 or w_hh.shape != (rows, hidden) or w_ih.shape[0] != rows:
        raise ValueError(f"weights do not fit a {n_gates}-gate cell: {w_ih.shape}, {w_hh.shape}")
    if b_ih.shape != (rows,) or b_hh.shape != (rows,):
        raise ValueError(f"biases must have shape ({rows},)")
    return w_ih, w_hh, b_ih + b_hh, b_hh


def _inputs(x, n_inputs: int) -> np.ndarray:
    x = _array(x)
    x = x[:, None] if x.ndim == 1 else x  # (T, D)
    if x.ndim != 2 or x.shape[1] != n_inputs:
        raise ValueError(f"inputs must have shape (T, {n_inputs}), got {x.shape}")
    return x


def _state(value, hidden: int) -> np.ndarray:
    return np.zeros(hidden) if value is None else _array(value).reshape(hidden)


def _peep(weight, c: np.ndarray):
    """A peephole term: a diagonal (H,) weight acts per unit, a full (H, H) one mixes units."""
    return weight @ c if np.ndim(weight) == 2 else weight * c


def lstm_forward(x, params, h0=None, c0=None, cell_act="tanh", out_act="tanh") -> dict:
    """Run an LSTM over x (T, D); returns {"i","f","g","o","c","h"}, each (T, H) float64.

    `cell_act` squashes the candidate g, `out_act` the cell in h = o ⊙ out_act(c) ("tanh" as in
    torch, or "identity" for seed 002's linear memory cell). Optional peephole weights in `params`
    ("peephole_i", "peephole_f" see c_prev, "peephole_o" sees c_t; (H,) or (H, H)) make it the
    peephole LSTM of seed 000.
    """
    w_ih, w_hh, bias, _ = _weights(params, 4)
    hidden = w_hh.shape[1]
    x = _inputs(x, w_ih.shape[1])
    act_g, act_c = _activation(cell_act), _activation(out_act)
    peep = {k: _array(params[k]) for k in PEEPHOLE_KEYS if k in params}
    pre_x = x @ w_ih.T + bias  # (T, 4H): the input's share of every gate, all steps at once
    w_hh_t = np.ascontiguousarray(w_hh.T)  # (H, 4H)
    H = hidden
    pre = np.empty((len(x), 4 * H))  # (T, 4H) pre-activations i | f | g | o, as used
    cells = np.empty((len(x), H))  # (T, H)
    h, c = _state(h0, hidden), _state(c0, hidden)
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


def gru_forward(x, params, h0=None) -> dict:
    """Run a GRU over x (T, D) in torch's convention; returns {"r","z","n","h"}, each (T, H)."""
    w_ih, w_hh, _, b_hh = _weights(params, 3)
    hidden = w_hh.shape[1]
    H = hidden
    x = _inputs(x, w_ih.shape[1])
    b_ih = _array(params.get("bias_ih_l0", np.zeros(3 * H)))
    pre_x = x @ w_ih.T + b_ih  # (T, 3H)
    pre_x[:, : 2 * H] += b_hh[: 2 * H]  # r and z add both biases; n keeps b_hn inside r ⊙ (…)
    w_hh_t = np.ascontiguousarray(w_hh.T)  # (H, 3H)
    b_hn = b_hh[2 * H :]
    pre_rz = np.empty((len(x), 2 * H))  # (T, 2H) pre-activations r | z
    pre_n = np.empty((len(x), H))  # (T, H)
    states = np.empty((len(x), H))  # (T, H)
    h = _state(h0, hidden)
    for t in range(len(x)):
        a_h = h @ w_hh_t  # (3H,) the recurrent share r | z | n
        a_rz = pre_x[t, : 2 * H] + a_h[: 2 * H]
        rz = sigmoid(a_rz)
        a_n = pre_x[t, 2 * H :] + rz[:H] * (a_h[2 * H :] + b_hn)  # the reset gate scales the past
        n = np.tanh(a_n)
        h = n + rz[H:] * (h - n)  # (1 - z) n + z h_prev: z = 1 keeps the old state
        pre_rz[t], pre_n[t], states[t] = a_rz, a_n, h
    rz = sigmoid(pre_rz)
    return {
        "r": np.ascontiguousarray(rz[:, :H]),
        "z": np.ascontiguousarray(rz[:, H:]),
        "n": np.tanh(pre_n),
        "h": states,
    }


def hand_wired_params(gain: float = 1.0) -> dict:
    """Seed 002's memory cell as LSTM params (1 unit, inputs x1, x2, x3).

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


def _orthogonal(rng: np.random.Generator, size: int) -> np.ndarray:
    """A random orthogonal (size, size) matrix (seed 000's init), sign-fixed so it is unique."""
    q, r = np.linalg.qr(rng.standard_normal((size, size)))
    return q * np.sign(np.diag(r))


def random_params(
    kind: str,
    n_inputs: int,
    hidden: int,
    seed: int = 0,
    scale: float = 1.0,
    forget_bias: float = 1.0,
    peephole: bool = False,
) -> dict:
    """Random LSTM ("lstm") or GRU ("gru") params in torch's layout.

    Input weights ~ U(-scale/√H, scale/√H) (torch's default at scale 1); each gate's recurrent
    block is orthogonal × scale (seed 000). `forget_bias` goes to the gate that keeps memory: the
    LSTM forget gate f, or the GRU update gate z (z = 1 keeps the state in torch's GRU). Peephole
    weights (LSTM only) are diagonal, ~ U(-scale, scale).
    """
    if kind not in ("lstm", "gru"):
        raise ValueError(f"kind must be 'lstm' or 'gru', got {kind!r}")
    rng = np.random.default_rng(seed)
    n_gates = 4 if kind == "lstm" else 3
    rows = n_gates * hidden
    bound = scale / np.sqrt(hidden)
    params = {
        "weight_ih_l0": rng.uniform(-bound, bound, (rows, n_inputs)),
        "weight_hh_l0": np.concatenate([_orthogonal(rng, hidden) * scale for _ in range(n_gates)]),
        "bias_ih_l0": np.zeros(rows),
        "bias_hh_l0": np.zeros(rows),
    }
    params["bias_ih_l0"][hidden : 2 * hidden] = forget_bias  # f (LSTM) or z (GRU)
    if peephole and kind == "lstm":
        for key in PEEPHOLE_KEYS:
            params[key] = rng.uniform(-scale, scale, hidden)
    return params


def gate_kind(params) -> str:
    """'lstm' or 'gru' from the shape of weight_hh_l0 (4H × H or 3H × H)."""
    rows, hidden = np.shape(params["weight_hh_l0"])
    return {4: "lstm", 3: "gru"}.get(rows // max(hidden, 1) if rows % max(hidden, 1) == 0 else 0)


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
