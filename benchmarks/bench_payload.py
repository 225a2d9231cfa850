"""Payload of each page's default figures, as the browser receives them (limit 300 kB each)."""

from __future__ import annotations

from benchmarks import Result
from benchmarks.payload import page_chart_bytes
from ui.views import available


def run() -> list[Result]:
    results = []
    for view in available():
        sizes = page_chart_bytes(view.page)
        for i, size in enumerate(sizes):
            results.append(Result(f"payload {view.key} chart {i + 1}", size / 1000, 300, unit="kB"))
    return results
