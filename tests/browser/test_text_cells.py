""" "Your text" in a real browser: what a student types is shown as text. `<script>alert(1)</script>`
appears, character for character, in the coloured text and nothing runs (no dialog); the sampled
text is plain text too. Screenshots of the default view and of the hostile one."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from explorer.figures import text_cells as figs
from explorer.training import charmodel
from explorer.views.text_cells import SAMPLE_CHARS, TEMPERATURES
from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

HOSTILE = '<script>alert(1)</script> said "HI" <img src=x onerror=alert(2)> **bold** [a](javascript:alert(3))\n'
TRAINED = 180_000  # ms: a training on a busy 2-core machine


def _wait_trained(page) -> None:
    page.locator(".tc-text").first.wait_for(timeout=TRAINED)
    sp.wait_jobs(page, TRAINED)


def _inner(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.innerText)")


def test_default_view(page, app_url, console_errors, screenshots):
    sp.open_app(page, f"{app_url}/text_cells", timeout=TRAINED)
    _wait_trained(page)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert page.locator(".tc-text").count() >= 4  # coloured text, hypothesis, top cells, samples
    assert len(sp.chart_data(page)) == 4  # loss, the cell over the window, ranking, saturation
    sp.screenshot(page, screenshots / "text_cells.png")
    assert not console_errors, console_errors


def test_script_typed_by_a_student_shows_as_text(page, app_url, console_errors, screenshots):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sp.open_app(page, f"{app_url}/text_cells?tc_source=paste&tc_steps=100&tc_hidden=8")
    box = page.locator('[data-testid="stTextArea"] textarea').first
    box.fill(HOSTILE * 30)
    box.press("Control+Enter")
    _wait_trained(page)
    assert not sp.exceptions(page), sp.exceptions(page)

    coloured = _inner(page, ".tc-text")[0]
    assert "<script>alert(1)</script>" in coloured, coloured[:200]
    assert "<img·src=x·onerror=alert(2)>" in coloured and "**bold**" in coloured
    assert "[a](javascript:alert(3))↵" in coloured
    html = page.locator('[data-testid="stHtml"]')
    assert html.locator("script, img, a, b, strong").count() == 0, "markup from the student's text"
    text = HOSTILE * 30  # the samples, as the page's model writes them (seeded: the same here)
    model = charmodel.train_char_model(text, "lstm", hidden=8, steps=100, seed=0)
    written = charmodel.sample(model, text[:1], SAMPLE_CHARS, TEMPERATURES[0], 0)
    assert set(written) & set("<>*[]()"), written  # it learned to write markup characters
    shown = _inner(page, ".tc-text")[-len(TEMPERATURES)]
    assert shown == "".join(figs.visible(ch) for ch in written), (shown[:80], written[:80])
    assert not dialogs, f"a dialog fired: {dialogs}"
    assert "alert" not in page.url and "script" not in page.url  # the text stays out of the link
    sp.screenshot(page, screenshots / "text_cells.hostile.png")
    assert not console_errors, console_errors


def test_a_trained_model_opens_in_the_gate_inspector(page, app_url, console_errors, screenshots):
    sp.open_app(page, f"{app_url}/text_cells?tc_steps=100&tc_hidden=8")
    _wait_trained(page)
    page.get_by_role("button", name="Open this LSTM in the gate inspector").click()
    page.wait_for_url("**/gates?gt_source=chars", timeout=60_000)
    sp.wait_rendered(page, 90_000)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert "trained on “Your text”, on 500 of its characters" in sp.main_text(page)
    rows = page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullLayout.yaxis._categories || []"
    )
    assert '"' in rows and "·" in rows and "↵" in rows, rows  # the model's characters
    shown = page.eval_on_selector_all(
        ".js-plotly-plot .yaxislayer-above .ytick text", "els => els.map(e => e.textContent)"
    )
    names = {t for t in shown if not t.replace(".", "").replace("−", "").isdigit()}  # not units
    assert names and names <= set(rows), (rows, shown)  # drawn as they are (no "&lt;")
    sp.screenshot(page, screenshots / "gates.chars.png")
    assert not console_errors, console_errors


def test_a_span_dragged_across_the_cell_chart_becomes_the_hypothesis(page, app_url, screenshots):
    sp.open_app(page, f"{app_url}/text_cells?tc_steps=100&tc_hidden=8")
    _wait_trained(page)
    area = page.locator(sp.CHART).nth(1).locator(".nsewdrag").first  # the cell over the window
    area.scroll_into_view_if_needed()
    box = area.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 0.2 * box["width"], y)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.3 * box["width"], y, steps=5)
    page.mouse.move(box["x"] + 0.4 * box["width"], y, steps=5)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('tc_mode=span')", timeout=30_000)
    sp.wait_rendered(page)
    lo, hi = (int(v) for v in parse_qs(urlparse(page.url).query)["tc_span"][0].split(","))
    assert 150 <= lo < hi <= 450 and hi - lo >= 100, (lo, hi)  # about 20–40 % of 1,000
    assert f"{hi - lo + 1:,} of 1,000 characters" in sp.main_text(page)
    assert not sp.exceptions(page), sp.exceptions(page)
