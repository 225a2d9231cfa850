"""Stacked (multi-layer) and bidirectional RNN, LSTM and GRU in torch's layout (tutorial 002 §3.4).

Layer 0 reads x (T, D); layer l reads the outputs of layer l-1 at every step, the forward and
(when bidirectional) the reverse direction side by side, (T, dirs·H). The reverse direction reads
the sequence from its end. torch keeps one batch axis we drop here (run each batch item alone):

    out  (T, dirs·H)          the LAST layer's h_t at every step, [h→_t, h←_t]
    h_n  (layers·dirs, H)     every layer's final state; row l·dirs + d is layer l, direction d
    c_n  (layers·dirs, H)     the same for the LSTM's memory cells

so out[-1, :H] = h_n[-dirs] (the last layer's forward direction ends at the last step) and,
bidirectional, out[0, H:] = h_n[-1] (the reverse direction ends at the first step).

`params` is the state_dict of `nn.RNN/LSTM/GRU(D, H, num_layers, bidirectional=…)` as arrays
(keys `weight_ih_l{l}`, `weight_hh_l{l}`, `bias_ih_l{l}`, `bias_hh_l{l}`, each also with the
suffix `_reverse`). Every layer runs on the one-layer cells `explorer.cells.rnn` / `lstm` / `gru`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.cells import cell_params, gru, lstm, rnn

KINDS: tuple[str, ...] = ("rnn", "lstm", "gru")
GATE_ROWS = {"rnn": 1, "lstm": 4, "gru": 3}
PARTS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def key(part: str, layer: int, direction: int) -> str:
    """torch's state_dict name: ('weight_ih', 1, 1) → 'weight_ih_l1_reverse'."""
    return f"{part}_l{layer}" + ("_reverse" if direction else "")


def layer_params(params, layer: int, direction: int) -> dict:
    """One layer's one direction as a 1-layer state_dict (keys `…_l0`) for the one-layer cells."""
    out = {}
    for part in PARTS:
        name = key(part, layer, direction)
        if name in params:
            out[f"{part}_l0"] = cell_params.as_array(params[name])
        elif part.startswith("weight"):
            raise ValueError(f"params lack {name!r}")
    return out


@dataclass(frozen=True)
class Layers:
    """Every state of a stacked network: h[l][d] (T, H) (and c[l][d] for the LSTM), in time
    order for both directions: h[l][1][t] is the reverse direction's state after reading x_T…x_t."""

    h: list
    c: list | None


def run_layers(
    kind: str, params, x, num_layers: int, bidirectional: bool = False, h0=None, c0=None, act="tanh"
):
    """All layers' states (a `Layers`); h0, c0 (layers·dirs, H) as torch's, zeros by default.
    `act` is the plain RNN's nonlinearity (torch's `nonlinearity`, or any of `rnn.ACTIVATIONS`)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    dirs = 2 if bidirectional else 1
    layer_in = cell_params.as_array(x)
    layer_in = layer_in[:, None] if layer_in.ndim == 1 else layer_in  # (T, D)
    hs, cs = [], []
    for layer in range(num_layers):
        h_dirs, c_dirs = [], []
        for d in range(dirs):
            p = layer_params(params, layer, d)
            seq = layer_in[::-1] if d else layer_in  # the reverse direction reads from the end
            row = layer * dirs + d
            h_init = None if h0 is None else cell_params.as_array(h0)[row]
            c_init = None if c0 is None else cell_params.as_array(c0)[row]
            h, c = _one_layer(kind, p, seq, h_init, c_init, act)
            h_dirs.append(h[::-1] if d else h)  # back in time order
            c_dirs.append(None if c is None else (c[::-1] if d else c))
        hs.append(h_dirs)
        cs.append(c_dirs)
        layer_in = np.concatenate(h_dirs, axis=1)  # (T, dirs·H): the next layer's input
    return Layers(hs, cs if kind == "lstm" else None)


def _one_layer(kind: str, p: dict, seq: np.ndarray, h0, c0, act: str = "tanh"):
    """(h (T, H), c (T, H) or None) of one direction of one layer."""
    if kind == "lstm":
        states = lstm.lstm_forward(seq, p, h0=h0, c0=c0)
        return states["h"], states["c"]
    if kind == "gru":
        return gru.gru_forward(seq, p, h0=h0)["h"], None
    w_ih, w_hh = p["weight_ih_l0"], p["weight_hh_l0"]
    hidden = w_hh.shape[0]
    b = p.get("bias_ih_l0", np.zeros(hidden)) + p.get("bias_hh_l0", np.zeros(hidden))
    no_out = np.zeros((hidden, 0))
    H, _ = rnn.elman_forward(seq, w_ih.T, w_hh.T, b, no_out, np.zeros(0), h0=h0, act=act)
    return H[1:], None


def stacked_forward(
    kind: str, params, x, num_layers: int, bidirectional: bool = False, h0=None, c0=None
):
    """torch's `nn.RNN/LSTM/GRU(…, num_layers, bidirectional)(x)` for one batch item, x (T, D).

    Returns the flat tuple (out (T, dirs·H), h_n (layers·dirs, H)) for "rnn" and "gru", and
    (out, h_n, c_n) for "lstm" (torch nests the LSTM's as `out, (h_n, c_n)`); the axes are
    torch's with the batch axis dropped (module docstring).
    """
    states = run_layers(kind, params, x, num_layers, bidirectional, h0, c0)
    out = np.concatenate(states.h[-1], axis=1)  # (T, dirs·H): the last layer at every step
    h_n = np.stack([_final(h, d) for layer in states.h for d, h in enumerate(layer)])
    if kind != "lstm":
        return out, h_n
    c_n = np.stack([_final(c, d) for layer in states.c for d, c in enumerate(layer)])
    return out, h_n, c_n


def _final(states: np.ndarray, direction: int) -> np.ndarray:
    """The state a direction ends on: the last step forward, the first step in reverse."""
    return states[0] if direction else states[-1]


def random_params(
    kind: str,
    n_inputs: int,
    hidden: int,
    num_layers: int,
    bidirectional: bool = False,
    seed: int = 0,
) -> dict:
    """torch's default initialisation, U(-1/√H, 1/√H) for every weight and bias, from `seed`."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    rng = np.random.default_rng(seed)
    rows, bound, dirs = GATE_ROWS[kind] * hidden, 1.0 / np.sqrt(hidden), 2 if bidirectional else 1
    params = {}
    for layer in range(num_layers):
        width = n_inputs if layer == 0 else dirs * hidden
        for d in range(dirs):
            shapes = ((rows, width), (rows, hidden), (rows,), (rows,))
            for part, shape in zip(PARTS, shapes, strict=True):
                params[key(part, layer, d)] = rng.uniform(-bound, bound, shape)
    return params


# --- Shapes, as tutorial 002 §3.4 asks the reader to look at them -----------------------------

# The tutorial's two examples: (kind, input size, hidden, layers, seq length, batch).
TUTORIAL_EXAMPLES = {
    "rnn": ("rnn", 5, 10, 2, 6, 3),  # nn.RNN(5, 10, 2) on torch.randn(6, 3, 5)
    "lstm": ("lstm", 50, 100, 2, 10, 3),  # nn.LSTM(50, 100, num_layers=2) on torch.randn(10, 3, 50)
}


@dataclass(frozen=True)
class Shape:
    """A tensor's shape with its axes named: name "out", sizes (10, 3, 100), axes ("seq", …)."""

    name: str
    sizes: tuple
    axes: tuple


def shapes(
    kind: str,
    n_inputs: int,
    hidden: int,
    num_layers: int,
    seq_len: int,
    batch: int,
    bidirectional: bool = False,
) -> list[Shape]:
    """input, out, h_n (and c_n) as torch (batch_first=False) gives them, axes named."""
    dirs = 2 if bidirectional else 1
    seq_axes = ("seq", "batch", "features")
    found = [
        Shape("input", (seq_len, batch, n_inputs), seq_axes),
        Shape("out", (seq_len, batch, dirs * hidden), ("seq", "batch", "directions·hidden")),
        Shape("h_n", (num_layers * dirs, batch, hidden), ("layers·directions", "batch", "hidden")),
    ]
    if kind == "lstm":
        found.append(Shape("c_n", found[2].sizes, found[2].axes))
    return found


@dataclass(frozen=True)
class Match:
    """out[step, :, lo:hi] equals h_n[row]: the `direction` of the last layer ends at `step`."""

    step: int  # 0-based; -1 written as seq_len - 1
    lo: int
    hi: int
    row: int
    direction: int


def matches(hidden: int, num_layers: int, seq_len: int, bidirectional: bool = False) -> list[Match]:
    """Which slice of out equals which row of h_n: only the last layer's rows have one (the
    other layers' final states never reach out)."""
    dirs = 2 if bidirectional else 1
    last = (num_layers - 1) * dirs
    found = [Match(seq_len - 1, 0, hidden, last, 0)]
    if bidirectional:
        found.append(Match(0, hidden, 2 * hidden, last + 1, 1))
    return found


def h_n_rows(num_layers: int, bidirectional: bool = False) -> list[tuple[int, int]]:
    """(layer, direction) of every row of h_n, in torch's order (row = layer·dirs + direction)."""
    dirs = 2 if bidirectional else 1
    return [(layer, d) for layer in range(num_layers) for d in range(dirs)]


@dataclass(frozen=True)
class Example:
    """One network run on a random batch, as the shapes panel shows it: the shapes measured on
    the arrays (named as `shapes` names them) and, for each `Match`, the largest |out slice −
    h_n row| over the batch (0 when they are the same numbers)."""

    call: str  # torch's constructor, e.g. "nn.RNN(5, 10, 2)"
    measured: list
    matches: list  # [(Match, largest difference)]


def run_example(
    kind: str,
    n_inputs: int,
    hidden: int,
    num_layers: int,
    seq_len: int,
    batch: int,
    bidirectional: bool = False,
    seed: int = 0,
) -> Example:
    """Run a random `kind` network on x ~ N(0, 1) (seq_len, batch, n_inputs), item by item, and
    stack the results along torch's batch axis (1)."""
    params = random_params(kind, n_inputs, hidden, num_layers, bidirectional, seed)
    x = np.random.default_rng([seed, 1]).standard_normal((seq_len, batch, n_inputs))
    runs = [stacked_forward(kind, params, x[:, b], num_layers, bidirectional) for b in range(batch)]
    out, h_n = np.stack([r[0] for r in runs], axis=1), np.stack([r[1] for r in runs], axis=1)
    named = shapes(kind, n_inputs, hidden, num_layers, seq_len, batch, bidirectional)
    arrays = [x, out, h_n] + ([np.stack([r[2] for r in runs], axis=1)] if kind == "lstm" else [])
    measured = [Shape(s.name, a.shape, s.axes) for s, a in zip(named, arrays, strict=True)]
    found = [
        (m, float(np.max(np.abs(out[m.step, :, m.lo : m.hi] - h_n[m.row]))))
        for m in matches(hidden, num_layers, seq_len, bidirectional)
    ]
    return Example(_call(kind, n_inputs, hidden, num_layers, bidirectional), measured, found)


def _call(kind: str, n_inputs: int, hidden: int, num_layers: int, bidirectional: bool) -> str:
    name = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}[kind]
    tail = ", bidirectional=True" if bidirectional else ""
    return f"nn.{name}({n_inputs}, {hidden}, num_layers={num_layers}{tail})"
