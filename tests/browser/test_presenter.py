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


# --- the back of the room (issue 28): sizes and overlaps at a laptop's and a projector's size --

SIZES = {"1366x768": {"width": 1366, "height": 768}, "1920x1080": {"width": 1920, "height": 1080}}
_BOX = "e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; }"
_CAPTION_SIZES = """() => [...document.querySelectorAll(
    '[data-testid="stCaptionContainer"], [data-testid="stMainBlockContainer"] .tc-head')]
  .filter(e => e.offsetParent !== null && e.innerText.trim())
  .map(e => [e.innerText.slice(0, 30), ...[e, ...e.querySelectorAll('*')]
    .filter(n => [...n.childNodes].some(c => c.nodeType === 3 && c.textContent.trim()))
    .map(n => parseFloat(getComputedStyle(n).fontSize))])"""
_CELL_TEXT = f"""() => [...document.querySelectorAll('{FIRST_CHART} .heatmaplayer text')]
  .map(e => parseFloat(getComputedStyle(e).fontSize))"""
_COLORBAR_TICKS = f"""() => [...document.querySelectorAll('{FIRST_CHART} .colorbar')].map(cb =>
  [...cb.querySelectorAll('.cbaxis text, .ytick text')].map(({_BOX})))"""
_TEXT_BOXES = """() => { const page = document.querySelector('[data-testid="stMainBlockContainer"]')
    .getBoundingClientRect().right;
  return [...document.querySelectorAll('.tc-text')].filter(e => e.offsetParent !== null)
    .map(e => ({font: parseFloat(getComputedStyle(e).fontSize), scroll: e.scrollWidth,
                client: e.clientWidth, right: e.getBoundingClientRect().right, page})); }"""
# The why-gates notes (text drawn in the band above the curves, axes x2/y2) and that band.
_NOTES = f"""() => {{ const gd = document.querySelector('{FIRST_CHART}'); const f = gd._fullLayout;
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const x = f.xaxis2, y = f.yaxis2;
  return {{band: [svg.left + x._offset, svg.top + y._offset, svg.left + x._offset + x._length,
                  svg.top + y._offset + y._length],
          notes: [...gd.querySelectorAll('.textpoint text')].map({_BOX})}}; }}"""


def _overlap(a, b, slack: float = 0.5) -> bool:
    return (
        a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack
    )


def _shot(page: Page, screenshots, name: str, target: str = FIRST_CHART) -> None:
    """The screen with `target` scrolled into view, for a reviewer (screenshots/presenter/)."""
    page.locator(target).first.scroll_into_view_if_needed()
    folder = screenshots / "presenter"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=folder / f"{name}.png")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_captions_heatmap_numbers_and_colour_bars_are_readable_from_the_back(
    page, app_url, screenshots, size, lang
):
    """Presenter mode: every caption ≥ 18 px (was 14), the gate heatmap's cell numbers ≥ 16 px
    (was 15), and no two tick labels of a colour bar overlap (was "20/10/0/−10/−20")."""
    page.set_viewport_size(SIZES[size])
    _open(page, f"{app_url}/gates?lang={lang}&present=1")
    captions = page.evaluate(_CAPTION_SIZES)
    assert captions, "the gate inspector shows captions"
    small = [c for c in captions if min(c[1:], default=0) < 18]
    assert not small, small
    cells = page.evaluate(_CELL_TEXT)
    assert cells and min(cells) >= 16, cells
    for bar in page.evaluate(_COLORBAR_TICKS):
        for i, a in enumerate(bar):
            for b in bar[i + 1 :]:
                assert not _overlap(a, b), (a, b, bar)
    _shot(page, screenshots, f"gates.{size}.{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_why_gates_notes_stay_inside_their_band(page, app_url, screenshots, size, lang):
    """The live numbers above the curves are drawn whole: inside their band (not clipped at its
    top or right edge), clear of the legend (they were cut in presenter mode at both sizes)."""
    page.set_viewport_size(SIZES[size])
    _open(page, f"{app_url}/why_gates?lang={lang}&present=1")
    found = page.evaluate(_NOTES)
    left, top, right, bottom = found["band"]
    assert len(found["notes"]) == 2, found
    for note in found["notes"]:
        assert note[0] >= left - 1 and note[2] <= right + 1, (note, found["band"])
        assert note[1] >= top - 1 and note[3] <= bottom + 1, (note, found["band"])
    legend = page.locator(f"{FIRST_CHART} .legend").first.evaluate(_BOX)
    assert not any(_overlap(note, legend) for note in found["notes"]), (found, legend)
    _shot(page, screenshots, f"why_gates.{size}.{lang}")


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_your_texts_captions_and_coloured_text_are_readable_and_whole(
    page, app_url, screenshots, size
):
    """Your text in presenter mode: the line above each coloured text (was 13 px) and the text
    itself (was 15 px) at 18 px and more, every caption too; no coloured text wider than its
    box, no box past the page's right edge."""
    page.set_viewport_size(SIZES[size])
    _open(page, f"{app_url}/text_cells?lang=en&present=1")
    sp.wait_jobs(page)  # the first visit trains
    for summary in page.locator(f'{sp.MAIN} [data-testid="stExpander"] summary').all():
        if "⚙" in summary.inner_text():
            summary.click()
    sp.wait_rendered(page)
    captions = page.evaluate(_CAPTION_SIZES)
    assert any("·" in c[0] for c in captions), "the line above a coloured text is measured"
    small = [c for c in captions if min(c[1:], default=0) < 18]
    assert not small, small
    boxes = page.evaluate(_TEXT_BOXES)
    assert boxes, "Your text shows coloured text"
    for box in boxes:
        assert box["font"] >= 18, box
        assert box["scroll"] <= box["client"] + 1, box
        assert box["right"] <= box["page"] + 1, box
    _shot(page, screenshots, f"text_cells.{size}.en", ".tc-text")


@pytest.mark.parametrize("present", ["0", "1"], ids=["normal", "presenter"])
@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_the_toolbar_never_covers_a_chart_title(page, app_url, screenshots, size, present):
    """Hovering a chart shows Plotly's toolbar beside the figure, not on its title (it covered
    gradient decay's long title on a 1366×768 laptop out of presenter mode), and not above the
    chart either (a strip above would push a laptop's first chart down)."""
    page.set_viewport_size(SIZES[size])
    _open(page, f"{app_url}/gradient_decay?lang=en&present={present}")
    chart = page.locator(FIRST_CHART).first
    chart.scroll_into_view_if_needed()
    chart.hover()
    bar = page.locator(f"{FIRST_CHART} .modebar").first
    bar.wait_for(state="visible")
    box = bar.evaluate(_BOX)
    title = page.locator(f"{FIRST_CHART} .gtitle").first.evaluate(_BOX)
    figure = page.locator(f"{FIRST_CHART} .main-svg").first.evaluate(_BOX)
    assert not _overlap(box, title), (box, title)
    assert box[0] >= figure[2] - 1, ("beside the figure, not on it", box, figure)
    assert box[1] >= figure[1] - 1, ("no strip above the chart", box, figure)
    name = f"toolbar.{size}.{'present' if present == '1' else 'normal'}"
    page.locator(f"{FIRST_CHART} .gtitle").first.scroll_into_view_if_needed()
    folder = screenshots / "presenter"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=folder / f"{name}.png")


_REGIME_BOX = f"""() => {{ const gd = document.querySelector('{FIRST_CHART}');
  const svg = gd.querySelector('.main-svg').getBoundingClientRect(), x = gd._fullLayout.xaxis;
  const box = {_BOX};
  return {{note: box(gd.querySelector('.annotation')), legend: box(gd.querySelector('.legend')),
          title: box(gd.querySelector('.legendtitletext')),
          right: svg.left + x._offset + x._length}}; }}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
@pytest.mark.parametrize("query", ["gd_w_rec=0.5", "gd_w_rec=-0.5", "gd_seq_len=200&gd_w_rec=1.1"])
def test_gradient_decays_regime_box_stays_clear_of_the_legend(page, app_url, query, size, lang):
    """Presenter mode: the box naming the regime stays inside the plot, off the legend and its
    title (at 1366 px it reached 1117–1194 px, over the legend's title at 1025 px)."""
    page.set_viewport_size(SIZES[size])
    _open(page, f"{app_url}/gradient_decay?lang={lang}&present=1&{query}")
    found = page.evaluate(_REGIME_BOX)
    assert found["note"][2] <= found["right"] + 1, found
    assert not _overlap(found["note"], found["title"]), found
    assert not _overlap(found["note"], found["legend"]), found


# Every box (shape) and word of the cell diagrams, and the plot area they are drawn in (Plotly
# clips both to it).
_DIAGRAMS = f"""() => [...document.querySelectorAll('{sp.CHART} .js-plotly-plot')]
  .filter(gd => gd._fullLayout.yaxis.scaleanchor === 'x').map(gd => {{
    const svg = gd.querySelector('.main-svg').getBoundingClientRect(), f = gd._fullLayout;
    const box = {_BOX};
    return {{title: f.title.text,
             area: [svg.left + f.xaxis._offset, svg.top + f.yaxis._offset,
                    svg.left + f.xaxis._offset + f.xaxis._length,
                    svg.top + f.yaxis._offset + f.yaxis._length],
             parts: [...gd.querySelectorAll('.shapelayer path, .textpoint text')]
               .map(e => [e.textContent, ...box(e)])}}; }})"""


@pytest.mark.parametrize("present_on", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lstm_and_gru_diagrams_side_by_side_are_whole(page, app_url, screenshots, lang, present_on):
    """LSTM and GRU side by side at 1366×768: every box and word of both cell diagrams lies
    inside the plot area (the LSTM's h(t) box and "input x(t)" were cut at its edges)."""
    page.set_viewport_size(SIZES["1366x768"])
    query = "gt_arch=both&gt_model=random" + ("&present=1" if present_on else "")
    _open(page, f"{app_url}/gates?lang={lang}&{query}")
    diagrams = page.evaluate(_DIAGRAMS)
    assert len(diagrams) == 2, [d["title"] for d in diagrams]
    for found in diagrams:
        left, top, right, bottom = found["area"]
        assert len(found["parts"]) >= 15, found  # its boxes and words
        for name, *part in found["parts"]:
            assert part[0] >= left - 1 and part[2] <= right + 1, (
                found["title"],
                name,
                part,
                left,
                right,
            )
            assert part[1] >= top - 1 and part[3] <= bottom + 1, (
                found["title"],
                name,
                part,
                top,
                bottom,
            )
    mode = "present" if present_on else "normal"
    _shot(
        page,
        screenshots,
        f"gates_both.1366x768.{lang}.{mode}",
        f"{sp.CHART} .js-plotly-plot >> nth=2",
    )
