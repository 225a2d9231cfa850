"""The Unrolled RNN page's model: presets, typed sequences, and every architecture unrolled
into rows of nodes (values forward, ∂L/∂ backward) and the arrows between them.

A diagram is drawn in columns (time steps) and levels (x at the bottom, h in the middle, y on
top, as the seeds draw it). `unroll` computes one diagram for one weight scale α; the page
sweeps α to animate the numbers in the browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    extra: dict = field(default_factory=dict)


def upstream(n_out_steps: int, n_out: int, loss_at: str) -> np.ndarray:
    """dY = ∂L/∂y_t: ones at the last step ('last', L = Σ_o y_T,o) or everywhere ('every')."""
    dY = np.zeros((n_out_steps, n_out))
    if loss_at == "every":
        dY[:] = 1.0
    elif n_out_steps:
        dY[-1] = 1.0
    return dY


def step_factor(carried: np.ndarray, dst: np.ndarray) -> float | None:
    """How much one step back multiplies the gradient: signed for 1 unit, else a norm ratio.

    None when no gradient reaches the destination (nothing to multiply) or it overflowed.
    """
    with rnn._quiet():
        dst_norm = float(np.linalg.norm(dst))
        if dst_norm == 0 or not np.isfinite(dst_norm):
            return None
        ratio = (
            carried.item() / dst.item() if carried.size == 1 else np.linalg.norm(carried) / dst_norm
        )
    return None if np.isnan(ratio) else float(ratio)


def _elman_rows(xs, w, act, dY_mask, loss_at):
    """N→N, N→1, 1→N: the Elman RNN on inputs xs, outputs where dY_mask is True."""
    args = (w["W_xh"], w["W_hh"], w["b_h"], w["W_hy"], w["b_y"])
    H, Y = rnn.elman_forward(xs, *args, act=act)
    shown = np.flatnonzero(dY_mask)
    dY = np.zeros_like(Y)
    dY[shown] = upstream(len(shown), Y.shape[1], loss_at)
    g = rnn.elman_bptt(xs, *args, act=act, dY=dY)
    return H, Y, dY, g, shown


def unroll(
    arch_name: str,
    x: np.ndarray,
    weights: dict[str, np.ndarray],
    act: str,
    alpha: float = 1.0,
    loss_at: str = "last",
    dec_steps: int = 4,
) -> Unrolled:
    """One diagram: architecture `arch_name` on x (T, D) with recurrent weights scaled by α."""
    w = scaled(weights, alpha)
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    T = x.shape[0]
    steps = np.arange(1, T + 1)
    hl = [f"h{i + 1}" for i in range(w["W_hh"].shape[0])]
    tl = [str(s) for s in steps]
    if arch_name in ("n_to_n", "n_to_1", "one_to_n_first", "one_to_n_every"):
        xs, x_cols = x, steps
        if arch_name == "one_to_n_first":
            xs = np.zeros_like(x)
            xs[0] = x[0]
            x_cols = steps[:1]
        elif arch_name == "one_to_n_every":
            xs = np.tile(x[0], (T, 1))
        mask = np.zeros(T, bool)
        mask[-1:] = True
        if arch_name != "n_to_1":
            mask[:] = True
        H, Y, dY, g, shown = _elman_rows(xs, w, act, mask, loss_at)
        rows = [
            Row("x", 0, "x", x_cols, xs[x_cols - 1], g.dX[x_cols - 1]),
            Row("h", 1, "h", np.arange(T + 1), H, g.dH, step0=0),
            Row("y", 2, "y", shown + 1, Y[shown], dY[shown], step0=int(shown[0]) + 1),
        ]
        edges = [Edge(("x", c), ("h", c), "W_xh") for c in x_cols]
        edges += [
            Edge(("h", c - 1), ("h", c), "W_hh", True, step_factor(g.carried[c - 1], g.dH[c]))
            for c in steps
        ]
        edges += [Edge(("h", c), ("y", c), "W_hy") for c in shown + 1]
        return Unrolled(rows, edges, H[1:].T, g.dH[1:].T, hl, tl, T + 1)
    if arch_name == "jordan":
        args = (w["W_xh"], w["W_yh"], w["b_h"], w["W_hy"], w["b_y"])
        H, Y = arch.jordan_forward(x, *args, act=act)
        dY = upstream(T, Y.shape[1], loss_at)
        dH, dYtot, carried, _ = arch.jordan_bptt(x, *args, act=act, dY=dY)
        rows = [
            Row("x", 0, "x", steps, x, _jordan_dx(x, H, dH, w, act)),
            Row("h", 1, "h", steps, H[1:], dH[1:]),
            Row("y", 2, "y", np.arange(T + 1), Y, dYtot, step0=0),
        ]
        edges = [Edge(("x", c), ("h", c), "W_xh") for c in steps]
        edges += [
            Edge(("y", c - 1), ("h", c), "W_yh", True, step_factor(carried[c - 1], dH[c]))
            for c in steps
        ]
        edges += [Edge(("h", c), ("y", c), "W_hy") for c in steps]
        return Unrolled(rows, edges, H[1:].T, dH[1:].T, hl, tl, T + 1)
    if arch_name == "bidir":
        fwd = (w["W_xh"], w["W_hh"], w["b_h"])
        bwd = (w["bwd_W_xh"], w["bwd_W_hh"], w["bwd_b_h"])
        Hf, Hb, Y = arch.bidirectional_forward(x, fwd, bwd, w["bi_W_hy"], w["b_y"], act)
        dY = upstream(T, Y.shape[1], loss_at)
        gf, gb, _ = arch.bidirectional_bptt(x, fwd, bwd, w["bi_W_hy"], w["b_y"], act, dY)
        rows = [
            Row("x", 0, "x", steps, x, gf.dX + gb.dX),
            Row("h", 1, "h→", np.arange(T + 1), Hf, gf.dH, step0=0),
            Row("hb", 2, "h←", np.arange(1, T + 2), Hb, gb.dH),
            Row("y", 3, "y", steps, Y, dY),
        ]
        edges = [Edge(("x", c), ("h", c), "W_xh") for c in steps]
        edges += [Edge(("x", c), ("hb", c), "W_xh←") for c in steps]
        edges += [
            Edge(("h", c - 1), ("h", c), "W_hh", True, step_factor(gf.carried[c - 1], gf.dH[c]))
            for c in steps
        ]
        edges += [  # h←: Hb[k] sits in column k+1 and is computed from Hb[k+1] (column k+2)
            Edge(
                ("hb", c + 1),
                ("hb", c),
                "W_hh←",
                True,
                step_factor(gb.carried[c - 1], gb.dH[c - 1]),
            )
            for c in steps
        ]
        edges += [Edge(("h", c), ("y", c), "W_hy") for c in steps]
        edges += [Edge(("hb", c), ("y", c), "W_hy") for c in steps]
        unit = len(hl)
        labels = [f"→{u}" for u in hl] + [f"←{u}" for u in hl]
        states = np.concatenate([Hf[1:], Hb[:-1]], axis=1).T  # (2H, T)
        grads = np.concatenate([gf.dH[1:], gb.dH[:-1]], axis=1).T
        return Unrolled(rows, edges, states, grads, labels, tl, T + 2, extra=dict(units=unit))
    if arch_name in ("enc_dec_init", "enc_dec_input"):
        feed = "init" if arch_name == "enc_dec_init" else "input"
        M = int(np.clip(dec_steps, 1, MAX_STEPS))
        enc = (w["W_xh"], w["W_hh"], w["b_h"])
        dec = (w["dec_W_xh"], w["dec_W_hh"], w["dec_b_h"])
        He, Hd, Y = arch.encoder_decoder_forward(x, enc, dec, w["W_hy"], w["b_y"], M, feed, act)
        dY = upstream(M, Y.shape[1], loss_at)
        ge, gd, dc = arch.encoder_decoder_bptt(x, enc, dec, w["W_hy"], w["b_y"], M, feed, act, dY)
        dcols = np.arange(T + 1, T + M + 1)
        rows = [
            Row("x", 0, "x", steps, x, ge.dX),
            Row("h", 1, "h", np.arange(T + 1), He, ge.dH, step0=0),
            Row("hd", 1, "h'", dcols, Hd[1:], gd.dH[1:]),
            Row("yd", 2, "y'", dcols, Y, dY),
        ]
        edges = [Edge(("x", c), ("h", c), "W_xh") for c in steps]
        edges += [
            Edge(("h", c - 1), ("h", c), "W_hh", True, step_factor(ge.carried[c - 1], ge.dH[c]))
            for c in steps
        ]
        if feed == "init":  # c = h_N is the decoder's h'_0
            edges.append(
                Edge(
                    ("h", T), ("hd", T + 1), "c · W'_hh", True, step_factor(gd.carried[0], gd.dH[1])
                )
            )
        else:  # c is the decoder's input at every step
            rows.insert(2, Row("xd", 0, "c", dcols, np.tile(He[-1], (M, 1)), gd.dX))
            edges.append(Edge(("h", T), ("xd", T + 1), "c = h_N"))
            edges += [Edge(("xd", c), ("hd", c), "W'_ch") for c in dcols]
        edges += [
            Edge(
                ("hd", c - 1),
                ("hd", c),
                "W'_hh",
                True,
                step_factor(gd.carried[c - 1 - T], gd.dH[c - T]),
            )
            for c in dcols[1:]
        ]
        edges += [Edge(("hd", c), ("yd", c), "W'_hy") for c in dcols]
        states = np.concatenate([He[1:], Hd[1:]], axis=0).T  # (H, N+M)
        grads = np.concatenate([ge.dH[1:], gd.dH[1:]], axis=0).T
        tl = tl + [f"{m}'" for m in range(1, M + 1)]
        return Unrolled(rows, edges, states, grads, hl, tl, T + M + 1, extra=dict(dc=dc))
    raise ValueError(f"unknown architecture {arch_name!r}; use one of {ARCHS}")


def _jordan_dx(x, H, dH, w, act):
    """∂L/∂x_t = (∂L/∂h_t ⊙ f'(a_t)) W_xhᵀ for the Jordan net."""
    with rnn._quiet():
        return (dH[1:] * rnn.slope(H[1:], act)) @ w["W_xh"].T


def sweep(arch_name, x, weights, act, alphas, loss_at="last", dec_steps=4) -> list[Unrolled]:
    """`unroll` for every α (the browser's animation frames)."""
    return [unroll(arch_name, x, weights, act, float(a), loss_at, dec_steps) for a in alphas]


def long_table(diagram: Unrolled) -> dict[str, list]:
    """Every node's numbers as CSV columns: node, step, component, value, grad (∂L/∂node)."""
    cols: dict[str, list] = {"node": [], "step": [], "component": [], "value": [], "grad": []}
    for row in diagram.rows:
        for j, col in enumerate(row.cols):
            for k in range(row.values.shape[1]):
                cols["node"].append(row.symbol)
                cols["step"].append(int(col) - int(row.cols[0]) + row.step0)
                cols["component"].append(k + 1)
                cols["value"].append(float(row.values[j, k]))
                cols["grad"].append(float(row.grads[j, k]))
    return cols
