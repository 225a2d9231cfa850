"""Payload of a page's figures as the browser receives them (AppTest: the Plotly JSON specs)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


_STYLE_ONLY = re.compile(r"\s*<style>.*</style>\s*", re.DOTALL)  # the frame's stylesheet


def page_chart_bytes(page: str, query: dict | None = None, timeout: float = 120) -> list[int]:
    """Size in bytes of each Plotly chart's spec on `page` at its defaults (plus `query`)."""
    return page_view_bytes(page, query, timeout)[0]


def page_view_bytes(
    page: str, query: dict | None = None, timeout: float = 120
) -> tuple[list[int], list[int]]:
    """(each chart's spec, each `st.html` body but the frame's stylesheet) in bytes on `page` at its defaults (plus
    `query`), once any training the page starts with has finished: what a first visit
    receives (each chart's figure as the session was last sent it in full: a later run sends a
    figure it sent before as its header only; tests/apptest_helpers.py keeps the figure)."""
    from tests.apptest_helpers import chart_specs, open_page
    from tests.jobs_helpers import wait_for_jobs

    at = wait_for_jobs(open_page(page, query=query, timeout=timeout), timeout=timeout)
    bodies = [element.proto.body for element in at.get("html")]
    html = [len(b.encode("utf-8")) for b in bodies if not _STYLE_ONLY.fullmatch(b)]
    return [len(spec.encode("utf-8")) for spec in chart_specs(at)], html
