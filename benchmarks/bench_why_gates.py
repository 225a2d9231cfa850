"""Why gates (issue 19): the two gradient measurements as multiples of the cell's own forward pass,
and the memory task's default training (every model at every default length) in seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from benchmarks import Result
from benchmarks.bench_unrolled import _paired_ratio

ROOT = Path(__file__).resolve().parent.parent
UNITS, INPUTS = 64, 2
# The sizes: state_gradients at T = 500, connectivity at T = 200.
FLOW_STEPS, MAP_STEPS = 500, 200


def _params(kind: str) -> dict:
    from explorer.cells import cell_params, rnn

    if kind in ("lstm", "gru"):
        return cell_params.random_params(kind, INPUTS, UNITS, seed=0, forget_bias=3.0)
    rng = np.random.default_rng(0)
    return {
        "weight_ih_l0": rng.uniform(-1, 1, (UNITS, INPUTS)) / np.sqrt(UNITS),
        "weight_hh_l0": rnn.recurrent_matrix(UNITS, 0.9, "orthogonal", 0),
        "bias_ih_l0": np.zeros(UNITS),
        "bias_hh_l0": np.zeros(UNITS),
    }


def _forward(kind: str):
    from explorer.cells import gru, lstm
    from explorer.gradients.flow import _rnn_forward

    if kind == "lstm":
        return lambda p, x: lstm.lstm_forward(x, p)
    if kind == "gru":
        return lambda p, x: gru.gru_forward(x, p)
    return lambda p, x: _rnn_forward(p, x, 1.0, "tanh")


def _ratios() -> dict:
    """{kind: (state_gradients ÷ forward at T = 500, connectivity ÷ forward at T = 200,
    state_gradients seconds, connectivity seconds)}."""
    x = np.random.default_rng(1).standard_normal((FLOW_STEPS, INPUTS))
    return {kind: _one_kind(kind, x) for kind in ("rnn", "lstm", "gru")}


def _one_kind(kind: str, x: np.ndarray) -> tuple:
    from benchmarks import best_time
    from explorer.gradients import flow as gf

    p, fwd, short = _params(kind), _forward(kind), x[:MAP_STEPS]
    flow = lambda: gf.state_gradients(kind, p, x)  # noqa: E731
    conn = lambda: gf.connectivity(kind, p, short)  # noqa: E731
    flow(), conn(), fwd(p, x)  # warm up
    return (
        _paired_ratio(lambda: fwd(p, x), flow, rounds=5),
        _paired_ratio(lambda: fwd(p, short), conn, rounds=5),
        best_time(flow, repeat=3),
        best_time(conn, repeat=2),
    )


def _training() -> dict:
    """The page's default set-up: every model at every default T, one after another."""
    from explorer.training import memory_task as mt

    wall = cpu = 0.0
    accuracy = {}
    for T in mt.DEFAULT_TS:
        for kind in mt.KINDS:
            result = mt.train_memory(kind, T)
            wall, cpu = wall + result.seconds, cpu + result.cpu_seconds
            accuracy[f"{kind}@{T}"] = result.accuracy
    return {"wall": wall, "cpu": cpu, "accuracy": accuracy}


def _costs() -> dict:
    """{"kind@T": thread CPU seconds} of every model at every default T with no early stop (the
    most a default training can cost), one after another in this fresh process: the first
    ("rnn@5") also pays torch's set-up."""
    from explorer.training import memory_task as mt

    return {
        f"{kind}@{T}": mt.train_memory(kind, T, stop_loss=None).cpu_seconds
        for kind in mt.KINDS
        for T in mt.DEFAULT_TS
    }


def _side_by_side() -> dict:
    """As the page trains: one job per model (every default T, no early stop), two at a time
    on a 2-core server's pool: {"cpu": process CPU seconds, "wall": seconds}."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from explorer.training import memory_task as mt

    def job(kind: str) -> None:
        for T in mt.DEFAULT_TS:
            mt.train_memory(kind, T, stop_loss=None)

    cpu, wall = time.process_time(), time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(job, mt.KINDS))
    return {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}


def cost_bounds(costs: dict, steps: int = 300) -> tuple[float, dict, float]:
    """(STEP_OVERHEAD, PER_TIME_STEP, FIRST_TRAINING) for explorer.training.memory_task that keep every
    measured training of `costs` (from `_costs`) at or under its estimate: the overhead from each
    kind's line through T = 10 and 200 (the largest), then each kind's slope the least that
    covers every T; the first training's excess over its estimate is torch's set-up."""
    per_step = {tuple(k.split("@")): v / steps for k, v in costs.items()}
    per_step = {(kind, int(T)): v for (kind, T), v in per_step.items()}
    first = next(iter(per_step))
    pay = per_step.pop(first)
    kinds = list(dict.fromkeys(kind for kind, _ in per_step))
    slope = {k: (per_step[k, 200] - per_step[k, 10]) / 190 for k in kinds}
    overhead = max(per_step[k, 10] - 10 * slope[k] for k in kinds)
    per_time = {
        k: max((v - overhead) / T for (kind, T), v in per_step.items() if kind == k) for k in kinds
    }
    setup = steps * (pay - overhead - first[1] * per_time[first[0]])
    return overhead, per_time, setup


def _in_fresh_process(name: str):
    """`name()` in a fresh process with one BLAS thread (as the other benchmarks measure): on a
    busy 2-core machine a multi-threaded product waits for cores these small products never use."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    code = f"import json, benchmarks.bench_why_gates as b; print(json.dumps(b.{name}()))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> list[Result]:
    results = []
    for kind, (flow, conn, flow_s, conn_s) in _in_fresh_process("_ratios").items():
        results.append(
            Result(
                f"why gates: {kind} state_gradients ({UNITS} units × {FLOW_STEPS}) ÷ forward",
                flow,
                5.0,
                note=f"{1000 * flow_s:.0f} ms (issue: LSTM ≤ 50 ms); one forward + one backward pass",
            )
        )
        results.append(
            Result(
                f"why gates: {kind} connectivity ({UNITS} units × {MAP_STEPS}) ÷ forward",
                conn,
                60.0,
                note=f"{conn_s:.2f} s (issue: ≤ 0.5 s); all T columns carried at once",
            )
        )
    costs = _in_fresh_process("_costs")
    side = _in_fresh_process("_side_by_side")
    results.append(_promise(costs, side))
    train = _in_fresh_process("_training")
    acc = train["accuracy"]
    note = ", ".join(f"{k} {acc[f'{k}@200']:.2f}" for k in ("rnn", "lstm", "gru", "attention"))
    results.append(
        Result(
            "why gates: default training, 4 models × 6 lengths (wall clock)",
            train["wall"],
            60.0,
            "s",
            note=f"CPU of the training thread {train['cpu']:.1f} s; accuracy at T = 200: {note}",
        )
    )
    return results


def _promise(costs: dict, side: dict) -> Result:
    """The Train button's promise (memory_task.training_seconds at the defaults) against the
    measured CPU of the default training with no early stop, as the page runs it (two jobs at a
    time) and one after another: the larger ÷ promised ≤ 1."""
    from explorer.training import memory_task as mt

    promised, one_by_one = mt.training_seconds(mt.DEFAULT_TS), sum(costs.values())
    measured = max(one_by_one, side["cpu"])
    overhead, per_time, setup = cost_bounds(costs)
    fitted = ", ".join(f"{k} {1e6 * v:.0f} µs" for k, v in per_time.items())
    return Result(
        "why gates: measured ÷ promised CPU, default training (no early stop)",
        measured / promised,
        1.0,
        note=f"promised {promised:.1f} s of CPU; measured {side['cpu']:.1f} s two at a time "
        f"({side['wall']:.0f} s wall), {one_by_one:.1f} s one after another; bounds of that run: "
        f"STEP_OVERHEAD {1e3 * overhead:.2f} ms, PER_TIME_STEP {fitted}, set-up {setup:.1f} s",
    )
