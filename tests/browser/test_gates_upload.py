"""The gate inspector in a real browser: a good file shows its gates, a bad file says what is wrong."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import streamlit_pw as sp
from ui.views import available

pytestmark = pytest.mark.browser

GATES = [view for view in available() if view.key == "gates"]
# Three features per step (the hand-wired cell's input width), 12 steps, not the built-in example.
GOOD = "x1,x2,x3\n" + "\n".join(f"{i % 5},{(i % 3) - 1},{i % 2}" for i in range(12)) + "\n"
RAGGED = "1,2,3\n4,5\n6,7,8\n"  # row 2 has two columns


def _upload(page, name: str, text: str) -> None:
    before = sp.drawn(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )
    # A good file redraws the charts; a bad one may remove them: either way, wait until settled.
    with contextlib.suppress(PlaywrightTimeout):
        sp.wait_changed(page, before, timeout=30_000)
    sp.wait_rendered(page)


@pytest.mark.parametrize("view", GATES, ids=[v.key for v in GATES])
def test_upload_good_then_bad_file(page, app_url, view, console_errors, screenshots):
    sp.open_app(page, f"{app_url}/{view.key}?gt_source=upload", timeout=90_000)
    assert page.locator('[data-testid="stFileUploader"]').count() == 1, "no file uploader"
    shown_before = sp.chart_data(page)

    _upload(page, "good.csv", GOOD)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not page.locator('[data-testid="stAlertContentError"]').count(), page.locator(
        '[data-testid="stAlertContentError"]'
    ).first.inner_text()
    gates = sp.chart_data(page)
    assert gates and gates != shown_before, "the uploaded sequence did not change the gate charts"
    assert any('"heatmap"' in chart for chart in gates), "no gate heatmap for the uploaded file"
    assert "12" in sp.main_text(page), "the page does not mention the file's 12 steps"
    sp.screenshot(page, screenshots / f"{view.key}.upload.png")

    _upload(page, "ragged.csv", RAGGED)
    assert not sp.exceptions(page), sp.exceptions(page)
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() >= 1, "a ragged file gave no error message"
    message = errors.first.inner_text()
    assert "2" in message, f"the error does not say where (row 2): {message!r}"
    sp.screenshot(page, screenshots / f"{view.key}.upload-error.png")
    assert not console_errors, f"console errors: {console_errors}"
