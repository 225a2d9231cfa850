"""A click on the race map shows its new start at once (issue #26, item 4), in a real browser.

The chart element moves the start marker at the click, before the server answers (the start
inputs still show the old start then); the page (inputs, URL, paths, text) follows, and the
marker stays where the page says. The times from the click until the marker moved and until
the page had followed are printed (their medians over the clicks); the issue asks ≤ 1.5 s for
the page on an idle machine, which a shared test machine cannot promise, so it is reported,
not asserted.
"""

from __future__ import annotations

import statistics
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import streamlit_pw as sp

pytestmark = pytest.mark.browser

GD = ".st-key-opt_race_chart .js-plotly-plot"
TARGETS = ((0.5, -1.0), (1.2, 0.3), (-0.7, 1.4), (2.0, -2.0), (-1.1, -0.4))

# From the page's first frame on, every change of (drawn start marker, start inputs), with the
# time; and the time of each mouse press on the map.
_RECORD = """(gd) => {
  const rec = window.__race = {samples: [], presses: []};
  gd.addEventListener('mousedown', (e) => rec.presses.push(performance.now()), true);
  const read = () => {
    const i = gd.data.findIndex(t => t.name === 'start');  // the English page
    const drawn = i >= 0 && gd.calcdata && gd.calcdata[i] && gd.calcdata[i][0];
    const boxes = [...document.querySelectorAll('[data-testid="stNumberInput"] input')]
      .slice(0, 2).map(el => el.value);
    return JSON.stringify([drawn ? [drawn.x, drawn.y] : null, boxes]);
  };
  let last = null;
  const tick = () => {
    const now = read();
    if (now !== last) { rec.samples.push([performance.now(), JSON.parse(now)]); last = now; }
    requestAnimationFrame(tick);
  };
  tick();
}"""

# The page has followed the click to (wx, wr): inputs, URL, no run, the chart's figure drawn
# and the element holds no click the server has not answered.
_FOLLOWED = """([wx, wr]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const boxes = [...document.querySelectorAll('[data-testid="stNumberInput"] input')]
    .slice(0, 2).map(el => Number(el.value));
  const q = new URLSearchParams(location.search);
  const chart = document.querySelector('.st-key-opt_race_chart .rnnx-chart');
  return app.getAttribute('data-test-script-state') === 'notRunning'
    && boxes[0] === wx && boxes[1] === wr
    && Number(q.get('opt_w0x')) === wx && Number(q.get('opt_w0rec')) === wr
    && !chart.dataset.pending && !chart.dataset.moving;
}"""


_CHART_STATE = """() => {
  const box = document.querySelector('.st-key-opt_race_chart .rnnx-chart');
  const chart = box.querySelector('.rnnx-chart-plot').__rnnx;
  const inputs = [...document.querySelectorAll('[data-testid="stNumberInput"] input')];
  return JSON.stringify({dataset: {...box.dataset}, moves: chart.moves, ack: chart.header.ack,
    inputs: inputs.slice(0, 2).map(e => e.value), url: location.search,
    script: document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state')});
}"""


def _wait_followed(page: Page, condition: str, arg, wire: sp.Wire) -> None:
    """Wait until the page has followed (`condition`); a page that never does (a lost click)
    fails with the chart element's state and what went over the websocket."""
    try:
        page.wait_for_function(condition, arg=arg, timeout=60_000, polling="raf")
    except PlaywrightTimeout:
        state = page.evaluate(_CHART_STATE)
        raise AssertionError(f"the page did not follow {arg}: {state}\n{wire}") from None


def _click_cell(page: Page, target) -> None:
    x, y = page.evaluate(
        """([gd, wx, wr]) => {
          gd = document.querySelector(gd);
          return [gd._fullLayout.xaxis.d2p(wx), gd._fullLayout.yaxis.d2p(wr)];
        }""",
        [GD, *target],
    )
    # the plot area's box where it is when the mouse goes down (Playwright finds it then)
    area = page.locator(f"{GD} .nsewdrag")
    area.hover(position={"x": x, "y": y})
    area.click(position={"x": x + 1, "y": y + 1})  # inside the same 0.1 cell


def test_click_moves_the_start_at_once_and_the_page_follows(page, app_url, console_errors):
    wire = sp.Wire(page)
    sp.open_app(page, f"{app_url}/optimizers?lang=en", timeout=90_000)
    page.locator(GD).scroll_into_view_if_needed()
    sp.wait_rendered(page)
    page.evaluate(_RECORD, page.locator(GD).element_handle())
    follow, at_once = [], []
    for n, target in enumerate(TARGETS):
        before = page.evaluate("() => window.__race.samples.length")
        _click_cell(page, target)
        _wait_followed(page, _FOLLOWED, list(target), wire)
        done = page.evaluate("() => performance.now()")
        sp.wait_rendered(page)
        pressed = page.evaluate(f"() => window.__race.presses[{n}]")
        samples = page.evaluate(f"() => window.__race.samples.slice({before})")
        want = [float(v) for v in target]
        shown = next(t for t, (mark, _) in samples if mark == want)
        typed = next(t for t, (_, boxes) in samples if [float(b) for b in boxes] == want)
        # the marker was drawn at the new start while the inputs still had the old one
        assert shown < typed, (target, samples)
        follow.append((done - pressed) / 1000)
        at_once.append((shown - pressed) / 1000)
        last = page.evaluate("() => window.__race.samples.at(-1)")
        assert last[1][0] == want, last  # the marker stays where the page put the start
        query = parse_qs(urlparse(page.url).query)
        assert (float(query["opt_w0x"][0]), float(query["opt_w0rec"][0])) == target
        assert f"At the start ({target[0]:g}, {target[1]:g})" in sp.main_text(page)
    print(
        f"race click → marker moved: median {statistics.median(at_once):.3f} s;"
        f" → page followed: median {statistics.median(follow):.2f} s ({follow})"
    )
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"


_RANGES = """(gd) => { const f = document.querySelector(gd)._fullLayout;
  return [f.xaxis.range, f.yaxis.range]; }"""


def test_two_quick_clicks_each_land_where_they_were_aimed(page, app_url, console_errors):
    """Two clicks on two cells 0.15 s apart: Plotly counts them as a double-click (its
    `doubleClickDelay` is 500 ms), which by Plotly's default ("reset+autosize") autoranged the
    map's axes between the press and the click event, so the second start was read off the
    new axes: one or two cells off towards the middle ((-0.7, 1.4) became (-0.6, 1.3) whenever
    the server answered the click before within half a second). The map keeps its axes (a
    zoomed map goes back to them, as a double-click does on any chart), and the race starts at
    the second cell."""
    wire = sp.Wire(page)
    sp.open_app(page, f"{app_url}/optimizers?lang=en", timeout=90_000)
    page.locator(GD).scroll_into_view_if_needed()
    sp.wait_rendered(page)
    ranges = page.evaluate(_RANGES, GD)
    pairs = ((TARGETS[1], TARGETS[2]), (TARGETS[0], TARGETS[3]), ((-1.0, 1.0), (0.3, -0.3)))
    for n, (first, second) in enumerate(pairs):
        if n == 2:  # zoomed in by a drag: the double-click puts the map back, the start lands
            area = page.locator(f"{GD} .nsewdrag").bounding_box()  # where the pointer was
            page.mouse.move(area["x"] + area["width"] * 0.3, area["y"] + area["height"] * 0.3)
            page.mouse.down()
            page.mouse.move(
                area["x"] + area["width"] * 0.6, area["y"] + area["height"] * 0.6, steps=6
            )
            page.mouse.up()
            zoomed = page.evaluate(_RANGES, GD)
            assert zoomed[0][1] - zoomed[0][0] < 4, zoomed
        _click_cell(page, first)
        page.wait_for_timeout(150)  # a hand's second click, not a signal to wait for
        _click_cell(page, second)
        _wait_followed(page, _FOLLOWED, list(second), wire)
        sp.wait_rendered(page)
        now = page.evaluate(_RANGES, GD)
        if n < 2:
            assert now == ranges, "the map's axes moved"
        else:  # the whole map in view again (Plotly's reset may leave a sliver more of y)
            assert now[0] == ranges[0] and now[1][0] <= ranges[1][0] < ranges[1][1] <= now[1][1]
        assert f"At the start ({second[0]:g}, {second[1]:g})" in sp.main_text(page)
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"


# Plotly tells the element of a click on a map cell, and 30 ms later of the iteration slider let
# go on step `it`: what a hand does when it drops the slider and clicks the map at once (two
# rerun messages, both before the server starts the first run).
_CLICK_THEN_RELEASE = """([gd, wx, wr, it]) => {
  gd = document.querySelector(gd);
  const heat = gd.data.findIndex(t => t.type === 'heatmap');
  gd.emit('plotly_click', {points: [{curveNumber: heat, pointNumber: [0, 0], x: wx, y: wr, z: 0,
                                      data: gd.data[heat]}]});
  const steps = gd._fullLayout.sliders[0].steps;
  const at = steps.findIndex(s => s.label === String(it));
  setTimeout(() => gd.emit('plotly_sliderend',
                           {slider: {_index: 0, active: at}, step: steps[at]}), 30);
}"""

_BOTH = """([wx, wr, it]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const boxes = [...document.querySelectorAll('[data-testid="stNumberInput"] input')]
    .slice(0, 2).map(el => Number(el.value));
  const q = new URLSearchParams(location.search);
  const chart = document.querySelector('.st-key-opt_race_chart .rnnx-chart');
  return app.getAttribute('data-test-script-state') === 'notRunning'
    && boxes[0] === wx && boxes[1] === wr && Number(q.get('opt_iter')) === it
    && !chart.dataset.pending && !chart.dataset.moving;
}"""


def test_a_click_and_a_slider_release_together_both_arrive(page, app_url, console_errors):
    """A click on the map and a release of the iteration slider 30 ms later, four times: each
    time the page takes both (the start and the iteration). Streamlit folds two reruns that
    reach the server before the first run starts into one; when both were triggers of the
    chart element, the newer replaced the older and the click was lost (2 of 4 in one run)."""
    wire = sp.Wire(page)
    sp.open_app(page, f"{app_url}/optimizers?lang=en", timeout=90_000)
    page.locator(GD).scroll_into_view_if_needed()
    sp.wait_rendered(page)
    for target, it in zip(TARGETS[:4], (5, 7, 9, 3), strict=True):
        page.evaluate(_CLICK_THEN_RELEASE, [GD, *target, it])
        _wait_followed(page, _BOTH, [*target, it], wire)
        sp.wait_rendered(page)
        text = sp.main_text(page)
        said = f"At the start ({target[0]:g}, {target[1]:g})"
        assert said in text and f"At iteration {it}:" in text, text[text.find("What") :][:400]
    assert not sp.exceptions(page), sp.exceptions(page)
    assert not console_errors, f"console errors: {console_errors}"
