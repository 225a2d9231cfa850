"""Speed where the user sits: each page in Chromium against the control app, in the same run.

- First paint: navigation → script finished and every chart drawn, in a fresh browser context
  (cold cache, as a student's first visit), median of 3; target page / control ≤ 1.3.
- Slider change: a key press on the first Streamlit slider that drives a chart → that chart drawn
  in its new state, median of 6 moves after one warm-up; target page / control ≤ 1.5. Timed in
  the page (the key event's timestamp → the DOM mutation after which the chart is drawn as it
  finally is), so the measuring does not load the page it measures.
- Drag in the browser: on pages whose chart carries a Plotly slider (frames), one mouse move of
  its handle → the chart redrawn, median of 6; the same target against the control's slider,
  because it is the same thing to the student: a slider moved, a chart updated.
Needs /usr/bin/chromium (or $CHROMIUM); uses the browser tests' helpers and launch flags.
"""

from __future__ import annotations

import statistics

from benchmarks import Result
from deploy.launch import StreamlitServer, sigterm_exits
from tests.browser import streamlit_pw as sp
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
from ui.views import available

CONTROL = "benchmarks/control_app.py"
PAINT_REPEATS = 3
MOVES = 6
TARGET_PAINT = 1.3
TARGET_SLIDER = 1.5
VIEWPORT = {"width": 1400, "height": 1000}


def _first_paint(browser, url: str) -> float:
    times = []
    for _ in range(PAINT_REPEATS):
        context = browser.new_context(viewport=VIEWPORT)
        try:
            times.append(sp.open_app(context.new_page(), url, timeout=120_000))
        finally:
            context.close()
    return statistics.median(times)


def _slider_change(browser, url: str) -> float:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        sp.open_app(page, url, timeout=120_000)
        found = sp.find_chart_slider(page)  # also the warm-up move
        if found is None:
            return float("inf")
        index, key = found
        back = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        times = []
        for i in range(MOVES):  # back and forth: the values a student tries first
            seconds = sp.move_slider(page, index, back if i % 2 == 0 else key)
            times.append(float("inf") if seconds is None else seconds)
        return statistics.median(times)
    finally:
        context.close()


def _drag(browser, url: str) -> float | None:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        sp.open_app(page, url, timeout=120_000)
        if page.locator(sp.PLOTLY_GRIP).count() == 0:
            return None
        sp.drag_plotly_slider(page, 0.2)  # warm-up
        times = [sp.drag_plotly_slider(page, 0.35 if i % 2 == 0 else 0.65) for i in range(MOVES)]
        return statistics.median(float("inf") if t is None else t for t in times)
    finally:
        context.close()


def run() -> list[Result]:
    with sigterm_exits():
        return _run()


def _run() -> list[Result]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        print("   Chromium not found (apt-get install chromium)", flush=True)
        return [Result("browser: Chromium available", 0, 1, unit="", higher_is_better=True)]
    results: list[Result] = []
    with (
        StreamlitServer(CONTROL) as control,
        StreamlitServer("app.py") as app,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        targets = [("control", f"{control.url}/")] + [
            (view.key, f"{app.url}/{view.key}") for view in available()
        ]
        for _, url in targets:  # warm-up: server imports and caches, browser chunk compile
            _first_paint_once(browser, url)

        paint = {name: _first_paint(browser, url) for name, url in targets}
        for name, seconds in paint.items():
            print(f"   first paint: {name:<15} {seconds * 1e3:.0f} ms", flush=True)
        slider = {name: _slider_change(browser, url) for name, url in targets}
        for name, seconds in slider.items():
            print(f"   slider change: {name:<15} {seconds * 1e3:.0f} ms", flush=True)
        drag = {name: _drag(browser, url) for name, url in targets[1:]}
        drag = {name: seconds for name, seconds in drag.items() if seconds is not None}
        for name, seconds in drag.items():
            print(f"   drag in browser: {name:<15} {seconds * 1e3:.0f} ms", flush=True)
        browser.close()

    for name, _ in targets[1:]:
        results.append(
            Result(
                f"first paint: {name} / control",
                paint[name] / paint["control"],
                TARGET_PAINT,
                note=f"{paint[name] * 1e3:.0f} vs {paint['control'] * 1e3:.0f} ms",
            )
        )
    for name, _ in targets[1:]:
        results.append(
            Result(
                f"slider change → chart: {name} / control",
                slider[name] / slider["control"],
                TARGET_SLIDER,
                note=f"{slider[name] * 1e3:.0f} vs {slider['control'] * 1e3:.0f} ms",
            )
        )
    for name, seconds in drag.items():
        results.append(
            Result(
                f"Plotly slider drag → chart: {name} / control",
                seconds / slider["control"],
                TARGET_SLIDER,
                note=f"{seconds * 1e3:.0f} vs {slider['control'] * 1e3:.0f} ms (no server run)",
            )
        )
    return results


def _first_paint_once(browser, url: str) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        sp.open_app(context.new_page(), url, timeout=120_000)
    finally:
        context.close()
