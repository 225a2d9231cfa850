"""Loss surface speed: the tutorial's nested loops vs our closed form, and ours vs bare arithmetic.

Also reports each page's default figure payload (the limits are tests; here they are numbers).
"""

from __future__ import annotations

import numpy as np

from benchmarks import Result, best_time
from explorer.cells import linear_rnn


def _bare_closed_form(X, t, axis):
    """The irreducible work for a G×G surface: ξ = (Σt² - 2·w_x·B + w_x²·C) / N per cell, with
    B = Σ t·p(w_rec) and C = Σ p(w_rec)² precomputed (no overflow handling, no accuracy care)."""
    p, _ = linear_rnn._horner(X, axis)
    B, C = p @ t, np.sum(p * p, axis=1)
    w = axis[None, :]
    n = len(t)

    def run():
        return (t @ t - 2.0 * w * B[:, None] + w * w * C[:, None]) / n

    return run


def run() -> list[Result]:
    X, t = linear_rnn.counting_data()  # the tutorial's 20 × 10 data set
    small = np.linspace(-3, 3, 100)
    seed_time = best_time(lambda: linear_rnn.nested_loop_surface(X, t, small, small), repeat=2)
    ours_small = best_time(lambda: linear_rnn.loss_surface(X, t, small, small))
    big = np.linspace(-3, 3, 1000)
    with np.errstate(over="ignore", invalid="ignore"):
        bare = best_time(_bare_closed_form(X, t, big), repeat=7)
    ours_big = best_time(lambda: linear_rnn.loss_surface(X, t, big, big), repeat=7)
    results = [
        Result(
            "surface 100×100: tutorial's nested loops / ours",
            seed_time / ours_small,
            300,
            higher_is_better=True,
            note=f"(seed {seed_time * 1e3:.0f} ms, ours {ours_small * 1e3:.2f} ms)",
        ),
        Result(
            "surface 1000×1000: ours / bare closed-form arithmetic",
            ours_big / bare,
            3,
            note=f"(ours {ours_big * 1e3:.1f} ms, bare {bare * 1e3:.1f} ms)",
        ),
    ]
    return results
