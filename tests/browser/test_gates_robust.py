"""The gate inspector in a real browser: a refused sequence, then a good one, keeps working.

In a browser session Streamlit forgets the state of every widget a run did not draw; a run that
stops at a refused sequence draws no window, unit or step widget. AppTest does not forget them,
so only a browser shows the page breaking (KeyError on "gt_unit") after the good input.
"""

from __future__ import annotations

import contextlib
import time

import pytest
from playwright.sync_api import Page
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
    page.locator(f'{sp.MAIN} [data-testid="stFileUploader"] input[type="file"]').set_input_files(
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


def test_quick_uploads_never_cut_the_tab_off(page, app_url, console_errors):
    """Each upload sends two reruns 20-60 ms apart. With Streamlit's message cache on, the second
    listed the browser's copy of a chart that the first run's end then dropped as too old; the
    answer referred to it, and the browser closed its connection for good ("Cached ForwardMsg
    MISS", the page dead until reloaded): 4 of 6 runs of these seven uploads, 38 references sent.
    The app turns the cache off (.streamlit/config.toml): no reference is sent, and nothing else
    changes (the chart element sends an unchanged figure as a header by itself)."""
    wire = sp.Wire(page)
    sp.open_app(page, f"{app_url}/gates?gt_source=upload", timeout=90_000)
    for step in range(7):
        _upload(page, *(("good.csv", GOOD) if step % 2 == 0 else ("ragged.csv", RAGGED)))
        assert not console_errors, f"after upload {step + 1}: {console_errors}"
    _assert_gates_shown(page)
    refs = wire.count("received", "reference ")
    assert refs == 0, f"{refs} messages sent as references to the browser's copies:\n{wire}"


def test_bad_paste_then_good_paste(page, app_url):
    sp.open_app(page, f"{app_url}/gates?gt_source=paste", timeout=90_000)
    _assert_gates_shown(page)
    area = f'{sp.MAIN} [data-testid="stTextArea"] textarea'
    _type(page, area, "1 2\n3 x\n", "Control+Enter")
    assert page.locator(ERROR).count() >= 1, "a bad paste gave no error message"
    _type(page, area, "1 0 0\n2 1 0\n0 0 1\n", "Control+Enter")
    _assert_gates_shown(page)


def test_one_character_text_then_a_word(page, app_url):
    sp.open_app(page, f"{app_url}/gates?gt_source=text&gt_model=random", timeout=90_000)
    _assert_gates_shown(page)
    box = f'{sp.MAIN} [data-testid="stTextInput"] input'
    _type(page, box, "a", "Enter")
    assert page.locator(ERROR).count() >= 1, "one character gave no error message"
    _type(page, box, "hello", "Enter")
    _assert_gates_shown(page)


def test_a_paste_over_the_limit_is_cut_and_said(page, app_url):
    """Given max_chars, Streamlit's box dropped a longer paste in the browser, without a word
    (the box kept what it had). Now the server takes it, keeps the first 20,000 and says so."""
    sp.open_app(page, f"{app_url}/gates?gt_source=paste", timeout=90_000)
    area = f'{sp.MAIN} [data-testid="stTextArea"] textarea'
    _type(page, area, "1 0 " * 6_000, "Control+Enter")  # 24,000 characters
    assert "the 24,000 you gave were cut to the first 20,000" in sp.main_text(page)
    assert len(page.locator(area).first.input_value()) == 20_000
    _assert_gates_shown(page)


def test_oversize_upload_names_the_file_in_use_and_states_the_limit(page, app_url):
    """Streamlit's uploader refuses a file over the limit by itself (a red mark) and sends no
    run: the page cannot react to it. What the page can do: state the limit in the page's
    language, and name the file it is about, so that an error is not taken for the big file's."""
    sp.open_app(page, f"{app_url}/gates?gt_source=upload&gt_model=random", timeout=90_000)
    assert "Files up to 5 MB" in sp.main_text(page)
    _upload(page, "ragged.csv", RAGGED)
    assert page.locator(ERROR).count() >= 1, "a ragged file gave no error message"
    big = "1,2,3\n" * (6 * 1024 * 1024 // 6 + 10)  # 6 MB: over the uploader's limit
    page.locator(f'{sp.MAIN} [data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "big.csv", "mimeType": "text/csv", "buffer": big.encode()}]
    )
    refusal = page.get_by_role("alert").filter(has_text="File must be 5.0MB or smaller")
    refusal.wait_for(timeout=15_000)  # the box's own (the note under it quotes the same words)
    sp.wait_rendered(page)
    assert not sp.exceptions(page), sp.exceptions(page)
    text = sp.main_text(page)
    assert "The file in use: ragged.csv" in text and "Files up to 5 MB" in text, text
    _upload(page, "good.csv", GOOD)  # a good file: its own name, no error left
    assert not page.locator(ERROR).count(), page.locator(ERROR).first.inner_text()
    assert "The file in use: good.csv" in sp.main_text(page)


def test_cancel_training_stops_it_until_asked_again(page, app_url):
    url = f"{app_url}/gates?gt_source=bits&gt_length=2000&gt_model=trained&gt_epochs=60"
    page.goto(url, wait_until="commit", timeout=90_000)
    cancel = page.get_by_role("button", name="Cancel", exact=True)  # ui.jobs' progress bar
    cancel.wait_for(timeout=90_000)
    page.locator('[data-testid="stProgress"]').first.wait_for(timeout=30_000)
    cancel.click()
    page.get_by_text("cancelled. Nothing was kept").wait_for(timeout=90_000)
    sp.wait_rendered(page)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not sp.chart_data(page), "charts of a cancelled training"
    # Another run (here the presenter-mode switch) does not start the training again.
    before = sp.main_text(page)
    page.get_by_text("Presenter mode").click()
    # that run wrote the switch to the URL (a wait on the script state misses a fast run)
    page.wait_for_function("() => location.search.includes('present=1')", timeout=10_000)
    sp.wait_rendered(page)
    assert "cancelled. Nothing was kept" in sp.main_text(page), before
    assert not page.locator('[data-testid="stProgress"]').count(), "training restarted by itself"
    assert not sp.chart_data(page)
    # Asked again, it trains (from the start: nothing half-done was cached).
    page.get_by_role("button", name="Start again").click()
    try:
        page.locator('[data-testid="stProgress"]').first.wait_for(timeout=30_000)
    except PlaywrightTimeout:
        raise AssertionError(sp.main_text(page)[-600:]) from None
    assert "Training the LSTM" in sp.main_text(page)
    assert not page.get_by_text("cancelled. Nothing was kept").count()


CLICK_CANCEL = """() => {
    const progress = document.querySelector('[data-testid="stProgress"]');
    const cancel = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === 'Cancel');
    if (progress && cancel) cancel.click();
    return Boolean(progress && cancel);
}"""


def _cancel_while_it_runs(page, url: str, wire: sp.Wire) -> bool:
    """Open `url`, click Cancel once while the sweep runs; True if it was cancelled, False if the
    sweep finished before the click reached the server (the click's run then drew the diagram).
    A click whose rerun never comes fails here, with what went over the websocket."""
    page.goto(url, wait_until="commit", timeout=90_000)
    # The sweep runs in the shared job pool (ui.jobs), beside a progress bar and a Cancel button
    # redrawn once a second; it can take under a second on an idle machine. So click Cancel in
    # the page as soon as both are there: a Playwright click (find, wait until still, click)
    # can come too late.
    page.wait_for_function(CLICK_CANCEL, timeout=90_000, polling=10)
    clicks = wire.user_reruns()
    try:
        page.wait_for_function(
            f"""() => document.body.innerText.includes('{CANCELLED}')
                     || document.querySelectorAll('{sp.CHART}').length >= 3""",
            timeout=60_000,
        )
    except PlaywrightTimeout:
        raise AssertionError(f"the Cancel click's rerun never came:\n{wire}") from None
    sp.wait_rendered(page)
    assert wire.user_reruns() > clicks, str(wire)
    return bool(page.get_by_text(CANCELLED).count())


CANCELLED = "Computing the diagram for every α: cancelled"


def _keep_the_pool_busy(page) -> Page:
    """Another student's tab trains the memory task's models (a recipe no one has trained: a
    seed of this run's own), which keeps the pool's workers busy for a while: a sweep asked for
    meanwhile waits in the queue, where a Cancel always finds it. Close the tab: its jobs leave."""
    other = page.context.new_page()
    seed = 1000 + int(time.time()) % 8000
    sp.open_app(other, f"{page.url.split('/unrolled')[0]}/why_gates?wg_train_seed={seed}")
    other.locator(".st-key-wg_train button").click()
    other.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stProgress\"]').length > 0",
        timeout=60_000,
    )
    return other


def test_cancel_the_unrolled_sweep(page, app_url):
    wire = sp.Wire(page)
    query = "un_preset=random&un_source=random"
    sp.open_app(page, f"{app_url}/unrolled?{query}", timeout=90_000)  # the page's first run: slow
    busy = _keep_the_pool_busy(page)  # the sweep cannot finish before the click: it waits
    # Should it still finish first (a worker came free), the same click on a new sweep (another
    # seed: not cached). Each click must be answered.
    for seed in range(7, 12):
        url = f"{app_url}/unrolled?{query}&un_steps=500&un_hidden=64&un_seed={seed}"
        if _cancel_while_it_runs(page, url, wire):
            break
    else:
        raise AssertionError(f"every sweep finished before its Cancel click:\n{wire}")
    busy.close()  # its trainings leave the pool: the sweep can run again
    assert not sp.exceptions(page), sp.exceptions(page)
    assert len(sp.chart_data(page)) == 1, "only the gradient-flow chart, no diagram"
    # The cancelled sweep never ran (it left the queue) and its seed is this test's own: the
    # diagram that comes now was computed by the sweep Start again asks for.
    page.get_by_role("button", name="Start again").click()
    page.wait_for_function(
        f"() => document.querySelectorAll('{sp.CHART}').length >= 3", timeout=120_000
    )
    sp.wait_rendered(page, timeout=120_000)
    assert len(sp.chart_data(page)) == 3 and not sp.exceptions(page)
