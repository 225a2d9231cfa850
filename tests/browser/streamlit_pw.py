"""Playwright helpers for a Streamlit app: wait for a run to finish, read and move charts.

Shared by the browser tests and `benchmarks/bench_browser.py`, so both wait for the same thing.
"Rendered" means: Streamlit's script is not running, the main area has content, and every visible
Plotly chart has drawn its SVG. A change is detected from the charts themselves (their data as
Plotly.js holds it, or the SVG the user sees), never from a fixed sleep.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable

from playwright.sync_api import Page

APP = '[data-testid="stApp"]'
MAIN = '[data-testid="stMain"]'
# Streamlit's chart element, or ui.plot's own (drawn in place: a `.rnnx-chart` in the page).
CHART = ':is([data-testid="stPlotlyChart"], .rnnx-chart)'
EXCEPTION = '[data-testid="stException"]'
SLIDER_THUMB = f'{MAIN} [data-testid="stSlider"] input[type="range"]'
PLOTLY_SLIDER = ".slider-container"

_RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main || !main.querySelector('h1, [data-testid="stMarkdown"], ' + 'CHART')) return false;
  // Stale elements of the previous run, or lazy elements (Plotly is a lazy chunk) still loading.
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"],'
                             + ' [data-testid="stAppSkeleton"]')) return false;
  // ui.plot's chart element: a figure received and not yet drawn (plotly.js still loading).
  if (document.querySelector('.rnnx-chart[data-pending]')) return false;
  const charts = [...document.querySelectorAll('CHART')].filter(c => c.offsetParent !== null);
  return charts.every(c => c.querySelector('.main-svg .cartesianlayer, .main-svg .gl-container,'
                                          + ' .main-svg .polarlayer, .main-svg'));
}""".replace("CHART", CHART)

# What Plotly.js holds for each chart: traces, annotations, shapes and titles (typed arrays as
# lists, trace uids dropped). Two browsers showing the same view give the same string.
_CHART_DATA = """() => [...document.querySelectorAll('CHART .js-plotly-plot')].map(gd => {
  const layout = gd.layout || {};
  const pick = {data: gd.data, annotations: (layout.annotations || []).map(a => a.text),
                shapes: layout.shapes || [], title: layout.title,
                xaxis: layout.xaxis && layout.xaxis.title, yaxis: layout.yaxis && layout.yaxis.title};
  return JSON.stringify(pick, (k, v) => k === 'uid' ? undefined
                                       : (ArrayBuffer.isView(v) ? Array.from(v) : v));
})""".replace("CHART", CHART)

# What the user sees drawn: the plot areas, annotations and titles of every chart's SVG (not the
# slider or mode bar, which move by themselves). Stable within one page; compare within a page.
_LAYERS = ".cartesianlayer, .polarlayer, .layer-above, .annotation, .gtitle, .g-xtitle, .g-ytitle"
_DRAWN = """() => [...document.querySelectorAll('CHART .js-plotly-plot')].map(gd =>
  [...gd.querySelectorAll(LAYERS)].map(g => g.innerHTML).join('|')).join('||')""".replace(
    "CHART", CHART
).replace("LAYERS", repr(_LAYERS))


def digest(value) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def wait_rendered(page: Page, timeout: float = 60_000) -> None:
    """Wait until the script run finished and every visible chart has drawn."""
    page.wait_for_function(_RENDERED, timeout=timeout, polling=50)


def open_app(page: Page, url: str, timeout: float = 60_000) -> float:
    """Go to `url`, wait until rendered; returns seconds from navigation to charts drawn."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout)  # a new document: state starts "initial"
    wait_rendered(page, timeout)
    return time.perf_counter() - start


def wait_jobs(page: Page, timeout: float = 180_000) -> None:
    """Wait until no job's progress bar is shown (a page that trains first, like Your text),
    then until the page is rendered."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stProgress\"]')",
        timeout=timeout,
        polling=200,
    )
    wait_rendered(page, timeout)


def chart_data(page: Page) -> list[str]:
    """Each chart's data as Plotly.js holds it (comparable across browsers)."""
    return page.evaluate(_CHART_DATA)


def drawn(page: Page) -> str:
    """The charts as drawn, one string (compare within one page; pass it to `wait_changed`)."""
    return page.evaluate(_DRAWN)


def wait_changed(page: Page, before: str, timeout: float = 30_000, settle: bool = True) -> float:
    """Wait until the drawn charts differ from `before`, then (if `settle`) until the run is over.

    Returns the seconds until the charts changed."""
    start = time.perf_counter()
    page.wait_for_function(
        f"(before) => ({_DRAWN})() !== before", arg=before, timeout=timeout, polling="raf"
    )
    changed = time.perf_counter() - start
    if settle:
        wait_rendered(page, timeout)
    return changed


def main_text(page: Page) -> str:
    """The words of the main area, without formulas (KaTeX), code blocks and charts."""
    return page.evaluate(
        """() => {
      const main = document.querySelector('[data-testid="stMainBlockContainer"]').cloneNode(true);
      main.querySelectorAll('.katex, code, pre, .js-plotly-plot').forEach(e => e.remove());
      document.body.appendChild(main);  // innerText needs layout
      const text = main.innerText;
      main.remove();
      return text;
    }"""
    )


def exceptions(page: Page) -> list[str]:
    return [e.inner_text() for e in page.locator(EXCEPTION).all()]


def nudge_slider(page: Page, index: int = 0, key: str = "ArrowRight") -> None:
    """Move the index-th Streamlit slider of the main area by one step with the keyboard."""
    thumb = page.locator(SLIDER_THUMB).nth(index)
    thumb.focus()
    thumb.press(key)


# Times a change inside the page, so that measuring does not slow down the page it measures:
# the key press's own timestamp, then on every DOM mutation (not on every animation frame) a
# hash of each chart as drawn. Once the run is over, a chart counts as updated at the first
# mutation after which it was drawn as it finally is (never at an intermediate state).
_WATCH_CHANGE = """(event) => {
  const hash = (text) => {  // FNV-1a: cheap, and equal drawings give equal hashes
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const charts = () => [...document.querySelectorAll('CHART .js-plotly-plot')].map(gd =>
    hash([...gd.querySelectorAll(LAYERS)].map(g => g.innerHTML).join('|')));
  const watch = {pressed: null, before: charts(), records: [], charts};
  if (window.__rnnx && window.__rnnx.observer) window.__rnnx.observer.disconnect();
  window.addEventListener(event, e => {
    if (watch.pressed === null) watch.pressed = e.timeStamp;
  }, {capture: true, once: true});
  watch.observer = new MutationObserver(() => {
    if (watch.pressed !== null) watch.records.push([performance.now(), charts()]);
  });
  watch.observer.observe(document.querySelector('[data-testid="stMain"]'),
                         {subtree: true, childList: true, attributes: true, characterData: true});
  window.__rnnx = watch;
}""".replace("CHART", CHART).replace("LAYERS", repr(_LAYERS))

_CHANGED = """() => {
  const w = window.__rnnx;
  const last = w.records.length ? w.records[w.records.length - 1][1] : w.before;
  return JSON.stringify(last) !== JSON.stringify(w.before);
}"""

_UPDATED_AT = """() => {
  const w = window.__rnnx;
  w.observer.disconnect();
  const now = w.charts();
  let first = null;
  now.forEach((h, i) => {
    if (w.before.length === now.length && w.before[i] === h) return;  // this chart is as it was
    const rec = w.records.find(([, charts]) => charts[i] === h);
    if (rec && (first === null || rec[0] < first)) first = rec[0];
  });
  return first === null ? null : (first - w.pressed) / 1000;
}"""


def move_slider(page: Page, index: int, key: str, timeout: float = 15_000) -> float | None:
    """Press `key` on the index-th visible slider of the main area; seconds from the key press
    until the first chart it changes was drawn in its new state (the run is waited out), or
    None if no chart changed."""
    sliders = page.locator(f'{MAIN} [data-testid="stSlider"]:visible')
    sliders.nth(index).locator('input[type="range"]').focus()
    page.evaluate(_WATCH_CHANGE, "keydown")
    page.keyboard.press(key)
    return _updated_after(page, timeout)


def _updated_after(page: Page, timeout: float) -> float | None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_CHANGED, timeout=timeout, polling=50)
    except PlaywrightTimeout:
        wait_rendered(page)
        return None
    wait_rendered(page)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.evaluate(_UPDATED_AT)


PLOTLY_GRIP = f"{CHART} .slider-container .slider-grip-rect"


def drag_plotly_slider(page: Page, fraction: float, index: int = 0, timeout: float = 10_000):
    """Hold the index-th Plotly slider's handle and move the mouse once, to `fraction` of its
    rail; seconds from that mouse move until the chart was drawn anew (None if it was not)."""
    grip = page.locator(PLOTLY_GRIP).nth(index)
    grip.scroll_into_view_if_needed()
    rail = grip.locator("xpath=..").locator(".slider-rail-rect").first
    g, r = grip.bounding_box(), rail.bounding_box()
    if not g or not r:
        return None
    y = g["y"] + g["height"] / 2
    page.mouse.move(g["x"] + g["width"] / 2, y)
    page.mouse.down()
    try:
        page.evaluate(_WATCH_CHANGE, "mousemove")
        page.mouse.move(r["x"] + fraction * r["width"], y)
        return _updated_after(page, timeout)
    finally:
        page.mouse.up()


def find_chart_slider(page: Page, tries: int = 4) -> tuple[int, str] | None:
    """(index, key) of the first visible Streamlit slider whose move changes a chart (it has been
    moved once by `key`), or None."""
    count = page.locator(f'{MAIN} [data-testid="stSlider"]:visible').count()
    for index in range(min(count, tries)):
        for key in ("ArrowRight", "ArrowLeft"):  # a slider at its maximum moves left
            if move_slider(page, index, key) is not None:
                return index, key
    return None


def screenshot(page: Page, path, max_height: int = 8000) -> None:
    """The whole page: Streamlit scrolls inside its own container, so grow the viewport to fit."""
    size = page.viewport_size
    height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
             '[data-testid="stMain"], [data-testid="stMainBlockContainer"], [data-testid="stSidebar"]'
           )].map(e => e.scrollHeight), window.innerHeight)"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, max_height)})
    try:
        wait_rendered(page)  # charts may re-lay-out at the new size
        page.screenshot(path=path)
    finally:
        page.set_viewport_size(size)


# Plotly's auto-margin: when a legend, colour bar, slider or tick labels do not fit in the margins
# the figure asks for, Plotly grows them and draws the whole chart a second time (the largest
# single cost of redrawing our charts). Figures size their margins so that this does not happen.
_GROWN_MARGINS = """() => [...document.querySelectorAll('CHART .js-plotly-plot')].map((gd, i) => {
  const m = gd._fullLayout.margin, s = gd._fullLayout._size;
  const title = (gd._fullLayout.title && gd._fullLayout.title.text) || '';
  return {index: i, title, asked: [m.l, m.r, m.t, m.b], drawn: [s.l, s.r, s.t, s.b]};
}).filter(c => c.asked.some((v, k) => Math.round(v) !== Math.round(c.drawn[k])))""".replace(
    "CHART", CHART
)


def grown_margins(page: Page) -> list[dict]:
    """Charts whose margins Plotly had to grow (each was drawn twice): index, title, asked, drawn."""
    return page.evaluate(_GROWN_MARGINS)


def hold_slider_at(page: Page, grip, rail, index: int, steps: int, active, moves: int = 8,
                   on_move=None) -> None:  # fmt: skip
    """Press a Plotly slider's grip and move it as a hand would until `active()` (the slider's
    active step, read from the chart) is `index`; the mouse button stays down (the caller
    releases). `on_move()` runs after each of the first `moves` moves (to see what was drawn)."""
    g, r = grip.bounding_box(), rail.bounding_box()
    x, y = g["x"] + g["width"] / 2, g["y"] + g["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    target = r["x"] + r["width"] * index / (steps - 1)
    for i in range(1, moves + 1):
        page.mouse.move(x + (target - x) * i / moves, y, steps=2)
        if on_move is not None:
            on_move()
    x = target
    for _ in range(30):  # the rail has insets: correct by whole steps
        now = active()
        if now == index:
            break
        x += (index - now) * r["width"] / (steps - 1) * 0.9
        page.mouse.move(x, y)
    assert active() == index


# --- the websocket, decoded -------------------------------------------------------------------

_TRIGGERS = ("trigger_value", "string_trigger_value", "json_trigger_value", "chat_input_value")


def _trigger(widget) -> str:
    """A trigger widget's id tail and what it carries (a click's point and seq, a release's
    step), shortened: the payload the server will judge."""
    kind = widget.WhichOneof("value")
    value = getattr(widget, kind)
    shown = value if isinstance(value, str) else str(value).replace("\n", " ")
    return f"{widget.id.rsplit('-', 1)[-1]}={shown[:200]}"


class Wire:
    """What a page and its server say over Streamlit's websocket, decoded (attach before the
    page opens): each rerun the page asks for (its fragment, the widgets that triggered it),
    each run the server starts and ends, and each closed connection. `str(wire)` is the
    timeline, for an assertion message: did the click's rerun leave the browser, and did the
    server answer it with a run?"""

    def __init__(self, page: Page):
        self.page = page
        self.start = time.perf_counter()
        self.events: list[tuple[float, str, str]] = []  # (seconds, "sent"/"received", what)
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        if not ws.url.endswith("/_stcore/stream"):
            return
        self._log("opened", ws.url)
        ws.on("framesent", self._sent)
        ws.on("framereceived", self._received)
        ws.on("close", lambda _ws: self._log("closed", "the connection closed"))

    def _log(self, direction: str, what: str) -> None:
        self.events.append((time.perf_counter() - self.start, direction, what))

    def _sent(self, payload) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(payload, str):
            payload = payload.encode()
        msg = BackMsg()
        try:
            msg.ParseFromString(payload)
        except Exception as exc:  # noqa: BLE001 - what the server will refuse too
            self._log("sent", f"undecodable BackMsg ({exc})")
            return
        kind = msg.WhichOneof("type")
        if kind == "rerun_script":
            state = msg.rerun_script
            widgets = state.widget_states.widgets
            triggers = [_trigger(w) for w in widgets if w.WhichOneof("value") in _TRIGGERS]
            fragment = state.fragment_id or "-"
            self._log("sent", f"rerun fragment={fragment} auto={state.is_auto_rerun} {triggers}")
        elif kind != "app_heartbeat":
            self._log("sent", kind or "?")

    def _received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # noqa: BLE001 - not ours to judge
            return
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            fragments = list(msg.metadata.run.fragment_ids)
            self._log("received", f"run started fragments={fragments or 'all'}")
        elif kind == "ref_hash":  # Streamlit's message cache: "the copy you keep", by hash
            self._log("received", f"reference {msg.ref_hash}")
        elif kind == "script_finished":
            status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
            early = msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN
            self._log("received", f"run {'stopped for a rerun' if early else 'finished'} {status}")

    def count(self, direction: str, prefix: str) -> int:
        return sum(1 for _, d, what in self.events if d == direction and what.startswith(prefix))

    def user_reruns(self) -> int:
        """Reruns the page asked for because of the user (a click, a release), not a timer's."""
        return sum(
            1
            for _, d, what in self.events
            if d == "sent" and what.startswith("rerun ") and " auto=False " in what
        )

    def wait_for(self, direction: str, prefix: str, at_least: int, timeout: float = 30) -> None:
        """Wait until `at_least` events of `direction` start with `prefix` (Playwright delivers
        the frames while it waits); on timeout, fail with the timeline."""
        deadline = time.perf_counter() + timeout
        while self.count(direction, prefix) < at_least:
            assert time.perf_counter() < deadline, f"no {direction} {prefix!r} #{at_least}:\n{self}"
            self.page.wait_for_timeout(20)  # lets Playwright dispatch the frames it received

    def run(self, action: Callable[[], object], timeout: float = 30) -> None:
        """Do `action` (a click, a key press) and wait until the run it asks for has finished
        and the page is rendered: the signal a fixed sleep after a click only guesses at."""
        finished = self.count("received", "run finished")
        action()
        self.wait_for("received", "run finished", finished + 1, timeout)
        wait_rendered(self.page, timeout * 1000)

    def __str__(self) -> str:
        return "\n".join(f"{t:7.2f} s {d:>8} {what}" for t, d, what in self.events)
