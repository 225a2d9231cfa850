"""ui.plot's chart element in a real browser: drawn in place, and talking back to Python.

- gradient decay: releasing the chart's own w_rec slider sets the page's w_rec (number input,
  metrics, guide and URL follow);
- a zoom survives a Streamlit widget move (the chart is updated, not remounted);
- a click on a point or a heatmap cell reaches Python (a test-only app writes it on the page);
- plotly.js comes from this server, nothing from another host, no console error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from deploy.launch import StreamlitServer
from explorer.cells import linear_rnn
from explorer.i18n import number
from tests.browser import streamlit_pw as sp
from tests.browser.conftest import _require_browser

HERE = Path(__file__).resolve().parent
GD = ".rnnx-chart .js-plotly-plot"

_ACTIVE = "() => document.querySelector('SEL')._fullLayout.sliders[0].active".replace("SEL", GD)


def _open(page: Page, url: str, charts: int = 1) -> None:
    """Open `url` and wait until its first `charts` chart elements are drawn (a page whose text
    has come can still be mounting its charts on a busy machine)."""
    sp.open_app(page, url, timeout=90_000)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.rnnx-chart .js-plotly-plot .main-svg').length >= n",
        arg=charts,
        timeout=90_000,
    )
    assert not sp.exceptions(page), sp.exceptions(page)


def _drag_slider_to(page: Page, index: int) -> None:
    """Hold the chart's slider handle and move it, as a hand would, until the slider shows step
    `index`; then release."""
    grip = page.locator(f"{GD} .slider-container .slider-grip-rect").first
    grip.scroll_into_view_if_needed()
    rail = grip.locator("xpath=..").locator(".slider-rail-rect").first
    steps = len(page.evaluate(f"() => document.querySelector('{GD}')._fullLayout.sliders[0].steps"))
    sp.hold_slider_at(page, grip, rail, index, steps, lambda: page.evaluate(_ACTIVE))
    page.mouse.up()


def test_released_chart_slider_sets_w_rec(page, app_url, console_errors, outside_requests):
    """Drag the chart's own w_rec slider to -2.40 and let go: the number input, the metrics,
    the guide and the URL follow (after the release, not during the drag)."""
    _open(page, f"{app_url}/gradient_decay")
    number_input = page.locator('[data-testid="stNumberInput"] input').first
    assert number_input.input_value() == "2.00"
    _drag_slider_to(page, 12)  # steps "-3.00" … "3.00": the 13th is -2.40
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stNumberInput\"] input').value === '-2.40'",
        timeout=20_000,
    )
    sp.wait_rendered(page)
    factor = number(linear_rnn.growth_factor(-2.4, 10))
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics[0] == factor, metrics
    assert "oscillat" in sp.main_text(page)  # the regime line
    guide = page.locator('[data-testid="stAlert"]').filter(has_text="each step back").inner_text()
    assert "w_rec = -2.40: each step back multiplies the gradient by -2.40" in guide, guide
    assert factor in guide, guide
    page.wait_for_function("() => location.search.includes('gd_w_rec=')", timeout=10_000)
    assert parse_qs(urlparse(page.url).query)["gd_w_rec"] == ["-2.4"]
    # The chart shows the released step (the server's figure agrees with the hand).
    assert page.evaluate(_ACTIVE) == 12
    assert not sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"


def test_zoom_survives_a_widget_move(page, app_url, console_errors):
    """Zoom into the chart with the mouse, move the sequence-length slider: the chart is redrawn
    with the new data in the same element, and the zoomed x range is kept."""
    _open(page, f"{app_url}/gradient_decay")
    page.evaluate(f"() => {{ document.querySelector('{GD}').__marker = 'same node'; }}")
    area = page.locator(f"{GD} .nsewdrag").first.bounding_box()
    page.mouse.move(area["x"] + area["width"] * 0.3, area["y"] + area["height"] * 0.3)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] * 0.6, area["y"] + area["height"] * 0.7, steps=6)
    page.mouse.up()
    zoomed = page.evaluate(f"() => document.querySelector('{GD}')._fullLayout.xaxis.range")
    before = page.evaluate(f"() => document.querySelector('{GD}').data[0].x.length")
    assert before == 11 and abs(zoomed[0] - zoomed[1]) < 8, zoomed  # k = 0 … 10, zoomed in

    sliders = page.locator(f'{sp.MAIN} [data-testid="stSlider"]:visible')
    sliders.nth(1).locator('input[type="range"]').focus()  # sequence length n
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"() => document.querySelector('{GD}').data[0].x.length === 12", timeout=20_000
    )
    sp.wait_rendered(page)
    after = page.evaluate(f"() => document.querySelector('{GD}')._fullLayout.xaxis.range")
    assert after == pytest.approx(zoomed), (zoomed, after)
    assert page.evaluate(f"() => document.querySelector('{GD}').__marker") == "same node"
    assert not console_errors, f"console errors: {console_errors}"


def test_plotly_js_is_served_by_the_app(page, app_url, console_errors):
    """plotly.js is fetched once, from this server's app/static/, and is the plotly package's."""
    import plotly

    served = []
    page.on("response", lambda r: served.append((r.url, r.status)) if "plotly" in r.url else None)
    _open(page, f"{app_url}/gradient_decay")
    urls = [url for url, _ in served]
    assert urls == [f"{app_url}/app/static/plotly.min.js"], served
    assert served[0][1] == 200
    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    version = re.search(rb"plotly\.js v([\d.]+)", bundled.read_bytes()[:200]).group(1).decode()
    assert page.evaluate("() => window.Plotly.version") == version
    assert not console_errors, f"console errors: {console_errors}"


@pytest.fixture(scope="module")
def chart_app_url():
    _require_browser()
    with StreamlitServer(HERE / "chart_app.py").start(timeout=90) as server:
        yield server.url


def _events(page: Page) -> dict | None:
    text = page.locator('[data-testid="stMarkdown"]').first.inner_text()
    return json.loads(text.split("events:", 1)[1].strip().strip("`"))


def _click_at(page: Page, index: int, x: float, y: float) -> None:
    """Click the index-th chart where its data coordinates (x, y) are drawn."""
    left, top = page.evaluate(
        """([i, x, y]) => {
          const gd = document.querySelectorAll('.rnnx-chart .js-plotly-plot')[i];
          const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
          return [area.left + gd._fullLayout.xaxis.d2p(x), area.top + gd._fullLayout.yaxis.d2p(y)];
        }""",
        [index, x, y],
    )
    page.mouse.click(left, top)


def test_clicks_reach_python(page, chart_app_url, console_errors, outside_requests):
    """A click on a point and on a heatmap cell: Python receives x, y (z), curve and index."""
    _open(page, chart_app_url, charts=2)
    assert _events(page) is None
    _click_at(page, 0, 3, 20)
    page.wait_for_function("() => document.body.innerText.includes('count: 1')", timeout=20_000)
    click = _events(page)["click"]
    assert (click["x"], click["y"], click["curve"], click["index"]) == (3, 20, 0, 2), click

    _click_at(page, 1, 2, 1)  # the cell in row 1, column 2: z = 6
    page.wait_for_function("() => document.body.innerText.includes('count: 2')", timeout=20_000)
    click = _events(page)["click"]
    assert (click["x"], click["y"], click["z"], click["point"]) == (2, 1, 6, [1, 2]), click
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"


def test_zoom_and_slider_reach_python(page, chart_app_url, console_errors):
    """A zoom sends the axis ranges; a released slider step sends its number (`value`, not its
    label "3.00"), which Python hears as a float."""
    _open(page, chart_app_url)
    area = page.locator(f"{GD} .nsewdrag").first.bounding_box()
    page.mouse.move(area["x"] + area["width"] * 0.2, area["y"] + area["height"] * 0.2)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] * 0.5, area["y"] + area["height"] * 0.8, steps=6)
    page.mouse.up()
    page.wait_for_function("() => document.body.innerText.includes('count: 1')", timeout=20_000)
    zoom = _events(page)["zoom"]
    drawn = page.evaluate(f"() => document.querySelector('{GD}')._fullLayout.xaxis.range")
    assert zoom["xaxis"] == pytest.approx(drawn) and drawn[1] - drawn[0] < 2.0, (zoom, drawn)

    _drag_slider_to(page, 4)
    page.wait_for_function("() => document.body.innerText.includes('count: 2')", timeout=20_000)
    slider = _events(page)["slider"]
    assert slider["wire"] in ("int", "float"), slider  # a JSON number, not the label's text
    assert {k: slider[k] for k in ("slider", "index", "value", "type")} == {
        "slider": 0,
        "index": 4,
        "value": 3.0,
        "type": "float",
    }
    assert not console_errors, f"console errors: {console_errors}"


def _shown(page: Page, label: str):
    text = page.locator('[data-testid="stMarkdown"]').filter(has_text=f"{label}:").first
    return json.loads(text.inner_text().split(":", 1)[1].strip().strip("`"))


def test_selections_come_back_as_st_plotly_chart_gave_them(page, chart_app_url, console_errors):
    """A box dragged across a chart (the gate overview's use) and a clicked point (the race
    map's) come back in st.plotly_chart's selection shape, read as the pages read them."""
    _open(page, chart_app_url)
    assert _shown(page, "box") == [] and _shown(page, "picked") == []
    boxed = page.locator(".rnnx-chart .js-plotly-plot").nth(2)
    boxed.scroll_into_view_if_needed()
    x_of = "(gd, x) => gd.querySelector('.nsewdrag').getBoundingClientRect().left"
    x_of += " + gd._fullLayout.xaxis.d2p(x)"
    left, right = (boxed.evaluate(f"(gd) => ({x_of})(gd, {x})") for x in (5, 12))
    area = boxed.locator(".nsewdrag").bounding_box()
    y = area["y"] + area["height"] / 2
    page.mouse.move(left, y)
    page.mouse.down()
    page.mouse.move(right, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => !document.body.innerText.includes('box: []')", timeout=20_000)
    sp.wait_rendered(page)
    box = _shown(page, "box")
    assert len(box) == 1 and box[0]["x"] == pytest.approx([5, 12], abs=0.2), box

    picked = page.locator(".rnnx-chart .js-plotly-plot").nth(3)
    picked.scroll_into_view_if_needed()
    x, y = picked.evaluate(
        """(gd) => { const a = gd.querySelector('.nsewdrag').getBoundingClientRect();
             return [a.left + gd._fullLayout.xaxis.d2p(1.5), a.top + gd._fullLayout.yaxis.d2p(2)]; }"""
    )
    page.mouse.click(x, y)
    page.wait_for_function(
        "() => document.body.innerText.includes('picked: [[1.5')", timeout=20_000
    )
    assert _shown(page, "picked") == [[1.5, 2]]
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"


def test_chart_follows_the_page_width(page, app_url, console_errors):
    """A narrower window: the chart is laid out again at the width it now has."""
    _open(page, f"{app_url}/gradient_decay")
    width = f"() => document.querySelector('{GD}')._fullLayout.width"
    wide = page.evaluate(width)
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.wait_for_function(f"(w) => ({width})() < w - 200", arg=wide, timeout=10_000)
    box = page.locator(".rnnx-chart").first.bounding_box()
    strip = page.evaluate(  # the toolbar's strip at the chart's right (ui/present.py)
        "() => parseFloat(getComputedStyle(document.querySelector('.rnnx-chart')).paddingRight)"
    )
    assert abs(page.evaluate(width) - (box["width"] - strip)) <= 2
    assert not console_errors, f"console errors: {console_errors}"
