"""One training per student at a time, in a real browser: a second training asked for while the
first runs says which one to wait for, then starts by itself when the first ends (the waiting
fragment's poll reruns the page: AppTest cannot show that) and its model is shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

# 1000 steps × 32 counted units × 180 epochs: the most a link may start, a few seconds of work.
QUERY = "gt_source=bits&gt_length=1000&gt_model=trained&gt_epochs=180&gt_seed=4343"


def test_a_second_training_waits_for_the_first_then_runs(page, app_url):
    page.goto(f"{app_url}/gates?{QUERY}", wait_until="commit", timeout=90_000)
    page.locator('[data-testid="stProgress"]').first.wait_for(timeout=90_000)
    epochs = page.locator('[data-testid="stSlider"]').filter(has_text="Training epochs")
    thumb = epochs.get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowLeft")  # 170 epochs: another training, while the first still runs
    try:
        page.get_by_text("One job at a time").wait_for(timeout=30_000)
    except PlaywrightTimeout:
        pytest.skip("the first training ended before the second was asked for (a fast machine)")
    assert "170 epochs" in sp.main_text(page) and "180 epochs" in sp.main_text(page)
    # Nobody clicks: the first ends, the page reruns by itself, the second trains and shows.
    page.get_by_text("after 170 epochs").wait_for(timeout=120_000)
    sp.wait_rendered(page)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not page.get_by_text("One job at a time").count()
