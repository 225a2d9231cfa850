"""A click on the race map until the page has followed, in Chromium, beside the control app.

`python -m benchmarks race_click`: one browser, the app and the control app (benchmarks/
control_app.py) started in this run. On /optimizers, CLICKS clicks on the map, each on a new
cell away from every drawn point (as tests/browser/test_race.py picks them), after one warm-up
click; each timed in the page from the mouse press to the page having followed: the start
inputs and the URL at the clicked cell, no run in progress, the chart's figure drawn and no
click left unanswered (tests/browser/test_race_click.py's condition), and to the start marker
drawn there. The control: MOVES moves of its slider (key press → its chart drawn). Targets: the
median click → page followed ≤ 1.5 s (issue #26), and / control printed beside it. The machine's
load (`os.getloadavg`) is printed with the numbers: a shared machine inflates them.
"""

from __future__ import annotations

import os
import statistics

from benchmarks import Result
from deploy.launch import StreamlitServer, sigterm_exits
from tests.browser import streamlit_pw as sp
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
from tests.browser.test_race import PICK
from tests.browser.test_race_click import _FOLLOWED, _RECORD, GD, _click_cell

CONTROL = "benchmarks/control_app.py"
CLICKS = 12
MOVES = 8
TARGET_FOLLOW = 1.5  # s, median
VIEWPORT = {"width": 1400, "height": 1000}


def _control(browser, url: str) -> float:
    """Median seconds of the control's slider move → its chart drawn."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        sp.open_app(page, url, timeout=120_000)
        sp.move_slider(page, 0, "ArrowRight")  # warm-up
        times = [
            sp.move_slider(page, 0, "ArrowLeft" if i % 2 else "ArrowRight") for i in range(MOVES)
        ]
        return statistics.median(float("inf") if t is None else t for t in times)
    finally:
        page.close()


def _clicks(browser, url: str) -> tuple[list[float], list[float]]:
    """(seconds click → page followed, seconds click → marker drawn) for each measured click."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        sp.open_app(page, f"{url}/optimizers?lang=en", timeout=120_000)
        page.locator(GD).scroll_into_view_if_needed()
        sp.wait_rendered(page)
        page.evaluate(_RECORD, page.locator(GD).element_handle())
        start = "gd.data.find(t => t.name === 'start')"
        seen = [page.evaluate(f"() => {{ const gd = document.querySelector('{GD}');"
                              f" return [{start}.x[0], {start}.y[0]]; }}")]  # fmt: skip
        follow, marker = [], []
        for n in range(CLICKS + 1):
            target = page.evaluate(PICK, seen)
            seen.append(target)
            before = page.evaluate("() => window.__race.samples.length")
            _click_cell(page, target)
            page.wait_for_function(_FOLLOWED, arg=target, timeout=120_000, polling="raf")
            done = page.evaluate("() => performance.now()")
            sp.wait_rendered(page, 120_000)
            pressed = page.evaluate(f"() => window.__race.presses[{n}]")
            samples = page.evaluate(f"() => window.__race.samples.slice({before})")
            shown = next((t for t, (mark, _) in samples if mark == target), done)
            if n:  # the first click warms the server's caches and the browser up
                follow.append((done - pressed) / 1000)
                marker.append((shown - pressed) / 1000)
        return follow, marker
    finally:
        page.close()


def run() -> list[Result]:
    with sigterm_exits():
        return _run()


def _run() -> list[Result]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        print("   Chromium not found (apt-get install chromium)", flush=True)
        return [Result("browser: Chromium available", 0, 1, unit="", higher_is_better=True)]
    load = os.getloadavg()
    with (
        StreamlitServer(CONTROL) as control,
        StreamlitServer("app.py") as app,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        reference = _control(browser, f"{control.url}/")
        follow, marker = _clicks(browser, app.url)
        browser.close()
    load = tuple(max(a, b) for a, b in zip(load, os.getloadavg(), strict=True))
    median = statistics.median(follow)
    print(f"   control slider → chart: median {reference * 1e3:.0f} ms ({MOVES} moves)")
    print(
        f"   race click → marker drawn: median {statistics.median(marker) * 1e3:.0f} ms;"
        f" → page followed: median {median * 1e3:.0f} ms, range"
        f" {min(follow) * 1e3:.0f}–{max(follow) * 1e3:.0f} ms ({len(follow)} clicks)"
    )
    print(
        f"   load average (1, 5, 15 min, highest seen): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    return [
        Result(
            "race click → page followed (median)",
            median,
            TARGET_FOLLOW,
            unit="s",
            note=f"{median / reference:.1f}× the control's slider ({reference * 1e3:.0f} ms);"
            f" load {load[0]:.1f}",
        )
    ]
