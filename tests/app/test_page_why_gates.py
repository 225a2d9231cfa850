"""AppTest of the Why gates work page: the gradient chart (log axis, two sliders with frames, the
physics in its curves), the release of each slider, the lesson and guide numbers, every widget at
its extremes, Chinese, the link and the CSV."""

import base64
import csv
import io
import json

import numpy as np
import pytest

from explorer.gradients import flow as gradient_flow
from explorer.views import why_gates as wg
from tests.apptest_helpers import (
    HAN,
    chart_spec,
    download_bytes,
    exercise_widgets,
    open_page,
    release_chart_slider,
    roundtrip,
    texts,
)

PAGE = "pages/why_gates.py"
RNN, LSTM_H, LSTM_C, GRU = range(4)  # the chart's curves, in trace order


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def _y(trace) -> np.ndarray:
    y = trace["y"]
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"]).astype(float)
    return np.asarray(y, dtype=float)


def _frame(fig, name):
    return next(f for f in fig["frames"] if f["name"] == name)


def _frame_curve(fig, name, trace):
    frame = _frame(fig, name)
    return _y(frame["data"][frame["traces"].index(trace)])


def test_log_axis_two_sliders_and_a_frame_per_value(default_page):
    fig = chart_spec(default_page, "wg_chart")
    assert fig["layout"]["yaxis"]["type"] == "log"
    radius, bias = fig["layout"]["sliders"]
    assert [s["label"] for s in radius["steps"]] == [f"{r:.2f}" for r in wg.RADIUS_SWEEP]
    assert [s["label"] for s in bias["steps"]] == [f"{b:.1f}" for b in wg.BIAS_SWEEP]
    assert radius["steps"][0]["args"][1]["frame"]["redraw"] is False  # drawn by the browser
    assert radius["active"] == wg.RADIUS_SWEEP.index(0.9) and bias["active"] == wg.BIAS_SWEEP.index(3.0)  # fmt: skip
    assert len(fig["frames"]) == len(wg.RADIUS_SWEEP) + len(wg.BIAS_SWEEP)
    # each slider moves only its own curves (and its own line of numbers)
    assert _frame(fig, "rho=0.50")["traces"] == [RNN, 4]
    assert _frame(fig, "b=5.0")["traces"] == [LSTM_H, LSTM_C, GRU, 5]


def test_the_physics_in_the_frames(default_page):
    """At forget bias +5 the LSTM's cell gradient stays high over T = 100 steps back; at -3 it
    is gone; the RNN's falls below 1e-4 at ρ = 0.9 (the curves as drawn, float32)."""
    fig = chart_spec(default_page, "wg_chart")
    kept = _frame_curve(fig, "b=5.0", LSTM_C)
    assert kept[0] / kept[-1] > 1e-2
    lost = _frame_curve(fig, "b=-3.0", LSTM_C)
    assert lost[0] / lost[-1] < 1e-20
    rnn = _frame_curve(fig, "rho=0.90", RNN)
    assert rnn[0] / rnn[-1] < 1e-4 and rnn[-1] == pytest.approx(1.0, rel=1e-6)  # L = g·h_T, ‖g‖ = 1
    # the drawn curves are the model's: the LSTM at b = 3 (the default), torch's default init
    x = wg.chart_input(100, 0)
    params = wg.with_keep_bias("lstm", wg.init_params("lstm", 3, 16, 0), 3.0)
    expected = gradient_flow.state_gradients("lstm", params, x)["c"]
    np.testing.assert_allclose(_y(fig["data"][LSTM_C]), np.clip(expected, 1e-30, None), rtol=1e-6)


def test_lesson_and_guide_say_the_numbers(default_page):
    md = " ".join(m.value for m in default_page.markdown)
    assert "**RNN** (ρ = 0.9)" in md and "**LSTM** (b = 3)" in md and "**GRU** (b = 3)" in md
    notice = default_page.info[0].value
    assert "at b = 3: the LSTM's cell gradient is 10.6 times as large at c₀" in notice
    assert "the plain RNN at ρ = 0.9 keeps" in notice
    assert "above 1 although every f < 1" in md  # why 10.6 beside ∏f = 0.00723


@pytest.mark.parametrize(("slider", "field", "value"), [(1, "wg_fbias", 5.0), (0, "wg_radius", 0.5)])  # fmt: skip
def test_released_slider_writes_its_setting(slider, field, value):
    at = open_page(PAGE)
    sweep = wg.BIAS_SWEEP if field == "wg_fbias" else wg.RADIUS_SWEEP
    release_chart_slider(at, "wg_chart", sweep.index(value), slider=slider)
    assert at.number_input(key=field).value == value
    assert chart_spec(at, "wg_chart")["layout"]["sliders"][slider]["active"] == sweep.index(value)
    md = " ".join(m.value for m in at.markdown)
    assert (f"**LSTM** (b = {value:g})" if slider else f"**RNN** (ρ = {value:g})") in md
    other = "wg_radius" if slider else "wg_fbias"
    assert at.number_input(key=other).value == (0.9 if slider else 3.0)  # untouched


def test_every_widget_at_its_extremes():
    at = open_page(PAGE)

    def check(at, key, value):
        fig = chart_spec(at, "wg_chart")
        assert fig["layout"]["yaxis"]["type"] == "log"
        assert len(_y(fig["data"][RNN])) == at.slider(key="wg_steps").value + 1

    assert exercise_widgets(at, check=check) >= 10


def test_chinese_under_lang_zh():
    at = open_page(PAGE, query={"lang": "zh"})
    assert HAN.search(at.title[0].value)
    fig = chart_spec(at, "wg_chart")
    assert HAN.search(fig["layout"]["title"]["text"])
    assert HAN.search(_frame(fig, "b=5.0")["data"][-1]["text"][0])  # the live numbers
    assert all(HAN.search(w.label) for w in (*at.number_input, *at.slider))


def test_no_chinese_under_lang_en(default_page):
    for text in texts(default_page):
        assert not HAN.search(text), text


def test_link_restores_the_view():
    settings = {"wg_radius": 1.25, "wg_fbias": -2.0, "wg_steps": 50, "wg_seed": 7}
    first, second = roundtrip(PAGE, settings)
    for key, value in settings.items():
        assert second.get_by_key(key).value == value
    assert chart_spec(first, "wg_chart")["layout"]["sliders"] == chart_spec(second, "wg_chart")["layout"]["sliders"]  # fmt: skip


def test_csv_has_the_shown_curves():
    at = open_page(PAGE, query={"wg_fbias": 5})
    index = next(i for i, b in enumerate(at.get("download_button")) if "CSV" in b.proto.label)
    rows = list(csv.DictReader(io.StringIO(download_bytes(at, index).decode())))
    assert len(rows) == 101  # k = 0 … 100
    fig = chart_spec(at, "wg_chart")
    np.testing.assert_allclose([float(r["lstm_c b=5.0"]) for r in rows], _y(fig["data"][LSTM_C]), rtol=1e-6)  # fmt: skip
    assert "rnn_dL_dh rho=0.90" in rows[0]


def test_longest_chart_stays_light():
    """At T = 300 the gradient chart has every frame at the full length, while the connectivity
    heatmaps show the first 100 steps (four 100 × 100 panels, not 300 × 300)."""
    at = open_page(PAGE, query={"wg_steps": 300})
    fig = chart_spec(at, "wg_chart")
    assert len(_y(fig["data"][RNN])) == 301 and len(_frame_curve(fig, "b=5.0", LSTM_C)) == 301
    conn = chart_spec(at, "wg_connectivity")
    assert [len(trace["y"]) for trace in conn["data"]] == [100, 100, 100]
    sizes = [len(json.dumps(spec)) for spec in (fig, conn)]
    assert sizes[0] < 300_000 and sizes[1] < 250_000, sizes


def test_the_tutorials_start_is_one_click_away_and_the_chart_follows(default_page):
    """The default start is labelled the app's choice (torch's default weights, forget bias 3);
    one click on the tutorial 000 §6.1 option redraws the chart from orthogonal matrices, says so
    under it, and goes into the link."""
    radio = default_page.radio(key="wg_train_init")
    assert radio.value == "app" and len(radio.options) == 3
    assert "Tutorial 000 §6.1: orthogonal matrices, forget bias 1" in radio.options
    caption = " ".join(c.value for c in default_page.caption)
    assert "this app's choice, not the tutorial's" in caption and "torch's default" in caption
    before = _y(chart_spec(default_page, "wg_chart")["data"][RNN])
    at = open_page(PAGE)
    at.radio(key="wg_train_init").set_value("tutorial").run()
    caption = " ".join(c.value for c in at.caption)
    assert "every weight matrix orthogonal" in caption and "as tutorial 000 §6.1" in caption
    assert "the training starts it at 1" in caption
    intro = " ".join(m.value for m in at.markdown)
    assert "the forget gate's 1 (f ≈ 0.73" in intro
    after = _y(chart_spec(at, "wg_chart")["data"][RNN])
    assert not np.allclose(before, after)  # other weights, other curves
    assert at.query_params.get("wg_train_init") in ("tutorial", ["tutorial"])
