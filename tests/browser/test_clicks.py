"""Clicks reach the server, every time, on a tab a class uses for an hour.

- A lone surrogate typed or pasted into a text box (half an emoji, as a script or a broken
  clipboard can leave it) is not valid UTF-8: Streamlit's server closed the websocket on it, and
  on every later click of that tab, until a reload. The page now sends U+FFFD instead.
"""

from __future__ import annotations

import pytest

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

# Sets a text box's value as a script (or a paste) would: React sees an input event.
SET_VALUE = """([selector, value]) => {
  const box = document.querySelector(selector);
  const proto = box.tagName === 'TEXTAREA' ? HTMLTextAreaElement : HTMLInputElement;
  Object.getOwnPropertyDescriptor(proto.prototype, 'value').set.call(box, value);
  box.dispatchEvent(new Event('input', {bubbles: true}));
}"""
ERROR = '[data-testid="stAlertContentError"]'


def test_a_lone_surrogate_in_a_text_area_leaves_the_tab_working(page, app_url):
    """'ab\\ud83dcd' in the paste box, Ctrl+Enter: the page answers it (a bad paste: an error
    in words), the connection stays open, and the next click reruns the page."""
    wire = sp.Wire(page)
    sp.open_app(page, f"{app_url}/gates?gt_source=paste&lang=en", timeout=90_000)
    area = '[data-testid="stTextArea"] textarea'
    page.evaluate(SET_VALUE, [area, "ab\ud83dcd"])
    finished = wire.count("received", "run finished")
    page.locator(area).press("Control+Enter")
    wire.wait_for("received", "run finished", finished + 1)
    sp.wait_rendered(page)
    assert page.locator(ERROR).count() >= 1, sp.main_text(page)[-600:]
    assert page.locator(area).input_value() == "ab\ufffdcd"
    page.get_by_text("Presenter mode").click()  # a click after it: its rerun comes
    page.wait_for_function("() => location.search.includes('present=1')", timeout=30_000)
    assert wire.count("closed", "") == 0, str(wire)
