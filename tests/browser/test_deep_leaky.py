"""Deep and leaky in a browser: drag the continuous-time RNN's α slider in the gradient-flow chart
and let go (the leak number input, the guide and the URL follow the released step); screenshots
of the stacked diagram with its shapes panel and of the CTRNN chart."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from explorer.cells import ctrnn
from explorer.views import unrolled as un
from tests.browser import streamlit_pw as sp
from tests.browser.test_unrolled_drag import _ACTIVE, _drag_slider_to, _open, _wait_value

pytestmark = pytest.mark.browser


def test_released_alpha_sets_leak(
    page: Page, app_url, console_errors, outside_requests, screenshots
):
    """Drag the CTRNN chart's α slider (the page's second chart with a slider) from 0.2 to 0.6:
    the leak number input, the guide's numbers and the URL follow; the chart keeps the step."""
    _open(page, f"{app_url}/unrolled?un_flow_cell=ctrnn")
    label = "Leak α = Δt/τ to start from"
    _wait_value(page, label, "0.20")
    assert "At α = 0.2 each unit keeps 0.8 of its state" in sp.main_text(page)
    sp.screenshot(page, screenshots / "unrolled_ctrnn.png")
    index = ctrnn.alpha_at(0.6)
    _drag_slider_to(page, 1, index)
    _wait_value(page, label, "0.60")
    page.wait_for_function("() => location.search.includes('un_leak=')", timeout=20_000)
    sp.wait_rendered(page)
    text = sp.main_text(page)
    assert "At α = 0.6 each unit keeps 0.4 of its state" in text, text[-2000:]
    assert "At α = 0.2 each" not in text
    query = parse_qs(urlparse(page.url).query)
    assert query["un_leak"] == ["0.6"] and "un_rho" not in query
    assert page.evaluate(_ACTIVE, 1) == index
    assert not sp.grown_margins(page), sp.grown_margins(page)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"


def test_stacked_screenshot(page: Page, app_url, console_errors, screenshots):
    """A 3-layer bidirectional RNN layer above layer, numbers in every node, and the shapes."""
    _open(
        page,
        f"{app_url}/unrolled?un_arch=stacked&un_preset=random&un_hidden=3&un_layers=3&un_bidir=1",
    )
    sp.screenshot(page, screenshots / "unrolled_stacked.png")
    text = page.locator(sp.MAIN).inner_text()  # with the code spans main_text leaves out
    assert "(6, 3, 10)" in text and "(10, 3, 100)" in text and "(6, 1, 3)" in text
    assert not sp.grown_margins(page), sp.grown_margins(page)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"


def test_gates_two_layers_screenshot(page: Page, app_url, console_errors, screenshots):
    """A random 2-layer LSTM and GRU: layer 2's gates under layer 1's."""
    _open(
        page, f"{app_url}/gates?gt_source=bits&gt_model=random&gt_arch=both&gt_hidden=4&gt_layers=2"
    )
    text = sp.main_text(page)
    assert "Layer 2: its gates, reading layer 1" in text and "LSTM layer 2, unit 1" in text
    # (no margin check: in two columns the page's own layer-1 charts grow theirs too)
    sp.screenshot(page, screenshots / "gates_two_layers.png")
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"


def test_stacked_diagram_drag_sets_scale(page: Page, app_url, console_errors):
    """The in-chart α drag works on the stacked diagram as on every other: drag to -0.50, let
    go, and the α input, the guide (the top layer's last state) and the URL follow."""
    _open(page, f"{app_url}/unrolled?un_arch=stacked&un_layers=2")
    label = "Start value of α"
    _wait_value(page, label, "1.00")
    index = un.nearest(un.SWEEP, -0.5)
    _drag_slider_to(page, 0, index)
    _wait_value(page, label, "-0.50")
    page.wait_for_function("() => location.search.includes('un_scale=')", timeout=20_000)
    sp.wait_rendered(page)
    assert "At α = -0.5, the last state is h²_3" in sp.main_text(page)
    assert parse_qs(urlparse(page.url).query)["un_scale"] == ["-0.5"]
    assert page.evaluate(_ACTIVE, 0) == index
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"
