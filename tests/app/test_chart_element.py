"""ui.plot's in-place chart element, without a browser: what the page sends, and what a chart
event does to the page's settings (the browser side is tests/browser/test_chart_element.py)."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from explorer.figures import serialise
from tests.apptest_helpers import charts as page_charts
from tests.apptest_helpers import figures, open_page
from ui import charts


def test_gradient_decay_draws_its_chart_in_the_element():
    at = open_page("pages/gradient_decay.py")
    (chart,) = page_charts(at)
    assert chart.type == "bidi_component" and chart.key == "gd_chart"  # not st.plotly_chart
    assert not chart.proto.isolate_styles  # a plain div in the page: Plotly's styles apply
    header = json.loads(chart.proto.bytes.split(b"\n", 1)[0])
    assert header["key"] == "gd_chart" and header["events"] == ["slider"]  # slider_to="w_rec"
    assert header["config"] == charts.PLOT_CONFIG and header["height"] == 560
    fig = figures(at)[0]
    assert fig["layout"]["sliders"][0]["steps"][12]["label"] == "-2.40"
    assert "https://" not in chart.proto.js_content  # plotly.js comes from this server
    # Each chart carries the loader only: the element's ~29 kB went with every chart of every
    # rerun when it was sent inline; the browser now loads it once, from app/static/.
    assert len(chart.proto.js_content) < 3_000, len(chart.proto.js_content)
    version = charts.ensure_static_element()
    assert f"app/static/{charts.ELEMENT_NAME}?v=" in chart.proto.js_content
    assert f'const VERSION = "{version}";' in chart.proto.js_content  # this element's code
    assert (charts.STATIC / charts.ELEMENT_NAME).read_bytes() == charts.ELEMENT.read_bytes()


def test_payload_is_header_then_figure_and_rev_follows_the_figure():
    a = serialise.freeze(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])))
    b = serialise.freeze(go.Figure(go.Scatter(x=[1, 2], y=[3, 5])))
    pa, pb = charts.payload(a, "k"), charts.payload(b, "k")
    assert charts.figure_of(pa) == a.to_dict()
    rev = lambda p: json.loads(p.split(b"\n", 1)[0])["rev"]  # noqa: E731
    assert rev(pa) == rev(charts.payload(a, "k")) != rev(pb)  # the browser redraws on change
    assert b"\\u002f" not in pa and b"\\/" not in pa  # no escaped slashes: fewer bytes


def test_ensure_static_plotly_copies_once(tmp_path):
    target = tmp_path / "static" / "plotly.min.js"
    charts.ensure_static_plotly(target)
    assert target.read_bytes()[:40].startswith(b"/**\n* plotly.js v")
    mtime = target.stat().st_mtime_ns
    charts.ensure_static_plotly(target)
    assert target.stat().st_mtime_ns == mtime  # already there: not copied again
    target.write_bytes(b"stale")
    charts.ensure_static_plotly(target)
    assert target.stat().st_size > 1_000_000  # another version: replaced


def test_ensure_static_element_writes_the_element_once_and_names_its_version(tmp_path):
    version = charts.ensure_static_element(tmp_path)
    target = tmp_path / charts.ELEMENT_NAME
    assert target.read_bytes() == charts.ELEMENT.read_bytes()
    mtime = target.stat().st_mtime_ns
    assert charts.ensure_static_element(tmp_path) == version
    assert target.stat().st_mtime_ns == mtime  # already there as it is: not written again
    target.write_bytes(b"// an older element")
    assert charts.ensure_static_element(tmp_path) == version  # the version is the code's
    assert target.read_bytes() == charts.ELEMENT.read_bytes()  # the old one replaced


@pytest.fixture
def session(monkeypatch):
    state: dict = {}
    monkeypatch.setattr(charts.st, "session_state", state)
    return state


@pytest.mark.parametrize(
    ("value", "expected"), [(-2.4, -2.4), (9.99, 3.0), ("not a number", 2.0), (None, 2.0)]
)
def test_released_slider_writes_its_step_into_the_setting(session, value, expected):
    """The element sends the step's number (its label is only shown): the setting gets it, as
    its Param reads a number (clamped); something else leaves the setting as it was."""
    from ui.params import number

    sets = charts.slider_sets(_Param(number(2.0, -3.0, 3.0, step=0.05)))
    session["gd_w_rec"] = 2.0
    session["gd_chart"] = {"slider": {"slider": 0, "index": 12, "label": "-2.40", "value": value}}
    seen = []
    charts._dispatch("gd_chart", "slider", lambda event: (sets(event), seen.append(event)))
    assert session["gd_w_rec"] == expected
    assert seen[0].kind == "slider" and seen[0].index == 12
    assert seen[0].value == (value if isinstance(value, float) else None)


def test_a_second_slider_sets_the_second_setting(session):
    """`slider_sets("a", "b")`: the chart's second slider writes b, never a."""
    from ui.params import number

    a, b = (_Param(number(0.0, -3.0, 3.0), key=k) for k in ("p_a", "p_b"))
    session.update(p_a=0.0, p_b=0.0)
    session["k"] = {"slider": {"slider": 1, "index": 0, "label": "x", "value": 1.5}}
    charts._dispatch("k", "slider", charts.slider_sets(a, b))
    assert (session["p_a"], session["p_b"]) == (0.0, 1.5)


def _Param(field, key: str = "gd_w_rec"):
    """The Param a settings field declares, with its widget key (as @ui.settings gives it)."""
    import dataclasses

    return dataclasses.replace(field.metadata["param"], key=key)


def test_slider_sets_names_a_field_of_the_running_page():
    from ui import state
    from ui.params import number, settings

    @settings("gd")
    class Settings:
        w_rec: float = number(2.0, -3.0, 3.0)

    with pytest.raises(ValueError, match="not a setting"):
        charts.slider_sets("w_rec")  # no page body running
    assert charts._param("w_rec", Settings).key == "gd_w_rec"
    token = state.running(Settings)
    try:
        assert charts._param("w_rec").key == "gd_w_rec"
    finally:
        state.done(token)
