"""The optimizer race: Rprop, SGD, momentum, clipping and Adam from one start on the
counting-ones loss surface (the tutorial's 20 sequences of length 10, tutorial 003)."""

from __future__ import annotations

import numpy as np

from explorer import linear_rnn, optim

RUNS = ("rprop", "sgd", "momentum", "clip", "adam")
TUTORIAL_START = (-1.5, 2.0)


def _grad_fn():
    X, t = linear_rnn.counting_data()

    def grad(w):
        return linear_rnn.gradients(X, t, w[0], w[1])[:2]

    return grad


def run_race(start: tuple, n_iter: int, runs: tuple, hyper: tuple) -> dict:
    """{optimizer: (Run, losses (k+1,))} for each of `runs` from `start`; `hyper` is a tuple of
    (name, value) pairs: eta_plus, eta_minus, delta0, lr_sgd, lr_momentum, momentum, lr_clip,
    clip, lr_adam."""
    X, t = linear_rnn.counting_data()
    grad, h = _grad_fn(), dict(hyper)
    make = {
        "rprop": lambda: optim.rprop_run(
            grad, start, n_iter, h["eta_plus"], h["eta_minus"], h["delta0"]
        ),
        "sgd": lambda: optim.sgd_run(grad, start, h["lr_sgd"], n_iter),
        "momentum": lambda: optim.sgd_run(
            grad, start, h["lr_momentum"], n_iter, momentum=h["momentum"]
        ),
        "clip": lambda: optim.sgd_run(grad, start, h["lr_clip"], n_iter, clip=h["clip"]),
        "adam": lambda: optim.adam_run(grad, start, h["lr_adam"], n_iter),
    }
    out = {}
    for key in runs:
        run = make[key]()
        out[key] = (run, optim.path_losses(X, t, run.W))
    return out


# The hyper-parameters each run depends on, and those a drag on the race previews in the browser
# (the run's path precomputed for every value of the parameter's grid).
RUN_PARAMS = {
    "rprop": ("eta_plus", "eta_minus", "delta0"),
    "sgd": ("lr_sgd",),
    "momentum": ("lr_momentum", "momentum"),
    "clip": ("lr_clip", "clip"),
    "adam": ("lr_adam",),
}
PREVIEWED = (("sgd", "lr_sgd"), ("momentum", "lr_momentum"), ("momentum", "momentum"),
             ("clip", "lr_clip"), ("adam", "lr_adam"))  # fmt: skip


def run_one(start: tuple, n_iter: int, key: str, hyper: tuple) -> tuple:
    """(Run, losses) of one optimizer; `hyper` holds only its own (name, value) pairs, so a
    cached run is shared by every setting of the other optimizers."""
    return run_race(start, n_iter, (key,), hyper)[key]


def own_hyper(key: str, hyper: tuple) -> tuple:
    """The (name, value) pairs of `hyper` that optimizer `key` uses."""
    return tuple((name, value) for name, value in hyper if name in RUN_PARAMS[key])


def at_iteration(run: optim.Run, losses: np.ndarray, i: int) -> tuple[np.ndarray, float, bool]:
    """(w, ξ, gone) at iteration i: a run that diverged before i is at its last finite point."""
    last = len(run.W) - 1
    return run.W[min(i, last)], float(losses[min(i, last)]), i > last


def iterations_used(run: optim.Run) -> int:
    """Steps the run took: every one of n_iter, or up to and including the one that diverged."""
    return run.diverged_at if run.diverged_at is not None else len(run.W) - 1


def surface_grid(grid: int = 61) -> tuple[np.ndarray, np.ndarray]:
    """(axis (G,), ξ (G, G)) over [-3, 3]², the race's background."""
    X, t = linear_rnn.counting_data()
    axis = np.linspace(-3.0, 3.0, grid)
    return axis, linear_rnn.loss_surface(X, t, axis, axis)


def start_gradient(start: tuple) -> float:
    """‖∇ξ‖ at the start: how steep the first step's ground is."""
    X, t = linear_rnn.counting_data()
    return float(np.hypot(*linear_rnn.gradients(X, t, *start)[:2]))


def first_step(run: optim.Run) -> float | None:
    """The length of the first step, or None for a run that never moved."""
    return float(np.hypot(*np.diff(run.W[:2], axis=0)[0])) if len(run.W) > 1 else None


def final_count(run: optim.Run) -> float:
    """What the trained model counts in the tutorial's test sequence."""
    return linear_rnn.predict(linear_rnn.TEST_SEQUENCE, *run.W[-1])


def csv_columns(results: dict) -> dict[str, list]:
    """Every iterate of every run: optimizer, iteration, w_x, w_rec, ξ."""
    rows = [
        (key, i, w[0], w[1], loss)
        for key, (run, losses) in results.items()
        for i, (w, loss) in enumerate(zip(run.W, losses, strict=True))
    ]
    names = ("optimizer", "iteration", "w_x", "w_rec", "xi")
    return {name: [row[j] for row in rows] for j, name in enumerate(names)}
