"""The optimizer race in a real browser: a chart that talks back.

- a click on the loss map starts the race there (inputs, start marker and URL agree);
- a zoom on the map survives a widget move (the chart is updated in place);
- the iteration slider, released, writes opt_iter: the text, the table and the URL follow;
- a learning-rate slider in the chart swaps the path while it is dragged (no server round trip)
  and writes the rate on release;
- every play button in every order: no console error, and ▶ after ❚❚ resumes where it paused;
- ❚❚ tells the page the iteration shown: the text, the URL and the table follow (so does ▶'s end);
- nothing is fetched from another host.
"""

from __future__ import annotations

import itertools
import time
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

GD = ".st-key-opt_race_chart .js-plotly-plot"  # the race map
BUTTONS = ("⏮", "▶", "❚❚", "⏭")


def _open(page: Page, url: str) -> None:
    sp.open_app(page, url, timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)


def _eval(page: Page, body: str, arg=None):
    """Evaluate `body` (a JS expression over `gd`, the race chart)."""
    return page.evaluate(
        f"(arg) => {{ const gd = document.querySelector('{GD}'); return {body}; }}", arg
    )


def _query(page: Page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _slider_group(page: Page, slider: int):
    """The DOM group of the chart's slider number `slider` (0: iteration, then the previews)."""
    return page.locator(f"{GD} .slider-container .slider-group").nth(slider)


def drag_chart_slider(page: Page, slider: int, index: int, release: bool = True) -> list:
    """Hold the slider's grip and move it as a hand would until it shows step `index`; returns
    what the chart drew (the traces' x lengths) at each move, then releases."""
    group = _slider_group(page, slider)
    group.scroll_into_view_if_needed()
    grip, rail = group.locator(".slider-grip-rect").first, group.locator(".slider-rail-rect").first
    steps = _eval(page, "gd._fullLayout.sliders[arg].steps.length", slider)
    seen = []
    sp.hold_slider_at(
        page, grip, rail, index, steps,
        lambda: _eval(page, "gd._fullLayout.sliders[arg].active", slider), moves=6,
        on_move=lambda: seen.append(_eval(page, "gd.data.map(t => (t.x || []).length).join(',')")),
    )  # fmt: skip
    if release:
        page.mouse.up()
    return seen


STARTED = """([wx, wr]) => {
  const gd = document.querySelector('GD');
  const start = gd && gd.data && gd.data.find(trace => trace.name === 'start');
  return !!start && start.x[0] === wx && start.y[0] === wr;
}""".replace("GD", GD)


# The run the click asked for wrote the start to the inputs, and to the URL (a start equal to the
# default leaves its parameter out of the URL).
SHOWN = """([x, r]) => {
  const inputs = [...document.querySelectorAll('MAIN [data-testid="stNumberInput"] input')];
  const q = new URLSearchParams(location.search);
  const inUrl = (name, v) => q.get(name) === null || Number(q.get(name)) === v;
  return inputs.length >= 2 && Number(inputs[0].value) === x && Number(inputs[1].value) === r
         && inUrl('opt_w0x', x) && inUrl('opt_w0rec', r);
}""".replace("MAIN", sp.MAIN)


def click_cell(page: Page, target, wire: sp.Wire, timeout: float = 30_000) -> float:
    """Click the map cell at `target` once; wait until the race's start marker is there and
    the run is over. Seconds from the click to the marker; a click whose start never comes fails
    with what went over the websocket (`wire`)."""
    page.locator(GD).scroll_into_view_if_needed()
    sp.wait_rendered(page)
    x, y = page.evaluate(
        """([wx, wr]) => {
          const gd = document.querySelector('GD');
          return [gd._fullLayout.xaxis.d2p(wx), gd._fullLayout.yaxis.d2p(wr)];
        }""".replace("GD", GD),
        list(target),
    )
    # Where the plot area is when the mouse goes down (Playwright finds the element's box at
    # that moment), not where it was when the target was picked.
    area = page.locator(f"{GD} .nsewdrag")
    area.hover(position={"x": x, "y": y})
    clicked = time.perf_counter()
    area.click(position={"x": x + 1, "y": y + 1})  # inside the same 0.1 cell
    try:
        page.wait_for_function(STARTED, arg=list(target), timeout=timeout)
        seconds = time.perf_counter() - clicked
        page.wait_for_function(SHOWN, arg=list(target), timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"the click on {target} never moved the start:\n{wire}") from None
    sp.wait_rendered(page)
    return seconds


def test_click_on_the_map_sets_the_start(page, app_url, console_errors, outside_requests):
    """Click a heatmap cell of the race map: the start inputs, the start marker and the URL all
    move to that cell (the map's 0.1 grid), twice in a row."""
    wire = sp.Wire(page)
    _open(page, f"{app_url}/optimizers?lang=en")
    for target in ((0.5, -1.0), (1.2, 0.3)):
        click_cell(page, target, wire)
        starts = page.locator(f'{sp.MAIN} [data-testid="stNumberInput"] input')
        assert [float(starts.nth(i).input_value()) for i in range(2)] == list(target)
        query = _query(page)
        assert (float(query["opt_w0x"]), float(query["opt_w0rec"])) == target
        assert f"At the start ({target[0]:g}, {target[1]:g})" in sp.main_text(page)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"


def test_a_click_beside_the_start_moves_it_there(page, app_url, console_errors):
    """A click two cells beside the start (within Plotly's 20 px of the start marker and the
    paths' first points) starts the race on the cell clicked: Plotly named the marker as the
    point clicked, and the start stayed where it was."""
    wire = sp.Wire(page)
    _open(page, f"{app_url}/optimizers?lang=en&opt_w0x=0.6&opt_w0rec=1.4")
    for target in ((0.8, 1.4), (0.8, 1.6)):
        click_cell(page, target, wire)
        query = _query(page)
        assert (float(query["opt_w0x"]), float(query["opt_w0rec"])) == target, str(wire)
    assert not console_errors, f"console errors: {console_errors}"


def test_zoom_survives_a_widget_move(page, app_url, console_errors):
    """Zoom into the race map, move the iterations slider: the race is redrawn in the same
    chart and the zoomed ranges are kept."""
    _open(page, f"{app_url}/optimizers?lang=en")
    _eval(page, "(gd.__marker = 'same node')")
    area = page.locator(f"{GD} .nsewdrag").first.bounding_box()
    page.mouse.move(area["x"] + area["width"] * 0.3, area["y"] + area["height"] * 0.3)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] * 0.6, area["y"] + area["height"] * 0.6, steps=6)
    page.mouse.up()
    zoomed = _eval(page, "[gd._fullLayout.xaxis.range, gd._fullLayout.yaxis.range]")
    assert zoomed[0][1] - zoomed[0][0] < 4, zoomed
    steps_before = _eval(page, "gd._fullLayout.sliders[0].steps.length")
    last_before = _eval(page, "gd._fullLayout.sliders[0].steps.slice(-1)[0].label")
    sp.nudge_slider(page, 0, "ArrowLeft")  # iterations: 500 → 490
    page.wait_for_function(
        f"() => document.querySelector('{GD}')._fullLayout.sliders[0].steps.slice(-1)[0].label"
        " === '490'",
        timeout=20_000,
    )
    sp.wait_rendered(page)
    assert last_before == "500" and steps_before >= 10
    after = _eval(page, "[gd._fullLayout.xaxis.range, gd._fullLayout.yaxis.range]")
    assert after[0] == pytest.approx(zoomed[0]) and after[1] == pytest.approx(zoomed[1])
    assert _eval(page, "gd.__marker") == "same node"
    assert not console_errors, f"console errors: {console_errors}"


def test_released_iteration_slider_sets_the_text_and_the_url(page, app_url, console_errors):
    """Drag the race's iteration slider to iteration 5 and let go: the text says where each run
    is at iteration 5, the table shows iteration 5, the URL has opt_iter=5; the link reopens
    the chart there."""
    _open(page, f"{app_url}/optimizers?lang=en")
    labels = _eval(page, "gd._fullLayout.sliders[0].steps.map(s => s.label)")
    drag_chart_slider(page, 0, labels.index("5"))
    page.wait_for_function("() => location.search.includes('opt_iter=5')", timeout=20_000)
    sp.wait_rendered(page)
    text = sp.main_text(page)
    assert "At iteration 5:" in text and "SGD had already diverged (at iteration 4)" in text
    assert "w_x at it. 5" in text
    shared = page.url
    page.goto("about:blank")
    _open(page, shared)
    assert _eval(page, "gd._fullLayout.sliders[0].active") == labels.index("5")
    assert "At iteration 5:" in sp.main_text(page)
    assert not console_errors, f"console errors: {console_errors}"


def test_learning_rate_follows_the_drag_and_is_written_on_release(page, app_url, console_errors):
    """Drag the chart's SGD learning-rate slider: SGD's path changes while the mouse is held
    (drawn from precomputed paths, the server is not asked), and the rate is set on release."""
    _open(page, f"{app_url}/optimizers?lang=en")
    prefix = _eval(page, "gd._fullLayout.sliders[1].currentvalue.prefix")
    assert prefix.startswith("SGD learning rate"), prefix
    labels = _eval(page, "gd._fullLayout.sliders[1].steps.map(s => s.label)")
    before = _eval(page, "gd.data.map(t => (t.x || []).length).join(',')")
    seen = drag_chart_slider(page, 1, labels.index("1e-07"), release=False)
    assert "opt_lr_sgd" not in _query(page)  # nothing written while held
    assert any(s != before for s in seen), "the path did not follow the drag"
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('opt_lr_sgd=')", timeout=20_000)
    sp.wait_rendered(page)
    assert float(_query(page)["opt_lr_sgd"]) == pytest.approx(1e-7)
    assert not console_errors, f"console errors: {console_errors}"


def _press(page: Page, label: str) -> None:
    page.locator(f"{GD} .updatemenu-button", has_text=label).first.click()


def test_every_play_button_in_every_order(page, app_url, console_errors, outside_requests):
    """Each order of ⏮ ▶ ❚❚ ⏭, pressed while the race plays: no console error. ▶ after ❚❚
    goes on from the paused frame."""
    _open(page, f"{app_url}/optimizers?lang=en")
    page.locator(GD).scroll_into_view_if_needed()
    names = _eval(page, "gd._fullLayout.sliders[0].steps.map(s => s.label)")
    frame = f"document.querySelector('{GD}')._fullLayout._currentFrame"
    _press(page, "⏮")
    _press(page, "▶")
    page.wait_for_function(f"(names) => names.indexOf({frame}) >= 3", arg=names)
    _press(page, "❚❚")
    paused = _eval(page, "gd._fullLayout._currentFrame")
    assert names.index(paused) >= 3, paused
    page.wait_for_timeout(300)  # a paused race shows no change: nothing to wait for but time
    assert _eval(page, "gd._fullLayout._currentFrame") == paused  # really paused
    _press(page, "▶")
    after = [names, names.index(paused)]
    page.wait_for_function(f"([names, at]) => names.indexOf({frame}) > at", arg=after)
    resumed = _eval(page, "gd._fullLayout._currentFrame")
    assert names.index(resumed) > names.index(paused), (paused, resumed)  # not from 0
    for order in itertools.permutations(BUTTONS):
        _press(page, "▶")  # every order starts while the race plays
        for label in order:
            _press(page, label)
            page.wait_for_timeout(60)
    page.wait_for_timeout(500)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not outside_requests, f"requests to other hosts: {outside_requests}"
    assert not console_errors, f"console errors: {console_errors}"


class _Held:
    """The page's websocket through Playwright: the server's messages are held back while
    `holding` and delivered in order by `deliver()` (a loaded server's late answer, on cue);
    `reruns` counts the reruns the page asked for and `finished` the runs the server ended."""

    def __init__(self, page: Page):
        self.holding, self.held, self.reruns, self.finished, self.ws = False, [], 0, 0, None
        page.route_web_socket("**/_stcore/stream", self._route)

    def _route(self, ws) -> None:
        server = ws.connect_to_server()
        self.ws = ws
        ws.on_message(lambda message: self._from_page(server, message))
        server.on_message(self._from_server)

    def _from_page(self, server, message) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        msg.ParseFromString(message if isinstance(message, bytes) else message.encode())
        self.reruns += msg.WhichOneof("type") == "rerun_script"
        server.send(message)

    def _from_server(self, message) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(message, bytes):
            msg = ForwardMsg()
            msg.ParseFromString(message)
            self.finished += msg.WhichOneof("type") == "script_finished"
        if self.holding:
            self.held.append(message)
        else:
            self.ws.send(message)

    def deliver(self) -> None:
        self.holding = False
        held, self.held = self.held, []
        for message in held:
            self.ws.send(message)

    def wait(self, page: Page, what: str, at_least: int, timeout: float = 30) -> None:
        deadline = time.perf_counter() + timeout
        while getattr(self, what) < at_least:
            assert time.perf_counter() < deadline, f"{what} never reached {at_least}"
            page.wait_for_timeout(20)  # lets Playwright dispatch the frames


def test_pause_stops_the_race_the_page_redrew_while_it_played(page, app_url, console_errors):
    """⏮, then ▶ before the page's answer to ⏮ has come (a loaded server: it comes while the
    race plays). ❚❚ stops the race where it is, and the page then follows that iteration. (The
    answer drawn mid-play left Plotly's animation running on after ❚❚, out of any button's
    reach: the frame went on from 10 to 15.)"""
    held = _Held(page)
    _open(page, f"{app_url}/optimizers?lang=en")
    page.locator(GD).scroll_into_view_if_needed()
    names = _eval(page, "gd._fullLayout.sliders[0].steps.map(s => s.label)")
    frame = f"document.querySelector('{GD}')._fullLayout._currentFrame"
    drawn = _eval(page, "gd.__rnnx.rev")
    held.holding = True
    reruns, finished = held.reruns, held.finished
    _press(page, "⏮")
    held.wait(page, "reruns", reruns + 1)  # ⏮'s release has left
    held.wait(page, "finished", finished + 1)  # and the page's answer is here, held back
    _press(page, "▶")
    page.wait_for_function(f"(names) => names.indexOf({frame}) >= 3", arg=names)
    held.deliver()
    page.wait_for_function(  # the chart has the answer (drawn, or waiting to be)
        f"""(drawn) => {{ const c = document.querySelector('{GD}').__rnnx;
        return c.rev !== drawn || (c.pending && c.pending.header.rev !== drawn); }}""",
        arg=drawn,
    )
    assert names.index(_eval(page, "gd._fullLayout._currentFrame")) < len(names) - 1, "not mid-play"
    _press(page, "❚❚")
    paused = _eval(page, "gd._fullLayout._currentFrame")
    page.wait_for_function(
        f"""(paused) => {frame} !== paused
        || new URLSearchParams(location.search).get('opt_iter') === paused""",
        arg=paused,
        timeout=20_000,
    )
    sp.wait_rendered(page)
    assert _eval(page, "gd._fullLayout._currentFrame") == paused, "the race played on after ❚❚"
    assert _shown(page) == paused and f"At iteration {paused}:" in sp.main_text(page)
    assert not console_errors, f"console errors: {console_errors}"


def test_play_from_a_shared_link_goes_on_from_the_iteration_shown(page, app_url, console_errors):
    """A link with opt_iter=5 opens the race drawn at iteration 5: ▶ plays on from there, not
    from iteration 0 (also after a rerun redraws the chart in place)."""
    _open(page, f"{app_url}/optimizers?lang=en&opt_iter=5")
    labels = _eval(page, "gd._fullLayout.sliders[0].steps.map(s => s.label)")
    at = labels.index("5")
    assert _eval(page, "gd._fullLayout.sliders[0].active") == at
    page.locator(GD).scroll_into_view_if_needed()
    _eval(page, "(gd.__frames = [], gd.on('plotly_animatingframe', e => gd.__frames.push(e.name)))")
    _press(page, "▶")
    page.wait_for_function(f"() => document.querySelector('{GD}').__frames.length >= 2")
    first = _eval(page, "gd.__frames.slice(0, 2)")
    _press(page, "❚❚")
    assert [labels.index(name) for name in first] == [at + 1, at + 2]
    assert not console_errors, f"console errors: {console_errors}"


def _shown(page: Page) -> str:
    return _eval(page, "gd._fullLayout.sliders[0].steps[gd._fullLayout.sliders[0].active].label")


def test_pause_tells_the_page_the_iteration_shown(page, app_url, console_errors):
    """▶ then ❚❚ part-way (issue 24: the text still said "At iteration 500"): the text, the
    table and the URL name the paused iteration; ▶ to the end names the last one again."""
    _open(page, f"{app_url}/optimizers?lang=en&opt_iter=0")
    page.locator(GD).scroll_into_view_if_needed()
    names = _eval(page, "gd._fullLayout.sliders[0].steps.map(s => s.label)")
    assert _shown(page) == "0" and "At iteration 0:" in sp.main_text(page)
    _press(page, "▶")
    page.wait_for_function(
        f"(names) => names.indexOf(document.querySelector('{GD}')._fullLayout._currentFrame) >= 5",
        arg=names,
    )
    _press(page, "❚❚")
    paused = _shown(page)
    assert 0 < names.index(paused) < len(names) - 1, paused
    page.wait_for_function(
        f"() => location.search.includes('opt_iter={paused}&')"
        f" || location.search.endsWith('opt_iter={paused}')",
        timeout=20_000,
    )
    sp.wait_rendered(page)
    text = sp.main_text(page)
    assert f"At iteration {paused}:" in text and f"w_x at it. {paused}" in text, text[-1500:]
    assert _shown(page) == paused  # the redraw keeps the paused frame
    _press(page, "▶")  # plays on to the end: the page follows once it stops there
    page.wait_for_function(
        f"() => location.search.includes('opt_iter={names[-1]}')", timeout=60_000
    )
    sp.wait_rendered(page)
    assert f"At iteration {names[-1]}:" in sp.main_text(page)
    assert not console_errors, f"console errors: {console_errors}"


# A cell of the map to click next: on the 0.1 grid, inside the axes, not clicked before, at least
# 25 px from every drawn point (a click there would pick the path's point, not the cell), and
# where the map itself is on top (not under the legend, a button or an annotation: a click there
# never reaches the map, and nothing is sent).
PICK = """(seen) => {
  const gd = document.querySelector('GD');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const drag = gd.querySelector('.nsewdrag'), area = drag.getBoundingClientRect();
  const points = [];
  for (const t of gd.data) {
    if (t.type === 'heatmap' || !t.x || !t.y) continue;
    for (let i = 0; i < t.x.length; i++) points.push([xa.d2p(t.x[i]), ya.d2p(t.y[i])]);
  }
  const [x0, x1] = xa.range, [y0, y1] = ya.range;
  for (let k = 1; k < 2000; k++) {
    const fx = 0.1 + 0.8 * ((k * 0.6180339887) % 1), fy = 0.1 + 0.8 * ((k * 0.7548776662) % 1);
    const wx = Math.round((x0 + fx * (x1 - x0)) * 10) / 10;
    const wr = Math.round((y0 + fy * (y1 - y0)) * 10) / 10;
    if (seen.some(([a, b]) => a === wx && b === wr)) continue;
    const px = xa.d2p(wx), py = ya.d2p(wr);
    if (points.some(([qx, qy]) => Math.hypot(qx - px, qy - py) <= 25)) continue;
    const near = [[0, 0], [-6, -6], [6, 6], [-6, 6], [6, -6]];  // the click lands at +1, +1
    if (near.every(([dx, dy]) =>
          document.elementFromPoint(area.left + px + dx, area.top + py + dy) === drag)) {
      return [wx, wr];
    }
  }
  return null;
}""".replace("GD", GD)


def _serve_sessions(url: str, n: int) -> None:
    """Open and close `n` sessions on the server, each loading a page to its end (the clicked
    page every fifth time, else home): what a class leaves behind. Over the websocket, as the
    load benchmark's students do, so the browser's rendering does not cost the shared cores."""
    import asyncio
    import random
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks.loaddriver import Student

    async def visit(i: int):
        page = "optimizers" if i % 5 == 0 else "home"
        return await Student(url, page, None, timeout=120, query="lang=en").run(
            0, (0, 0), random.Random(i)
        )

    async def all_of_them():
        results = []
        for start in range(0, n, 4):  # four at a time, like a class arriving
            results += await asyncio.gather(*(visit(i) for i in range(start, min(start + 4, n))))
        return results

    with ThreadPoolExecutor(1) as thread:  # Playwright's own event loop runs in this one
        results = thread.submit(asyncio.run, all_of_them()).result()
    errors = [error for result in results for error in result.errors]
    assert not errors, errors


@pytest.mark.slow
def test_thirty_clicks_on_a_server_that_served_sixty_sessions(page, app_url):
    """A class-long server: 60 sessions opened and closed on it, then 30 clicks on the race
    map, each on a new cell. Every click moves the start, in the marker, the inputs and the URL;
    a lost one fails with what went over the websocket (was the rerun sent? did a run answer?)."""
    _serve_sessions(app_url, 60)
    wire = sp.Wire(page)
    _open(page, f"{app_url}/optimizers?lang=en")
    start = "gd.data.find(t => t.name === 'start')"
    seen = [_eval(page, f"[{start}.x[0], {start}.y[0]]")]
    for _ in range(30):
        page.locator(GD).scroll_into_view_if_needed()
        sp.wait_rendered(page)
        target = tuple(page.evaluate(PICK, seen))
        seen.append(list(target))
        click_cell(page, target, wire, timeout=20_000)
        starts = page.locator(f'{sp.MAIN} [data-testid="stNumberInput"] input')
        assert tuple(float(starts.nth(i).input_value()) for i in range(2)) == target, str(wire)
    assert not sp.exceptions(page), sp.exceptions(page)


_RACE_BOXES = """() => { const gd = document.querySelector('GD');
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  return {plot: box(gd.querySelector('.cartesianlayer .xy .nsewdrag, .nsewdrag')),
          rails: [...gd.querySelectorAll('.slider-container .slider-rail-rect')].map(box),
          buttons: [...gd.querySelectorAll('.updatemenu-button')].map(box),
          previews: (gd._fullLayout.sliders || []).length - 1}; }""".replace("GD", GD)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_map_and_its_controls_fit_a_laptop_screen(page, app_url, screenshots, lang):
    """At 1366×768, with the map scrolled into view, the map's plot area and every slider of the
    chart (the iteration and the learning rates) are on screen at once (the chart was 1072 px
    tall, the rates' sliders under the map, off screen); ⏮ ▶ ❚❚ ⏭ do not sit on a slider's rail
    (they covered the start of the iteration slider)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    _open(page, f"{app_url}/optimizers?lang={lang}")
    page.locator(f"{GD} .nsewdrag").first.scroll_into_view_if_needed()  # the map in view
    found = page.evaluate(_RACE_BOXES)
    assert found["previews"] >= 2, "the default race previews learning rates"
    shown = [found["plot"], *found["rails"]]
    outside = [b for b in shown if b[1] < 0 or b[3] > 768 or b[0] < 0 or b[2] > 1366]
    assert not outside, (found, "outside the 1366×768 screen")
    grip = 8  # px: the slider's handle is taller than its rail
    for button in found["buttons"]:
        for left, top, right, bottom in found["rails"]:
            rail = [left, top - grip, right, bottom + grip]
            apart = button[2] <= rail[0] or rail[2] <= button[0] or button[3] <= rail[1]
            assert apart or rail[3] <= button[1], (button, rail)
    folder = screenshots / "race"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=folder / f"race.1366x768.{lang}.png")


_LABELS = """() => { const gd = document.querySelector('GD'), f = gd._fullLayout;
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  return {bars: [...gd.querySelectorAll('.colorbar')].map(box),
          map: [svg.left + f.xaxis._offset, svg.left + f.xaxis._offset + f.xaxis._length],
          labels: [...gd.querySelectorAll('.textpoint text')].filter(e => e.textContent)
            .map(e => [e.textContent, ...box(e)])}; }""".replace("GD", GD)


def _apart(a, b) -> bool:
    return a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5


@pytest.mark.parametrize("present", ["0", "1"], ids=["normal", "presenter"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("start", ["0,-2.9", "-2.9,-1", "-1.5,2"], ids=["down", "left", "tutorial"])
def test_divergence_labels_stay_on_the_map_clear_of_the_colour_bar(
    page, app_url, screenshots, start, lang, present
):
    """At 1366×768 every label of a run that diverged or left the map lies across the map, off
    the colour bar (from (0, −2.9) Rprop's ran under it), and off the other labels (from
    (−2.9, −1) Rprop's and Adam's were drawn on each other)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    w0x, w0rec = start.split(",")
    _open(
        page, f"{app_url}/optimizers?lang={lang}&present={present}&opt_w0x={w0x}&opt_w0rec={w0rec}"
    )
    found = page.evaluate(_LABELS)
    assert found["labels"] and found["bars"], found
    left, right = found["map"]
    for i, (text, *label) in enumerate(found["labels"]):
        assert label[0] >= left - 1 and label[2] <= right + 1, (text, label, found["map"])
        assert all(_apart(label, bar) for bar in found["bars"]), (text, label, found["bars"])
        for other, *box in found["labels"][i + 1 :]:
            assert _apart(label, box), (text, label, other, box)
    page.locator(GD).scroll_into_view_if_needed()
    folder = screenshots / "race"
    folder.mkdir(exist_ok=True)
    page.screenshot(
        path=folder / f"labels.{start}.{lang}.{'present' if present == '1' else 'normal'}.png"
    )
