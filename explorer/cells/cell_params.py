"""LSTM and GRU parameters in torch's layout: read them (with shape checks), draw random ones.

`params` is a 1-layer `torch.nn.LSTM` / `nn.GRU` state_dict (tensors or arrays) in torch's gate
order (LSTM: i, f, g, o; GRU: r, z, n). Everything is float64; torch is never imported here.
The cells themselves are in `explorer.cells.lstm` and `explorer.cells.gru`.
"""

from __future__ import annotations

import numpy as np

from explorer.numerics import orthogonal

SIGMOID_GATES = frozenset("ifozr")  # values in (0, 1); the rest are signed
PEEPHOLE_KEYS = ("peephole_i", "peephole_f", "peephole_o")


def as_array(value) -> np.ndarray:
    """A torch tensor or array-like → float64 NumPy array (torch is never imported here)."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=np.float64)


def weights(params, n_gates: int):
    """(W_ih (G·H, D), W_hh (G·H, H), b (G·H,) = b_ih + b_hh, b_hh (G·H,)) with shape checks."""
    w_ih, w_hh = as_array(params["weight_ih_l0"]), as_array(params["weight_hh_l0"])
    hidden = w_hh.shape[1]
    rows = n_gates * hidden
    b_ih = as_array(params.get("bias_ih_l0", np.zeros(rows)))
    b_hh = as_array(params.get("bias_hh_l0", np.zeros(rows)))
    if w_ih.ndim != 2 or w_hh.shape != (rows, hidden) or w_ih.shape[0] != rows:
        raise ValueError(f"weights do not fit a {n_gates}-gate cell: {w_ih.shape}, {w_hh.shape}")
    if b_ih.shape != (rows,) or b_hh.shape != (rows,):
        raise ValueError(f"biases must have shape ({rows},)")
    return w_ih, w_hh, b_ih + b_hh, b_hh


def inputs(x, n_inputs: int) -> np.ndarray:
    """x as (T, D) float64; a 1-D sequence is one input per step."""
    x = as_array(x)
    x = x[:, None] if x.ndim == 1 else x  # (T, D)
    if x.ndim != 2 or x.shape[1] != n_inputs:
        raise ValueError(f"inputs must have shape (T, {n_inputs}), got {x.shape}")
    return x


def state(value, hidden: int) -> np.ndarray:
    """An initial state (H,): zeros when none is given."""
    return np.zeros(hidden) if value is None else as_array(value).reshape(hidden)


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
    block is orthogonal × scale (tutorial 000 §6.1 makes the input blocks orthogonal too, see
    `tutorial_init`). `forget_bias` goes to the gate that keeps memory:
    the LSTM forget gate f, or the GRU update gate z (z = 1 keeps the state in torch's GRU).
    Peephole weights (LSTM only) are diagonal, ~ U(-scale, scale).
    """
    if kind not in ("lstm", "gru"):
        raise ValueError(f"kind must be 'lstm' or 'gru', got {kind!r}")
    rng = np.random.default_rng(seed)
    n_gates = 4 if kind == "lstm" else 3
    rows = n_gates * hidden
    bound = scale / np.sqrt(hidden)
    params = {
        "weight_ih_l0": rng.uniform(-bound, bound, (rows, n_inputs)),
        "weight_hh_l0": np.concatenate([orthogonal(rng, hidden) * scale for _ in range(n_gates)]),
        "bias_ih_l0": np.zeros(rows),
        "bias_hh_l0": np.zeros(rows),
    }
    params["bias_ih_l0"][hidden : 2 * hidden] = forget_bias  # f (LSTM) or z (GRU)
    if peephole and kind == "lstm":
        for key in PEEPHOLE_KEYS:
            params[key] = rng.uniform(-scale, scale, hidden)
    return params


GATE_COUNT = {"rnn": 1, "lstm": 4, "gru": 3}


def tutorial_orthogonal(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Tutorial 000 §6.1's `orthogonal(shape)`: the SVD of a Gaussian of `shape`, returning its
    factor that has `shape` (`u if u.shape == shape else v`). The tutorial calls np.linalg.svd
    with full matrices, whose factors are (m, m) and (n, n): for a non-square shape neither has
    the shape asked for and it returns v, (n, n) (asked for (3, 5) it gives (5, 5), and its
    np.dot(x, W_xi) then fails unless input = hidden). Here the thin SVD, whose factor has the
    shape asked for: orthonormal rows (m ≤ n) or columns (m ≥ n); square: orthogonal."""
    u, _, vh = np.linalg.svd(rng.standard_normal(shape), full_matrices=False)
    return u if u.shape == tuple(shape) else vh


def tutorial_init(kind: str, n_inputs: int, hidden: int, rng, forget_bias: float = 1.0) -> dict:
    """Tutorial 000 §6.1's initialisation in torch's layout ("rnn", "lstm" or "gru"): every
    W_x (D, H) and W_h (H, H) of every gate `tutorial_orthogonal` (torch stores their transposes,
    one block per gate), every bias 0 except the gate that keeps memory, `forget_bias` (the
    tutorial's +1.0 on the LSTM's f; the app puts it on the GRU's z the same way)."""
    blocks = range(GATE_COUNT[kind])
    params = {
        "weight_ih_l0": np.concatenate(
            [tutorial_orthogonal(rng, (n_inputs, hidden)).T for _ in blocks]
        ),
        "weight_hh_l0": np.concatenate(
            [tutorial_orthogonal(rng, (hidden, hidden)).T for _ in blocks]
        ),
        "bias_ih_l0": np.zeros(len(blocks) * hidden),
        "bias_hh_l0": np.zeros(len(blocks) * hidden),
    }
    if kind != "rnn":
        params["bias_ih_l0"][hidden : 2 * hidden] = forget_bias  # f (LSTM) or z (GRU)
    return params


def gate_kind(params) -> str:
    """'lstm' or 'gru' from the shape of weight_hh_l0 (4H × H or 3H × H)."""
    rows, hidden = np.shape(params["weight_hh_l0"])
    return {4: "lstm", 3: "gru"}.get(rows // max(hidden, 1) if rows % max(hidden, 1) == 0 else 0)
