"""The Unrolled RNN page's model: presets, typed sequences, and every architecture unrolled
into rows of nodes (values forward, ∂L/∂ backward) and the arrows between them.

A diagram is drawn in columns (time steps) and levels (x at the bottom, h in the middle, y on
top, as the seeds draw it). `unroll` computes one diagram for one weight scale α; the page
sweeps α to animate the numbers in the browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from explorer import architectures as arch
from explorer import linear_rnn, rnn

PRESETS: tuple[str, ...] = ("worked", "counting", "random")
ARCHS: tuple[str, ...] = (
    "n_to_n",
    "n_to_1",
    "one_to_n_first",
    "one_to_n_every",
    "enc_dec_init",
    "enc_dec_input",
    "jordan",
    "bidir",
)
LOSSES: tuple[str, ...] = ("last", "every")
MAX_STEPS = 500
MAX_HIDDEN = 64
RECURRENT = ("W_hh", "W_yh", "bwd_W_hh", "dec_W_hh")  # the matrices α scales

# The seed's worked example (seed 002): inputs (1,1),(1,1),(2,2), every weight 1, linear.
WORKED_INPUTS = ((1.0, 1.0), (1.0, 1.0), (2.0, 2.0))


@dataclass(frozen=True)
class Setup:
    """Sizes and activation of a preset network."""

    n_in: int
    n_hidden: int
    n_out: int
    act: str


def preset_setup(preset: str, n_hidden: int = 8, act: str = "tanh") -> Setup:
    """worked: 2-2-2 linear; counting: the 1-unit linear RNN; random: 2-n_hidden-2 with `act`."""
    if preset == "worked":
        return Setup(2, 2, 2, "identity")
    if preset == "counting":
        return Setup(1, 1, 1, "identity")
    return Setup(2, int(np.clip(n_hidden, 1, MAX_HIDDEN)), 2, act)


def preset_weights(preset: str, setup: Setup, seed: int = 0) -> dict[str, np.ndarray]:
    """Every weight any architecture needs, at α = 1.

    worked / counting: every weight 1 and every bias 0 (seed 002: "all weights 1"; seed 003:
    w_x = w_rec = 1, y = S). random: W_xh ~ N(0, 1/D), W_hh with spectral radius 1 (Gaussian, so
    α *is* ρ(W_hh)), W_hy ~ N(0, 1/H), biases ~ N(0, 0.1²); each direction or half its own draw.
    """
    D, H, n_out = setup.n_in, setup.n_hidden, setup.n_out
    shapes = dict(
        W_xh=(D, H),
        W_hh=(H, H),
        b_h=(H,),
        W_hy=(H, n_out),
        b_y=(n_out,),
        W_yh=(n_out, H),
        bwd_W_xh=(D, H),
        bwd_W_hh=(H, H),
        bwd_b_h=(H,),
        bi_W_hy=(2 * H, n_out),
        dec_W_xh=(H, H),
        dec_W_hh=(H, H),
        dec_b_h=(H,),
    )
    if preset in ("worked", "counting"):
        return {
            k: (np.zeros(s) if k.endswith("b_h") or k == "b_y" else np.ones(s))
            for k, s in shapes.items()
        }
    rng = np.random.default_rng(seed)
    out = {}
    for k, s in shapes.items():
        if k.endswith("W_hh"):
            out[k] = rnn.recurrent_matrix(H, 1.0, "gaussian", seed=int(rng.integers(2**31)))
        elif k.startswith(("b_", "bwd_b", "dec_b")):
            out[k] = 0.1 * rng.standard_normal(s)
        else:
            out[k] = rng.standard_normal(s) / np.sqrt(s[0])
    return out


def scaled(weights: dict[str, np.ndarray], alpha: float) -> dict[str, np.ndarray]:
    """The same weights with every recurrent matrix multiplied by α."""
    return {k: (alpha * v if k in RECURRENT else v) for k, v in weights.items()}


# --- Input sequences -----------------------------------------------------------------------


def preset_sequence(preset: str, setup: Setup, seed: int = 0) -> np.ndarray:
    """worked: (1,1),(1,1),(2,2); counting: the tutorial's first sequence (seed 1, 10 steps);
    random: 8 steps of N(0, 1) rounded to 2 decimals, from `seed`."""
    if preset == "worked":
        return np.array(WORKED_INPUTS)
    if preset == "counting":
        X, _ = linear_rnn.counting_data(1, 10, seed=1)
        return X[0][:, None]  # (10, 1)
    return random_sequence(preset, setup, 8, seed)


def random_sequence(preset: str, setup: Setup, n_steps: int, seed: int) -> np.ndarray:
    """(n_steps, D): 0/1 digits for the counting preset, else N(0, 1) rounded to 2 decimals."""
    n_steps = int(np.clip(n_steps, 1, MAX_STEPS))
    if preset == "counting":
        X, _ = linear_rnn.counting_data(1, n_steps, seed=seed)
        return X[0][:, None]
    rng = np.random.default_rng(seed)
    return np.round(rng.standard_normal((n_steps, setup.n_in)), 2)


class SequenceError(ValueError):
    """Typed text that is not a sequence; `key` names the message in the strings table."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


_ROW_SPLIT = re.compile(r"[\n;]+")
_TOKEN_SPLIT = re.compile(r"[,\s]+")


def parse_sequence(text: str, n_in: int, max_steps: int = MAX_STEPS) -> np.ndarray:
    """Typed text → x (T, n_in).

    One line ("1,0,1,1" or "1 0 1 1"): every number is one step, given to all inputs.
    Several rows (new lines or ";"): one row per step, with n_in numbers or one (given to all).
    Chinese punctuation (,;、) works too. Raises SequenceError with a message key.
    """
    text = str(text or "").translate(str.maketrans({",": ",", ";": ";", "、": ","}))
    if not text.strip():
        raise SequenceError("un.err.empty")
    multi = bool(_ROW_SPLIT.search(text.strip()))
    rows_text = [r for r in _ROW_SPLIT.split(text) if r.strip()] if multi else [text]
    rows: list[list[float]] = []
    for i, row_text in enumerate(rows_text, start=1):
        values = [_number(tok) for tok in _TOKEN_SPLIT.split(row_text.strip()) if tok]
        if multi:
            if len(values) not in (1, n_in):
                raise SequenceError("un.err.row_size", row=i, got=len(values), want=n_in)
            rows.append(values * n_in if len(values) == 1 else values)
        else:
            rows.extend([v] * n_in for v in values)
    if len(rows) > max_steps:
        raise SequenceError("un.err.too_long", steps=len(rows), limit=max_steps)
    return np.array(rows, dtype=np.float64).reshape(len(rows), n_in)


def _number(token: str) -> float:
    try:
        value = float(token)
    except ValueError:
        raise SequenceError("un.err.number", token=token[:20]) from None
    if not np.isfinite(value):
        raise SequenceError("un.err.finite", token=token[:20])
    return value


# --- Unrolling: rows of nodes and arrows -------------------------------------------------------


@dataclass
class Row:
    """One kind of node along time: columns `cols` (n,), values and ∂L/∂values (n, dim)."""

    name: str  # x, h, hb, y, xd, hd, yd
    level: int  # 0 = bottom
    symbol: str  # what the node label shows: x, h, h←, y, c, h', y'
    cols: np.ndarray
    values: np.ndarray
    grads: np.ndarray
    step0: int = 1  # the label subscript of the first column


@dataclass
class Edge:
    """An arrow from node (src row, col) to node (dst row, col) with its (shared) weight name."""

    src: tuple[str, int]
    dst: tuple[str, int]
    weight: str
    recurrent: bool = False
    factor: float | None = None  # backward: ‖∂L/∂src along this arrow‖ / ‖∂L/∂dst‖


@dataclass
class Unrolled:
    rows: list[Row]
    edges: list[Edge]
    states: np.ndarray  # (units, time) hidden states for the heatmap
    grad_states: np.ndarray  # (units, time) ∂L/∂h
    unit_labels: list[str]
    time_labels: list[str]
    n_cols: int  # columns 0..n_cols-1 (some may be empty)


def upstream(n_out_steps: int, n_out: int, loss_at: str) -> np.ndarray:
    """dY = ∂L/∂y_t: ones at the last step ('last', L = Σ_o y_T,o) or everywhere ('every')."""
    dY = np.zeros((n_out_steps, n_out))
    if loss_at == "every":
        dY[:] = 1.0
    elif n_out_steps:
        dY[-1] = 1.0
    return dY


def step_factors(carried: np.ndarray, dst: np.ndarray) -> list[float | None]:
    """How much each step back multiplies the gradient: carried[i] (the part of ∂L/∂source
    that came along the arrow) against dst[i] (∂L/∂destination); rows (n, units).

    Signed for one unit, else a norm ratio; None where no gradient reaches the destination
    (nothing to multiply) or it overflowed.
    """
    carried, dst = np.asarray(carried, dtype=np.float64), np.asarray(dst, dtype=np.float64)
    with rnn._quiet():
        if carried.shape[1] == 1:
            top, bottom = carried[:, 0], dst[:, 0]
        else:
            top, bottom = np.linalg.norm(carried, axis=1), np.linalg.norm(dst, axis=1)
        ratio = top / np.where(bottom == 0, 1.0, bottom)
    ok = (bottom != 0) & np.isfinite(bottom) & np.isfinite(ratio)
    return [float(r) if good else None for r, good in zip(ratio, ok, strict=True)]


def _unroll_elman(name, x, w, act, loss_at, dec_steps):
    """N→N, N→1, 1→N (input at the first step only, or the same input at every step)."""
    T = x.shape[0]
    steps = np.arange(1, T + 1)
    xs, x_cols = x, steps
    if name == "one_to_n_first":
        xs = np.zeros_like(x)
        xs[0] = x[0]
        x_cols = steps[:1]
    elif name == "one_to_n_every":
        xs = np.tile(x[0], (T, 1))
    args = (w["W_xh"], w["W_hh"], w["b_h"], w["W_hy"], w["b_y"])
    H, Y = rnn.elman_forward(xs, *args, act=act)
    shown = steps[-1:] - 1 if name == "n_to_1" else steps - 1  # the outputs that exist
    dY = np.zeros_like(Y)
    dY[shown] = upstream(len(shown), Y.shape[1], loss_at)
    g = rnn.elman_bptt(xs, *args, act=act, dY=dY, H=H)
    rows = [
        Row("x", 0, "x", x_cols, xs[x_cols - 1], g.dX[x_cols - 1]),
        Row("h", 1, "h", np.arange(T + 1), H, g.dH, step0=0),
        Row("y", 2, "y", shown + 1, Y[shown], dY[shown], step0=int(shown[0]) + 1),
    ]
    edges = [Edge(("x", c), ("h", c), "W_xh") for c in x_cols]
    factors = step_factors(g.carried, g.dH[1:])
    edges += [Edge(("h", c - 1), ("h", c), "W_hh", True, factors[c - 1]) for c in steps]
    edges += [Edge(("h", c), ("y", c), "W_hy") for c in shown + 1]
    return Unrolled(rows, edges, H[1:].T, g.dH[1:].T, _units(w), _times(T), T + 1)


def _unroll_jordan(name, x, w, act, loss_at, dec_steps):
    """Jordan: the memory is y_{t-1}, so the recurrent arrows run from y_{t-1} to h_t."""
    T = x.shape[0]
    steps = np.arange(1, T + 1)
    args = (w["W_xh"], w["W_yh"], w["b_h"], w["W_hy"], w["b_y"])
    H, Y = arch.jordan_forward(x, *args, act=act)
    dY = upstream(T, Y.shape[1], loss_at)
    dH, dYtot, carried, _ = arch.jordan_bptt(x, *args, act=act, dY=dY)
    rows = [
        Row("x", 0, "x", steps, x, _jordan_dx(H, dH, w, act)),
        Row("h", 1, "h", steps, H[1:], dH[1:]),
        Row("y", 2, "y", np.arange(T + 1), Y, dYtot, step0=0),
    ]
    edges = [Edge(("x", c), ("h", c), "W_xh") for c in steps]
    factors = step_factors(carried, dH[1:])
    edges += [Edge(("y", c - 1), ("h", c), "W_yh", True, factors[c - 1]) for c in steps]
    edges += [Edge(("h", c), ("y", c), "W_hy") for c in steps]
    return Unrolled(rows, edges, H[1:].T, dH[1:].T, _units(w), _times(T), T + 1)


def _unroll_bidir(name, x, w, act, loss_at, dec_steps):
    """Bidirectional: h→ in columns 0..T, h← in columns 1..T+1 (its initial state on the right)."""
    T = x.shape[0]
    steps = np.arange(1, T + 1)
    fwd = (w["W_xh"], w["W_hh"], w["b_h"])
    bwd = (w["bwd_W_xh"], w["bwd_W_hh"], w["bwd_b_h"])
    Hf, Hb, Y = arch.bidirectional_forward(x, fwd, bwd, w["bi_W_hy"], w["b_y"], act)
    dY = upstream(T, Y.shape[1], loss_at)
    gf, gb, _ = arch.bidirectional_bptt(x, fwd, bwd, w["bi_W_hy"], w["b_y"], act, dY)
    rows = [
        Row("x", 0, "x", steps, x, gf.dX + gb.dX),
        Row("h", 1, "h→", np.arange(T + 1), Hf, gf.dH, step0=0),
        Row("hb", 1, "h←", np.arange(1, T + 2), Hb, gb.dH),
        Row("y", 2, "y", steps, Y, dY),
    ]
    edges = [Edge(("x", c), ("h", c), "W_xh") for c in steps]
    edges += [Edge(("x", c), ("hb", c), "W_xh←") for c in steps]
    forward, backward = step_factors(gf.carried, gf.dH[1:]), step_factors(gb.carried, gb.dH[:-1])
    edges += [Edge(("h", c - 1), ("h", c), "W_hh", True, forward[c - 1]) for c in steps]
    edges += [  # Hb[k] sits in column k+1 and is computed from Hb[k+1] (column k+2)
        Edge(("hb", c + 1), ("hb", c), "W_hh←", True, backward[c - 1]) for c in steps
    ]
    edges += [Edge((r, c), ("y", c), "W_hy") for r in ("h", "hb") for c in steps]
    units = [f"→{u}" for u in _units(w)] + [f"←{u}" for u in _units(w)]
    states = np.concatenate([Hf[1:], Hb[:-1]], axis=1).T  # (2H, T)
    grads = np.concatenate([gf.dH[1:], gb.dH[:-1]], axis=1).T
    return Unrolled(rows, edges, states, grads, units, _times(T), T + 2)


def _unroll_enc_dec(name, x, w, act, loss_at, dec_steps):
    """Encoder (columns 0..N) → c = h_N → decoder (columns N+1..N+M), c fed one of two ways."""
    T = x.shape[0]
    steps = np.arange(1, T + 1)
    feed = "init" if name == "enc_dec_init" else "input"
    M = int(np.clip(dec_steps, 1, MAX_STEPS))
    enc = (w["W_xh"], w["W_hh"], w["b_h"])
    dec = (w["dec_W_xh"], w["dec_W_hh"], w["dec_b_h"])
    He, Hd, Y = arch.encoder_decoder_forward(x, enc, dec, w["W_hy"], w["b_y"], M, feed, act)
    dY = upstream(M, Y.shape[1], loss_at)
    ge, gd, _ = arch.encoder_decoder_bptt(x, enc, dec, w["W_hy"], w["b_y"], M, feed, act, dY)
    dcols = np.arange(T + 1, T + M + 1)
    rows = [
        Row("x", 0, "x", steps, x, ge.dX),
        Row("h", 1, "h", np.arange(T + 1), He, ge.dH, step0=0),
        Row("hd", 1, "h'", dcols, Hd[1:], gd.dH[1:]),
        Row("yd", 2, "y'", dcols, Y, dY),
    ]
    edges = [Edge(("x", c), ("h", c), "W_xh") for c in steps]
    factors = step_factors(ge.carried, ge.dH[1:])
    edges += [Edge(("h", c - 1), ("h", c), "W_hh", True, factors[c - 1]) for c in steps]
    dec_factors = step_factors(gd.carried, gd.dH[1:])  # [m-1]: from h'_{m-1} to h'_m
    if feed == "init":  # c = h_N is the decoder's h'_0
        edges.append(Edge(("h", T), ("hd", T + 1), "c · W'_hh", True, dec_factors[0]))
    else:  # c is the decoder's input at every step
        rows.insert(2, Row("xd", 0, "c", dcols, np.tile(He[-1], (M, 1)), gd.dX))
        edges.append(Edge(("h", T), ("xd", T + 1), "c = h_N"))
        edges += [Edge(("xd", c), ("hd", c), "W'_ch") for c in dcols]
    edges += [  # decoder step m = c - T
        Edge(("hd", c - 1), ("hd", c), "W'_hh", True, dec_factors[c - T - 1]) for c in dcols[1:]
    ]
    edges += [Edge(("hd", c), ("yd", c), "W'_hy") for c in dcols]
    states = np.concatenate([He[1:], Hd[1:]], axis=0).T  # (H, N+M)
    grads = np.concatenate([ge.dH[1:], gd.dH[1:]], axis=0).T
    times = _times(T) + [f"{m}'" for m in range(1, M + 1)]
    return Unrolled(rows, edges, states, grads, _units(w), times, T + M + 1)


def _units(w) -> list[str]:
    return [f"h{i + 1}" for i in range(w["W_hh"].shape[0])]


def _times(T: int) -> list[str]:
    return [str(s) for s in range(1, T + 1)]


_UNROLL = {
    "n_to_n": _unroll_elman,
    "n_to_1": _unroll_elman,
    "one_to_n_first": _unroll_elman,
    "one_to_n_every": _unroll_elman,
    "enc_dec_init": _unroll_enc_dec,
    "enc_dec_input": _unroll_enc_dec,
    "jordan": _unroll_jordan,
    "bidir": _unroll_bidir,
}


def unroll(
    arch_name: str,
    x: np.ndarray,
    weights: dict[str, np.ndarray],
    act: str,
    alpha: float = 1.0,
    loss_at: str = "last",
    dec_steps: int = 4,
) -> Unrolled:
    """One diagram: architecture `arch_name` on x (T, D), recurrent weights scaled by α, and the
    backward pass for the loss `loss_at` ('last': L = Σ y_T, 'every': L = Σ_t Σ y_t)."""
    if arch_name not in _UNROLL:
        raise ValueError(f"unknown architecture {arch_name!r}; use one of {ARCHS}")
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    return _UNROLL[arch_name](arch_name, x, scaled(weights, alpha), act, loss_at, dec_steps)


def _jordan_dx(H, dH, w, act):
    """∂L/∂x_t = (∂L/∂h_t ⊙ f'(a_t)) W_xhᵀ for the Jordan net."""
    with rnn._quiet():
        return (dH[1:] * rnn.slope(H[1:], act)) @ w["W_xh"].T


def sweep(arch_name, x, weights, act, alphas, loss_at="last", dec_steps=4) -> list[Unrolled]:
    """`unroll` for every α (the browser's animation frames)."""
    return [unroll(arch_name, x, weights, act, float(a), loss_at, dec_steps) for a in alphas]


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
