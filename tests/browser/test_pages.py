"""Every page in a real browser: it draws, it answers the mouse and keyboard, it speaks Chinese.

The page list comes from `ui.views.available()`, so a page is covered as soon as its file exists.
Screenshots of every page (English and Chinese) land in `screenshots/` for a reviewer.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from tests.apptest_helpers import HAN
from tests.browser import streamlit_pw as sp
from ui.views import available

pytestmark = pytest.mark.browser

# Two or three English words in a row ("the cost", "Sequence length n"): untranslated text.
ENGLISH_PHRASE = re.compile(r"[A-Za-z]{3,}[ ,]+(?:[A-Za-z]+[ ,]+)?[A-Za-z]{3,}")
# Pages whose issue asks for "drag and watch" (a Plotly slider over precomputed frames); the
# drag test runs for each of them that exists.
DRAG_REQUIRED = {"gradient_decay", "unrolled", "optimizers"}


@dataclass(frozen=True)
class Target:
    key: str
    path: str  # URL path under the server root

    def url(self, base: str, query: str = "") -> str:
        return f"{base}/{self.path}" + (f"?{query}" if query else "")


HOME = Target("home", "")
VIEWS = [Target(view.key, view.key) for view in available()]


def _ids(targets):
    return [t.key for t in targets]


def _open(page: Page, url: str) -> None:
    sp.open_app(page, url, timeout=90_000)
    sp.wait_jobs(page)  # a page that trains first shows its charts once trained
    assert not sp.exceptions(page), f"{url}: exception on the page:\n" + "\n".join(
        sp.exceptions(page)
    )


@pytest.mark.parametrize("target", [HOME, *VIEWS], ids=_ids([HOME, *VIEWS]))
def test_page_renders_in_english(
    page, app_url, target, console_errors, outside_requests, screenshots
):
    """Charts drawn, no exception, no console error, nothing fetched from the internet."""
    _open(page, target.url(app_url, "lang=en"))
    title = page.locator(f"{sp.MAIN} h1").first.inner_text()
    assert title.strip(), "the page has no title"
    charts = page.locator(sp.CHART)
    if target is not HOME:
        assert charts.count() >= 1, f"{target.key}: no chart drawn"
        assert page.locator(f"{sp.CHART} .main-svg").count() >= 1
    text = sp.main_text(page)
    assert not HAN.search(text), f"Chinese in the English page: {HAN.findall(text)[:10]}"
    sp.screenshot(page, screenshots / f"{target.key}.png")
    assert not console_errors, f"console errors: {console_errors}"
    # A classroom may have no internet: fonts, icons, scripts all come from our server.
    assert not outside_requests, f"fetched from other hosts: {sorted(set(outside_requests))}"


@pytest.mark.parametrize("target", [HOME, *VIEWS], ids=_ids([HOME, *VIEWS]))
def test_page_renders_in_chinese(page, app_url, target, console_errors, screenshots):
    _open(page, target.url(app_url, "lang=zh"))
    title = page.locator(f"{sp.MAIN} h1").first.inner_text()
    assert HAN.search(title), f"title not in Chinese: {title!r}"
    lines = [line.strip() for line in sp.main_text(page).splitlines() if line.strip()]
    chinese = [line for line in lines if HAN.search(line)]
    english = [line for line in lines if ENGLISH_PHRASE.search(line) and not HAN.search(line)]
    assert len(chinese) >= 3, f"too little Chinese: {lines[:20]}"
    assert len(english) <= len(chinese) // 4, f"English left in the Chinese page: {english[:10]}"
    sp.screenshot(page, screenshots / f"{target.key}.zh.png")
    assert not console_errors, f"console errors: {console_errors}"


@pytest.mark.parametrize("target", VIEWS, ids=_ids(VIEWS))
def test_charts_fit_their_margins(page, app_url, target):
    """Every chart's legend, colour bars, slider and tick labels fit in the margins it asks for,
    on a laptop and on a projector, in both languages: else Plotly grows the margins and draws
    the chart twice, every time it is drawn (that used to be a third of a redraw's cost)."""
    grown = []
    for width in (1280, 1920):
        page.set_viewport_size({"width": width, "height": 1000})
        for lang in ("en", "zh"):
            _open(page, target.url(app_url, f"lang={lang}"))
            grown += [f"{width}px {lang}: {chart}" for chart in sp.grown_margins(page)]
    assert not grown, "charts drawn twice, margins too small:\n" + "\n".join(map(str, grown))


NO_SLIDER = {"puzzles": "a wiring is typed in number boxes: the page has no slider"}


@pytest.mark.parametrize("target", VIEWS, ids=_ids(VIEWS))
def test_slider_moves_chart_and_link_reproduces_it(
    page, app_url, target, console_errors, new_context
):
    """Move a Streamlit slider: a chart changes; that URL in a fresh browser shows the same."""
    if target.key in NO_SLIDER:
        pytest.skip(NO_SLIDER[target.key])
    _open(page, target.url(app_url))
    sliders = page.locator(f'{sp.MAIN} [data-testid="stSlider"]:visible')
    assert sliders.count() >= 1, f"{target.key}: no Streamlit slider"
    found = sp.find_chart_slider(page)
    moved = sliders.nth(found[0]).inner_text().splitlines()[0] if found else None
    assert moved, f"{target.key}: no slider changed a chart"
    assert not sp.exceptions(page), sp.exceptions(page)

    page.wait_for_function("() => location.search.length > 1", timeout=10_000)
    shared = page.url
    assert parse_qs(urlparse(shared).query), f"slider {moved!r} left no trace in {shared}"
    # The page's body reruns on its own (a fragment): its share link must follow the move too.
    page.locator(f'{sp.MAIN} [data-testid="stPopover"] button').last.click()
    link = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').last
    assert parse_qs(urlparse(link.inner_text().strip()).query) == parse_qs(urlparse(shared).query)
    page.keyboard.press("Escape")
    expected = sp.chart_data(page)

    fresh = new_context().new_page()
    _open(fresh, shared)
    got = sp.chart_data(fresh)
    assert len(got) == len(expected), "a different number of charts"
    differing = [i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b]
    assert not differing, f"charts {differing} differ when {shared} is opened afresh"
    assert not console_errors, f"console errors: {console_errors}"


DRAGGABLE = [t for t in VIEWS if t.key in DRAG_REQUIRED]


@pytest.mark.parametrize("target", DRAGGABLE, ids=_ids(DRAGGABLE))
def test_plotly_slider_changes_chart_while_dragging(page, app_url, target, console_errors):
    """Press the handle of a Plotly slider and drag: the chart follows before the release."""
    _open(page, target.url(app_url))
    grips = page.locator(f"{sp.CHART} .slider-container .slider-grip-rect")
    assert grips.count() >= 1, f"{target.key}: no Plotly slider (frames) to drag"
    grip = grips.first
    grip.scroll_into_view_if_needed()
    rail = grip.locator("xpath=..").locator(".slider-rail-rect").first
    g, r = grip.bounding_box(), rail.bounding_box()
    assert g and r, "slider not laid out"
    x0, y = g["x"] + g["width"] / 2, g["y"] + g["height"] / 2
    # Drag towards the farther end of the rail, in small steps, as a hand would.
    far = r["x"] + 0.1 * r["width"] if x0 > r["x"] + r["width"] / 2 else r["x"] + 0.9 * r["width"]
    before = sp.drawn(page)
    page.mouse.move(x0, y)
    page.mouse.down()
    try:
        steps = 12
        for i in range(1, steps + 1):
            page.mouse.move(x0 + (far - x0) * i / steps, y, steps=2)
        sp.wait_changed(page, before, timeout=10_000, settle=False)  # button still held
        changed_while_held = sp.drawn(page) != before
    finally:
        page.mouse.up()
    assert changed_while_held, f"{target.key}: the chart did not follow the drag"
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"


def test_click_on_the_race_map_starts_the_race_there(page, app_url, console_errors):
    """Click a point of the optimizer race's loss map: the race restarts from the nearest grid
    point (the start inputs, the start marker and the URL all say so)."""
    if "optimizers" not in {t.key for t in VIEWS}:
        pytest.skip("no optimizer page")
    _open(page, f"{app_url}/optimizers?lang=en")
    target = (0.5, -1.0)  # on the 0.25 grid, far from the tutorial's start (-1.5, 2)
    chart = page.locator(sp.CHART).first
    chart.scroll_into_view_if_needed()
    x, y = page.evaluate(
        """([wx, wr]) => {
          const gd = document.querySelector('CHART .js-plotly-plot');
          const area = gd.querySelector('.nsewdrag').getBoundingClientRect();
          return [area.left + gd._fullLayout.xaxis.d2p(wx), area.top + gd._fullLayout.yaxis.d2p(wr)];
        }""".replace("CHART", sp.CHART),
        list(target),
    )
    page.mouse.move(x, y)
    page.mouse.click(x + 2, y + 2)  # a couple of pixels off: the click takes the nearest point
    # The click first highlights the point, then the rerun redraws the race: wait for the race.
    page.wait_for_function(
        """([wx, wr]) => {
          const gd = document.querySelector('CHART .js-plotly-plot');
          const start = gd && gd.data && gd.data.find(trace => trace.name === 'start');
          return !!start && start.x[0] === wx && start.y[0] === wr
            && new URLSearchParams(location.search).get('opt_w0x') !== null;
        }""".replace("CHART", sp.CHART),
        arg=list(target),
        timeout=20_000,
    )
    sp.wait_rendered(page)
    starts = page.locator(f'{sp.MAIN} [data-testid="stNumberInput"] input')
    assert [float(starts.nth(i).input_value()) for i in range(2)] == list(target)
    query = parse_qs(urlparse(page.url).query)
    assert (float(query["opt_w0x"][0]), float(query["opt_w0rec"][0])) == target
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"


@pytest.mark.parametrize("target", VIEWS, ids=_ids(VIEWS))
def test_csv_download_is_written_on_click(page, app_url, target, console_errors):
    """The CSV is built when its button is clicked (not on every rerun): the click still gives
    the browser a CSV file whose rows parse, with a header and numbers."""
    _open(page, target.url(app_url, "lang=en"))
    button = page.locator(f'{sp.MAIN} [data-testid="stDownloadButton"] button', has_text="CSV")
    assert button.count() >= 1, f"{target.key}: no CSV download button"
    button.first.scroll_into_view_if_needed()
    with page.expect_download(timeout=30_000) as download:
        button.first.click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".csv")
    with open(path, encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)
    assert any(_is_number(cell) for cell in rows[1]), rows[1]
    assert not console_errors, f"console errors: {console_errors}"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
