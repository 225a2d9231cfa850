"""Truncated BPTT against full BPTT on the unrolled diagram's Elman RNN: each weight's gradient
both ways, their relative error, and what the sentence under the table says of them (the
hidden state detached every k steps, `rnn.bptt_truncated`; torch's `h = h.detach()`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.cells import rnn
from explorer.cells import unrolled as diagram
from explorer.i18n import number
from explorer.numerics import quiet

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


def compare(arch: str, x: np.ndarray, weights: dict, act: str, loss_at: str, k: int) -> Truncation:
    """Full against truncated BPTT (every k steps) of the Elman architecture `arch` (one of
    `diagram.TRUNCATABLE`) on x (T, D) with `weights` (already scaled), for the loss `loss_at`:
    the network and loss the diagram draws."""
    xs, _, args, H, _, _, dY = diagram.elman_problem(arch, x, weights, act, loss_at)
    full = rnn.elman_bptt(xs, *args, act=act, dY=dY, H=H)
    cut = rnn.bptt_truncated(xs, *args, k, act=act, dY=dY, H=H)
    T = len(xs)
    return Truncation(
        k=int(k),
        T=T,
        cuts=sum(rnn.is_cut(t, k) for t in range(1, T + 1)),
        full={n: getattr(full, n) for n in GRAD_NAMES},
        truncated={n: getattr(cut, n) for n in GRAD_NAMES},
        errors={n: relative_error(getattr(cut, n), getattr(full, n)) for n in GRAD_NAMES},
    )


def percent(error: float) -> str:
    """A relative error in %: "—" for NaN, "0%" at or below EXACT (rounding)."""
    if error != error:
        return "—"
    return "0%" if error <= EXACT else f"{number(100.0 * error)}%"


def verdict(tr: Truncation) -> dict:
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
    error = percent(tr.errors[worst])
    return dict(kind=kind, k=tr.k, T=tr.T, cuts=tr.cuts, worst=worst, error=error)
