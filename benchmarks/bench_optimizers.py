"""Optimizer race: first view (defaults, empty caches) in one server run, as a ratio to the
gradient-decay page's first view timed the same way in the same run."""

from __future__ import annotations

import time

from benchmarks import Result


def _first_view_seconds(page: str, repeat: int = 3) -> float:
    """Best of `repeat` runs of app.py → `page` with every cache of ui.compute emptied first."""
    from tests.apptest_helpers import open_page
    from ui.compute import clear

    open_page(page)  # imports and bytecode warm: we time the page's own work
    best = float("inf")
    for _ in range(repeat):
        clear()
        start = time.perf_counter()
        open_page(page)
        best = min(best, time.perf_counter() - start)
    return best


def run() -> list[Result]:
    decay = _first_view_seconds("pages/gradient_decay.py")
    race = _first_view_seconds("pages/optimizers.py")
    from benchmarks.payload import page_chart_bytes

    charts = page_chart_bytes("pages/optimizers.py")
    return [
        Result(
            "optimizers first view (cold caches) / gradient decay's",
            race / decay,
            # The issue asks for this ratio and "well under a second". The decay page's own
            # first view is 0.1–0.25 s (its frames are plain JSON), so 4× keeps the race < 1 s.
            4,
            note=f"(optimizers {race * 1e3:.0f} ms, gradient decay {decay * 1e3:.0f} ms)",
        ),
        Result(
            "optimizers default view, all charts (40 animation frames)",
            sum(charts) / 1e3,
            300,
            unit="kB",
            note="(" + " + ".join(f"{size / 1e3:.0f}" for size in charts) + " kB)",
        ),
    ]
