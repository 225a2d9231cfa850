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

from explorer import i18n
from explorer.cells import cell_params
from explorer.i18n import number
from explorer.numerics import sigmoid

GRU_GATES = ("r", "z", "n", "h")


def gru_forward(x, params, h0=None, reset: str = "inside") -> dict:
    """Run a GRU over x (T, D) in torch's convention; returns {"r","z","n","h"}, each (T, H).
    reset="before": tutorial 000's candidate n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)
    instead of torch's tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); z as torch's either way."""
    w_ih, w_hh, _, b_hh = cell_params.weights(params, 3)
    hidden = w_hh.shape[1]
    H = hidden
    x = cell_params.inputs(x, w_ih.shape[1])
    b_ih = cell_params.as_array(params.get("bias_ih_l0", np.zeros(3 * H)))
    pre_x = x @ w_ih.T + b_ih  # (T, 3H)
    pre_x[:, : 2 * H] += b_hh[: 2 * H]  # r and z add both biases; n keeps b_hn inside r ⊙ (…)
    w_hh_t = np.ascontiguousarray(w_hh.T)  # (H, 3H)
    b_hn = b_hh[2 * H :]
    pre_rz = np.empty((len(x), 2 * H))  # (T, 2H) pre-activations r | z
    pre_n = np.empty((len(x), H))  # (T, H)
    states = np.empty((len(x), H))  # (T, H)
    h = cell_params.state(h0, hidden)
    for t in range(len(x)):
        a_h = h @ w_hh_t  # (3H,) the recurrent share r | z | n
        a_rz = pre_x[t, : 2 * H] + a_h[: 2 * H]
        rz = sigmoid(a_rz)
        if reset == "before":  # tutorial 000: W_hn (r ⊙ h)
            a_n = pre_x[t, 2 * H :] + b_hn + (rz[:H] * h) @ w_hh_t[:, 2 * H :]
        else:  # torch: r ⊙ (W_hn h + b_hn), the reset gate scales the past's share
            a_n = pre_x[t, 2 * H :] + rz[:H] * (a_h[2 * H :] + b_hn)
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


EQUATIONS = (
    r"\begin{aligned} r_t &= \sigma(W_{ir}x_t + W_{hr}h_{t-1} + b_r) &"
    r" z_t &= \sigma(W_{iz}x_t + W_{hz}h_{t-1} + b_z)\\"
    r" n_t &= \tanh(W_{in}x_t + r_t \odot (W_{hn}h_{t-1} + b_{hn})) &"
    r" h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}\end{aligned}"
)  # LaTeX, as the page shows them


# LaTeX: torch's GRU, then tutorial 000's candidate (its reset gate before the matrix)
EQUATIONS_WITH_TUTORIAL = EQUATIONS.replace(
    r"\end{aligned}",
    r"\\ \text{tutorial 000: } n_t &= \tanh(W_{in}x_t + W_{hn}(r_t \odot h_{t-1}) + b_n)"
    r"\end{aligned}",
)


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


def variant_note(lang: str) -> str:
    """The note under the GRU equations: the app computes torch's GRU; how tutorial 000's differs,
    with the gaps of `example_gaps` (computed)."""
    gaps = example_gaps()
    shown = {f"gap{i + 1}": number(gap, 2) for i, gap in enumerate(gaps.values())}
    scales = {f"scale{i + 1}": f"{scale:g}" for i, scale in enumerate(gaps)}
    return i18n.t("gt.equations.gru_note", lang, **shown, **scales)


def guide_values(states: dict, lo: int, hi: int, unit: int, step: int) -> dict:
    """The numbers the reading guide quotes ("gt.guide.gru"): one unit's gates at `step`, and how
    often its update gate holds the state over the window lo..hi (0-based, inclusive)."""
    at = {k: float(v[step, unit]) for k, v in states.items()}
    held = float(np.mean(states["z"][lo : hi + 1, unit] > 0.95))  # as lstm.forget_stats "open"
    return {
        "unit": unit + 1,
        "step": step + 1,
        "z": number(at["z"], 4),
        "z_pct": f"{100 * at['z']:.1f}",
        "h_prev": number(float(states["h"][step - 1, unit]) if step > 0 else 0.0, 4),
        "n_value": number(at["n"], 4),
        "r": number(at["r"], 4),
        "h": number(at["h"], 4),
        "open": f"{100 * held:.1f}",
    }
