"""The chart's own slider shows the page's value (issue #24, deliverable 2), in a real browser.

Whatever sets a value the chart has a slider for, the slider's handle and its "w_rec = …" text
move there: a value typed in the number box, a guided question's Check, "Reset this page", a
link, and N presses of ← / → move exactly N steps, also while the server answers the previous
ones. Pages: gradient decay (w_rec), unrolled (α and ρ), loss surface (w_x of the cut), why
gates (ρ and b).
"""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

# The page's charts with a Plotly slider, in page order.
_SLIDERS = "() => [...document.querySelectorAll('.rnnx-chart .js-plotly-plot')].filter(gd => gd._fullLayout && gd._fullLayout.sliders && gd._fullLayout.sliders.length)"  # noqa: E501
# What the slider [chart, slider] shows: its active step's label, and its drawn "name = value".
_SHOWN = f"""([chart, slider]) => {{
  const gd = ({_SLIDERS})()[chart];
  if (!gd) return null;
  const opts = gd._fullLayout.sliders[slider];
  const group = gd.querySelectorAll('.slider-container .slider-group')[slider];
  const text = group && [...group.querySelectorAll('.slider-label')]
    .filter(t => !t.closest('.slider-labels')).map(t => t.textContent)[0];
  return {{label: opts.steps[opts.active].label, text: text || null,
           moving: !!gd.closest('.rnnx-chart').dataset.moving}};
}}"""


def _open(page: Page, url: str) -> None:
    sp.open_app(page, url, timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)


def _shown(page: Page, chart: int = 0, slider: int = 0) -> dict:
    return page.evaluate(_SHOWN, [chart, slider])


def _number_box(page: Page, label: str):
    return page.locator(f'{sp.MAIN} [data-testid="stNumberInput"]').filter(has_text=label).first


def _type(page: Page, label: str, value: str, query: str) -> None:
    """Type `value` in the number box `label`, press Enter, wait for the run it causes."""
    box = _number_box(page, label).locator("input")
    box.fill(value)
    box.press("Enter")
    page.wait_for_function("(q) => location.search.includes(q)", arg=query, timeout=30_000)
    sp.wait_rendered(page)


def _wait_slider(page: Page, label: str, chart: int = 0, slider: int = 0) -> dict:
    """Wait until the slider shows the step `label` (handle and text); what it shows then (the
    failing state if it never does)."""
    with contextlib.suppress(PlaywrightTimeout):  # the caller's assertion names what is shown
        page.wait_for_function(
            f"(a) => {{ const s = ({_SHOWN})([a[0], a[1]]);"
            " return !!s && s.label === a[2] && !!s.text && s.text.endsWith(a[2]); }",
            arg=[chart, slider, label],
            timeout=20_000,
        )
    return _shown(page, chart, slider)


def _check_question(page: Page, question: str, option: str) -> None:
    """Open "Predict, then check", answer `question` with `option`, press its Check."""
    page.locator(f'{sp.MAIN} [data-testid="stPopover"] button').filter(
        has_text="Predict, then check"
    ).click()
    body = page.locator('[data-testid="stPopoverBody"]')
    row = body.locator('[data-testid="stHorizontalBlock"]').filter(
        has=page.locator('[data-testid="stRadio"]', has_text=question)
    )
    row.get_by_text(option, exact=True).click()
    sp.wait_rendered(page)
    check = row.get_by_role("button", name="Check")
    page.wait_for_function(  # enabled once the answer is given
        "(el) => !el.disabled", arg=check.element_handle(), timeout=30_000
    )
    check.click()
    page.wait_for_function(
        '() => !!document.querySelector(\'[data-testid="stPopoverBody"] [data-testid="stAlert"]\')',
        timeout=30_000,
    )
    sp.wait_rendered(page)
    page.keyboard.press("Escape")


def _settled(page: Page, label: str, param: str, chart: int = 0) -> dict:
    """After key presses: wait until the chart has no move the server has not answered, the run
    is over, and the slider, the number box `label` and the URL say one value; returns them."""
    read = f"""([label, param, chart]) => {{
      const s = ({_SHOWN})([chart, 0]);
      const box = [...document.querySelectorAll('[data-testid="stNumberInput"]')]
        .find(el => el.innerText.includes(label));
      const url = new URLSearchParams(location.search).get(param);
      return {{slider: s && s.label, text: s && s.text, moving: s && s.moving,
               box: box && box.querySelector('input').value, url}};
    }}"""
    agreed = f"""(a) => {{
      const r = ({read})(a);
      const app = document.querySelector('[data-testid="stApp"]');
      return !r.moving && app.getAttribute('data-test-script-state') === 'notRunning'
        && r.url !== null && Number(r.url) === Number(r.slider) && r.box === r.slider;
    }}"""
    with contextlib.suppress(PlaywrightTimeout):  # the caller's assertion says what disagrees
        page.wait_for_function(agreed, arg=[label, param, chart], timeout=30_000)
    sp.wait_rendered(page)
    return page.evaluate(read, [label, param, chart])


def _press(page: Page, key: str, times: int, every_ms: int) -> None:
    """Press `key` `times` times, `every_ms` apart (a student tapping the arrow keys)."""
    page.locator("h1").first.click()  # focus on the page, not on a widget
    for i in range(times):
        if i:
            page.wait_for_timeout(every_ms)  # the student's pace, not a wait for a result
        page.keyboard.press(key)


def test_decay_typed_value_then_keys(page, app_url, console_errors):
    """Type 0.5 in w_rec: the chart's slider says 0.50. Then six → presses 0.5 s apart (each
    lands while the server answers the one before): 0.80 in the chart, the box and the URL."""
    _open(page, f"{app_url}/gradient_decay")
    assert _shown(page)["label"] == "2.00"
    _type(page, "w_rec", "0.5", "gd_w_rec=0.5")
    shown = _wait_slider(page, "0.50")
    assert shown["label"] == "0.50" and shown["text"].endswith("0.50"), shown
    _press(page, "ArrowRight", 6, 500)
    final = _settled(page, "w_rec", "gd_w_rec")
    assert final["slider"] == "0.80" and final["box"] == "0.80", final
    assert float(final["url"]) == 0.8 and final["text"].endswith("0.80"), final
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"


def test_decay_key_burst_moves_n_steps(page, app_url, console_errors):
    """From a link (w_rec = 0.5): seven ← presses in a burst, then three → while the server
    answers: four steps down, 0.30 in the chart, the box and the URL."""
    _open(page, f"{app_url}/gradient_decay?gd_w_rec=0.5")
    assert _shown(page)["label"] == "0.50"  # opened from a link
    _press(page, "ArrowLeft", 7, 60)
    _press(page, "ArrowRight", 3, 400)
    final = _settled(page, "w_rec", "gd_w_rec")
    assert final["slider"] == "0.30" and final["box"] == "0.30", final
    assert float(final["url"]) == 0.3, final
    assert not console_errors, f"console errors: {console_errors}"


# Every step the first chart's slider shows, in order, sampled at each animation frame.
_RECORD = f"""() => {{
  const seen = window.__shownSteps = [];
  const tick = () => {{
    const s = ({_SHOWN})([0, 0]);
    if (s && seen[seen.length - 1] !== s.label) seen.push(s.label);
    requestAnimationFrame(tick);
  }};
  tick();
}}"""


def test_decay_press_while_the_server_answers_the_last(page, app_url, console_errors):
    """From w_rec = 0.5, four → presses, each as soon as the previous one's release has left
    the browser (the server has not answered it yet): the handle only ever moves right (0.55,
    0.60, 0.65, 0.70), never back to a value the server answers late, and ends at 0.70 with the
    box and the URL."""
    sockets = []
    page.on("websocket", lambda ws: sockets.append(ws))
    _open(page, f"{app_url}/gradient_decay?gd_w_rec=0.5")
    page.evaluate(_RECORD)
    page.locator("h1").first.click()
    stream = next(ws for ws in sockets if "_stcore/stream" in ws.url)
    for _ in range(3):  # the release of a press: a rerun carrying the chart's move (`seq`)
        with stream.expect_event("framesent", lambda f: b'"seq"' in _bytes(f), timeout=20_000):
            page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    final = _settled(page, "w_rec", "gd_w_rec")
    seen = page.evaluate("() => window.__shownSteps")
    assert seen == ["0.50", "0.55", "0.60", "0.65", "0.70"], seen
    assert final["slider"] == "0.70" and final["box"] == "0.70", final
    assert float(final["url"]) == 0.7, final
    assert not console_errors, f"console errors: {console_errors}"


def _bytes(frame) -> bytes:
    return frame if isinstance(frame, bytes) else str(frame).encode()


def test_decay_check_and_reset(page, app_url, console_errors):
    """A guided question's Check sets w_rec = 0.9: the slider says 0.90; "Reset this page"
    puts it back to 2.00, and → then steps from there."""
    _open(page, f"{app_url}/gradient_decay")
    _check_question(page, "larger or smaller", "smaller")
    assert _number_box(page, "w_rec").locator("input").input_value() == "0.90"
    shown = _wait_slider(page, "0.90")
    assert shown["label"] == "0.90" and shown["text"].endswith("0.90"), shown
    page.get_by_role("button", name="Reset this page").click()
    page.wait_for_function("() => !location.search.includes('gd_w_rec')", timeout=30_000)
    sp.wait_rendered(page)
    shown = _wait_slider(page, "2.00")
    assert shown["label"] == "2.00" and shown["text"].endswith("2.00"), shown
    _press(page, "ArrowRight", 1, 0)
    final = _settled(page, "w_rec", "gd_w_rec")
    assert final["slider"] == "2.05" and float(final["url"]) == 2.05, final
    assert not console_errors, f"console errors: {console_errors}"


def test_unrolled_typed_alpha_and_checked_rho(page, app_url, console_errors):
    """Unrolled: type α = 0.5: the diagram's slider says 0.50; a Check that sets ρ = 1.5: the
    gradient-flow chart's slider says 1.50."""
    _open(page, f"{app_url}/unrolled")
    _type(page, "Start value of α", "0.5", "un_scale=0.5")
    shown = _wait_slider(page, "0.50", chart=0)
    assert shown["label"] == "0.50" and shown["text"].endswith("0.50"), shown
    _check_question(page, "explodes", "it explodes")
    page.wait_for_function("() => location.search.includes('un_rho=1.5')", timeout=30_000)
    sp.wait_rendered(page)
    shown = _wait_slider(page, "1.50", chart=1)
    assert shown["label"] == "1.50" and shown["text"].endswith("1.50"), shown
    assert not console_errors, f"console errors: {console_errors}"


def test_loss_surface_widget_moves_the_cut_slider(page, app_url, console_errors):
    """Loss surface: the Streamlit slider "w_x for the cross-section" moved by one step: the
    cross-section chart's own slider follows (1.05)."""
    _open(page, f"{app_url}/loss_surface")
    cross = 0  # the first chart with a slider of its own
    assert _shown(page, cross)["label"] == "1.00"
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="w_x for the cross-section")
    slider.locator('input[type="range"]').first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('ls_cut_wx=1.05')", timeout=30_000)
    sp.wait_rendered(page)
    shown = _wait_slider(page, "1.05", chart=cross)
    assert shown["label"] == "1.05", shown
    assert not console_errors, f"console errors: {console_errors}"


def test_why_gates_typed_values_move_both_sliders(page, app_url, console_errors):
    """Why gates: ρ typed 1.2 and b typed 1: each of the chart's two sliders says its value."""
    _open(page, f"{app_url}/why_gates")
    _type(page, "ρ", "1.2", "wg_radius=1.2")
    shown = _wait_slider(page, "1.20", chart=0, slider=0)
    assert shown["label"] == "1.20", shown
    _type(page, "forget", "1", "wg_fbias=1")
    shown = _wait_slider(page, "1.0", chart=0, slider=1)
    assert shown["label"] == "1.0", shown
    assert _shown(page, 0, 0)["label"] == "1.20"
    query = parse_qs(urlparse(page.url).query)
    assert query["wg_radius"] == ["1.2"] and query["wg_fbias"] == ["1"], query
    assert not console_errors, f"console errors: {console_errors}"


GATES = "/gates?lang=en&gt_source=bits&gt_length=100&gt_model=random&gt_arch=lstm&gt_hidden=6&gt_window=21,60&gt_unit=2&gt_step=30"  # noqa: E501
LINES = ".st-key-gt_lines_lstm .js-plotly-plot"


def test_gates_step_widget_moves_the_lines_slider(page, app_url, console_errors):
    """Gate inspector: the Streamlit step slider moved from 30 to 31 with the keyboard: the unit
    lines' own step slider says 31 and its dotted step line is at 31."""
    _open(page, f"{app_url}{GATES}")
    shown = f"""() => {{ const gd = document.querySelector('{LINES}');
      const s = gd._fullLayout.sliders[0];
      return [s.steps[s.active].label, gd._fullLayout.shapes[0].x0]; }}"""
    assert page.evaluate(shown) == ["30", 30]
    page.locator('.st-key-gt_step input[type="range"]').first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('gt_step=31')", timeout=30_000)
    sp.wait_rendered(page)
    with contextlib.suppress(PlaywrightTimeout):  # the assertion says what is shown instead
        page.wait_for_function(f"() => ({shown})()[0] === '31'", timeout=20_000)
    assert page.evaluate(shown) == ["31", 31]
    assert not console_errors, f"console errors: {console_errors}"
