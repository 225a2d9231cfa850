"""A small LSTM/GRU trained with torch to predict the next step of a sequence.

torch is imported inside the function, so importing this module costs nothing. The result is
plain NumPy float64 params in torch's layout, with the input standardisation folded into the
input weights: `lstm.lstm_forward(x, params)` on the raw sequence gives the trained gates.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from explorer.i18n import number
from explorer.training.jobs import job

MAX_TRAIN_STEPS = 1024  # only the first steps of a long sequence are used: seconds, not minutes
# Training work = steps used × units × epochs × models; a model under 32 units costs about as
# much as one of 32 (torch's per-step overhead), so it counts as 32. 1024 × 32 × 183 ≈ 6 M is
# about 8 s on one core: the most a link may start on a shared server.
TRAIN_BUDGET = 6_000_000
MIN_COUNTED_UNITS = 32
CHUNK = 64  # truncated BPTT window
LEARNING_RATE = 0.02


def _chunks(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(inputs, targets), each (L, B, D): consecutive windows of x[:-1] and x[1:]."""
    n = len(x) - 1
    length = min(CHUNK, n)
    batches = n // length
    inputs = x[: batches * length].reshape(batches, length, -1).transpose(1, 0, 2)
    targets = x[1 : batches * length + 1].reshape(batches, length, -1).transpose(1, 0, 2)
    return np.ascontiguousarray(inputs), np.ascontiguousarray(targets)


def train_next_step(
    x: np.ndarray,
    kind: str = "lstm",
    hidden: int = 8,
    epochs: int = 100,
    seed: int = 0,
    progress: Callable[[float, float], None] | None = None,
) -> dict:
    """Train a 1-layer `kind` ("lstm" | "gru") + linear read-out on next-step prediction.

    x (T, D) float64. Full-batch Adam on windows of CHUNK steps of the first MAX_TRAIN_STEPS
    steps, standardised per feature. Seeded and deterministic on CPU. `progress(fraction, loss)`
    is called after each epoch. Returns {"params": state_dict as float64 arrays (standardisation
    folded in), "readout_weight" (D, H), "readout_bias" (D,), "losses": list of floats,
    "mean", "std" (D,)}.
    """
    import torch

    x = np.asarray(x, dtype=np.float64)[:MAX_TRAIN_STEPS]
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std = np.where(std > 1e-12, std, 1.0)  # a constant feature stays put
    inputs, targets = _chunks((x - mean) / std)
    n_features = x.shape[1]
    with torch.random.fork_rng(devices=[]):  # the caller's global RNG is left untouched
        torch.manual_seed(seed)
        cell_type = torch.nn.LSTM if kind == "lstm" else torch.nn.GRU
        cell = cell_type(n_features, hidden).double()
        readout = torch.nn.Linear(hidden, n_features).double()
        if kind == "lstm":  # tutorial 000: forget-gate bias 1.0, so memory starts by being kept
            with torch.no_grad():
                cell.bias_ih_l0[hidden : 2 * hidden] = 1.0
                cell.bias_hh_l0[hidden : 2 * hidden] = 0.0
        modules = torch.nn.ModuleList([cell, readout])
        optimizer = torch.optim.Adam(modules.parameters(), lr=LEARNING_RATE)
        xs, ys = torch.from_numpy(inputs), torch.from_numpy(targets)
        losses = []
        for epoch in range(epochs):
            optimizer.zero_grad()
            out, _ = cell(xs)
            loss = torch.mean((readout(out) - ys) ** 2)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(modules.parameters(), 5.0)  # θ 5 (tutorial 000), by norm
            optimizer.step()
            losses.append(loss.item())
            if progress is not None:
                progress((epoch + 1) / epochs, losses[-1])
    params = {k: v.detach().numpy().astype(np.float64) for k, v in cell.state_dict().items()}
    # Fold (x - mean) / std into the input weights: W (x - m)/s = (W/s) x - W (m/s).
    params["weight_ih_l0"] = params["weight_ih_l0"] / std
    params["bias_ih_l0"] = params["bias_ih_l0"] - params["weight_ih_l0"] @ mean
    return {
        "params": params,
        "readout_weight": readout.weight.detach().numpy().copy(),
        "readout_bias": readout.bias.detach().numpy().copy(),
        "losses": losses,
        "mean": mean,
        "std": std,
    }


def work(steps: int, hidden: int, epochs: int, models: int = 1) -> int:
    """Training's cost: steps used × units (at least MIN_COUNTED_UNITS counted) × epochs × models."""
    return min(steps, MAX_TRAIN_STEPS) * max(hidden, MIN_COUNTED_UNITS) * epochs * models


def over_budget(steps: int, hidden: int, epochs: int, models: int = 1) -> dict | None:
    """None when this training fits TRAIN_BUDGET; else what the refusal says: the sizes, the
    work, the budget and the most epochs that would fit (the values of "gt.rb.train.over")."""
    total = work(steps, hidden, epochs, models)
    if total <= TRAIN_BUDGET:
        return None
    per_epoch = work(steps, hidden, 1, models)
    return {
        "steps": f"{min(steps, MAX_TRAIN_STEPS):,}",
        "units": max(hidden, MIN_COUNTED_UNITS),
        "epochs": epochs,
        "models": models,
        "work": f"{total:,}",
        "budget": f"{TRAIN_BUDGET:,}",
        "max_epochs": max(10, TRAIN_BUDGET // per_epoch // 10 * 10),
        "limit": f"{MAX_TRAIN_STEPS:,}",
    }


def trained_params(result: dict) -> dict:
    """The cell's params of a `train_next_step` result, with its read-out (an .npz to download)."""
    return {
        **result["params"],
        "readout_weight": result["readout_weight"],
        "readout_bias": result["readout_bias"],
    }


@job("gates.train")
def train_job(progress, *, x: np.ndarray, kind: str, hidden: int, epochs: int, seed: int) -> dict:
    """`train_next_step` as a declared job: `progress(fraction, note)` after every epoch (where a
    cancelled job stops)."""
    report = lambda fraction, loss: progress(fraction, f"· MSE {number(loss)}")  # noqa: E731
    return train_next_step(x, kind, hidden, epochs, seed, report)


def job(x: np.ndarray, kind: str, hidden: int, epochs: int, seed: int) -> Callable:
    """(Old form, going away: use `Work("gates.train", ...)`.) `work(progress)` for a pool."""
    return functools.partial(train_job, x=x, kind=kind, hidden=hidden, epochs=epochs, seed=seed)


def summary(result: dict, steps: int) -> dict:
    """What "gt.train.done" says of a training on a sequence of `steps` steps."""
    losses = result["losses"]
    return {
        "first": number(losses[0]),
        "last": number(losses[-1]),
        "epochs": len(losses),
        "steps": min(steps, MAX_TRAIN_STEPS),
    }
