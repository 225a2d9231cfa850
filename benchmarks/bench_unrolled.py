"""Unrolled RNN page: payload of the default and the largest view, and the cost of its sweeps
relative to the tutorial's own NumPy RNN (tutorial 000's forward/backward loop) timed in the same run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from benchmarks import Result, best_time
from benchmarks.payload import page_chart_bytes
from explorer.cells import rnn
from explorer.cells import unrolled as unrolling
from explorer.inputs import presets

PAGE = "pages/unrolled.py"
ROOT = Path(__file__).resolve().parent.parent
LARGEST = {
    "un_preset": "random",
    "un_source": "random",
    "un_steps": 500,
    "un_hidden": 64,
    "un_backward": 1,
    "un_arch": "bidir",
}
LONGEST_FLOW = {"un_flow_steps": 500, "un_flow_hidden": 64, "un_clip": 1}
SWEEP = np.round(np.linspace(-2.0, 2.0, 41), 10)
FLOW_RHOS = (0.5, 0.9, 1.0, 1.1, 1.2, 1.5, 2.0)  # the page draws these at its defaults


def seed_forward_backward(x, W_xh, W_hh, W_hy, b_h, b_y):
    """Tutorial 000's SimpleRNN.forward + backward (1-row matrices, np.dot per step)."""
    h = np.zeros((1, W_hh.shape[0]))
    hs, ys = [h], []
    for xt in x:
        h = np.tanh(np.dot(xt[None], W_xh) + np.dot(h, W_hh) + b_h)
        hs.append(h)
        ys.append(np.dot(h, W_hy) + b_y)
    dW_xh, dW_hh = np.zeros_like(W_xh), np.zeros_like(W_hh)
    dh_next = np.zeros_like(hs[0])
    for t in reversed(range(len(x))):
        dh = np.dot(np.ones_like(ys[t]), W_hy.T) + dh_next
        dh_raw = (1 - hs[t + 1] ** 2) * dh
        dW_xh += np.dot(x[t][None].T, dh_raw)
        dW_hh += np.dot(hs[t].T, dh_raw)
        dh_next = np.dot(dh_raw, W_hh.T)
    return dW_xh, dW_hh


def _paired_ratio(baseline, candidate, rounds: int = 7) -> float:
    """Median over rounds of candidate ÷ baseline, each timed right next to the other (the
    baseline before and after), so load from other processes on the machine cancels out."""
    ratios = []
    for _ in range(rounds):
        before = best_time(baseline, repeat=1, min_time=0.03)
        cand = best_time(candidate, repeat=1, min_time=0.03)
        after = best_time(baseline, repeat=1, min_time=0.03)
        ratios.append(cand / min(before, after))
    return float(np.median(ratios))


def run() -> list[Result]:
    results = []
    default_kb = sum(page_chart_bytes(PAGE)) / 1000
    results.append(Result("unrolled: default view payload", default_kb, 300, "kB"))
    largest_kb = sum(page_chart_bytes(PAGE, LARGEST)) / 1000
    results.append(
        Result(
            "unrolled: largest view payload (bidir, 2×64 units × 500)",
            largest_kb,
            800,
            "kB",
            note="mostly the float32 states heatmap",
        )
    )

    flow_kb = sum(page_chart_bytes(PAGE, LONGEST_FLOW)) / 1000
    results.append(
        Result(
            "unrolled: longest gradient-flow view (64 units × 500, clipping)",
            flow_kb,
            800,
            "kB",
            note="two 41-frame ρ sweeps",
        )
    )

    sweep_ratio, flow_ratio = _single_threaded_ratios()
    note = "median of paired runs, BLAS on one thread for both"
    results.append(
        Result(
            "unrolled: one diagram frame (64 units × 500 steps) ÷ seed fwd+bwd",
            sweep_ratio,
            1.5,
            note=f"forward, BPTT, factors, rows; {note}",
        )
    )
    results.append(
        Result(
            "unrolled: gradient flow, one ρ (64 units × 500) ÷ seed fwd+bwd",
            flow_ratio,
            1.5,
            note=note,
        )
    )
    return results


def _ratios() -> tuple[float, float]:
    """(one diagram frame, one gradient-flow curve), each ÷ the tutorial's forward+backward."""
    setup = presets.preset_setup("random", 64, "tanh")
    weights = presets.preset_weights("random", setup, seed=0)
    x = presets.random_sequence("random", setup, 500, seed=0)
    w = [weights[k] for k in ("W_xh", "W_hh", "W_hy", "b_h", "b_y")]
    seed = lambda: seed_forward_backward(x, *w)  # noqa: E731
    sweep = _paired_ratio(
        seed, lambda: unrolling.sweep("n_to_n", x, weights, "tanh", SWEEP[:4], "every")
    )
    flow = _paired_ratio(
        seed, lambda: [rnn.gradient_flow(r, 64, 500, "orthogonal", "tanh") for r in FLOW_RHOS]
    )
    return sweep / 4, flow / len(FLOW_RHOS)


def _single_threaded_ratios() -> tuple[float, float]:
    """`_ratios` in a fresh process with one BLAS thread: on a busy 2-core machine a
    multi-threaded matrix product waits for cores the tutorial's small products never ask for."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    code = "import json, benchmarks.bench_unrolled as b; print(json.dumps(b._ratios()))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    sweep, flow = json.loads(out.stdout.strip().splitlines()[-1])
    return sweep, flow
