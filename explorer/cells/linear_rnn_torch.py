"""The counting-ones linear RNN in torch: the autograd twin that checks our BPTT.

torch is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import numpy as np

# CPU seconds that importing torch takes, at most: what "Also check with PyTorch autograd" says it
# costs the first time (measured 1.4–1.5 s of CPU on the 2-core server, 2026-12-06;
# tests/model/test_promised_costs.py checks it).
IMPORT_SECONDS = 2


def torch_gradients(X, t, w_x: float, w_rec: float) -> tuple[float, float, float]:
    """(ξ, ∂ξ/∂w_x, ∂ξ/∂w_rec) by torch autograd in float64, unrolled like the NumPy model."""
    import torch

    X_t = torch.as_tensor(np.atleast_2d(np.asarray(X, dtype=np.float64)))  # (N, T)
    t_t = torch.as_tensor(np.asarray(t, dtype=np.float64))  # (N,)
    wx = torch.tensor(float(w_x), dtype=torch.float64, requires_grad=True)
    wrec = torch.tensor(float(w_rec), dtype=torch.float64, requires_grad=True)
    S = torch.zeros(X_t.shape[0], dtype=torch.float64)
    for k in range(X_t.shape[1]):
        S = X_t[:, k] * wx + S * wrec  # S_k = w_x·X_k + w_rec·S_{k-1}
    xi = torch.sum((t_t - S) ** 2) / X_t.shape[0]
    xi.backward()
    return xi.item(), wx.grad.item(), wrec.grad.item()
