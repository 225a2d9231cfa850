"""The gate inspector in a real browser: a refused sequence, then a good one, keeps working.

In a browser session Streamlit forgets the state of every widget a run did not draw; a run that
stops at a refused sequence draws no window, unit or step widget. AppTest does not forget them,
so only a browser shows the page breaking (KeyError on "gt_unit") after the good input.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

GOOD = "x1,x2,x3\n" + "\n".join(f"{i % 5},{(i % 3) - 1},{i % 2}" for i in range(12)) + "\n"
RAGGED = "1,2,3\n4,5\n6,7,8\n"
ERROR = '[data-testid="stAlertContentError"]'


def _settle(page, before: str) -> None:
    with contextlib.suppress(PlaywrightTimeout):
        sp.wait_changed(page, before, timeout=20_000)
    sp.wait_rendered(page)


def _upload(page, name: str, text: str) -> None:
    before = sp.drawn(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )
    _settle(page, before)


def _type(page, selector: str, text: str, submit: str) -> None:
    before = sp.drawn(page)
    box = page.locator(selector).first
    box.fill(text)
    box.press(submit)
    _settle(page, before)


def _assert_gates_shown(page) -> None:
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not page.locator(ERROR).count(), page.locator(ERROR).first.inner_text()
    assert any('"heatmap"' in chart for chart in sp.chart_data(page)), "no gate heatmap"


def test_bad_upload_then_good_upload(page, app_url, console_errors):
    sp.open_app(page, f"{app_url}/gates?gt_source=upload", timeout=90_000)
    _upload(page, "good.csv", GOOD)
    _assert_gates_shown(page)
    _upload(page, "ragged.csv", RAGGED)
    assert page.locator(ERROR).count() >= 1, "a ragged file gave no error message"
    _upload(page, "good.csv", GOOD)
    _assert_gates_shown(page)
    _upload(page, "ragged.csv", RAGGED)  # and again: the page keeps working
    _upload(page, "good.csv", GOOD)
    _assert_gates_shown(page)
    assert not console_errors, f"console errors: {console_errors}"


def test_bad_paste_then_good_paste(page, app_url):
    sp.open_app(page, f"{app_url}/gates?gt_source=paste", timeout=90_000)
    _assert_gates_shown(page)
    area = '[data-testid="stTextArea"] textarea'
    _type(page, area, "1 2\n3 x\n", "Control+Enter")
    assert page.locator(ERROR).count() >= 1, "a bad paste gave no error message"
    _type(page, area, "1 0 0\n2 1 0\n0 0 1\n", "Control+Enter")
    _assert_gates_shown(page)


def test_one_character_text_then_a_word(page, app_url):
    sp.open_app(page, f"{app_url}/gates?gt_source=text&gt_model=random", timeout=90_000)
    _assert_gates_shown(page)
    box = '[data-testid="stTextInput"] input'
    _type(page, box, "a", "Enter")
    assert page.locator(ERROR).count() >= 1, "one character gave no error message"
    _type(page, box, "hello", "Enter")
    _assert_gates_shown(page)
