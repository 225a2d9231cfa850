"""The gate heatmaps talk back, without a browser: the page asks for their clicks, and a click
on a cell (as the chart element reports it) writes that cell's unit and step into the settings."""

from __future__ import annotations

import json

import pytest

from tests.apptest_helpers import charts as page_charts
from tests.apptest_helpers import figures, open_page
from ui import charts, window
from ui.params import select, settings, slider


@settings("gtc")
class Settings:
    unit: int = select(1, range(1, 33))
    step: int = slider(1, 1, 1000)


@pytest.fixture
def session(monkeypatch):
    state: dict = {"gtc_unit": 1, "gtc_step": 101}
    monkeypatch.setattr(charts.st, "session_state", state)
    return state


@pytest.mark.parametrize(
    ("click", "unit", "step"),
    [
        ({"curve": 3, "point": [4, 7], "x": 108, "y": 5, "z": 0.5}, 5, 108),  # a gate's cell
        ({"curve": 0, "point": [2, 0], "x": 101, "y": 3, "z": 1.0}, 1, 101),  # input: step only
        ({"curve": 1, "point": [31, 500]}, 8, 150),  # past the edges: the last unit, window end
    ],
)
def test_click_on_a_cell_sets_unit_and_step(session, click, unit, step):
    """The window is steps 101..150 (0-based 100..149) of 8 units."""
    session["gt_heat_lstm"] = {"click": click}
    charts._dispatch("gt_heat_lstm", "click", window.click_sets_cell(Settings, 100, 149, 8))
    assert (session["gtc_unit"], session["gtc_step"]) == (unit, step)


def test_a_click_that_names_no_cell_changes_nothing(session):
    session["gt_heat_lstm"] = {"click": {"curve": 1}}
    charts._dispatch("gt_heat_lstm", "click", window.click_sets_cell(Settings, 100, 149, 8))
    assert (session["gtc_unit"], session["gtc_step"]) == (1, 101)


def test_the_gate_heatmaps_ask_for_clicks_and_only_they():
    at = open_page("pages/gates.py", query={"gt_arch": "both", "gt_model": "random"})
    events = {
        c.key: json.loads(c.proto.bytes.split(b"\n", 1)[0])["events"] for c in page_charts(at)
    }
    assert events["gt_heat_lstm"] == events["gt_heat_gru"] == ["click"]
    assert events["gt_lines_lstm"] == events["gt_lines_gru"] == ["slider"]  # slider_to="step"
    assert events["gt_cell_lstm"] == events["gt_cell_gru"] == []


def test_unit_lines_carry_a_slider_over_the_window_that_moves_the_marker():
    """Window 21..60, step 30: one slider step per step of the window, each moving the dotted
    line there in the browser; it starts at the step shown, and the released label is a step."""
    at = open_page("pages/gates.py", query={"gt_model": "random", "gt_source": "bits",
                                            "gt_window": "21,60", "gt_step": 30})  # fmt: skip
    fig = next(f for f in figures(at) if "over time" in f["layout"]["title"]["text"]
               and f["layout"].get("sliders"))  # fmt: skip
    (slider,) = fig["layout"]["sliders"]
    assert [s["label"] for s in slider["steps"]] == [str(n) for n in range(21, 61)]
    assert slider["active"] == 9 and fig["layout"]["shapes"][0]["x0"] == 30
    assert slider["steps"][29]["args"] == [{"shapes[0].x0": 50, "shapes[0].x1": 50}]
    assert slider["steps"][29]["method"] == "relayout"  # no server round trip while dragged
