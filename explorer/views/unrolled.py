"""Every architecture unrolled into rows of nodes (values forward, ∂L/∂ backward) and the
arrows between them: the Unrolled RNN page's diagram.

A diagram is drawn in columns (time steps) and levels (x at the bottom, h in the middle, y on
top, as the tutorials draw it). `unroll` computes one diagram for one weight scale α; the page
sweeps α to animate the numbers in the browser. The presets are in `explorer.inputs.presets`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from explorer.cells import architectures as arch
from explorer.cells import rnn, stacked
from explorer.figures.sweep import Sweep
from explorer.i18n import number
from explorer.inputs import presets, typed_text
from explorer.inputs.presets import MAX_HIDDEN, MAX_STEPS
from explorer.numerics import quiet, trend, versus

ARCHS: tuple[str, ...] = (
    "n_to_n",
    "n_to_1",
    "one_to_n_first",
    "one_to_n_every",
    "enc_dec_init",
    "enc_dec_input",
    "jordan",
    "bidir",
    "stacked",
)
LOSSES: tuple[str, ...] = ("last", "every")
TRUNCATABLE = ("n_to_n", "n_to_1", "one_to_n_first", "one_to_n_every")  # the plain Elman RNN
RECURRENT = ("W_hh", "W_yh", "bwd_W_hh", "dec_W_hh")  # the matrices α scales
SOURCES: tuple[str, ...] = ("preset", "random", "typed")
SWEEP = np.round(np.linspace(-2.0, 2.0, 41), 10)  # the diagram's frames, one per α
# The diagram's work: time columns × units × frames (× 2 for a bidirectional network). The
# largest view the page had (500 steps × 64 units × 41 frames) is the budget: a few seconds.
WORK_BUDGET = MAX_STEPS * MAX_HIDDEN * len(SWEEP)
CANCEL_FROM = 250_000  # below this the whole sweep takes well under a second


def scaled(weights: dict[str, np.ndarray], alpha: float) -> dict[str, np.ndarray]:
    """The same weights with every recurrent matrix multiplied by α."""
    return {k: (alpha * v if _recurrent(k) else v) for k, v in weights.items()}


def _recurrent(name: str) -> bool:
    return name in RECURRENT or name.endswith("_W_hh")  # a stacked layer's s{l}_W_hh too


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
    cut: bool = False  # backward: truncated BPTT sends nothing back along this arrow


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
    with quiet():
        if carried.shape[1] == 1:
            top, bottom = carried[:, 0], dst[:, 0]
        else:
            top, bottom = np.linalg.norm(carried, axis=1), np.linalg.norm(dst, axis=1)
        ratio = top / np.where(bottom == 0, 1.0, bottom)
    ok = (bottom != 0) & np.isfinite(bottom) & np.isfinite(ratio)
    return [float(r) if good else None for r, good in zip(ratio, ok, strict=True)]


def _elman_problem(name, x, w, act, loss_at):
    """What the Elman architectures (N→N, N→1, 1→N) feed `rnn.elman_bptt`: the inputs as the
    network reads them (T, D), the columns that show an input, the weights, the states H, the
    outputs Y, the output steps that exist and the upstream gradient dY."""
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
    return xs, x_cols, args, H, Y, shown, dY


def _unroll_elman(name, x, w, act, loss_at, dec_steps, trunc: int = 0):
    """N→N, N→1, 1→N (input at the first step only, or the same input at every step); with
    `trunc` = k ≥ 1 the backward pass is truncated BPTT (`rnn.bptt_truncated`), its cut
    arrows marked."""
    T = x.shape[0]
    steps = np.arange(1, T + 1)
    xs, x_cols, args, H, Y, shown, dY = _elman_problem(name, x, w, act, loss_at)
    g = rnn.elman_bptt(xs, *args, act=act, dY=dY, H=H, truncate=trunc or None)
    rows = [
        Row("x", 0, "x", x_cols, xs[x_cols - 1], g.dX[x_cols - 1]),
        Row("h", 1, "h", np.arange(T + 1), H, g.dH, step0=0),
        Row("y", 2, "y", shown + 1, Y[shown], dY[shown], step0=int(shown[0]) + 1),
    ]
    edges = [Edge(("x", c), ("h", c), "W_xh") for c in x_cols]
    factors = step_factors(g.carried, g.dH[1:])
    cuts = [rnn.is_cut(int(c), trunc) for c in steps]
    edges += [
        Edge(("h", c - 1), ("h", c), "W_hh", True, None if cut else factors[c - 1], cut)
        for c, cut in zip(steps, cuts, strict=True)
    ]
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


SUPERSCRIPT = "¹²³"  # a stacked layer's number in its symbols: h¹, h², W²_xh


def stack_params(w: dict, layers: int, bidirectional: bool) -> dict:
    """The diagram's row-vector weights as an `nn.RNN(…, layers, bidirectional)` state_dict: layer
    1 is W_xh, W_hh, b_h (bwd_* backwards), deeper layers `s{l}_*` (`presets.stack_weights`)."""
    params = {}
    for layer in range(layers):
        for d, side in enumerate(("", "bwd_")[: 2 if bidirectional else 1]):
            src = f"{side}" if layer == 0 else f"s{layer}_{side}"
            params[stacked.key("weight_ih", layer, d)] = w[f"{src}W_xh"].T  # torch keeps Wᵀ
            params[stacked.key("weight_hh", layer, d)] = w[f"{src}W_hh"].T
            params[stacked.key("bias_ih", layer, d)] = w[f"{src}b_h"]
            params[stacked.key("bias_hh", layer, d)] = np.zeros_like(w[f"{src}b_h"])
    return params


def _stack_backward(x, params, states, d_top, act):
    """BPTT down the stack: ∂L/∂(outputs) of the top layer d_top (T, dirs·H) → per layer and
    direction the `rnn.Grads` in time order (the reverse direction flipped back), and ∂L/∂x."""
    grads = [None] * len(states.h)
    for layer in reversed(range(len(states.h))):
        below = x if layer == 0 else np.concatenate(states.h[layer - 1], axis=1)
        per_dir, d_below = [], 0.0
        for d, H in enumerate(states.h[layer]):
            n = H.shape[1]
            flip = (lambda a: a[::-1]) if d else (lambda a: a)  # noqa: E731
            p = {k: params[stacked.key(k, layer, d)] for k in ("weight_ih", "weight_hh", "bias_ih")}
            no_out, states_run = np.zeros((n, 0)), np.vstack([np.zeros((1, n)), flip(H)])
            g = rnn.elman_bptt(
                flip(below),
                p["weight_ih"].T,
                p["weight_hh"].T,
                p["bias_ih"],
                no_out,
                np.zeros(0),
                act=act,
                dH_out=flip(d_top[:, d * n : (d + 1) * n]),
                H=states_run,
            )
            if d:  # back in time order, as the bidirectional architecture keeps it
                g = rnn.Grads(
                    **{
                        k: (v[::-1].copy() if k in ("dH", "dA", "dX", "carried") else v)
                        for k, v in vars(g).items()
                    }
                )
            per_dir.append(g)
            d_below = d_below + g.dX  # both directions read the same inputs
        grads[layer], d_top = per_dir, d_below
    return grads, d_top


def _stack_row(name: str, level: int, mark: str, d: int, dirs: int, H, g) -> tuple[Row, list]:
    """One direction of one layer: its row (with its initial state: h→_0 in column 0, h←'s in
    column T+1) and its recurrent arrows with their per-step factors (backward)."""
    T, zero, steps = len(H), np.zeros((1, H.shape[1])), np.arange(1, len(H) + 1)
    if d == 0:
        row = Row(
            name,
            level,
            f"h{mark}" + "→" * (dirs == 2),
            np.arange(T + 1),
            np.vstack([zero, H]),
            g.dH,
            step0=0,
        )
        factors = step_factors(g.carried, g.dH[1:])
        return row, [
            Edge((name, c - 1), (name, c), f"W{mark}_hh", True, factors[c - 1]) for c in steps
        ]
    row = Row(name, level, f"h{mark}←", np.arange(1, T + 2), np.vstack([H, zero]), g.dH)
    factors = step_factors(g.carried, g.dH[:-1])  # Hb[k] (column k+1) comes from column k+2
    return row, [
        Edge((name, c + 1), (name, c), f"W{mark}_hh←", True, factors[c - 1]) for c in steps
    ]


def _unroll_stacked(x, w, act, loss_at, layers: int, bidirectional: bool) -> Unrolled:
    """Layers stacked: x at the bottom, layer l's h (and h←) on level l, y on top from the last
    layer. h→ in columns 0..T, h← in columns 1..T+1 (its initial state on the right)."""
    T, dirs = x.shape[0], 2 if bidirectional else 1
    steps = np.arange(1, T + 1)
    params = stack_params(w, layers, bidirectional)
    states = stacked.run_layers("rnn", params, x, layers, bidirectional, act=act)
    W_hy = w["bi_W_hy"] if bidirectional else w["W_hy"]  # (dirs·H, O)
    with quiet():
        Y = np.concatenate(states.h[-1], axis=1) @ W_hy + w["b_y"]  # (T, O)
    dY = upstream(T, Y.shape[1], loss_at)
    grads, dX = _stack_backward(x, params, states, dY @ W_hy.T, act)
    rows, edges = [Row("x", 0, "x", steps, x, dX)], []
    below = ["x"]  # the rows the next layer reads
    for layer in range(layers):
        mark = SUPERSCRIPT[layer] if layers > 1 else ""
        tag = "" if layer == layers - 1 else str(layer + 1)  # the top layer's rows: "h", "hb"
        names = [("h", "hb")[d] + tag for d in range(dirs)]
        for d, name in enumerate(names):
            row, recurrent = _stack_row(
                name, layer + 1, mark, d, dirs, states.h[layer][d], grads[layer][d]
            )
            rows.append(row)
            edges += recurrent + [
                Edge((src, c), (name, c), f"W{mark}_xh" + "←" * d) for src in below for c in steps
            ]
        below = names
    rows.append(Row("y", layers + 1, "y", steps, Y, dY))
    edges += [Edge((src, c), ("y", c), "W_hy") for src in below for c in steps]
    units = [
        f"{layer + 1}{'←' if d else ('→' if dirs == 2 else '')}h{u + 1}"
        for layer in range(layers)
        for d in range(dirs)
        for u in range(states.h[0][0].shape[1])
    ]
    in_time = lambda g, d: g.dH[:-1] if d else g.dH[1:]  # noqa: E731 - h_1..h_T of a direction
    states_all = np.concatenate([h for layer in states.h for h in layer], axis=1).T
    grads_all = np.concatenate(
        [in_time(g, d) for layer in grads for d, g in enumerate(layer)], axis=1
    ).T
    return Unrolled(rows, edges, states_all, grads_all, units, _times(T), T + 1 + (dirs == 2))


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
    layers: int = 1,
    bidirectional: bool = False,
    trunc: int = 0,
) -> Unrolled:
    """One diagram: architecture `arch_name` on x (T, D), recurrent weights scaled by α, and the
    backward pass for the loss `loss_at` ('last': L = Σ y_T, 'every': L = Σ_t Σ y_t). `layers`
    and `bidirectional` shape the "stacked" architecture (its deeper weights `s{l}_*`, see
    `presets.stack_weights`). `trunc` = k ≥ 1: truncated BPTT (the Elman architectures only,
    TRUNCATABLE)."""
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    if arch_name == "stacked":
        return _unroll_stacked(x, scaled(weights, alpha), act, loss_at, layers, bidirectional)
    if arch_name not in _UNROLL:
        raise ValueError(f"unknown architecture {arch_name!r}; use one of {ARCHS}")
    if trunc and arch_name in TRUNCATABLE:
        return _unroll_elman(arch_name, x, scaled(weights, alpha), act, loss_at, dec_steps, trunc)
    return _UNROLL[arch_name](arch_name, x, scaled(weights, alpha), act, loss_at, dec_steps)


def _jordan_dx(H, dH, w, act):
    """∂L/∂x_t = (∂L/∂h_t ⊙ f'(a_t)) W_xhᵀ for the Jordan net."""
    with quiet():
        return (dH[1:] * rnn.slope(H[1:], act)) @ w["W_xh"].T


def sweep(arch_name, x, weights, act, alphas, loss_at="last", dec_steps=4) -> list[Unrolled]:
    """`unroll` for every α (the browser's animation frames)."""
    return [unroll(arch_name, x, weights, act, float(a), loss_at, dec_steps) for a in alphas]


# --- The page's view: which diagram, its cost, its frames, its reading guide -------------------


@dataclass(frozen=True)
class View:
    """Everything one diagram depends on, and nothing else (hashable: a cache key)."""

    arch: str
    preset: str
    source: str = "preset"
    text: str = ""  # typed text (source "typed" only)
    steps: int = 0  # random sequence length (source "random" only)
    seed: int = 0  # random sequence or network (only when either is random)
    hidden: int = 2
    act: str = "identity"
    loss_at: str = "last"
    dec_steps: int = 4
    layers: int = 1  # the stacked architecture only
    bidirectional: bool = False
    trunc: int = 0  # truncated BPTT's k (0: full BPTT), backward and TRUNCATABLE only

    @classmethod
    def of(cls, s) -> View:
        """The view of the page's settings `s` (arch, preset, source, text, steps, seed, hidden,
        act, backward, loss, dec_steps, trunc), keeping only what this source and preset use."""
        setup = presets.preset_setup(s.preset, int(s.hidden), s.act)
        return cls(
            s.arch,
            s.preset,
            s.source,
            s.text if s.source == "typed" else "",
            int(s.steps) if s.source == "random" else 0,
            int(s.seed) if "random" in (s.source, s.preset) else 0,
            setup.n_hidden,
            setup.act,
            s.loss if s.backward else "last",
            int(s.dec_steps) if s.arch.startswith("enc_dec") else 4,
            *_stack_of(s),
            trunc_of(s),
        )

    def preset_only(self) -> View:
        """The same network on the preset's own sequence."""
        seed = self.seed if self.preset == "random" else 0
        return replace(self, source="preset", text="", steps=0, seed=seed)

    def setup(self) -> presets.Setup:
        return presets.preset_setup(self.preset, self.hidden, self.act)


def trunc_of(s) -> int:
    """The truncation length k the settings `s` ask for (trunc, backward, arch), kept only on
    the backward pass of an architecture that has it (TRUNCATABLE); 0: full BPTT."""
    k = int(getattr(s, "trunc", 0) or 0)
    return k if k > 0 and getattr(s, "backward", False) and s.arch in TRUNCATABLE else 0


def _stack_of(s) -> tuple[int, bool]:
    """(layers, bidirectional) of the settings `s`, kept only for the stacked architecture."""
    if s.arch != "stacked":
        return 1, False
    return int(getattr(s, "layers", 1)), bool(getattr(s, "bidir", False))


def sequence(view: View) -> np.ndarray:
    """x (T, D) for the view's source; typed text that does not parse raises InputError."""
    setup = view.setup()
    if view.source == "typed":
        return typed_text.parse_sequence(view.text, setup.n_in)
    if view.source == "random":
        return presets.random_sequence(view.preset, setup, view.steps, view.seed)
    return presets.preset_sequence(view.preset, setup, view.seed)


def frames(view: View, alphas, progress: Callable[[int, int], None] | None = None):
    """The diagram for every α in `alphas`; `progress(done, total)` after each frame (where a
    cancelled job stops). 41 frames of a 64 × 500 view weigh ~80 MB: keep the figure, not them."""
    setup, x = view.setup(), sequence(view)
    weights = presets.preset_weights(view.preset, setup, view.seed)
    if view.arch == "stacked":
        weights |= presets.stack_weights(
            view.preset, setup, view.seed, view.layers, view.bidirectional
        )
    out = []
    for alpha in alphas:
        out.append(
            unroll(
                view.arch,
                x,
                weights,
                setup.act,
                float(alpha),
                view.loss_at,
                view.dec_steps,
                view.layers,
                view.bidirectional,
                view.trunc,
            )
        )
        if progress is not None:
            progress(len(out), len(alphas))
    return out


def frame(view: View, alpha: float) -> Unrolled:
    """The diagram at one α (the heatmap, the guide and the CSV read it)."""
    return frames(view, (alpha,))[0]


def work(view: View, n_steps: int, units: int | None = None) -> int:
    """The diagram's cost: time columns × units × frames (× 2 both ways, × layers stacked)."""
    units = view.hidden if units is None else units
    return columns(view, n_steps) * units * len(SWEEP) * paths(view)


def paths(view: View) -> int:
    """How many recurrent rows the diagram computes: directions × layers."""
    if view.arch == "stacked":
        return view.layers * (2 if view.bidirectional else 1)
    return 2 if view.arch == "bidir" else 1


def columns(view: View, n_steps: int) -> int:
    return n_steps + (view.dec_steps if view.arch.startswith("enc_dec") else 0)


def over_budget(view: View) -> dict | None:
    """None when the view's sweep is within WORK_BUDGET, else the numbers of the refusal."""
    n_steps = len(sequence(view))
    cost = work(view, n_steps)
    if cost <= WORK_BUDGET:
        return None
    return dict(
        steps=columns(view, n_steps),
        units=view.hidden * paths(view),
        frames=len(SWEEP),
        work=f"{cost:,}",
        budget=f"{WORK_BUDGET:,}",
        max_units=max(1, WORK_BUDGET // work(view, n_steps, 1)),
    )


def alphas(preset: str) -> np.ndarray:
    """The diagram's frames for a preset: the random preset's value is ρ(W_hh), a spectral
    radius, so never below 0; the others scale W_hh (α, w_rec) and may be negative."""
    return SWEEP[SWEEP >= 0] if preset == "random" else SWEEP


def nearest(sweep, value: float) -> int:
    """The index of the frame nearest to `value`."""
    return Sweep(sweep).nearest(value)


def vector(values: np.ndarray) -> str:
    """(16, 16) for small vectors, ‖v‖ = … for wide ones."""
    if values.size <= 4:
        return "(" + ", ".join(number(float(v)) for v in values) + ")"
    with np.errstate(over="ignore"):
        return f"‖·‖ = {number(float(np.linalg.norm(values)))}"


def _node(row: Row, i: int) -> str:
    """A node's name as the diagram labels it: h₀, h²₃, h'₁₂ (i: the row's i-th column)."""
    step = int(row.cols[i] - row.cols[0]) + row.step0
    return row.symbol + str(step).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def backward_numbers(now: Unrolled, loss_at: str = "last", arch_name: str = "") -> dict:
    """The backward guide's numbers, all along the one chain of states whose arrows the diagram
    labels: the top layer's forward row (stacked, bidirectional), the decoder then the encoder
    (encoder–decoder), else h. ‖∂L/∂h‖ at the chain's last node (`first`, at `end`) and its first
    (`last`, at `start`), `n` steps apart; `per_step` = (last/first)^(1/n) and `arrows`, the
    geometric mean of the factors written on the chain's recurrent arrows (`arrow_text`: the
    arrows' own value when they all agree, signed as they show it). `reason` names why the two
    differ (None when they print alike): the loss at every step, Jordan's way back through W_hy,
    or other paths. `trend`: the direction of `per_step`."""
    rows = {r.name: r for r in now.rows}
    chain = [rows[name] for name in ("h", "hd") if name in rows]
    start, end = chain[0], chain[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        first, last = float(np.linalg.norm(end.grads[-1])), float(np.linalg.norm(start.grads[0]))
    n = max(int(end.cols[-1] - start.cols[0]), 1)
    names = {r.name for r in chain}
    factors = np.array(
        [e.factor for e in now.edges if e.recurrent and e.dst[0] in names and e.factor is not None]
    )
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        per_step = (last / first) ** (1.0 / n) if first > 0 else 0.0
        arrows = float(np.exp(np.mean(np.log(np.abs(factors))))) if factors.size else per_step
    same = factors.size and np.allclose(factors, factors[0], rtol=1e-9, atol=0.0)
    arrow_text = number(float(factors[0])) if same else number(arrows)
    reason = None
    if number(float(per_step)) != number(arrows):
        reason = "jordan" if arch_name == "jordan" else "every" if loss_at == "every" else "paths"
    # vanishing or exploding is what the way back does to a gradient: the arrows' factor, unless
    # they leave a step out (Jordan's W_hy); inf: grows
    carried = arrows if reason in ("every", "paths") else per_step
    direction = "none" if last == 0 or first == 0 else trend(carried)
    return dict(
        first=number(first),
        last=number(last),
        n=n,
        end=_node(end, -1),
        start=_node(start, 0),
        per_step=number(float(per_step)),
        arrows=arrow_text,
        same=bool(same),
        flips=bool(same and factors[0] < 0),
        reason=reason,
        trend=direction,
    )


def guide_numbers(now: Unrolled, backward: bool) -> dict:
    """The reading guide's numbers: the last state and output, the largest |h| (forward); or
    `backward_numbers` (backward)."""
    rows = {r.name: r for r in now.rows}
    if backward:
        return backward_numbers(now)
    h_row = rows["hd"] if "hd" in rows else rows["h"]  # the decoder's, for an encoder–decoder
    y_row = rows["yd"] if "yd" in rows else rows["y"]
    with np.errstate(over="ignore", invalid="ignore"):
        sizes = np.max(np.abs(now.states), axis=0)
    k_max = int(np.argmax(sizes))
    return dict(
        h_name=f"{h_row.symbol}_{len(h_row.cols) - 1 + h_row.step0}",
        h_last=vector(h_row.values[-1]),
        y_name=f"{y_row.symbol}_{int(y_row.cols[-1] - y_row.cols[0]) + y_row.step0}",
        y_last=vector(y_row.values[-1]),
        h_max=number(float(sizes[k_max])),
        k_max=now.time_labels[k_max],
    )


def flow_guide(at: int, norms, slopes, n_steps: int, plain=None, theta=None, rms=None) -> dict:
    """The gradient-flow section's numbers as text for its strings (`rnn.flow_numbers` at
    RHO_SWEEP[at]); `trend` names the direction (string "un.guide.<trend>"); with `rms`,
    `measured` names how the curve's own factor per step compares with the estimate ρ·√mean f'²
    ("un.flow.measured.<close|below|above|none>", within 10 % is close)."""
    raw = rnn.flow_numbers(at, norms, slopes, n_steps, plain, rms)
    text = {k: number(v) for k, v in raw.items() if k not in ("rho", "direction")}
    clip = ""
    if theta is not None:  # the clipping sentence: did it act, and was there a vanishing?
        acted = raw["before"] > theta * (1 + 1e-9)
        clip = "wd.un.clip.cut" if acted else "wd.un.clip.none"
        clip += ".vanished" if acted and raw["direction"] in ("shrinks", "none") else ""
    measured = versus(raw["per_step"], raw.get("estimate", float("nan")))
    theta = "" if theta is None else f"{theta:g}"
    return dict(
        text,
        rho=f"{raw['rho']:g}",
        n=n_steps,
        trend=raw["direction"],
        theta=theta,
        clip_key=clip,
        measured=f"un.flow.measured.{measured}",
    )


def flow_texts(at: int, sweep: tuple, plain: tuple | None, s, lang: str) -> tuple[str, str]:
    """The gradient-flow section's two texts in `lang`, from the chart's own sweep
    (`rnn.flow_sweep`: norms, mean and root-mean-square slopes) and, with clipping, the unclipped
    one: the note under the chart (why tanh saturates, the estimate against the curve's own
    factor per step; or the linear case) and the reading guide (with what clipping did).
    `s`: the page's settings (flow_steps, init, flow_act, clip, theta)."""
    from explorer.i18n import t

    norms, slopes, rms = sweep
    n_steps, init, act = int(s.flow_steps), s.init, s.flow_act
    theta = float(s.theta) if s.clip else None
    n = flow_guide(at, norms, slopes, n_steps, None if plain is None else plain[0], theta, rms)
    if act == "tanh":
        key = n["measured"] + (
            ".gaussian" if n["measured"].endswith("below") and init == "gaussian" else ""
        )
        note = t("un.flow.saturation", lang, **{**n, "measured": t(key, lang, **n)})
    else:
        note = t("un.flow.linear_note" + (".gaussian" if init == "gaussian" else ""), lang, **n)
    notice = t(
        "un.flow.guide",
        lang,
        **n,
        init=t(f"un.flow.init.{init}", lang),
        act=t(f"un.act.{act}", lang),
        direction=t(f"un.guide.{n['trend']}", lang),
    )
    if theta is not None:
        notice += t(n["clip_key"], lang, **n)
    return note, notice


def guide_text(now: Unrolled, view: View, backward: bool, symbol: str, alpha: float, lang: str):
    """The diagram's reading guide in `lang`: forward, the last state and output; backward,
    ‖∂L/∂h‖ at both ends of the chain the arrows label, the factor per step, and, where it is
    not what the arrows show, both figures and why."""
    from explorer.i18n import t

    if not backward:
        return t(
            "un.guide.fwd", lang, alpha=f"{alpha:g}", symbol=symbol, **guide_numbers(now, False)
        )
    n = backward_numbers(now, view.loss_at, view.arch)
    if n["trend"] == "none":
        return t("un.guide.bwd.none", lang, symbol=symbol, alpha=f"{alpha:g}", **n)
    if n["reason"] is None:
        kind = "flip" if n["flips"] else "arrows" if n["same"] else "mean"
        agree = t(f"un.guide.bwd.{kind}", lang, **n)
    else:
        agree = t("un.guide.bwd.differs", lang, **n, why=t(f"un.guide.bwd.why.{n['reason']}", lang))
    return t(
        "un.guide.bwd",
        lang,
        symbol=symbol,
        alpha=f"{alpha:g}",
        agree=agree,
        direction=t(f"un.guide.{n['trend']}", lang),
        **n,
    )


# --- Truncated BPTT against full BPTT ----------------------------------------------------------

GRAD_NAMES = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")  # the Elman RNN's weights, as `rnn.Grads`
EXACT = 1e-12  # a relative error at or below this is rounding: the truncation left it exact


@dataclass(frozen=True)
class Truncation:
    """Full and truncated BPTT of one diagram: k, the sequence length T, how many recurrent
    arrows the truncation cuts, each weight's gradient both ways and their relative error
    ‖g_k − g‖ / ‖g‖ (0 when both are 0, inf when only g is 0, NaN when either overflowed)."""

    k: int
    T: int
    cuts: int
    full: dict
    truncated: dict
    errors: dict


def relative_error(truncated: np.ndarray, full: np.ndarray) -> float:
    """‖truncated − full‖ / ‖full‖ (Frobenius); 0 when both are 0, inf when only `full` is 0,
    NaN when either is not finite."""
    truncated, full = np.asarray(truncated, np.float64), np.asarray(full, np.float64)
    if not (np.all(np.isfinite(truncated)) and np.all(np.isfinite(full))):
        return float("nan")
    with quiet():
        gap, size = float(np.linalg.norm(truncated - full)), float(np.linalg.norm(full))
    if not (np.isfinite(gap) and np.isfinite(size)):
        return float("nan")
    if size == 0:
        return 0.0 if gap == 0 else float("inf")
    return gap / size


def truncation(view: View, alpha: float) -> Truncation | None:
    """Full against truncated BPTT (k = view.trunc) for the diagram of `view` at α, from the
    network and loss the diagram draws; None when the view is not truncated."""
    if not view.trunc or view.arch not in TRUNCATABLE:
        return None
    setup, x = view.setup(), sequence(view)
    w = scaled(presets.preset_weights(view.preset, setup, view.seed), alpha)
    xs, _, args, H, _, _, dY = _elman_problem(view.arch, x, w, setup.act, view.loss_at)
    full = rnn.elman_bptt(xs, *args, act=setup.act, dY=dY, H=H)
    cut = rnn.bptt_truncated(xs, *args, view.trunc, act=setup.act, dY=dY, H=H)
    T = len(xs)
    return Truncation(
        k=int(view.trunc),
        T=T,
        cuts=sum(rnn.is_cut(t, view.trunc) for t in range(1, T + 1)),
        full={n: getattr(full, n) for n in GRAD_NAMES},
        truncated={n: getattr(cut, n) for n in GRAD_NAMES},
        errors={n: relative_error(getattr(cut, n), getattr(full, n)) for n in GRAD_NAMES},
    )


def _percent(error: float) -> str:
    """A relative error in %: "—" for NaN, "0%" at or below EXACT (rounding)."""
    if error != error:
        return "—"
    return "0%" if error <= EXACT else f"{number(100.0 * error)}%"


def truncation_table(tr: Truncation, lang: str) -> dict[str, list[str]]:
    """The table beside the diagram: per weight, the full gradient, the truncated one (values
    when they are at most 4, else their norm) and the relative error in %."""
    from explorer.i18n import t

    return {
        t("un.trunc.col.weight", lang): list(GRAD_NAMES),
        t("un.trunc.col.full", lang): [vector(np.ravel(tr.full[n])) for n in GRAD_NAMES],
        t("un.trunc.col.cut", lang, k=tr.k): [
            vector(np.ravel(tr.truncated[n])) for n in GRAD_NAMES
        ],
        t("un.trunc.col.error", lang): [_percent(tr.errors[n]) for n in GRAD_NAMES],
    }


def truncation_verdict(tr: Truncation) -> dict:
    """What the sentence under the table says, from the table's own numbers: `kind` "none" (k ≥
    T: nothing is cut), "exact" (arrows are cut but every relative error is ≤ EXACT),
    "changes" (the largest error, `worst` and `error`, is above it) or "overflow" (an error is
    not a number)."""
    errors = list(tr.errors.values())
    worst = max(GRAD_NAMES, key=lambda n: -1.0 if tr.errors[n] != tr.errors[n] else tr.errors[n])
    if any(e != e for e in errors):
        kind = "overflow"
    elif tr.cuts == 0:
        kind = "none"
    elif tr.errors[worst] <= EXACT:
        kind = "exact"
    else:
        kind = "changes"
    error = _percent(tr.errors[worst])
    return dict(kind=kind, k=tr.k, T=tr.T, cuts=tr.cuts, worst=worst, error=error)


def truncation_text(tr: Truncation, lang: str) -> str:
    """The sentence under the table in `lang` (`truncation_verdict`'s wording)."""
    from explorer.i18n import t

    n = truncation_verdict(tr)
    return t(f"un.trunc.verdict.{n['kind']}", lang, **n)
