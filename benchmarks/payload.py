"""Payload of a page's figures as the browser receives them (AppTest: the Plotly JSON specs)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def page_chart_bytes(page: str, query: dict | None = None, timeout: float = 120) -> list[int]:
    """Size in bytes of each Plotly chart's spec on `page` at its defaults (plus `query`)."""
    from tests.apptest_helpers import chart_specs, open_page

    at = open_page(page, query=query, timeout=timeout)
    return [len(spec.encode("utf-8")) for spec in chart_specs(at)]
