"""Numbers offered as CSV downloads, as plain columns (the page writes the file)."""

from __future__ import annotations

import numpy as np

from explorer.rnn import FLOW_RHOS, RHO_SWEEP, flow_at
from explorer.unrolled import Unrolled


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


def flow_table(norms: np.ndarray, n_steps: int, at: int) -> dict[str, np.ndarray]:
    """The gradient-flow chart's curves as CSV columns: k, then ‖∂L/∂h_k‖ for each fixed ρ and
    for the student's ρ (RHO_SWEEP[at]); norms (F, T+1) over RHO_SWEEP."""
    columns: dict[str, np.ndarray] = {"k": np.arange(n_steps + 1)}
    for r in FLOW_RHOS:
        columns[f"norm_rho_{r:g}"] = norms[flow_at(r)]
    columns[f"norm_rho_{float(RHO_SWEEP[at]):g}_yours"] = norms[at]
    return columns
