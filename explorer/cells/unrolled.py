"""Every architecture unrolled into rows of nodes (values forward, ∂L/∂ backward) and the
arrows between them: the model behind the Unrolled RNN page's diagram.

A diagram is drawn in columns (time steps) and levels (x at the bottom, h in the middle, y on
top, as the tutorials draw it). `unroll` computes one diagram for one weight scale α; the page
sweeps α to animate the numbers in the browser (explorer/views/unrolled.py). The presets are in
`explorer.inputs.presets`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.cells import architectures as arch
from explorer.cells import rnn, stacked
from explorer.inputs.presets import MAX_STEPS
from explorer.numerics import quiet

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


def scaled(weights: dict[str, np.ndarray], alpha: float) -> dict[str, np.ndarray]:
    """The same weights with every recurrent matrix multiplied by α."""
    return {k: (alpha * v if _recurrent(k) else v) for k, v in weights.items()}


def _recurrent(name: str) -> bool:
    return name in RECURRENT or name.endswith("_W_hh")  # a stacked layer's s{l}_W_hh too


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


def elman_problem(name, x, w, act, loss_at):
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
    xs, x_cols, args, H, Y, shown, dY = elman_problem(name, x, w, act, loss_at)
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
