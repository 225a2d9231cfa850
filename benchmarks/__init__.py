"""Speed and scale, always as ratios against a baseline timed in the same run.

`python -m benchmarks` runs every `bench_*.py` module here (or only those named on the command
line: `python -m benchmarks surface payload`), prints each measurement with its target and
PASS/FAIL, and exits non-zero if a target is missed.
"""

from __future__ import annotations

import os
import time

# The servers benchmarks start are cold (no warm-up training in the background of what they
# measure) unless a benchmark asks for the warm-up: bench_first_minute.py measures both.
os.environ.setdefault("RNNX_WARM", "0")
os.environ.setdefault("OMP_NUM_THREADS", "1")  # torch on one thread, as the job pool trains
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    target: float
    unit: str = "×"
    higher_is_better: bool = False
    note: str = ""

    @property
    def passed(self) -> bool:
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    def line(self) -> str:
        sign = "≥" if self.higher_is_better else "≤"
        verdict = "PASS" if self.passed else "FAIL"
        value = f"{self.value:,.1f}" if abs(self.value) >= 100 else f"{self.value:.3g}"
        text = (
            f"{verdict}  {self.name:<58} {value:>10} {self.unit:<3} (target {sign} {self.target:g})"
        )
        return f"{text}  {self.note}" if self.note else text


def best_time(fn: Callable[[], object], repeat: int = 5, min_time: float = 0.05) -> float:
    """Best-of-`repeat` seconds per call, looping each sample until it lasts ≥ min_time."""
    loops, best = 1, float("inf")
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_time or loops >= 1 << 20:
            break
        loops *= 2
    best = elapsed / loops
    for _ in range(repeat - 1):
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        best = min(best, (time.perf_counter() - start) / loops)
    return best
