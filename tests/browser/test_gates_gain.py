"""The hand-wired cell's gate sharpness follows the pointer, in a real browser: hold the unit
lines' gain slider and move it, and the gate and memory curves change while it is held (frames
drawn by the browser: the page, its memory table and the URL stay as they were); let go, and the
gain widget, the memory table and the URL take the gain. No console error, nothing fetched from
another host."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

LINES = ".st-key-gt_lines_lstm .js-plotly-plot"
URL = "/gates?lang=en"  # the tutorial's hand-wired cell on its 7 steps, gain 1
STOPS = 9  # 0.1 … 10 with the current gain (1) among them


def _query(page: Page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _table(page: Page) -> str:
    return next(line for line in sp.main_text(page).splitlines() if line.startswith("Memory c:"))


def test_drag_the_gain_the_curves_follow_then_the_page(
    page, app_url, console_errors, outside_requests
):
    sp.open_app(page, f"{app_url}{URL}", timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)
    group = page.locator(f"{LINES} .slider-container .slider-group").nth(1)  # 0: the step slider
    group.scroll_into_view_if_needed()
    grip, rail = group.locator(".slider-grip-rect").first, group.locator(".slider-rail-rect").first
    g, r = grip.bounding_box(), rail.bounding_box()
    memory = f"() => Array.from(document.querySelector('{LINES}')._fullData[4].y, Number)"
    active = f"() => document.querySelector('{LINES}')._fullLayout.sliders[1].active"
    assert page.evaluate(active) == 3  # gain 1
    start, table = page.evaluate(memory), _table(page)
    assert table.startswith("Memory c: 3, 7, 6.99977, 6.9995, ") and "gt_gain" not in _query(page)
    x, y = g["x"] + g["width"] / 2, g["y"] + g["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    seen = []  # down to gain 0.1 (the first stop: soft gates), then up to 10 (the last)
    for stop in (2, 1, 0, 5, STOPS - 1):
        page.mouse.move(r["x"] + r["width"] * stop / (STOPS - 1), y, steps=4)
        seen.append((page.evaluate(active), tuple(page.evaluate(memory))))
    assert [at for at, _ in seen] == [2, 1, 0, 5, STOPS - 1], seen
    assert len({curve for _, curve in seen}) >= 4 and seen[0][1] != tuple(start), seen  # moving
    assert seen[-1][1] == pytest.approx((3, 7, 7, 7, 0, 6, 6), abs=1e-4), seen  # the tutorial's
    assert page.evaluate(active) == STOPS - 1
    assert _table(page) == table and "gt_gain" not in _query(page)  # no round trip while held
    page.mouse.up()
    page.wait_for_function(
        "() => parseFloat(new URLSearchParams(location.search).get('gt_gain')) === 10",
        timeout=30_000,
    )
    sp.wait_rendered(page)
    gain = page.locator('.st-key-gt_gain input[type="range"]').first.input_value()
    assert float(gain) == 10
    assert _table(page).startswith("Memory c: 3, 7, 7, 7, 0, 6, 6 ")
    assert page.evaluate(active) == STOPS - 1 and page.evaluate(memory) == pytest.approx(
        [3, 7, 7, 7, 0, 6, 6], abs=1e-4
    )
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"
