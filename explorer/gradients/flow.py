"""Why gates work, in numbers: how far a gradient travels back through a tanh RNN, an LSTM, a GRU.

Two measurements, both exact backpropagation through time (BPTT) in NumPy float64, equal to torch
autograd (tests/model/test_gradient_flow.py):

* `state_gradients`: the loss L = g·h_T (g defaults to ones(H)/√H) is sent back from the last
  state, and we record how big it still is at every earlier state: ‖∂L/∂h_k‖ for k = 0..T
  (h_0 the zero initial state) and, for the LSTM, ‖∂L/∂c_k‖. These are total derivatives (BPTT's
  δ): δc_k counts both ways c_k reaches the loss, through c_{k+1} and through h_k = o_k ⊙ tanh(c_k).
  One step back multiplies the gradient by

      tanh RNN   δh_{t-1} = W_hhᵀ (tanh′(a_t) ⊙ δh_t)               (a matrix: shrinks or grows)
      LSTM       δc_{t-1} = f_t ⊙ δc_t + o_{t-1} ⊙ tanh′(c_{t-1}) ⊙ δh_{t-1}   (f ≈ 1 carries it)
      GRU        δh_{t-1} = z_t ⊙ δh_t + (the paths through r, z and n)   (z ≈ 1 carries it)

* `connectivity`: the (T, T) matrix of ‖∂h_t/∂x_k‖ (Frobenius norm of the H × D Jacobian block),
  rows and columns steps 1..T: how strongly the state at step t still depends on the input at
  step k (Distill, "Memorization in RNNs"). Zero above the diagonal: h_t cannot see the future.
  Computed forward ("forward-mode"): the Jacobians for every k ≤ t are carried along together.

Kinds: "rnn" (torch `nn.RNN` with tanh), "lstm" (`nn.LSTM`), "gru" (`nn.GRU`), and "ctrnn", a
continuous-time (leaky) RNN with the `nn.RNN` parameters:

      h_t = (1 − α) h_{t-1} + α tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh),   0 < α ≤ 1

(α = 1 is the tanh RNN; a small α keeps (1 − α) of the old state at every step.) `params` is a
1-layer torch state_dict (tensors or arrays) in torch's layout (see `explorer.cells.cell_params`); x is
(T, D). The forward passes are `explorer.cells.rnn.elman_states`, `explorer.cells.lstm.lstm_forward`
and `explorer.cells.gru.gru_forward`.
"""

from __future__ import annotations

import numpy as np

from explorer.cells import cell_params
from explorer.cells.gru import gru_forward
from explorer.cells.lstm import lstm_forward
from explorer.cells.rnn import elman_states, recurrent_matrix, slope
from explorer.numerics import clip_norm, no_nan, quiet

KINDS = ("rnn", "lstm", "gru", "ctrnn")
_GATES = {"rnn": 1, "ctrnn": 1, "lstm": 4, "gru": 3}
# OpenBLAS runs a product on one thread while rows × columns × inner size stays ≤ 65536 × 4; a
# larger one wakes every BLAS thread, which on a loaded 2-core server costs more than it saves
# (connectivity at T = 200, H = 64: ~4 s instead of ~0.3 s). `_product` keeps each piece below.
_ONE_THREAD_SIZE = 262_144


def state_gradients(
    kind: str,
    params,
    x,
    g=None,
    alpha: float = 1.0,
    *,
    act: str = "tanh",
    clip=None,
    upstream=None,
) -> dict:
    """‖∂L/∂h_k‖ for k = 0..T with L = g·h_T; returns a dict of arrays:

    "h" (T+1,): ‖∂L/∂h_k‖ ("h"[T] = ‖g‖); "c" (T+1,): ‖∂L/∂c_k‖ (LSTM only);
    "states" (T+1, H): the forward states h_0 = 0, h_1 … h_T.

    `alpha` is the ctrnn's leak (ignored by the other kinds). For "rnn"/"ctrnn" only: `act`
    replaces tanh by another `explorer.cells.rnn.ACTIVATIONS` function, and `clip` = θ rescales ∂L/∂h_k
    to norm θ whenever it is larger, at every step, as it is carried back (as `explorer.cells.rnn`).
    `upstream` (T, H): ∂L/∂h_t arriving from outside the recurrence at steps 1..T (for example
    from an attention read-out, `explorer.cells.attention.attention_backward`); the loss is then
    L = g·h_T + Σ_t upstream_t·h_t (pass g = zeros(H) for the attention alone). Overflow gives
    inf, never NaN.
    """
    w_ih, w_hh, H, x = _read(kind, params, x)
    g = np.full(H, 1.0 / np.sqrt(H)) if g is None else cell_params.as_array(g).reshape(H)
    ext = np.zeros((len(x) + 1, H))  # ext[k] = ∂L/∂h_k from outside, k = 0..T (ext[0] = 0)
    if upstream is not None:
        ext[1:] = cell_params.as_array(upstream).reshape(len(x), H)
    with quiet():
        if kind == "lstm":
            out = _lstm_backward(lstm_forward(x, params), w_hh, g, ext)
        elif kind == "gru":
            out = _gru_backward(gru_forward(x, params), w_hh, params, g, ext)
        else:
            alpha = 1.0 if kind == "rnn" else float(alpha)
            fwd = _rnn_forward(params, x, alpha, act)
            out = _rnn_backward(fwd, w_hh, g, ext, alpha, act, clip)
        return {
            k: no_nan(np.linalg.norm(v, axis=1)) if k != "states" else v for k, v in out.items()
        }


def connectivity(kind: str, params, x, alpha: float = 1.0) -> np.ndarray:
    """(T, T) array: [t, k] = ‖∂h_t/∂x_k‖_F for steps t, k = 1..T (row t-1, column k-1).

    Zero above the diagonal (k > t). All columns are carried forward at once: J_t^(k) = ∂h_t/∂x_k
    obeys J_t^(k) = (∂h_t/∂h_{t-1}) J_{t-1}^(k) for k < t and J_t^(t) = ∂h_t/∂x_t, so one pass over
    t with (H, t·D) blocks gives the whole matrix (about T²·H²·D multiply-adds).
    """
    w_ih, w_hh, H, x = _read(kind, params, x)
    T, D = x.shape
    out = np.zeros((T, T))
    jh = np.zeros((H, T * D))  # (H, T·D): column block k holds ∂h_t/∂x_k
    with quiet():
        if kind == "lstm":
            step = _lstm_tangent(lstm_forward(x, params), w_ih, w_hh, jh)
        elif kind == "gru":
            step = _gru_tangent(gru_forward(x, params), w_ih, w_hh, params, jh)
        else:
            alpha = 1.0 if kind == "rnn" else float(alpha)
            step = _rnn_tangent(_rnn_forward(params, x, alpha, "tanh"), w_ih, w_hh, jh, alpha)
        for t in range(T):
            m0, m = t * D, (t + 1) * D
            step(t, m0, m)  # updates jh[:, :m] to ∂h_{t+1}/∂x_k, k = 1..t+1
            sq = np.einsum("hm,hm->m", jh[:, :m], jh[:, :m])  # (m,) squared column norms
            out[t, : t + 1] = np.sqrt(sq.reshape(t + 1, D).sum(axis=1))
    return no_nan(out)


def random_cell(
    kind: str, n_inputs: int, hidden: int, *, seed: int = 0, forget_bias=1.0, rho=1.0
) -> dict:
    """Random params in torch's layout for a flow chart: "lstm"/"gru" as
    `cell_params.random_params` (orthogonal recurrent blocks, `forget_bias` on f or z);
    "rnn"/"ctrnn": W_ih ~ U(±1/√H), W_hh = ρ × an orthogonal matrix (every |eigenvalue| = ρ,
    ‖W_hh‖ = ρ), zero biases. The same seed gives the same directions for every bias or ρ."""
    if kind in ("lstm", "gru"):
        return cell_params.random_params(kind, n_inputs, hidden, seed, forget_bias=forget_bias)
    rng = np.random.default_rng(seed)
    bound = 1.0 / np.sqrt(hidden)
    return {
        "weight_ih_l0": rng.uniform(-bound, bound, (hidden, n_inputs)),
        "weight_hh_l0": recurrent_matrix(hidden, rho, "orthogonal", seed),
        "bias_ih_l0": np.zeros(hidden),
        "bias_hh_l0": np.zeros(hidden),
    }


def sweep(kind: str, x, values, *, hidden: int, seed: int = 0, alpha: float = 1.0) -> dict:
    """`state_gradients` for a `random_cell` at every value (frames for a slider): the forget
    bias for "lstm"/"gru", the spectral radius ρ for "rnn"/"ctrnn". Returns "h" (F, T+1) and,
    for the LSTM, "c" (F, T+1), F = len(values)."""
    x = np.asarray(x, dtype=np.float64)
    x = x[:, None] if x.ndim == 1 else x
    key = "forget_bias" if kind in ("lstm", "gru") else "rho"
    runs = [
        state_gradients(
            kind, random_cell(kind, x.shape[1], hidden, seed=seed, **{key: v}), x, alpha=alpha
        )
        for v in values
    ]
    return {name: np.array([r[name] for r in runs]) for name in runs[0] if name != "states"}


def _read(kind, params, x):
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if kind == "lstm" and any(k in params for k in cell_params.PEEPHOLE_KEYS):
        raise ValueError("peephole LSTMs are not supported here")
    w_ih, w_hh, _, _ = cell_params.weights(params, _GATES[kind])
    return w_ih, w_hh, w_hh.shape[1], cell_params.inputs(x, w_ih.shape[1])


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b, computed in column blocks small enough for OpenBLAS to use one thread."""
    width = max(1, _ONE_THREAD_SIZE // max(1, a.shape[0] * a.shape[1]))
    if b.shape[1] <= width:
        return a @ b
    out = np.empty((a.shape[0], b.shape[1]))
    for i in range(0, b.shape[1], width):
        np.matmul(a, b[:, i : i + width], out=out[:, i : i + width])
    return out


# --- tanh RNN and its continuous-time (leaky) version ---------------------------------------------


def _rnn_forward(params, x, alpha: float, act: str) -> dict:
    """{"phi": f(a_t) (T, H), "states": h_0..h_T (T+1, H)} for h_t = (1−α)h_{t-1} + α f(a_t)."""
    w_ih, w_hh, bias, _ = cell_params.weights(params, 1)  # torch layout: (H, D), (H, H), (H,)
    w_hh_t = np.ascontiguousarray(w_hh.T)  # (H, H): h @ w_hh_t is W_hh h
    states, phi = elman_states(x, w_ih.T, w_hh_t, bias, act=act, alpha=alpha)
    return {"phi": phi, "states": states}


def _rnn_backward(fwd, w_hh, g, ext, alpha, act, clip) -> dict:
    k = alpha * slope(fwd["phi"], act)  # (T, H): ∂h_t/∂a_t = α f′(a_t)
    T = len(k)
    dh = np.zeros((T + 1, len(g)))  # (T+1, H)
    dh[T] = clip_norm(g + ext[T], clip)
    for fix in (_same, no_nan):  # as in the forward pass
        for t in range(T, 0, -1):
            back = (dh[t] * k[t - 1]) @ w_hh  # through f, then one step back through W_hh
            if alpha != 1.0:
                back = back + (1.0 - alpha) * dh[t]  # the leak: (1 − α) of the state is kept
            dh[t - 1] = clip_norm(fix(back + ext[t - 1]), clip)
        if not np.isnan(dh).any():
            break
    return {"h": dh, "states": fwd["states"]}


def _same(values):
    return values


def _rnn_tangent(fwd, w_ih, w_hh, jh, alpha):
    k = alpha * slope(fwd["phi"], "tanh")  # (T, H)

    def step(t, m0, m):
        if m0:
            back = k[t][:, None] * _product(w_hh, jh[:, :m0])  # (H, m0)
            jh[:, :m0] = back if alpha == 1.0 else back + (1.0 - alpha) * jh[:, :m0]
        jh[:, m0:m] = k[t][:, None] * w_ih  # ∂h_t/∂x_t

    return step


# --- LSTM ----------------------------------------------------------------------------------------


def _lstm_coefficients(s: dict) -> tuple:
    """Per-step factors (T, H) of the LSTM's derivatives, shared by both directions:
    dc = f ⊙ dc_prev + ki⊙da_i + kf⊙da_f + kg⊙da_g and dh = dtc ⊙ dc + ko ⊙ da_o."""
    i, f, g, o, c = s["i"], s["f"], s["g"], s["o"], s["c"]
    tc = np.tanh(c)
    c_prev = np.vstack([np.zeros((1, c.shape[1])), c[:-1]])  # c_0 = 0
    k4 = np.hstack([g * i * (1 - i), c_prev * f * (1 - f), i * (1 - g * g), tc * o * (1 - o)])
    return k4, o * (1 - tc * tc)  # (T, 4H) for i | f | g | o, and dtc = ∂h_t/∂c_t (T, H)


def _lstm_backward(s, w_hh, g, ext) -> dict:
    k4, dtc = _lstm_coefficients(s)
    f = s["f"]
    T, H = f.shape
    dh, dc = np.zeros((T + 1, H)), np.zeros((T + 1, H))
    dh[T] = g + ext[T]
    dc[T] = dh[T] * dtc[T - 1]
    da = np.empty((4, H))
    for t in range(T, 0, -1):
        np.multiply(k4[t - 1].reshape(4, H), dc[t], out=da)  # δa_i, δa_f, δa_g from δc …
        da[3] = k4[t - 1, 3 * H :] * dh[t]  # … and δa_o from δh
        dh[t - 1] = da.reshape(-1) @ w_hh + ext[t - 1]  # (4H,) @ (4H, H): back through W_hh
        dc[t - 1] = dc[t] * f[t - 1]  # the cell path: multiply by f_t
        if t > 1:
            dc[t - 1] += dh[t - 1] * dtc[t - 2]  # and through h_{t-1} = o ⊙ tanh(c_{t-1})
    states = np.vstack([np.zeros((1, H)), s["h"]])
    return {"h": dh, "c": dc, "states": states}


def _lstm_tangent(s, w_ih, w_hh, jh):
    k4, dtc = _lstm_coefficients(s)
    f = s["f"]
    H = f.shape[1]
    jc = np.zeros_like(jh)  # (H, T·D): ∂c_t/∂x_k

    def step(t, m0, m):
        q = np.empty((4 * H, m))
        q[:, :m0] = _product(w_hh, jh[:, :m0])  # (4H, m0): the gates' change through h_{t-1}
        q[:, m0:m] = w_ih  # … and through x_t itself
        q *= k4[t][:, None]
        jc[:, :m] = f[t][:, None] * jc[:, :m] + q[:H] + q[H : 2 * H] + q[2 * H : 3 * H]
        jh[:, :m] = dtc[t][:, None] * jc[:, :m] + q[3 * H :]

    return step


# --- GRU -----------------------------------------------------------------------------------------


def _gru_coefficients(s: dict, w_hh, params) -> np.ndarray:
    """(T, 3H): dh = kr⊙da_r + kz⊙da_z + kn⊙(r ⊙ W_hn dh_prev + W_in dx) + z ⊙ dh_prev."""
    r, z, n, h = s["r"], s["z"], s["n"], s["h"]
    H = h.shape[1]
    h_prev = np.vstack([np.zeros((1, H)), h[:-1]])
    b_hh = cell_params.as_array(params.get("bias_hh_l0", np.zeros(3 * H)))
    u = h_prev @ w_hh[2 * H :].T + b_hh[2 * H :]  # (T, H): W_hn h_prev + b_hn, which r scales
    kn = (1 - z) * (1 - n * n)  # ∂h/∂a_n
    return np.hstack([kn * u * r * (1 - r), (h_prev - n) * z * (1 - z), kn])


def _gru_backward(s, w_hh, params, g, ext) -> dict:
    k3 = _gru_coefficients(s, w_hh, params)
    r, z = s["r"], s["z"]
    T, H = z.shape
    dh = np.zeros((T + 1, H))
    dh[T] = g + ext[T]
    da = np.empty((3, H))
    for t in range(T, 0, -1):
        np.multiply(k3[t - 1].reshape(3, H), dh[t], out=da)  # δa_r, δa_z, δa_n
        da[2] *= r[t - 1]  # the reset gate scales the way back through W_hn
        dh[t - 1] = dh[t] * z[t - 1] + da.reshape(-1) @ w_hh + ext[t - 1]  # z carries, W_hh mixes
    return {"h": dh, "states": np.vstack([np.zeros((1, H)), s["h"]])}


def _gru_tangent(s, w_ih, w_hh, params, jh):
    k3, z, r = _gru_coefficients(s, w_hh, params), s["z"], s["r"]
    H = z.shape[1]

    def step(t, m0, m):
        q = np.empty((3 * H, m))
        q[:, :m0] = _product(w_hh, jh[:, :m0])  # (3H, m0)
        q[2 * H :, :m0] *= r[t][:, None]  # r ⊙ W_hn dh_prev
        q[:, m0:m] = w_ih  # x_t enters every pre-activation directly
        q *= k3[t][:, None]
        jh[:, :m] = z[t][:, None] * jh[:, :m] + q[:H] + q[H : 2 * H] + q[2 * H :]

    return step
