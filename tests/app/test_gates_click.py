"""The gate heatmaps talk back, without a browser: the page asks for their clicks, and a click
on a cell (as the chart element reports it) writes that cell's unit and step into the settings."""

from __future__ import annotations

import json

import pytest

from tests.apptest_helpers import charts as page_charts
from tests.apptest_helpers import open_page
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
    charts._dispatch("gt_heat_lstm", "click", None, window.from_click(Settings, 100, 149, 8), None)
    assert (session["gtc_unit"], session["gtc_step"]) == (unit, step)


def test_a_click_that_names_no_cell_changes_nothing(session):
    session["gt_heat_lstm"] = {"click": {"curve": 1}}
    charts._dispatch("gt_heat_lstm", "click", None, window.from_click(Settings, 100, 149, 8), None)
    assert (session["gtc_unit"], session["gtc_step"]) == (1, 101)


def test_the_gate_heatmaps_ask_for_clicks_and_only_they():
    at = open_page("pages/gates.py", query={"gt_arch": "both", "gt_model": "random"})
    events = {
        c.key: json.loads(c.proto.bytes.split(b"\n", 1)[0])["events"] for c in page_charts(at)
    }
    assert events["gt_heat_lstm"] == events["gt_heat_gru"] == ["click"]
    assert events["gt_lines_lstm"] == events["gt_cell_gru"] == []
