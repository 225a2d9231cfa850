"""A figure is sent to a browser once: a rerun that draws the same figure sends only the chart's
header (a few hundred bytes instead of ~170 kB for the race); a browser that lacks it asks, and
gets it in full; a chart that a full run did not draw is sent in full when it comes back."""

from __future__ import annotations

import json

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetStates

from tests.apptest_helpers import assert_ok, charts, open_page


def sizes(at) -> dict[str, int]:
    return {chart.key: len(chart.proto.bytes) for chart in charts(at)}


def header(at, key: str) -> dict:
    chart = next(c for c in charts(at) if c.key == key)
    return json.loads(chart.proto.bytes.split(b"\n", 1)[0])


def test_a_rerun_with_the_same_figures_sends_only_headers():
    at = open_page("pages/optimizers.py")
    first = sizes(at)
    assert first["opt_race_chart"] > 100_000
    at.run()
    again = sizes(at)
    assert all(size < 1_000 for size in again.values()), again
    assert header(at, "opt_race_chart")["body"] is False
    at.number_input(key="opt_w0x").set_value(0.5).run()  # the race changes: sent in full
    assert sizes(at)["opt_race_chart"] > 100_000
    assert "body" not in header(at, "opt_race_chart")


def test_a_browser_that_lacks_the_figure_gets_it_in_full():
    at = open_page("pages/gradient_decay.py")
    at.run()
    assert header(at, "gd_chart")["body"] is False
    chart = next(c for c in charts(at) if c.key == "gd_chart")
    states = at._tree.get_widget_states()  # the browser's "missing" trigger (chart_element.js)
    trigger = WidgetStates().widgets.add()
    trigger.id = _make_trigger_id(chart.proto.id, "events")
    trigger.json_trigger_value = json.dumps(
        [{"event": "missing", "value": header(at, "gd_chart")["rev"]}]
    )
    states.widgets.append(trigger)
    at._run(states)
    assert_ok(at, "missing")
    assert sizes(at)["gd_chart"] > 10_000 and "body" not in header(at, "gd_chart")


def test_a_chart_back_on_the_page_after_a_page_switch_is_sent_in_full():
    at = open_page("pages/gradient_decay.py")
    at.switch_page("pages/optimizers.py").run()
    assert_ok(at, "to the race")
    at.switch_page("pages/gradient_decay.py").run()
    assert_ok(at, "back")
    assert sizes(at)["gd_chart"] > 10_000 and "body" not in header(at, "gd_chart")
    at.run()
    assert header(at, "gd_chart")["body"] is False
