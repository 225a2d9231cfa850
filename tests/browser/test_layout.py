"""Layout for a classroom (issue 18): on a 1366×768 laptop the first chart of every page starts
on the first screen, in both languages; no page logs a console error or gets a 404.

Also writes the classroom screenshots (the first screen of every page, 1366×768 and 1920×1080,
English and Chinese, presenter mode off and on) to `screenshots/classroom/` for a reviewer.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page

from deploy.launch import StreamlitServer
from explorer import i18n
from explorer.views.unrolled import ARCHS
from tests.browser import streamlit_pw as sp
from tests.browser.conftest import ROOT
from ui.views import available

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
VISIBLE = 200  # px of the first chart that must be on the first screen, not only its top edge
VIEWS = [view.key for view in available()]
_FIRST_CHART_TOP = """() => { const c = document.querySelector('.rnnx-chart .js-plotly-plot');
  return c ? c.getBoundingClientRect().top + window.scrollY : null; }"""


def _open(page: Page, url: str) -> None:
    sp.open_app(page, url, timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view", VIEWS)
def test_first_chart_starts_on_the_first_screen_of_a_laptop(page, app_url, view, lang):
    page.set_viewport_size(LAPTOP)
    _open(page, f"{app_url}/{view}?lang={lang}")
    page.wait_for_selector(".rnnx-chart .js-plotly-plot", timeout=60_000)  # a job may draw it
    sp.wait_rendered(page)
    top = page.evaluate(_FIRST_CHART_TOP)
    assert top is not None, f"{view}: no chart"
    assert top + VISIBLE <= LAPTOP["height"], f"{view} ({lang}): the first chart starts at {top} px"


@pytest.fixture(scope="module")
def served_url():
    """`streamlit run serve.py` (as deploy/ runs it): app.py, and the frontend told where the
    server is."""
    with StreamlitServer(ROOT / "serve.py") as server:
        yield server.url


@pytest.mark.parametrize("view", ["", *VIEWS], ids=["home", *VIEWS])
def test_no_console_error_and_no_404(page, served_url, view):
    """Opened directly at its URL, in both languages and in presenter mode: nothing answers 4xx
    or 5xx, nothing is logged as an error. Under `streamlit run app.py` Streamlit's frontend first
    probes /<page>/_stcore/health and /host-config (two 404s); serve.py tells it where the
    server is."""
    bad: list[str] = []
    page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: bad.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: bad.append(f"uncaught: {exc}"))
    _open(page, f"{served_url}/{view}?lang=en")
    _open(page, f"{served_url}/{view}?lang=zh&present=1")
    assert not bad, bad


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unknown_path_goes_home_and_says_so_in_the_pages_language(page, served_url, lang):
    """/nosuchpage still finds the server (Streamlit's own probe, serve.py leaves it alone) and
    opens the home page, which says there is no such page in the student's language (it was
    Streamlit's "Page not found" box, in English on the Chinese page). Home is opened first:
    on a server no tab has visited yet, Streamlit's own box is still what answers."""
    _open(page, f"{served_url}/?lang={lang}")
    _open(page, f"{served_url}/nosuchpage?lang={lang}")
    page.get_by_text(i18n.t("home.intro", lang)[:12]).first.wait_for(timeout=30_000)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text(i18n.t("nav.unknown", lang, path="nosuchpage")).count() == 1
    assert urlparse(page.url).path == "/"


@pytest.mark.parametrize("present_on", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("size", [LAPTOP, PROJECTOR], ids=["1366x768", "1920x1080"])
def test_classroom_screenshots(page, app_url, screenshots, size, present_on):
    """The first screen of every page, both languages: written for a reviewer to look at."""
    folder = screenshots / "classroom"
    folder.mkdir(exist_ok=True)
    page.set_viewport_size(size)
    mode = "present" if present_on else "normal"
    for view in ["home", *VIEWS]:
        for lang in ("en", "zh"):
            path = "" if view == "home" else view  # home is the app's root
            _open(page, f"{app_url}/{path}?lang={lang}" + ("&present=1" if present_on else ""))
            assert not page.get_by_text("Page not found").count()
            page.evaluate("document.fonts.ready.then(() => true)")  # fonts settle
            name = f"{view}.{size['width']}x{size['height']}.{lang}.{mode}.png"
            page.screenshot(path=folder / name)
            assert (folder / name).stat().st_size > 10_000


# Text cut short by the browser: a label ending in "…" (Streamlit's labels are one line, cut with
# an ellipsis), or any box whose words overflow it sideways (formulas and charts aside).
_CUT = """() => [...document.querySelectorAll('[data-testid="stMain"] *')].filter(e =>
    e.offsetParent !== null && (e.innerText || '').trim() && e.clientWidth > 2
    && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
    && !e.closest('.js-plotly-plot, .katex-display, textarea, table, [data-testid="stTable"],'
                  + ' [data-testid="stMultiSelect"], .tc-text'))
  .map(e => [e.innerText.slice(0, 40), e.scrollWidth, e.clientWidth])"""


@pytest.mark.parametrize("present_on", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [LAPTOP, PROJECTOR], ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize("path", ["unrolled?un_arch=stacked&", "why_gates?"], ids=["stacked", "wg"])
def test_no_label_is_cut(page, app_url, path, size, lang, present_on):
    """Every label whole (scrollWidth ≤ clientWidth), controls open: "Bidirectio…" (the stacked
    RNN's toggle) and "Predict, then ch…" were cut at 1366 px."""
    page.set_viewport_size(size)
    _open(page, f"{app_url}/{path}lang={lang}" + ("&present=1" if present_on else ""))
    for summary in page.locator(f'{sp.MAIN} [data-testid="stExpander"] summary').all():
        if "⚙" in summary.inner_text():  # presenter mode folds the controls away
            summary.click()
    sp.wait_rendered(page)
    assert page.get_by_text("Predict" if lang == "en" else "先预测").count()
    cut = page.evaluate(_CUT)
    assert not cut, cut


# A choice shown whole: no chip of a multiselect hidden past its box's edge (the box scrolls
# sideways), no chip's text cut with "…", no selectbox's value longer than its box.
_CHOICE = '[data-testid="stMain"] :is([data-testid="stMultiSelect"], [data-testid="stSelectbox"])'
_CHOICES_CUT = f"""() => [...document.querySelectorAll('{_CHOICE} :is(div, span, input)')]
  .filter(e => e.offsetParent !== null && e.clientWidth > 2
    && (e.tagName === 'INPUT' ? e.value : e.innerText || '').trim()
    && e.scrollWidth > e.clientWidth + 1)
  .map(e => [(e.tagName === 'INPUT' ? e.value : e.innerText).slice(0, 60), e.scrollWidth,
             e.clientWidth])"""


@pytest.mark.parametrize("present_on", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", [LAPTOP, PROJECTOR], ids=["1366x768", "1920x1080"])
def test_every_choice_is_shown_whole(page, app_url, size, lang, present_on):
    """The race's six optimizers, why-gates' lengths and every architecture's name (the
    Chinese encoder–decoders', "…的输入）") are readable whole in their boxes, controls open."""
    page.set_viewport_size(size)
    paths = ["optimizers?", "why_gates?", *(f"unrolled?un_arch={arch}&" for arch in ARCHS)]
    for path in paths:
        _open(page, f"{app_url}/{path}lang={lang}" + ("&present=1" if present_on else ""))
        for summary in page.locator(f'{sp.MAIN} [data-testid="stExpander"] summary').all():
            if "⚙" in summary.inner_text():  # presenter mode folds the controls away
                summary.click()
        sp.wait_rendered(page)
        assert page.locator(_CHOICE).count(), path
        cut = page.evaluate(_CHOICES_CUT)
        assert not cut, (path, cut)
