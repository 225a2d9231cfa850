"""Why gates work, in a browser: the gradient chart's two sliders drawn by Plotly.

- hold the forget-bias slider at +5: the LSTM's curves and the live numbers change before any
  rerun (the RNN's do not); let go: the number input, the lesson beside the chart and the URL say
  b = 5;
- the spectral-radius slider likewise moves only the RNN's curve and writes wg_radius.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from explorer.views import why_gates as wg
from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

GD = "() => document.querySelectorAll('.rnnx-chart .js-plotly-plot')[0]"
_ACTIVE = f"(i) => ({GD})()._fullLayout.sliders[i].active"
_CURVE = f"(i) => ({GD})().calcdata[i].map(p => p.y)"  # 0 RNN, 1 LSTM h, 2 LSTM c, 3 GRU
_NOTE = f"(i) => ({GD})().data[i].text[0]"  # 4: the RNN's numbers, 5: the gated cells'


def _open(page: Page, url: str) -> None:
    sp.open_app(page, url, timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)


def _hold(page: Page, slider: int, index: int) -> None:
    """Press the chart's `slider`-th grip and move it until the slider shows step `index`."""
    page.wait_for_function(f"() => !!({GD})() && ({GD})()._fullLayout.sliders", timeout=30_000)
    container = page.locator(".rnnx-chart .js-plotly-plot >> nth=0").locator(
        ".slider-container .slider-group"
    )
    grip = container.nth(slider).locator(".slider-grip-rect").first
    grip.scroll_into_view_if_needed()
    rail = container.nth(slider).locator(".slider-rail-rect").first
    steps = page.evaluate(f"(i) => ({GD})()._fullLayout.sliders[i].steps.length", slider)
    sp.hold_slider_at(page, grip, rail, index, steps, lambda: page.evaluate(_ACTIVE, slider))


def _number_is(page: Page, label: str, value: str) -> None:
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid="stNumberInput"]')]
             .some(el => el.innerText.includes(label) && el.querySelector('input').value === value)""",
        arg=[label, value],
        timeout=30_000,
    )


def test_forget_bias_drag_moves_the_gated_curves_and_is_written_back(
    page, app_url, console_errors, outside_requests, screenshots
):
    _open(page, f"{app_url}/why_gates?lang=en")
    rnn, lstm_c = page.evaluate(_CURVE, 0), page.evaluate(_CURVE, 2)
    note = page.evaluate(_NOTE, 5)
    assert "b = 3:" in note, note
    _hold(page, 1, wg.nearest(wg.BIAS_SWEEP, 5.0))
    page.wait_for_function(f"() => ({_NOTE})(5).startsWith('b = 5:')", timeout=10_000)
    held_c = page.evaluate(_CURVE, 2)
    assert held_c != lstm_c and page.evaluate(_CURVE, 0) == rnn  # only the gated cells moved
    assert min(held_c) > 1e-3 * max(held_c)  # f ≈ 1 carries the cell's gradient back
    assert "wg_fbias" not in page.url  # drawn by the browser: nothing sent yet
    page.screenshot(path=screenshots / "why_gates.held.png")  # the viewport, slider still held
    page.mouse.up()
    _number_is(page, "Forget-gate bias", "5.0")
    page.wait_for_function("() => location.search.includes('wg_fbias=')", timeout=20_000)
    sp.wait_rendered(page)
    assert parse_qs(urlparse(page.url).query)["wg_fbias"] == ["5"]
    text = sp.main_text(page)
    assert "LSTM (b = 5)" in text and "at b = 5: the LSTM" in text, text[:3000]
    assert page.evaluate(_ACTIVE, 1) == wg.nearest(wg.BIAS_SWEEP, 5.0)  # the server agrees
    sp.screenshot(page, screenshots / "why_gates.released.png")
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"


def test_radius_drag_moves_only_the_rnn_and_is_written_back(
    page, app_url, console_errors, outside_requests
):
    _open(page, f"{app_url}/why_gates?lang=en")
    rnn, lstm_h = page.evaluate(_CURVE, 0), page.evaluate(_CURVE, 1)
    index = wg.nearest(wg.RADIUS_SWEEP, 0.5)
    _hold(page, 0, index)
    page.wait_for_function(f"() => ({_NOTE})(4).startsWith('RNN, ρ = 0.5:')", timeout=10_000)
    assert page.evaluate(_CURVE, 0) != rnn and page.evaluate(_CURVE, 1) == lstm_h
    page.mouse.up()
    _number_is(page, "Spectral radius", "0.50")
    page.wait_for_function("() => location.search.includes('wg_radius=')", timeout=20_000)
    sp.wait_rendered(page)
    assert parse_qs(urlparse(page.url).query)["wg_radius"] == ["0.5"]
    assert "RNN (ρ = 0.5)" in sp.main_text(page)
    assert page.evaluate(_ACTIVE, 0) == index
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"
