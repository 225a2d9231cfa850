"""The unrolled page's in-chart sliders talk back (issue "Charts that talk back"), in a browser:
drag the diagram's α slider or the gradient-flow chart's ρ slider and let go; the number input,
the guide, the URL and the share link follow the released step."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from explorer.cells import rnn
from explorer.views import unrolled as un
from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

# The page's charts with a Plotly slider, in page order: 0 the diagram (α), 1 the flow (ρ).
_SLIDERS = "() => [...document.querySelectorAll('.rnnx-chart .js-plotly-plot')].filter(gd => gd._fullLayout && gd._fullLayout.sliders && gd._fullLayout.sliders.length)"  # noqa: E501
_ACTIVE = f"(i) => ({_SLIDERS})()[i]._fullLayout.sliders[0].active"


def _open(page: Page, url: str) -> None:
    sp.open_app(page, url, timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)


def _drag_slider_to(page: Page, chart: int, index: int) -> None:
    """Hold the slider handle of the chart-th chart with a slider and move it, as a hand would,
    until the slider shows step `index`; then release."""
    page.wait_for_function(f"() => ({_SLIDERS})().length >= {chart + 1}", timeout=30_000)
    handle = page.evaluate_handle(f"() => ({_SLIDERS})()[{chart}]").as_element()
    grip = handle.query_selector(".slider-container .slider-grip-rect")
    grip.scroll_into_view_if_needed()
    rail = handle.query_selector(".slider-container .slider-rail-rect")
    steps = page.evaluate(f"(i) => ({_SLIDERS})()[i]._fullLayout.sliders[0].steps.length", chart)
    sp.hold_slider_at(page, grip, rail, index, steps, lambda: page.evaluate(_ACTIVE, chart))
    page.mouse.up()


def _number_input(page: Page, label: str):
    return page.locator(f'{sp.MAIN} [data-testid="stNumberInput"]').filter(has_text=label)


def _wait_value(page: Page, label: str, value: str) -> None:
    _number_input(page, label).locator("input").first.wait_for(state="visible")
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid="stNumberInput"]')]
             .some(el => el.innerText.includes(label) && el.querySelector('input').value === value)""",
        arg=[label, value],
        timeout=30_000,
    )


def _share_link(page: Page) -> dict:
    page.locator(f'{sp.MAIN} [data-testid="stPopover"] button').last.click()
    link = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').last
    query = parse_qs(urlparse(link.inner_text().strip()).query)
    page.keyboard.press("Escape")
    return query


def test_released_alpha_sets_scale(page, app_url, console_errors, outside_requests):
    """Drag the diagram's α slider to -0.50 and let go: the α number input, the guide's α and
    last state, the URL and the share link follow."""
    _open(page, f"{app_url}/unrolled")
    label = "Start value of α"
    assert _number_input(page, label).locator("input").first.input_value() == "1.00"
    assert "At α = 1, the last state is" in sp.main_text(page)
    index = un.nearest(un.SWEEP, -0.5)
    _drag_slider_to(page, 0, index)
    _wait_value(page, label, "-0.50")
    page.wait_for_function("() => location.search.includes('un_scale=')", timeout=20_000)
    sp.wait_rendered(page)
    text = sp.main_text(page)
    assert "At α = -0.5, the last state is" in text and "At α = 1," not in text
    assert parse_qs(urlparse(page.url).query)["un_scale"] == ["-0.5"]
    assert _share_link(page)["un_scale"] == ["-0.5"]
    assert page.evaluate(_ACTIVE, 0) == index  # the server's figure agrees with the hand
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"


def test_released_rho_sets_rho_in_its_section(page, app_url, console_errors, outside_requests):
    """Drag the gradient-flow chart's ρ slider to 0.70 and let go: the section reruns, its ρ
    number input, guide, the URL and its share link follow; α is untouched."""
    _open(page, f"{app_url}/unrolled")
    label = "Spectral radius ρ of W_hh"
    assert _number_input(page, label).locator("input").first.input_value() == "1.20"
    index = rnn.flow_at(0.7)
    _drag_slider_to(page, 1, index)
    _wait_value(page, label, "0.70")
    page.wait_for_function("() => location.search.includes('un_rho=')", timeout=20_000)
    sp.wait_rendered(page)
    text = sp.main_text(page)
    assert "ρ = 0.7 (orthogonal, tanh): after 100 steps back" in text, text[-2000:]
    assert "ρ = 1.2 (orthogonal, tanh)" not in text
    query = parse_qs(urlparse(page.url).query)
    assert query["un_rho"] == ["0.7"] and "un_scale" not in query
    assert _share_link(page)["un_rho"] == ["0.7"]
    assert page.evaluate(_ACTIVE, 1) == index
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"
