"""The cells the gate inspector shows, each named by a small hashable recipe (a cache key, and
all a download needs to find the cell again):

    ("hand", gain)                  tutorial 002's hand-wired memory cell: a linear LSTM
    ("random", kind, inputs, hidden, seed, scale, forget_bias, peephole[, layers])
    ("file", digest)                an uploaded weights .npz; `payload` is its bytes
    ("trained", digest, kind, hidden, epochs, seed)
                                    trained on the sequence `digest`; `payload` is the result
                                    of `train.train_next_step`
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from explorer import numerics
from explorer.cells import cell_params, gru, lstm, stacked
from explorer.errors import InputError
from explorer.inputs import weights
from explorer.training import next_step as train


@dataclass(frozen=True)
class Cell:
    kind: str = "lstm"  # "lstm" | "gru"
    params: dict | None = None  # torch's layout (+ the read-out of a trained one)
    linear: bool = False  # identity activations (the hand-wired cell)
    gain: float | None = None  # the hand-wired cell's gate sharpness
    error: InputError | None = None  # why an uploaded file cannot be used

    @property
    def inputs(self) -> int:
        return self.params["weight_ih_l0"].shape[1]

    @property
    def hidden(self) -> int:
        return self.params["weight_hh_l0"].shape[1]

    @property
    def layers(self) -> int:
        """2 for a two-layer network (torch's `_l1` weights), else 1."""
        return 2 if self.params is not None and "weight_ih_l1" in self.params else 1

    def npz(self) -> bytes:
        """The weights as an .npz to download (a linear cell says so: LINEAR_KEY)."""
        return weights.weights_bytes(
            self.params | ({weights.LINEAR_KEY: 1.0} if self.linear else {})
        )


def file_recipe(raw: bytes) -> tuple:
    """The recipe of an uploaded weights file: its bytes named by their digest."""
    return ("file", hashlib.sha256(raw).hexdigest())


def cell(recipe: tuple, payload=None) -> Cell:
    """The cell `recipe` names (an uploaded file's refusal is a Cell with its error).
    LookupError for a file or a training without its `payload` (a cache asked too late)."""
    how, *args = recipe
    if how in ("file", "trained") and payload is None:
        raise LookupError(recipe)
    if how == "hand":
        return Cell(
            "lstm", lstm.hand_wired_params(*args), linear=True, gain=float(args[0]) if args else 1.0
        )
    if how == "random":
        params = cell_params.random_params(*args[:7])
        if len(args) > 7 and args[7] == 2:  # a second layer reading the first one's h
            kind, _, hidden, seed, scale, forget_bias = args[:6]
            top = cell_params.random_params(kind, hidden, hidden, seed + 1, scale, forget_bias)
            params |= {k.replace("_l0", "_l1"): v for k, v in top.items()}
        return Cell(args[0], params)
    if how == "trained":
        return Cell(args[1], train.trained_params(payload))
    found, error = weights.weights_or_error(payload)
    if error is not None:
        return Cell(error=error)
    kind, params = found
    linear = bool(params.pop(weights.LINEAR_KEY, 0.0))
    return Cell(kind, params, linear)


def run(cell: Cell, x: np.ndarray) -> dict:
    """Every gate of `cell` at every step of x (T, D): name → (T, H). Quiet when a product
    leaves float64 (weights of ±1e308): `overflow` says where, and the page says so."""
    with numerics.quiet():
        if cell.kind == "gru":
            return gru.gru_forward(x, cell.params)
        act = "identity" if cell.linear else "tanh"
        return lstm.lstm_forward(x, cell.params, cell_act=act, out_act=act)


def run_second(cell: Cell, states: dict) -> dict:
    """Layer 2's gates of a two-layer `cell`, reading layer 1's h (`states["h"]`, (T, H)), as
    torch's nn.LSTM/GRU(…, num_layers=2) computes them (layer 1 is `run`)."""
    top = Cell(cell.kind, stacked.layer_params(cell.params, 1, 0), cell.linear)
    return run(top, states["h"])


def hand_notes(source: str, features: int | None, hidden: int) -> list[tuple[str, dict]]:
    """What the hand-wired choice says beside it, as (string key, values): the cell it is; a
    student's own 3-column sequence read as tutorial 002's x1 value, x2 write/erase, x3 read
    (any 3 columns are, so it is said); or the random LSTM shown in its place (not 3 columns)."""
    notes = [("gt.hand.only_lstm", {})]
    if features == 3 and source != "example":
        notes.append(("gt.hand.columns", {}))
    elif features not in (None, 3):
        notes.append(("gt.rb.random_label", {"features": features, "hidden": hidden}))
    return notes


def overflow(states: dict) -> dict | None:
    """Where a run's numbers left float64 (weights or inputs so large that a product passes
    ±1.8e308: inf, then inf − inf = NaN): {"gates": the names, "step": the first step (from 1),
    "count": how many values} of the values that are not finite, or None when all are."""
    bad = {name: ~np.isfinite(np.asarray(v, dtype=np.float64)) for name, v in states.items()}
    bad = {name: b for name, b in bad.items() if b.any()}
    if not bad:
        return None
    step = min(int(np.argwhere(b)[0][0]) for b in bad.values()) + 1
    return {"gates": ", ".join(bad), "step": step, "count": sum(int(b.sum()) for b in bad.values())}
