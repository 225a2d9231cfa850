"""Switching the language keeps the page's settings (found by a reviewer: the next widget move
after 中文 reset every radio button to its default)."""

from __future__ import annotations

import re

import pytest

from tests.browser.streamlit_pw import nudge_slider, open_app, wait_rendered

pytestmark = pytest.mark.browser


def _query(page) -> str:
    return page.evaluate("() => window.location.search")


def test_language_switch_then_a_widget_move_keeps_the_radio_choice(page, app_url):
    open_app(page, f"{app_url}/loss_surface?ls_view=zoom")
    assert "ls_view=zoom" in _query(page)
    page.locator('[data-testid="stSidebar"] label').filter(has_text="简体中文").click()
    wait_rendered(page)
    page.wait_for_function("() => document.title !== '' && /[\\u4e00-\\u9fff]/.test("
                           "document.querySelector('h1').innerText)")  # fmt: skip
    nudge_slider(page, 0)
    page.wait_for_function("() => location.search.includes('ls_seq_len=11')", timeout=30_000)
    wait_rendered(page)
    query = _query(page)
    assert "ls_seq_len=11" in query, query  # the nudge took effect
    assert "ls_view=zoom" in query, query
    label = page.locator(
        '[data-testid="stMain"] [data-testid="stRadio"] label:has(input:checked)'
    ).first.inner_text()
    assert re.search("放大", label), label
