"""Presenter mode in a real browser (issue 18): a teacher at the front keeps the navigation and a
way out, the charts' own text grows, and ← / → step the chart's slider (the page follows)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from tests.browser import streamlit_pw as sp
from ui import present
from ui.views import available

pytestmark = pytest.mark.browser

FIRST_CHART = f"{sp.CHART} .js-plotly-plot"
# The first chart's fonts as Plotly drew them: layout font, an axis's ticks, the slider's value.
_FONTS = """(sel) => { const gd = document.querySelector(sel); const f = gd._fullLayout;
  return {font: f.font.size, ticks: f.yaxis.tickfont.size, height: f.height,
          current: f.sliders && f.sliders.length ? f.sliders[0].currentvalue.font.size : null}; }"""
_ACTIVE = f"() => document.querySelector('{FIRST_CHART}')._fullLayout.sliders[0].active"
_SIDEBAR_SHOWN = """() => { const s = document.querySelector('[data-testid="stSidebar"]');
  return !!s && getComputedStyle(s).display !== 'none'; }"""


def _open(page: Page, url: str) -> None:
    sp.open_app(page, url, timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)


def _query(page: Page) -> dict:
    return parse_qs(urlparse(page.url).query)


def test_presenter_mode_keeps_navigation_and_an_exit_and_enlarges_chart_text(
    page, app_url, console_errors
):
    page.set_viewport_size({"width": 1920, "height": 1080})
    _open(page, f"{app_url}/gradient_decay?lang=en")
    normal = page.evaluate(_FONTS, FIRST_CHART)
    assert page.evaluate(_SIDEBAR_SHOWN)

    _open(page, f"{app_url}/gradient_decay?lang=en&present=1")
    assert not page.evaluate(_SIDEBAR_SHOWN), "presenter mode hides the sidebar"
    bar = page.locator(".st-key-pr_bar")
    links = bar.locator('[data-testid="stPageLink"]')
    assert links.count() == 1 + len(available()), "a link to home and to every view"
    assert "Gate inspector" in bar.inner_text() and "Exit presenter mode" in bar.inner_text()
    assert "简体中文" in bar.inner_text()  # the language, without the sidebar
    big = page.evaluate(_FONTS, FIRST_CHART)
    for name in ("font", "ticks", "current"):  # the chart's own text, not only the page's
        assert big[name] >= present.CHART_SCALE * normal[name] - 0.01, (name, normal, big)
    assert big["height"] > normal["height"]
    assert page.locator(f'{sp.MAIN} [data-testid="stExpander"]', has_text="⚙").count() == 1
    assert not page.locator(f"{sp.MAIN} .st-key-gd_w_rec input").first.is_visible(), (
        "controls are folded away until opened"
    )

    page.mouse.move(900, 600)
    page.mouse.wheel(0, 2000)  # scrolled down the page, the bar stays at the top
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop > 200", timeout=10_000
    )
    top = page.evaluate(
        "() => document.querySelector('.st-key-pr_bar').getBoundingClientRect().top"
    )
    assert 0 <= top < 50, top

    links.filter(has_text="Optimizer race").click()  # the switcher keeps presenter mode
    page.wait_for_url("**/optimizers**", timeout=30_000)
    sp.wait_rendered(page)
    assert page.locator(".st-key-pr_bar").is_visible() and not page.evaluate(_SIDEBAR_SHOWN)
    assert _query(page).get("present") == ["1"]

    page.locator(".st-key-pr_exit button").first.click()  # the way out
    page.wait_for_function(_SIDEBAR_SHOWN, timeout=30_000)
    sp.wait_rendered(page)
    assert "present" not in _query(page)
    assert page.locator(".st-key-pr_bar").count() == 0
    assert page.evaluate(_FONTS, FIRST_CHART)["font"] < big["font"]
    assert not console_errors, console_errors


@pytest.mark.parametrize("present_on", [False, True], ids=["normal", "presenter"])
def test_arrow_keys_step_the_charts_slider_and_the_page_follows(
    page, app_url, console_errors, present_on
):
    """→ three times on gradient decay: the chart shows w_rec = 2.15 at once, and once the keys
    rest the w_rec box, the text and the URL say 2.15; ← goes back. Keys typed in a box stay
    there."""
    _open(page, f"{app_url}/gradient_decay?lang=en" + ("&present=1" if present_on else ""))
    start = page.evaluate(_ACTIVE)
    before = sp.drawn(page)
    page.locator(f"{sp.MAIN} h1").first.click()  # focus on the page, not in a widget
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.evaluate(_ACTIVE) == start + 3
    assert sp.drawn(page) != before, "the chart shows the new frame"
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('gd_w_rec') === '2.15'", timeout=30_000
    )
    sp.wait_rendered(page)
    assert "w_rec = 2.15" in sp.main_text(page)
    if present_on:
        page.locator(f'{sp.MAIN} [data-testid="stExpander"] summary', has_text="⚙").first.click()
    box = page.locator(f"{sp.MAIN} .st-key-gd_w_rec input").first
    assert box.input_value() == "2.15"

    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('gd_w_rec') === '2.1'", timeout=30_000
    )
    sp.wait_rendered(page)
    box.focus()  # an arrow key in a text box moves its caret, not the chart
    active = page.evaluate(_ACTIVE)
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(_ACTIVE) == active
    assert not console_errors, console_errors


def test_arrow_keys_step_the_race_iteration(page, app_url, console_errors):
    _open(page, f"{app_url}/optimizers?lang=en&opt_iter=500")
    start = page.evaluate(_ACTIVE)
    page.locator(f"{sp.MAIN} h1").first.click()
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(_ACTIVE) == start - 1
    label = page.evaluate(
        f"() => {{ const s = document.querySelector('{FIRST_CHART}')._fullLayout.sliders[0];"
        " return s.steps[s.active].label; }"
    )
    page.wait_for_function(
        "(v) => new URLSearchParams(location.search).get('opt_iter') === v",
        arg=label,
        timeout=30_000,
    )
    assert not console_errors, console_errors
