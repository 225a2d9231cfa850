"""The tutorials' RNN structures (tutorials 001, 002), each computed forward and backward.

Built on `explorer.cells.rnn` (same row-vector convention): Jordan (the memory is the last output),
bidirectional, encoder–decoder (N→M with context c = h_N fed in one of two ways); N→N, N→1
and 1→N are the Elman RNN with different inputs and outputs.
"""

from __future__ import annotations

import numpy as np

from explorer.cells import rnn
from explorer.cells.rnn import Grads, elman_bptt, elman_forward
from explorer.numerics import no_nan, quiet

# --- Jordan: the memory holds y_{t-1} ----------------------------------------------------------


def jordan_forward(x, W_xh, W_yh, b_h, W_hy, b_y, y0=None, act="tanh"):
    """h_t = f(x_t W_xh + y_{t-1} W_yh + b_h), y_t = h_t W_hy + b_y.

    Returns H (T+1, H) with H[0] = 0 (a Jordan net keeps no hidden memory) and Y (T+1, O) with
    Y[0] = y0 (zeros by default), the memory the first step reads.
    """
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    W_hy = np.asarray(W_hy, dtype=np.float64)
    T = x.shape[0]
    H = np.zeros((T + 1, W_hy.shape[0]))
    Y = np.zeros((T + 1, W_hy.shape[1]))
    if y0 is not None:
        Y[0] = y0
    with quiet():
        drive = x @ W_xh + b_h  # (T, H)
        for t in range(1, T + 1):
            H[t] = no_nan(rnn.activate(drive[t - 1] + Y[t - 1] @ W_yh, act))
            Y[t] = no_nan(H[t] @ W_hy + b_y)
    return H, Y


def jordan_bptt(x, W_xh, W_yh, b_h, W_hy, b_y, y0=None, act="tanh", dY=None):
    """BPTT for `jordan_forward`; dY (T, O) = ∂L/∂y_t from the loss at each step.

    Returns (dH (T+1, H), dYtot (T+1, O) = ∂L/∂y_k through every later step, dYtot[0] = ∂L/∂y0,
    carried (T, O): carried[t-1] = dA_t W_yhᵀ, weight grads dict).
    """
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    W_xh, W_yh, W_hy = (np.asarray(w, dtype=np.float64) for w in (W_xh, W_yh, W_hy))
    H, Y = jordan_forward(x, W_xh, W_yh, b_h, W_hy, b_y, y0, act)
    T = x.shape[0]
    dY = np.zeros((T, W_hy.shape[1])) if dY is None else np.asarray(dY, dtype=np.float64)
    dH = np.zeros_like(H)
    dYtot = np.zeros_like(Y)
    dA = np.zeros((T, W_hy.shape[0]))
    carried = np.zeros((T, W_hy.shape[1]))
    with quiet():
        for t in range(T, 0, -1):
            later = carried[t] if t < T else 0.0  # y_t also feeds h_{t+1}
            dYtot[t] = no_nan(dY[t - 1] + later)
            dH[t] = no_nan(dYtot[t] @ W_hy.T)
            dA[t - 1] = no_nan(dH[t] * rnn.slope(H[t], act))
            carried[t - 1] = no_nan(dA[t - 1] @ W_yh.T)
        dYtot[0] = carried[0] if T else 0.0
        weights = dict(
            W_xh=x.T @ dA,
            W_yh=Y[:-1].T @ dA,
            b_h=dA.sum(axis=0),
            W_hy=H[1:].T @ dYtot[1:],
            b_y=dYtot[1:].sum(axis=0),
        )
    return dH, dYtot, carried, {k: no_nan(v) for k, v in weights.items()}


# --- Bidirectional ----------------------------------------------------------------------------


def bidirectional_forward(x, fwd, bwd, W_hy, b_y, act="tanh"):
    """Two Elman passes, left→right and right→left; y_t = [h→_t, h←_t] W_hy + b_y.

    fwd, bwd: (W_xh, W_hh, b_h) each; W_hy (2H, O). Returns Hf (T+1, H) with Hf[0] = 0, Hb (T+1,
    H) with Hb[T] = 0 and Hb[k] the state after reading x_T … x_{k+1} (0-based row k of x), so
    step k's output sees Hf[k+1] and Hb[k], as torch.nn.RNN(bidirectional=True) does.
    """
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    n_hidden = np.asarray(fwd[1]).shape[0]
    W_hy = np.asarray(W_hy, dtype=np.float64)
    no_out = np.zeros((n_hidden, 0))
    Hf, _ = elman_forward(x, *fwd, no_out, np.zeros(0), act=act)
    Hr, _ = elman_forward(x[::-1], *bwd, no_out, np.zeros(0), act=act)
    Hb = Hr[::-1].copy()
    with quiet():
        Y = no_nan(np.concatenate([Hf[1:], Hb[:-1]], axis=1) @ W_hy + b_y)  # (T, O)
    return Hf, Hb, Y


def bidirectional_bptt(x, fwd, bwd, W_hy, b_y, act="tanh", dY=None):
    """BPTT for `bidirectional_forward`: (Grads forward, Grads backward in time order, dW_hy).

    The backward direction's dH (T+1, H) is flipped into time order like Hb (dH[T] = ∂L/∂ its
    initial state); its carried[k] is the part of ∂L/∂Hb[k+1] that came through Hb[k].
    """
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    W_hy = np.asarray(W_hy, dtype=np.float64)
    n_hidden = np.asarray(fwd[1]).shape[0]
    Hf, Hb, _ = bidirectional_forward(x, fwd, bwd, W_hy, b_y, act)
    dY = np.zeros((x.shape[0], W_hy.shape[1])) if dY is None else np.asarray(dY, float)
    no_out = np.zeros((n_hidden, 0))
    with quiet():
        to_f, to_b = dY @ W_hy[:n_hidden].T, dY @ W_hy[n_hidden:].T  # (T, H) each
        d_W_hy = no_nan(np.concatenate([Hf[1:], Hb[:-1]], axis=1).T @ dY)
    gf = elman_bptt(x, *fwd, no_out, np.zeros(0), act=act, dH_out=to_f)
    gr = elman_bptt(x[::-1], *bwd, no_out, np.zeros(0), act=act, dH_out=to_b[::-1])
    gb = Grads(
        dH=gr.dH[::-1].copy(),
        dA=gr.dA[::-1].copy(),
        dX=gr.dX[::-1].copy(),
        carried=gr.carried[::-1].copy(),
        W_xh=gr.W_xh,
        W_hh=gr.W_hh,
        b_h=gr.b_h,
        W_hy=gr.W_hy,
        b_y=gr.b_y,
    )
    return gf, gb, d_W_hy


# --- Encoder–decoder (N→M) --------------------------------------------------------------------

FEEDS: tuple[str, ...] = ("init", "input")


def _decoder_inputs(c, n_out: int, feed: str):
    """Decoder inputs (M, H) and h'_0: 'init' → h'_0 = c, no input; 'input' → c at every step."""
    c = np.asarray(c, dtype=np.float64)
    if feed == "init":
        return np.zeros((n_out, c.shape[0])), c
    if feed == "input":
        return np.tile(c, (n_out, 1)), None
    raise ValueError(f"unknown feed {feed!r}; use one of {FEEDS}")


def encoder_decoder_forward(x, enc, dec, W_hy, b_y, n_out: int, feed="init", act="tanh"):
    """Encoder (N steps, Elman) → c = h_N → decoder (M = n_out steps, Elman) → y'_1 … y'_M.

    enc = (W_xh, W_hh, b_h); dec = (W_ch (H, H'), W_hh' (H', H'), b_h'), W_hy (H', O).
    Returns (He (N+1, H), Hd (M+1, H'), Y (M, O)); Hd[0] = c with feed 'init', else 0.
    """
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    no_out = np.zeros((np.asarray(enc[1]).shape[0], 0))
    He, _ = elman_forward(x, *enc, no_out, np.zeros(0), act=act)
    xd, h0 = _decoder_inputs(He[-1], n_out, feed)
    Hd, Y = elman_forward(xd, *dec, W_hy, b_y, h0=h0, act=act)
    return He, Hd, Y


def encoder_decoder_bptt(x, enc, dec, W_hy, b_y, n_out: int, feed="init", act="tanh", dY=None):
    """BPTT for `encoder_decoder_forward`: (Grads encoder, Grads decoder, ∂L/∂c).

    ∂L/∂c is ∂L/∂h'_0 (feed 'init') or Σ_t ∂L/∂x'_t (feed 'input'); it enters the encoder at h_N.
    """
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    n_hidden = np.asarray(enc[1]).shape[0]
    no_out = np.zeros((n_hidden, 0))
    He, _ = elman_forward(x, *enc, no_out, np.zeros(0), act=act)
    xd, h0 = _decoder_inputs(He[-1], n_out, feed)
    gd = elman_bptt(xd, *dec, W_hy, b_y, h0=h0, act=act, dY=dY)
    with quiet():
        dc = no_nan(gd.dH[0] if feed == "init" else gd.dX.sum(axis=0))
    into_encoder = np.zeros((x.shape[0], n_hidden))
    into_encoder[-1] = dc
    ge = elman_bptt(x, *enc, no_out, np.zeros(0), act=act, dH_out=into_encoder)
    return ge, gd, dc
