"""Payload of a page's figures as the browser receives them (AppTest: the Plotly JSON specs)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def page_chart_bytes(page: str, query: dict | None = None, timeout: float = 120) -> list[int]:
    """Size in bytes of each Plotly chart's spec on `page` at its defaults (plus `query`)."""
    return page_view_bytes(page, query, timeout)[0]


def page_view_bytes(
    page: str, query: dict | None = None, timeout: float = 120
) -> tuple[list[int], list[int]]:
    """(each chart's spec, each `st.html` body) in bytes on `page` at its defaults (plus
    `query`), once any training the page starts with has finished."""
    from tests.apptest_helpers import chart_specs, open_page
    from tests.jobs_helpers import wait_for_jobs

    at = wait_for_jobs(open_page(page, query=query, timeout=timeout), timeout=timeout)
    html = [len(element.proto.body.encode("utf-8")) for element in at.get("html")]
    return [len(spec.encode("utf-8")) for spec in chart_specs(at)], html
