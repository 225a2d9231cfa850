"""The tanh RNN and the GRU as torch layers whose forward and backward passes are NumPy BPTT.

Why: on one CPU thread torch's `nn.RNN` and `nn.GRU` record a graph of small operations at every
time step, and walking that graph back costs most of a training step (batch 32 × 16 units ×
200 steps: nn.GRU ≈ 50 ms, this ≈ 5 ms); `nn.LSTM` has a fused kernel and needs no help. The
memory task (`explorer.training.memory_task`) trains the RNN and the GRU through these layers; torch still
does everything else (read-out, loss, Adam). Same equations and parameter layout as nn.RNN (tanh)
and nn.GRU, checked against them in tests/model/test_memory_task.py:

    RNN   h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
    GRU   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
          n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}

The forward passes are the app's own: `explorer.cells.rnn.elman_states` and
`explorer.cells.gru.gru_forward` (both run a whole batch at once); the backward passes are here.

BPTT (δ = ∂L/∂h_t, from the loss at step t plus what came back from step t+1):
    RNN   δa = δ ⊙ (1 − h_t²);  δh_{t-1} += W_hhᵀ δa
    GRU   δz = δ ⊙ (h_{t-1} − n),  δn = δ ⊙ (1 − z),  δa_n = δn ⊙ (1 − n²),
          δr = δa_n ⊙ (W_hn h + b_hn)
          δh_{t-1} += z ⊙ δ + W_hhᵀ [δa_r, δa_z, r ⊙ δa_n]
x is (B, T, D) (batch first); the layers return all states (B, T, H). torch imported lazily.
"""

from __future__ import annotations

import numpy as np

from explorer.cells.gru import gru_forward
from explorer.cells.rnn import elman_states

_TORCH_NAMES = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")


def _weight_grads(d_pre: np.ndarray, inputs: np.ndarray) -> np.ndarray:
    """Σ over batch and time of d_pre ⊗ inputs: (B, T, G) × (B, T, K) → (G, K)."""
    return d_pre.reshape(-1, d_pre.shape[-1]).T @ inputs.reshape(-1, inputs.shape[-1])


def _shifted(states: np.ndarray) -> np.ndarray:
    """h_{t-1} for every t (B, T, H), h_0 = 0."""
    return np.concatenate([np.zeros_like(states[:, :1]), states[:, :-1]], axis=1)


def rnn_forward(x, w_ih, w_hh, b_ih, b_hh) -> np.ndarray:
    """All states (B, T, H) of the tanh RNN for x (B, T, D), h_0 = 0 (`rnn.elman_states`)."""
    w_hh_t = np.ascontiguousarray(w_hh.T)  # (H, H): h @ w_hh_t is W_hh h
    states, _ = elman_states(x, w_ih.T, w_hh_t, b_ih + b_hh)  # (B, T+1, H)
    return np.ascontiguousarray(states[:, 1:])


def rnn_backward(x, states, w_hh, d_states) -> tuple:
    """(dW_ih, dW_hh, db) for upstream d_states = ∂L/∂h_t (B, T, H) (db serves b_ih and b_hh)."""
    slope = 1.0 - states * states  # (B, T, H): tanh′(a_t), all steps at once
    d_a = np.empty_like(states)  # (B, T, H): ∂L/∂a_t
    carry = np.zeros(states.shape[::2])  # (B, H): what came back from step t+1
    for t in range(states.shape[1] - 1, -1, -1):
        np.multiply(d_states[:, t] + carry, slope[:, t], out=d_a[:, t])  # back through tanh
        carry = d_a[:, t] @ w_hh  # … and one step back through W_hh
    return _weight_grads(d_a, x), _weight_grads(d_a, _shifted(states)), d_a.sum(axis=(0, 1))


def gru_backward(x, fwd: dict, w_hh, b_hh, d_states) -> tuple:
    """(dW_ih, dW_hh, db_ih, db_hh) for upstream d_states = ∂L/∂h_t (B, T, H), given the forward
    pass fwd = `gru.gru_forward(x, params)` ("r", "z", "n", "h", each (B, T, H))."""
    r, z, n, states = fwd["r"], fwd["z"], fwd["n"], fwd["h"]
    B, T, H = states.shape
    h_prev = _shifted(states)
    u = h_prev @ w_hh[2 * H :].T + b_hh[2 * H :]  # (B, T, H): W_hn h_{t-1} + b_hn, which r scales
    k_n = (1.0 - z) * (1.0 - n * n)  # ∂h/∂a_n
    k_x = np.concatenate([k_n * u * r * (1 - r), (h_prev - n) * z * (1 - z), k_n], axis=-1)
    k_h = k_x.copy()
    k_h[..., 2 * H :] *= r  # the recurrent share of a_n passes through r
    d_all = np.empty((B, T, H))  # ∂L/∂h_t, total
    d_gh = np.empty((B, T, 3 * H))  # ∂L/∂(W_hh h_{t-1} + b_hh)
    carry = np.zeros((B, H))
    for t in range(T - 1, -1, -1):
        d = np.add(d_states[:, t], carry, out=d_all[:, t])
        np.multiply(k_h[:, t].reshape(B, 3, H), d[:, None], out=d_gh[:, t].reshape(B, 3, H))
        carry = d * z[:, t] + d_gh[:, t] @ w_hh  # z carries it, W_hh mixes it
    d_gx = (k_x.reshape(B, T, 3, H) * d_all[:, :, None]).reshape(B, T, 3 * H)
    return (
        _weight_grads(d_gx, x),
        _weight_grads(d_gh, h_prev),
        d_gx.sum(axis=(0, 1)),
        d_gh.sum(axis=(0, 1)),
    )


def layer(kind: str):
    """A torch.autograd.Function for kind "rnn" or "gru": apply(x, w_ih, w_hh, b_ih, b_hh) →
    states (B, T, H) in x's dtype (computed in float64); gradients for the four parameters."""
    import torch

    def arrays(*tensors):
        return [t.detach().double().numpy() for t in tensors]

    class NumpyLayer(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, w_ih, w_hh, b_ih, b_hh):
            xa, *p = arrays(x, w_ih, w_hh, b_ih, b_hh)
            if kind == "rnn":
                states, fwd = rnn_forward(xa, *p), None
            else:
                fwd = gru_forward(xa, dict(zip(_TORCH_NAMES, p, strict=True)))
                states = fwd["h"]
            ctx.saved = (xa, states, fwd, p[1], p[3])
            ctx.dtype = x.dtype
            return torch.from_numpy(states).to(x.dtype)

        @staticmethod
        def backward(ctx, d_states):
            xa, states, fwd, w_hh, b_hh = ctx.saved
            d = d_states.detach().double().numpy()
            if kind == "rnn":
                dw_ih, dw_hh, db = rnn_backward(xa, states, w_hh, d)
                grads = (dw_ih, dw_hh, db, db)
            else:
                grads = gru_backward(xa, fwd, w_hh, b_hh, d)
            return (None, *(torch.from_numpy(np.ascontiguousarray(g)).to(ctx.dtype) for g in grads))

    return NumpyLayer
