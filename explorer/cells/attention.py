"""Additive attention over a sequence of hidden states (the tutorial's `AttentionLSTM`, 000 §5.2).

An LSTM keeps all its hidden states h_1 … h_T; instead of answering from the last one only, it
scores every step, turns the scores into weights that sum to 1, and reads a weighted average:

    score_t  = v · tanh(W h_t)                 W (A, H), v (A,): the attention's own parameters
    weight_t = exp(score_t) / Σ_s exp(score_s)  (softmax over the T steps)
    context  = Σ_t weight_t h_t                (H,)

So the answer can reach step 1 in one hop, however long the sequence: the gradient from the
answer to h_1 passes through weight_1 instead of through T − 1 recurrent steps.
"""

from __future__ import annotations

import numpy as np

from explorer.cells.cell_params import as_array


def additive_attention(states, W, v) -> tuple[np.ndarray, np.ndarray]:
    """(context (…, H), weights (…, T)) for states (…, T, H), W (A, H), v (A,); float64.

    Leading batch axes are allowed. The softmax subtracts the largest score before exp, so
    scores of ±1e300 give finite weights (never NaN): the largest score wins.
    """
    states, W, v = as_array(states), as_array(W), as_array(v)
    scores = np.tanh(states @ W.T) @ v  # (…, T): one number per step
    with np.errstate(over="ignore", under="ignore"):  # a far-behind score may give -inf, then 0
        shifted = scores - np.max(scores, axis=-1, keepdims=True)  # ≤ 0: exp cannot overflow
        e = np.exp(shifted)
    weights = e / np.sum(e, axis=-1, keepdims=True)  # (…, T), sums to 1
    context = np.einsum("...t,...th->...h", weights, states)  # (…, H): the weighted average
    return context, weights


def attention_backward(states, W, v, d_context) -> np.ndarray:
    """∂L/∂h_t (…, T, H) reaching each state through the attention, for d_context = ∂L/∂context.

    Two ways: as a term of the average (weight_t · d_context), and through its own score
    (∂L/∂score_t = weight_t (e_t − Σ_s weight_s e_s) with e_t = d_context · h_t; a score moves
    with h_t as Wᵀ (v ⊙ tanh′(W h_t))). This is the one hop from the answer to step 1.
    """
    states, W, v = as_array(states), as_array(W), as_array(v)
    d_context = as_array(d_context)
    _, weights = additive_attention(states, W, v)
    u = np.tanh(states @ W.T)  # (…, T, A)
    e = states @ d_context[..., None]  # (…, T, 1): how the answer changes with each weight
    d_scores = weights[..., None] * (e - np.sum(weights[..., None] * e, axis=-2, keepdims=True))
    through_score = d_scores * ((v * (1.0 - u * u)) @ W)  # (…, T, H)
    return weights[..., None] * d_context[..., None, :] + through_score
