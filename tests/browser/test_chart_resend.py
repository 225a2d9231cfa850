"""A figure travels to a browser once: a rerun that draws the same race again sends only the
chart's header, and the chart stays as drawn (the server side, including a browser that asks
for a figure it lacks, is tests/app/test_chart_resend.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

GD = ".st-key-opt_race_chart .js-plotly-plot"


def _received(page: Page) -> list[int]:
    """Bytes of every websocket message the page receives from now on (a live list)."""
    sizes: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: sizes.append(len(f))))
    return sizes


def _rerun_same(page: Page, wire: sp.Wire) -> None:
    """A rerun that changes nothing the race shows: the tutorial's start, which it has."""
    wire.run(page.locator(".st-key-opt_preset button").first.click)


def test_a_rerun_with_the_same_race_sends_a_header_only(page, app_url, console_errors):
    sizes = _received(page)
    wire = sp.Wire(page)
    sp.open_app(page, f"{app_url}/optimizers?lang=en", timeout=90_000)
    first = sum(sizes)
    assert first > 100_000  # the first visit: the figures in full (~244 kB)
    before = sp.drawn(page)
    sizes.clear()
    _rerun_same(page, wire)
    # ~21 kB. Was ~236 kB with both figures sent again; then ~38 kB, the element's own code
    # (29 kB) going with each chart as a reference to the browser's copy; 75 kB once Streamlit's
    # message cache was off (.streamlit/config.toml), before each chart carried a loader only.
    assert 0 < sum(sizes) < first / 8, sizes
    assert sp.drawn(page) == before
    assert page.evaluate(f"() => document.querySelector('{GD}').data.length") > 3
    assert not console_errors, f"console errors: {console_errors}"
