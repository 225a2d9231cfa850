"""Dragging a slider inside a chart: frames per second while the pointer moves, on any page.

- `chart_slider_fps(browser, url, slider)`: hold the grip of a chart's in-chart Plotly slider
  (number `slider` of the chart under `chart`, by default the page's first chart element) and
  sweep the pointer along its rail for about a second; the browser's frame rate meanwhile
  (requestAnimationFrame callbacks per second) and how many times the chart redrew. Reusable by
  any page: pass its URL and which slider.
- Every in-chart slider of every page (the race's iteration and each hyper-parameter's, w_rec,
  α, ρ, the cross-section, the gate step ...), against the same sweep of the control app's
  Streamlit slider (benchmarks/control_app.py); target ≥ 30 fps on this 2-core machine.
- Blank frames per widget move of the race (an `n_iter` key press): frames in which the race
  chart showed no drawn trace, in place and with `RNNX_CHART=native` (st.plotly_chart); target 0.
- Bytes per update of the race chart, in place against st.plotly_chart.
"""

from __future__ import annotations

import statistics
import time

from benchmarks import Result

TARGET_FPS = 30.0
SWEEP_SECONDS = 1.0
SWEEPS = 3  # the median sweep is reported (the machine is shared: one second is noisy)
RACE_CHART = ".st-key-opt_race_chart"
ELEMENT = ".rnnx-chart"
WIDGET_MOVES = 4
VIEWPORT = {"width": 1400, "height": 1000}

_COUNT_START = """(chart) => {
  const w = {frames: 0, redraws: 0, running: true, t0: performance.now(), t1: 0};
  const gd = chart ? document.querySelector(chart + ' .js-plotly-plot') : null;
  if (gd && gd.on) gd.on('plotly_sliderchange', () => { if (w.running) w.redraws++; });
  const tick = () => {
    if (!w.running) return;
    w.frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__drag = w;
}"""
_COUNT_STOP = """() => { const w = window.__drag; w.running = false; w.t1 = performance.now();
  return [w.frames, (w.t1 - w.t0) / 1000, w.redraws]; }"""


def sweep_fps(page, handle, rail, chart: str | None = None, seconds: float = SWEEP_SECONDS):
    """Hold `handle` (a locator), move the pointer back and forth along `rail` (a locator) for
    `seconds`, release. (frames per second, seconds swept, pointer moves, chart redraws)."""
    handle.scroll_into_view_if_needed()
    h, r = handle.bounding_box(), rail.bounding_box()
    y = h["y"] + h["height"] / 2
    page.mouse.move(h["x"] + h["width"] / 2, y)
    page.mouse.down()
    page.evaluate(_COUNT_START, chart)
    moves, start = 0, time.perf_counter()
    try:
        while time.perf_counter() - start < seconds:
            phase = (moves % 40) / 20  # 0 → 2: out and back in 40 moves
            fraction = phase if phase <= 1 else 2 - phase
            page.mouse.move(r["x"] + r["width"] * (0.05 + 0.9 * fraction), y)
            moves += 1
        frames, elapsed, redraws = page.evaluate(_COUNT_STOP)
    finally:
        page.mouse.up()
    return frames / elapsed, elapsed, moves, redraws


def chart_slider_fps(browser, url: str, slider: int = 0, chart: str = ELEMENT) -> tuple:
    """Open `url` and sweep in-chart slider number `slider` of the first chart under `chart`:
    (frames per second, seconds, pointer moves, chart redraws). The page is left settled."""
    from tests.browser import streamlit_pw as sp

    page = browser.new_page(viewport=VIEWPORT)
    try:
        sp.open_app(page, url, timeout=120_000)
        group = page.locator(f"{chart} .js-plotly-plot .slider-container .slider-group")
        group = group.nth(slider)
        grip, rail = group.locator(".slider-grip-rect").first, group.locator(".slider-rail-rect")
        sweep_fps(page, grip, rail.first, chart, seconds=0.3)  # warm-up
        sp.wait_rendered(page)
        return _median_sweep(page, lambda: sweep_fps(page, grip, rail.first, chart))
    finally:
        page.close()


def streamlit_slider_fps(browser, url: str, index: int = 0) -> tuple:
    """The same sweep over the index-th Streamlit slider of a page (the control app's)."""
    from tests.browser import streamlit_pw as sp

    page = browser.new_page(viewport=VIEWPORT)
    try:
        sp.open_app(page, url, timeout=120_000)
        box = page.locator(f'{sp.MAIN} [data-testid="stSlider"]').nth(index)
        thumb = box.locator('input[type="range"]').first.locator("xpath=../..")
        rail = box.locator('[role="group"]').first
        sweep_fps(page, thumb, rail, None, seconds=0.3)  # warm-up
        sp.wait_rendered(page)
        return _median_sweep(page, lambda: sweep_fps(page, thumb, rail, None))
    finally:
        page.close()


def _median_sweep(page, sweep) -> tuple:
    """The sweep with the median frame rate of SWEEPS (the page settles between sweeps: a
    release reruns it)."""
    from tests.browser import streamlit_pw as sp

    results = []
    for _ in range(SWEEPS):
        results.append(sweep())
        sp.wait_rendered(page)
    return sorted(results)[len(results) // 2]


def page_sliders(browser, url: str) -> list[tuple[str, int, str]]:
    """Every in-chart slider of a page: (its chart's selector, slider number, its label)."""
    from tests.browser import streamlit_pw as sp

    page = browser.new_page(viewport=VIEWPORT)
    try:
        sp.open_app(page, url, timeout=120_000)
        sp.wait_rendered(page)
        return [
            (f".st-key-{key}", index, name)
            for key, index, name in page.evaluate(
                """() => [...document.querySelectorAll('[class*="st-key-"]')]
                  .filter(box => box.querySelector(':scope .rnnx-chart .js-plotly-plot'))
                  .flatMap(box => {
                    const key = [...box.classList].find(c => c.startsWith('st-key-')).slice(7);
                    const gd = box.querySelector('.js-plotly-plot');
                    return (gd._fullLayout.sliders || []).map((s, i) => [key, i,
                      ((s.currentvalue && s.currentvalue.prefix) || '').replace(/[ =:]+$/, '')]);
                  })"""
            )
        ]
    finally:
        page.close()


def blank_frames(browser, url: str, moves: int = WIDGET_MOVES) -> tuple[int, float]:
    """(blank frames of the race chart in `moves` n_iter key presses, median seconds a move)."""
    from benchmarks.bench_chart import _BLANK_START, _BLANK_STOP
    from tests.browser import streamlit_pw as sp

    page = browser.new_page(viewport=VIEWPORT)
    try:
        sp.open_app(page, url, timeout=120_000)
        blank, times = 0, []
        for i in range(moves + 1):
            page.evaluate(_BLANK_START.replace("CHART", RACE_CHART))
            seconds = sp.move_slider(page, 0, "ArrowLeft" if i % 2 == 0 else "ArrowRight")
            sp.wait_rendered(page)
            frames = page.evaluate(_BLANK_STOP)
            if i == 0:  # warm-up: the first move builds the figures
                continue
            blank += frames
            if seconds is not None:
                times.append(seconds)
        return blank, statistics.median(times) if times else float("inf")
    finally:
        page.close()


def update_bytes() -> tuple[list[int], list[int]]:
    """Bytes of the race chart per rerun at a few settings, then of a rerun that draws the same
    race again (a button that changes nothing it shows): (st.plotly_chart, in place; the in-place
    chart sends a figure it sent this browser before as its header only)."""
    from tests.apptest_helpers import open_page
    from ui import charts

    queries = [{}, {"opt_n_iter": 490}, {"opt_w0x": 0.5, "opt_w0rec": -1.0, "opt_iter": 5}]
    native, inplace = [], []
    saved = charts.NATIVE
    try:
        for query in queries:
            charts.NATIVE = True
            at = open_page("pages/optimizers.py", query=query)
            chart = at.get("plotly_chart")[0].proto
            native.append(len(chart.spec.encode()) + len(chart.config.encode()))
            charts.NATIVE = False
            at = open_page("pages/optimizers.py", query=query)
            inplace.append(len(at.get("bidi_component")[0].proto.bytes))
        at.run()  # the same race again
        inplace.append(len(at.get("bidi_component")[0].proto.bytes))
        charts.NATIVE = True
        at = open_page("pages/optimizers.py", query=queries[-1])
        at.run()
        chart = at.get("plotly_chart")[0].proto
        native.append(len(chart.spec.encode()) + len(chart.config.encode()))
    finally:
        charts.NATIVE = saved
    return native, inplace


def run() -> list[Result]:
    from playwright.sync_api import sync_playwright

    from benchmarks.bench_chart import _server
    from deploy.launch import StreamlitServer, sigterm_exits
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
    from ui.views import available

    results: list[Result] = []
    native_b, inplace_b = update_bytes()
    results.append(
        Result(
            "race chart bytes per update, in place / st.plotly_chart",
            sum(inplace_b) / sum(native_b),
            1.0,
            note=f"{[round(b / 1000, 1) for b in inplace_b]} vs "
            f"{[round(b / 1000, 1) for b in native_b]} kB",
        )
    )
    if chromium_path() is None:
        print("   Chromium not found (apt-get install chromium)", flush=True)
        return results
    with sigterm_exits():
        app, native = _server(False), _server(True)
        try:
            with (
                StreamlitServer("benchmarks/control_app.py") as control,
                sync_playwright() as p,
            ):
                browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
                race = f"{app.url}/optimizers?lang=en"
                control_fps = streamlit_slider_fps(browser, f"{control.url}/")[0]
                print(f"   drag: control app's Streamlit slider {control_fps:.1f} fps", flush=True)
                for view in available():
                    url = f"{app.url}/{view.key}?lang=en"
                    for chart, k, name in page_sliders(browser, url):
                        fps, seconds, moves, redraws = chart_slider_fps(browser, url, k, chart)
                        label = f"{view.key}: drag {name or 'slider ' + str(k)} ({chart[8:]})"
                        print(f"   {label}: {fps:.1f} fps, {moves} moves, {redraws} redraws"
                              f" in {seconds:.2f} s", flush=True)  # fmt: skip
                        results.append(
                            Result(
                                f"{label}, frames per second",
                                fps,
                                TARGET_FPS,
                                unit="fps",
                                higher_is_better=True,
                                note=f"{fps / control_fps:.2f}× the control's slider drag"
                                f" ({control_fps:.0f} fps); {redraws} redraws",
                            )
                        )
                blank_in, time_in = blank_frames(browser, race)
                blank_native, time_native = blank_frames(
                    browser, f"{native.url}/optimizers?lang=en"
                )
                browser.close()
        finally:
            app.stop()
            native.stop()
    results.append(
        Result(
            f"race: blank chart frames in {WIDGET_MOVES} n_iter moves, in place",
            blank_in,
            0,
            unit="",
            note=f"st.plotly_chart: {blank_native}; a move {time_in * 1e3:.0f} vs "
            f"{time_native * 1e3:.0f} ms",
        )
    )
    return results
