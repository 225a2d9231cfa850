"""Speed where the user sits: each page in Chromium against the control app, in the same run.

- First paint: navigation → script finished and every chart drawn, in a fresh browser context
  (cold cache, as a student's first visit), median of 3; target page / control ≤ 1.3.
- Slider change: a key press on the first Streamlit slider that drives a chart → that chart drawn
  in its new state, median of 6 moves after one warm-up; target page / control ≤ 1.5. Timed in
  the page (the key event's timestamp → the DOM mutation after which the chart is drawn as it
  finally is), so the measuring does not load the page it measures.
- Floor of a slider change (printed, no target): what the move would cost if every element of the
  page except its changed charts cost nothing: the control's time, minus its own chart's drawing,
  plus drawing the figures the move produced, timed in a bare Chromium page (Plotly.js from the
  `plotly` package), both anew (`newPlot`, as Streamlit does) and updated in place
  (`Plotly.react`, as a chart element that is not remounted could). Shows whether any page
  layout or chart element could meet the target with the charts as they are.
- Drag in the browser: on pages whose chart carries a Plotly slider (frames), one mouse move of
  its handle → the chart redrawn, median of 6; the same target against the control's slider,
  because it is the same thing to the student: a slider moved, a chart updated.
Needs /usr/bin/chromium (or $CHROMIUM); uses the browser tests' helpers and launch flags.
"""

from __future__ import annotations

import statistics
from pathlib import Path

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


# Each chart's figure as Plotly.js holds it (data, layout with Streamlit's size, frames).
_FIGURES = """() => [...document.querySelectorAll('CHART .js-plotly-plot')].map(gd =>
  JSON.stringify({data: gd.data, layout: gd.layout,
                  frames: (gd._transitionData && gd._transitionData._frames) || []},
                 (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v))""".replace("CHART", sp.CHART)

# Median ms of `Plotly.react(before → after)` and of `Plotly.newPlot(after)` in a bare page.
_DRAW_COSTS = """async ([before, after]) => {
  const gd = document.getElementById('gd'), config = {displaylogo: false};
  const draw = (f, fn) => fn(gd, {data: f.data, layout: f.layout, frames: f.frames, config});
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const react = [], fresh = [];
  for (let i = 0; i < 7; i++) {
    Plotly.purge(gd);
    await draw(JSON.parse(before), Plotly.newPlot);
    let f = JSON.parse(after), t0 = performance.now();
    await draw(f, Plotly.react);
    document.body.offsetHeight;
    react.push(performance.now() - t0);
    Plotly.purge(gd);
    f = JSON.parse(after);
    t0 = performance.now();
    await draw(f, Plotly.newPlot);
    document.body.offsetHeight;
    fresh.push(performance.now() - t0);
  }
  Plotly.purge(gd);
  return [median(react), median(fresh)];
}"""


def _plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _draw_costs(browser, pairs: list[tuple[str, str]]) -> list[tuple[float, float]]:
    """(react ms, newPlot ms) for each (before, after) figure pair, in a bare Chromium page."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.set_content("<div id='gd' style='width: 1200px'></div>")
        page.add_script_tag(path=str(_plotly_js()))
        return [tuple(page.evaluate(_DRAW_COSTS, list(pair))) for pair in pairs]
    finally:
        page.close()


def _first_paint(browser, url: str) -> float:
    times = []
    for _ in range(PAINT_REPEATS):
        context = browser.new_context(viewport=VIEWPORT)
        try:
            times.append(sp.open_app(context.new_page(), url, timeout=120_000))
        finally:
            context.close()
    return statistics.median(times)


def _slider_change(browser, url: str) -> tuple[float, list[tuple[str, str]]]:
    """Median seconds of a slider move, and the (before, after) figures of the charts that the
    first measured move changed."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        sp.open_app(page, url, timeout=120_000)
        found = sp.find_chart_slider(page)  # also the warm-up move
        if found is None:
            return float("inf"), []
        index, key = found
        back = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        times, pairs = [], []
        for i in range(MOVES):  # back and forth: the values a student tries first
            before = page.evaluate(_FIGURES) if i == 0 else None
            seconds = sp.move_slider(page, index, back if i % 2 == 0 else key)
            times.append(float("inf") if seconds is None else seconds)
            if before is not None:
                after = page.evaluate(_FIGURES)
                pairs = [(b, a) for b, a in zip(before, after, strict=False) if b != a]
        return statistics.median(times), pairs
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
    """The first paint and slider timings, then every in-chart slider's drag (frames per
    second), blank frames per widget move and bytes per update (`benchmarks/drag.py`)."""
    from benchmarks import drag

    with sigterm_exits():
        results = _run()
    return results + drag.run()


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
        moved = {name: _slider_change(browser, url) for name, url in targets}
        slider = {name: seconds for name, (seconds, _) in moved.items()}
        for name, seconds in slider.items():
            print(f"   slider change: {name:<15} {seconds * 1e3:.0f} ms", flush=True)
        _print_floor(browser, slider, {name: pairs for name, (_, pairs) in moved.items()})
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


def _print_floor(browser, slider: dict, pairs: dict) -> None:
    """The slider move's floor per page if its changed charts were updated in place (see top)."""
    control = slider["control"] * 1e3
    own = [fresh for _, fresh in _draw_costs(browser, pairs["control"])]
    base = control - sum(own)  # the control's round trip without drawing its chart
    for name, figure_pairs in pairs.items():
        if name == "control" or not figure_pairs:
            continue
        costs = _draw_costs(browser, figure_pairs)
        react = sum(r for r, _ in costs)
        fresh = sum(f for _, f in costs)
        print(
            f"   slider floor: {name:<15} redrawn {(base + fresh) / control:.2f}×, "
            f"updated in place {(base + react) / control:.2f}× (target {TARGET_SLIDER:g}; "
            f"{len(costs)} chart(s): newPlot {fresh:.0f} ms, Plotly.react {react:.0f} ms; "
            f"control {control:.0f} ms, its chart {sum(own):.0f} ms)",
            flush=True,
        )


def _first_paint_once(browser, url: str) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        sp.open_app(context.new_page(), url, timeout=120_000)
    finally:
        context.close()
