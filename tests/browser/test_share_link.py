"""The share link in a real browser: its text, opened as a new visit, shows the same widget
values (a typed text full of URL syntax, a pin to compare). `tests/app/test_share_link.py`
parses the same links with urllib."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

HOSTILE = "[a-z]+ & #1 1e+05 50% a=b 中文"
BOX = f'{sp.MAIN} [data-testid="stTextInput"] input'


def _link_text(page: Page) -> str:
    page.locator(f'{sp.MAIN} [data-testid="stPopover"] button').last.click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').last
    code.wait_for(timeout=10_000)
    text = code.inner_text().strip()
    page.keyboard.press("Escape")
    return text


def test_a_typed_text_comes_back_from_the_link_text(page: Page, app_url: str, new_context):
    sp.open_app(page, f"{app_url}/gates?gt_source=text", timeout=90_000)
    before = sp.drawn(page)
    box = page.locator(BOX).first
    box.fill(HOSTILE)
    box.press("Enter")
    sp.wait_changed(page, before)
    page.wait_for_function("() => location.search.includes('gt_text')", timeout=10_000)
    text = _link_text(page)
    assert parse_qs(urlsplit(text).query)["gt_text"] == [HOSTILE], text
    fresh = new_context().new_page()
    sp.open_app(fresh, text, timeout=90_000)  # the link's text, as pasted in an address bar
    assert fresh.locator(BOX).first.input_value() == HOSTILE
    assert not sp.exceptions(fresh), sp.exceptions(fresh)


def test_a_pin_comes_back_from_the_link_text(page: Page, app_url: str, new_context):
    sp.open_app(page, f"{app_url}/gradient_decay", timeout=90_000)
    before = sp.drawn(page)
    page.get_by_role("button", name="Pin to compare").click()
    sp.wait_changed(page, before)
    text = _link_text(page)
    assert parse_qs(urlsplit(text).query)["gd_pin"] == ["1;2;10"], text
    fresh = new_context().new_page()
    sp.open_app(fresh, text, timeout=90_000)
    fresh.get_by_role("button", name="Clear the pin").wait_for(timeout=10_000)
    assert fresh.locator(".legendtext").filter(has_text="pin (1, 2.00) n=10").count() == 1
