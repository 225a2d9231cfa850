"""The unrolled page's two in-chart sliders talk back (issue "Charts that talk back"): a released
step of the diagram's α slider sets `scale`, of the gradient-flow chart's ρ slider sets `rho`;
the number inputs, the guides, the URL and the share link follow. The release is sent as the
browser sends it: a trigger value of the chart element (the browser side is
tests/browser/test_unrolled_drag.py)."""

from __future__ import annotations

import json

import pytest

from explorer.cells import rnn
from explorer.views import unrolled as un
from tests.apptest_helpers import chart_spec, charts, open_page, release_chart_slider, texts

PAGE = "pages/unrolled.py"


def release(at, key: str, index: int) -> None:
    release_chart_slider(at, key, index)


def slider_of(at, key: str) -> dict:
    return chart_spec(at, key)["layout"]["sliders"][0]


def share_link(at) -> str:
    return next(c.value for c in at.code if c.value.startswith("?") or "un_" in c.value)


def test_step_labels_are_the_plain_values():
    """Every step shows its frame's value, and carries it as its number (what a release sends)."""
    at = open_page(PAGE)
    diagram, flow = slider_of(at, "un_diagram"), slider_of(at, "un_flow")
    assert [float(s["label"]) for s in diagram["steps"]] == pytest.approx(list(un.SWEEP))
    assert [float(s["label"]) for s in flow["steps"]] == pytest.approx(list(rnn.RHO_SWEEP))
    assert [float(s["value"]) for s in diagram["steps"]] == pytest.approx(list(un.SWEEP))
    assert [float(s["value"]) for s in flow["steps"]] == pytest.approx(list(rnn.RHO_SWEEP))
    for chart in charts(at):
        if chart.key in ("un_diagram", "un_flow"):  # released steps come back to Python
            assert json.loads(chart.proto.bytes.split(b"\n", 1)[0])["events"] == ["slider"]


def test_released_alpha_sets_scale_guide_and_url():
    at = open_page(PAGE)
    assert at.number_input(key="un_scale").value == 1.0
    index = un.nearest(un.SWEEP, -0.5)
    release(at, "un_diagram", index)
    assert at.number_input(key="un_scale").value == pytest.approx(-0.5)
    assert at.query_params["un_scale"] == "-0.5"
    assert "un_scale=-0.5" in share_link(at)
    assert any("At α = -0.5, the last state is" in t for t in texts(at)), texts(at)
    assert not any("At α = 1, the last state is" in t for t in texts(at))
    assert slider_of(at, "un_diagram")["active"] == index  # the chart shows the released step


def test_released_rho_sets_rho_flow_guide_and_url():
    at = open_page(PAGE)
    assert at.number_input(key="un_rho").value == 1.2
    index = rnn.flow_at(0.7)
    release(at, "un_flow", index)
    assert at.number_input(key="un_rho").value == pytest.approx(0.7)
    assert at.query_params["un_rho"] == "0.7"
    assert "un_rho=0.7" in share_link(at)
    guide = [t for t in texts(at) if "‖∂L/∂h₀‖ =" in t]
    assert len(guide) == 1 and "· ρ = 0.7 (orthogonal, tanh)" in guide[0], guide
    assert slider_of(at, "un_flow")["active"] == index
    assert at.number_input(key="un_scale").value == 1.0  # the other setting is untouched


def test_released_rho_back_on_the_default_leaves_the_link():
    at = open_page(PAGE, query={"un_rho": 0.5})
    assert at.number_input(key="un_rho").value == 0.5
    release(at, "un_flow", rnn.flow_at(1.2))
    assert at.number_input(key="un_rho").value == pytest.approx(1.2)
    assert "un_rho" not in at.query_params  # defaults stay out of the link
