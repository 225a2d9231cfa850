"""Numbers offered as CSV downloads, as plain columns (the page writes the file)."""

from __future__ import annotations

import numpy as np

from explorer.cells.ctrnn import ALPHA_SWEEP
from explorer.cells.gru import GRU_GATES
from explorer.cells.lstm import LSTM_GATES
from explorer.cells.rnn import FLOW_RHOS, RHO_SWEEP, flow_at
from explorer.cells.unrolled import Unrolled


def states_table(diagram: Unrolled) -> dict[str, np.ndarray]:
    """The heatmap's numbers as CSV columns, all numeric: t (1, 2, … over every time column,
    decoder steps after the encoder's), then h per unit and ∂L/∂h per unit."""
    names = [label.replace("→", "fwd_").replace("←", "bwd_") for label in diagram.unit_labels]
    columns: dict[str, np.ndarray] = {"t": np.arange(1, diagram.states.shape[1] + 1)}
    for i, name in enumerate(names):
        columns[name] = diagram.states[i]
    for i, name in enumerate(names):
        columns[f"dL_d{name}"] = diagram.grad_states[i]
    return columns


def gates_table(x: np.ndarray, runs: list[tuple[str, dict]], lo: int, hi: int) -> dict:
    """The gate inspector's window lo..hi (0-based, inclusive) as CSV columns: t (1-based), every
    input feature x1…, then every gate of every unit of every (kind, states) run, e.g. lstm_f3."""
    columns: dict[str, np.ndarray] = {"t": np.arange(lo + 1, hi + 2)}
    for d in range(x.shape[1]):
        columns[f"x{d + 1}"] = x[lo : hi + 1, d]
    for kind, states in runs:
        for gate in LSTM_GATES if kind == "lstm" else GRU_GATES:
            for u in range(states[gate].shape[1]):
                columns[f"{kind}_{gate}{u + 1}"] = states[gate][lo : hi + 1, u]
    return columns


def flow_table(norms: np.ndarray, n_steps: int, at: int) -> dict[str, np.ndarray]:
    """The gradient-flow chart's curves as CSV columns: k, then ‖∂L/∂h_k‖ for each fixed ρ and
    for the student's ρ (RHO_SWEEP[at]); norms (F, T+1) over RHO_SWEEP."""
    columns: dict[str, np.ndarray] = {"k": np.arange(n_steps + 1)}
    for r in FLOW_RHOS:
        columns[f"norm_rho_{r:g}"] = norms[flow_at(r)]
    columns[f"norm_rho_{float(RHO_SWEEP[at]):g}_yours"] = norms[at]
    return columns


def leak_table(norms, states, at: int) -> dict:
    """The leak chart as CSV columns: k, the tanh RNN's and the student's ‖∂L/∂h_k‖ and h_k[1]
    (rows of `ctrnn.leak_sweep` over ALPHA_SWEEP; the last is α = 1, the tanh RNN)."""
    alpha = f"{float(ALPHA_SWEEP[at]):g}"
    return {
        "k": np.arange(norms.shape[1]),
        "norm_tanh_rnn": norms[-1],
        f"norm_alpha_{alpha}": norms[at],
        "h1_tanh_rnn": states[-1],
        f"h1_alpha_{alpha}": states[at],
    }
