"""The in-place chart element (ui.plot) against Streamlit's chart (`RNNX_CHART=native`), on the
gradient decay page, both timed in the same run:

- bytes per update: what one rerun sends for the chart (the figure and its config / header);
- Streamlit slider key press → chart drawn in its new state (median of the moves, in the page);
- blank frames: animation frames, from the key press until the run is over, in which the chart
  showed no drawn trace (a remount shows an empty box for a frame or more).
"""

from __future__ import annotations

import os
import statistics
from pathlib import Path

from benchmarks import Result

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/gradient_decay.py"
MOVES = 8

_BLANK_START = """() => {
  const w = {frames: 0, blank: 0, running: true};
  const tick = () => {
    if (!w.running) return;
    w.frames++;
    const charts = [...document.querySelectorAll('CHART')];
    const drawn = charts.length > 0 && charts.every(
      c => c.querySelector('.main-svg .scatterlayer .trace, .main-svg .heatmaplayer image'));
    if (!drawn) w.blank++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__blank = w;
}"""
_BLANK_STOP = "() => { window.__blank.running = false; return window.__blank.blank; }"


def update_bytes() -> tuple[list[int], list[int]]:
    """Bytes for the chart per rerun at a few settings: (native, in place)."""
    from tests.apptest_helpers import open_page
    from ui import charts

    queries = [{}, {"gd_seq_len": 100}, {"gd_seq_len": 1000, "gd_w_rec": -2.4}]
    native, inplace = [], []
    saved = charts.NATIVE
    try:
        for query in queries:
            charts.NATIVE = True
            at = open_page(PAGE, query=query)
            chart = at.get("plotly_chart")[0].proto
            native.append(len(chart.spec.encode()) + len(chart.config.encode()))
            charts.NATIVE = False
            at = open_page(PAGE, query=query)
            inplace.append(len(at.get("bidi_component")[0].proto.bytes))
    finally:
        charts.NATIVE = saved
    return native, inplace


def _server(native: bool):
    from deploy.launch import StreamlitServer

    env = os.environ.copy()
    if native:
        os.environ["RNNX_CHART"] = "native"
    else:
        os.environ.pop("RNNX_CHART", None)
    try:
        return StreamlitServer(ROOT / "app.py").start(timeout=90)
    finally:
        os.environ.clear()
        os.environ.update(env)


def browser_moves() -> dict[str, tuple[float, int, int]]:
    """Per variant: (median seconds key press → chart drawn, blank frames in all moves, moves
    timed). The variants' moves are interleaved (one each in turn), so the machine's load
    falls on both alike: "native" (st.plotly_chart), "in place" (the element)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import streamlit_pw as sp
    from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

    servers = {"native": _server(True), "in place": _server(False)}
    results: dict[str, tuple[float, int, int]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            pages = {}
            for name, server in servers.items():
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                sp.open_app(page, f"{server.url}/gradient_decay", timeout=90_000)
                pages[name] = page
            times = {name: [] for name in pages}
            blank = dict.fromkeys(pages, 0)
            for i in range(MOVES + 1):
                for name, page in pages.items():
                    page.bring_to_front()
                    page.evaluate(_BLANK_START.replace("CHART", sp.CHART))
                    key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
                    seconds = sp.move_slider(page, 1, key)
                    frames = page.evaluate(_BLANK_STOP)
                    if i == 0:  # warm-up: the first move builds the figures
                        continue
                    blank[name] += frames
                    if seconds is not None:
                        times[name].append(seconds)
            browser.close()
        for name in pages:
            results[name] = (statistics.median(times[name]), blank[name], len(times[name]))
    finally:
        for server in servers.values():
            server.stop()
    return results


def run() -> list[Result]:
    native_b, inplace_b = update_bytes()
    results = [
        Result(
            "chart bytes per update, in place / st.plotly_chart",
            sum(inplace_b) / sum(native_b),
            1.0,
            note=f"{[round(b / 1000, 1) for b in inplace_b]} vs "
            f"{[round(b / 1000, 1) for b in native_b]} kB",
        )
    ]
    moves = browser_moves()
    n_time, n_blank, n_moves = moves["native"]
    i_time, i_blank, i_moves = moves["in place"]
    results += [
        Result(
            "gradient decay key press → chart drawn, in place / native",
            i_time / n_time,
            1.2,
            note=f"{i_time * 1000:.0f} vs {n_time * 1000:.0f} ms (median of {i_moves}/{n_moves})",
        ),
        Result(
            f"blank chart frames in {MOVES} moves, in place",
            i_blank,
            0,
            unit="",
            note=f"st.plotly_chart: {n_blank}",
        ),  # fmt: skip
    ]
    return results
