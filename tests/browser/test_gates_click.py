"""The gate inspector's heatmaps talk back, in a real browser: a click on a gate's cell picks
that cell's unit and step (the window does not start at step 1: the offset counts), a click on
the input row picks only the step; the unit box, the step slider, the guide, the unit lines and
the URL all follow. No console error, nothing fetched from another host."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

GD = ".st-key-gt_heat_lstm .js-plotly-plot"
LINES = ".st-key-gt_lines_lstm .js-plotly-plot"
URL = "/gates?lang=en&gt_source=bits&gt_length=100&gt_model=random&gt_arch=lstm&gt_hidden=6&gt_window=21,60"  # fmt: skip


def _query(page: Page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _click_cell(page: Page, curve: int, step: int, row: int) -> None:
    """Click the centre of the cell (x = step, y = row) of the heatmap trace number `curve`."""
    where = """([curve, step, row]) => {
      const gd = document.querySelector('GD');
      const trace = gd._fullData[curve];
      const xa = gd._fullLayout[trace.xaxis.replace('x', 'xaxis')];
      const ya = gd._fullLayout[trace.yaxis.replace('y', 'yaxis')];
      const svg = gd.querySelector('.main-svg').getBoundingClientRect();
      return [svg.left + xa._offset + xa.d2p(step), svg.top + ya._offset + ya.d2p(row)];
    }""".replace("GD", GD)
    page.locator(GD).scroll_into_view_if_needed()
    height = page.viewport_size["height"]
    x, y = page.evaluate(where, [curve, step, row])
    if not 40 < y < height - 40:  # bring the cell to the middle of the viewport (the chart is tall)
        page.mouse.wheel(0, y - height / 2)
        page.wait_for_function(  # in view, and the scroll is over: still for one frame
            f"""(args) => {{
              const y = ({where})(args)[1], still = window.__cellY === y;
              window.__cellY = y;
              return still && 40 < y && y < innerHeight - 40;
            }}""",
            arg=[curve, step, row],
            polling="raf",
            timeout=10_000,
        )
        x, y = page.evaluate(where, [curve, step, row])
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_function(  # the rerun the click asked for has written its step to the URL
        "(step) => new URLSearchParams(location.search).get('gt_step') === String(step)",
        arg=step,
        timeout=30_000,
    )
    sp.wait_rendered(page)


def _shown(page: Page) -> tuple[str, int, str]:
    """(the unit box's text, the step slider's value, the lines chart's title)."""
    unit = page.locator('.st-key-gt_unit input[role="combobox"]').input_value()
    step = page.locator('.st-key-gt_step input[type="range"]').first.input_value()
    title = page.evaluate(f"() => document.querySelector('{LINES}').layout.title.text")
    return unit, int(float(step)), title


def test_click_a_gate_cell_picks_unit_and_step(page, app_url, console_errors, outside_requests):
    sp.open_app(page, f"{app_url}{URL}", timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert _shown(page)[:2] == ("1", 21)
    # the forget gate's panel (trace 2), unit 4 at step 33: 13th column of the window 21..60
    _click_cell(page, 2, 33, 4)
    unit, step, title = _shown(page)
    assert (unit, step) == ("4", 33) and "unit 4" in title
    assert "LSTM, unit 4, step 33:" in sp.main_text(page)
    assert (_query(page)["gt_unit"], _query(page)["gt_step"]) == ("4", "33")
    # the hidden state's panel (last trace), unit 6 at the window's last step
    _click_cell(page, 6, 60, 6)
    assert _shown(page)[:2] == ("6", 60) and "LSTM, unit 6, step 60:" in sp.main_text(page)
    # the input row: only the step moves (its rows are features, not units)
    _click_cell(page, 0, 25, 1)
    assert _shown(page)[:2] == ("6", 25) and "LSTM, unit 6, step 25:" in sp.main_text(page)
    query = _query(page)
    assert (query["gt_unit"], query["gt_step"], query["gt_window"]) == ("6", "25", "21,60")
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"


def test_step_slider_in_the_unit_lines_moves_the_marker_then_the_step(
    page, app_url, console_errors, outside_requests
):
    """Hold the unit lines' slider and move it: the dotted step line follows the pointer while
    the page stays where it was (no server round trip); on release the step slider, the guide
    and the URL take the step."""
    sp.open_app(page, f"{app_url}{URL}&gt_unit=2&gt_step=30", timeout=90_000)
    group = page.locator(f"{LINES} .slider-container .slider-group").first
    group.scroll_into_view_if_needed()
    grip, rail = group.locator(".slider-grip-rect").first, group.locator(".slider-rail-rect").first
    g, r = grip.bounding_box(), rail.bounding_box()
    marker = f"() => document.querySelector('{LINES}')._fullLayout.shapes[0].x0"
    active = f"() => document.querySelector('{LINES}')._fullLayout.sliders[0].active"
    assert page.evaluate(marker) == 30 and page.evaluate(active) == 9  # window 21..60
    x, y = g["x"] + g["width"] / 2, g["y"] + g["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    seen = []
    for i in range(1, 6):  # toward step 50 (index 29 of 40)
        page.mouse.move(x + (r["x"] + r["width"] * 29 / 39 - x) * i / 5, y, steps=2)
        seen.append((page.evaluate(active) + 21, page.evaluate(marker)))
    assert all(step == at for step, at in seen) and len({at for _, at in seen}) >= 3, seen
    assert _query(page)["gt_step"] == "30" and "LSTM, unit 2, step 30:" in sp.main_text(page)
    step = page.evaluate(active) + 21
    assert 45 <= step <= 55, step
    page.mouse.up()
    page.wait_for_function(
        "(step) => new URLSearchParams(location.search).get('gt_step') === String(step)",
        arg=step,
        timeout=30_000,
    )
    sp.wait_rendered(page)
    assert _shown(page)[:2] == ("2", step)
    assert f"LSTM, unit 2, step {step}:" in sp.main_text(page)
    assert page.evaluate(marker) == step
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"
