"""Payload of each page's default figures, as the browser receives them (limit 300 kB each);
for a page that also draws HTML (Your text's coloured text), the whole view's (limit 300 kB)."""

from __future__ import annotations

from benchmarks import Result
from benchmarks.payload import page_view_bytes
from ui.views import available


def run() -> list[Result]:
    results = []
    for view in available():
        sizes, html = page_view_bytes(view.page)
        for i, size in enumerate(sizes):
            results.append(Result(f"payload {view.key} chart {i + 1}", size / 1000, 300, unit="kB"))
        if html:
            total = (sum(sizes) + sum(html)) / 1000
            results.append(Result(f"payload {view.key} whole view (charts + HTML)", total, 300, unit="kB"))  # fmt: skip
    return results
