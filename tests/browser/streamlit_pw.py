"""Playwright helpers for a Streamlit app: wait for a run to finish, read and move charts.

Shared by the browser tests and `benchmarks/bench_browser.py`, so both wait for the same thing.
"Rendered" means: Streamlit's script is not running, the main area has content, and every visible
Plotly chart has drawn its SVG. A change is detected from the charts themselves (their data as
Plotly.js holds it, or the SVG the user sees), never from a fixed sleep.
"""

from __future__ import annotations

import hashlib
import json
import time

from playwright.sync_api import Page

APP = '[data-testid="stApp"]'
MAIN = '[data-testid="stMain"]'
CHART = '[data-testid="stPlotlyChart"]'
EXCEPTION = '[data-testid="stException"]'
SLIDER_THUMB = f'{MAIN} [data-testid="stSlider"] input[type="range"]'
PLOTLY_SLIDER = ".slider-container"

_RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main || !main.querySelector('h1, [data-testid="stMarkdown"], ' + 'CHART')) return false;
  // Stale elements of the previous run, or lazy elements (Plotly is a lazy chunk) still loading.
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"],'
                             + ' [data-testid="stAppSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('CHART')].filter(c => c.offsetParent !== null);
  return charts.every(c => c.querySelector('.main-svg .cartesianlayer, .main-svg .gl-container,'
                                          + ' .main-svg .polarlayer, .main-svg'));
}""".replace("CHART", CHART)

# What Plotly.js holds for each chart: traces, annotations, shapes and titles (typed arrays as
# lists, trace uids dropped). Two browsers showing the same view give the same string.
_CHART_DATA = """() => [...document.querySelectorAll('CHART .js-plotly-plot')].map(gd => {
  const layout = gd.layout || {};
  const pick = {data: gd.data, annotations: (layout.annotations || []).map(a => a.text),
                shapes: layout.shapes || [], title: layout.title,
                xaxis: layout.xaxis && layout.xaxis.title, yaxis: layout.yaxis && layout.yaxis.title};
  return JSON.stringify(pick, (k, v) => k === 'uid' ? undefined
                                       : (ArrayBuffer.isView(v) ? Array.from(v) : v));
})""".replace("CHART", CHART)

# What the user sees drawn: the plot areas, annotations and titles of every chart's SVG (not the
# slider or mode bar, which move by themselves). Stable within one page; compare within a page.
_DRAWN = """() => [...document.querySelectorAll('CHART .js-plotly-plot')].map(gd =>
  [...gd.querySelectorAll('.cartesianlayer, .polarlayer, .layer-above, .annotation, .gtitle,'
                          + ' .g-xtitle, .g-ytitle')]
    .map(g => g.innerHTML).join('|')).join('||')""".replace("CHART", CHART)


def digest(value) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def wait_rendered(page: Page, timeout: float = 60_000) -> None:
    """Wait until the script run finished and every visible chart has drawn."""
    page.wait_for_function(_RENDERED, timeout=timeout, polling=50)


def open_app(page: Page, url: str, timeout: float = 60_000) -> float:
    """Go to `url`, wait until rendered; returns seconds from navigation to charts drawn."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout)  # a new document: state starts "initial"
    wait_rendered(page, timeout)
    return time.perf_counter() - start


def chart_data(page: Page) -> list[str]:
    """Each chart's data as Plotly.js holds it (comparable across browsers)."""
    return page.evaluate(_CHART_DATA)


def drawn(page: Page) -> str:
    """The charts as drawn, one string (compare within one page; pass it to `wait_changed`)."""
    return page.evaluate(_DRAWN)


def wait_changed(page: Page, before: str, timeout: float = 30_000, settle: bool = True) -> float:
    """Wait until the drawn charts differ from `before`, then (if `settle`) until the run is over.

    Returns the seconds until the charts changed."""
    start = time.perf_counter()
    page.wait_for_function(
        f"(before) => ({_DRAWN})() !== before", arg=before, timeout=timeout, polling="raf"
    )
    changed = time.perf_counter() - start
    if settle:
        wait_rendered(page, timeout)
    return changed


def main_text(page: Page) -> str:
    """The words of the main area, without formulas (KaTeX), code blocks and charts."""
    return page.evaluate(
        """() => {
      const main = document.querySelector('[data-testid="stMainBlockContainer"]').cloneNode(true);
      main.querySelectorAll('.katex, code, pre, .js-plotly-plot').forEach(e => e.remove());
      document.body.appendChild(main);  // innerText needs layout
      const text = main.innerText;
      main.remove();
      return text;
    }"""
    )


def exceptions(page: Page) -> list[str]:
    return [e.inner_text() for e in page.locator(EXCEPTION).all()]


def nudge_slider(page: Page, index: int = 0, key: str = "ArrowRight") -> None:
    """Move the index-th Streamlit slider of the main area by one step with the keyboard."""
    thumb = page.locator(SLIDER_THUMB).nth(index)
    thumb.focus()
    thumb.press(key)


def move_slider(page: Page, index: int, key: str, timeout: float = 15_000) -> float | None:
    """Press `key` on the index-th visible slider of the main area; seconds until a chart
    changed (the run is then waited out), or None if no chart changed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    sliders = page.locator(f'{MAIN} [data-testid="stSlider"]:visible')
    before = drawn(page)
    sliders.nth(index).locator('input[type="range"]').focus()
    start = time.perf_counter()
    page.keyboard.press(key)
    try:
        page.wait_for_function(
            f"(before) => ({_DRAWN})() !== before", arg=before, timeout=timeout, polling="raf"
        )
    except PlaywrightTimeout:
        wait_rendered(page)
        return None
    changed = time.perf_counter() - start
    wait_rendered(page)
    return changed


def find_chart_slider(page: Page, tries: int = 4) -> tuple[int, str] | None:
    """(index, key) of the first visible Streamlit slider whose move changes a chart (it has been
    moved once by `key`), or None."""
    count = page.locator(f'{MAIN} [data-testid="stSlider"]:visible').count()
    for index in range(min(count, tries)):
        for key in ("ArrowRight", "ArrowLeft"):  # a slider at its maximum moves left
            if move_slider(page, index, key) is not None:
                return index, key
    return None


def screenshot(page: Page, path, max_height: int = 8000) -> None:
    """The whole page: Streamlit scrolls inside its own container, so grow the viewport to fit."""
    size = page.viewport_size
    height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
             '[data-testid="stMain"], [data-testid="stMainBlockContainer"], [data-testid="stSidebar"]'
           )].map(e => e.scrollHeight), window.innerHeight)"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, max_height)})
    try:
        wait_rendered(page)  # charts may re-lay-out at the new size
        page.screenshot(path=path)
    finally:
        page.set_viewport_size(size)
