"""The hand-wired cell's gate sharpness follows the pointer (issue "Charts that talk back"): the
unit-lines chart carries a second slider over a grid of gains whose frames are the cell's curves
at each gain, drawn by the browser; the release writes `gain` (the widget, the memory table, the
guide and the URL follow). The release is sent as the browser sends it: a trigger value of the
chart element (the browser side is tests/browser/test_gates_gain.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from explorer.cells import lstm
from tests.apptest_helpers import chart_spec, charts, open_page, release_chart_slider, texts

PAGE = "pages/gates.py"
KEY = "gt_lines_lstm"
GAINS = [0.1, 0.2, 0.5, 1, 2, 3, 5, 7, 10]


def spec_of(at) -> dict:
    return chart_spec(at, KEY)


def events_of(at) -> list:
    chart = next(c for c in charts(at) if c.key == KEY)
    return json.loads(chart.proto.bytes.split(b"\n", 1)[0])["events"]


def release(at, slider: int, index: int) -> None:
    release_chart_slider(at, KEY, index, slider)


def curves(frame: dict) -> dict:
    return {n: np.asarray(d["y"], dtype=np.float64) for n, d in zip("ifgoch", frame["data"], strict=True)}  # fmt: skip


def test_the_gain_slider_offers_the_grid_and_its_frames_are_the_cell():
    at = open_page(PAGE, query={"gt_gain": 1.3})
    spec = spec_of(at)
    step, gain = spec["layout"]["sliders"]
    assert [s["label"] for s in step["steps"]] == [str(n) for n in range(1, 8)]  # still there
    assert [float(s["label"]) for s in gain["steps"]] == [0.1, 0.2, 0.5, 1, 1.3, 2, 3, 5, 7, 10]
    assert gain["active"] == 4 and {s["method"] for s in gain["steps"]} == {"animate"}
    frames = {f["name"]: f for f in spec["frames"]}
    x = np.array(lstm.HAND_WIRED_INPUTS, dtype=np.float64)
    for g in [*GAINS, 1.3]:
        want = lstm.lstm_forward(x, lstm.hand_wired_params(g), cell_act="identity", out_act="identity")  # fmt: skip
        got = curves(frames[f"gain={g:g}"])
        for name in "ifgoch":
            np.testing.assert_allclose(got[name], want[name][:, 0], rtol=1e-6, atol=1e-6)
    sharp = curves(frames["gain=10"])
    np.testing.assert_allclose(sharp["c"], [3, 7, 7, 7, 0, 6, 6], atol=1e-3)  # the tutorial's
    np.testing.assert_allclose(sharp["h"], [0, 0, 0, 7, 0, 0, 6], atol=1e-3)
    soft = curves(frames["gain=0.1"])
    assert abs(soft["c"][2] - 7) > 0.5  # a soft gate does not hold the memory
    assert events_of(at) == ["slider"]


def test_a_released_gain_writes_gain_table_guide_and_url():
    at = open_page(PAGE)
    assert at.slider(key="gt_gain").value == 1.0
    before = [t for t in texts(at) if t.startswith(("Memory c:", "**What to notice**"))]
    assert before[0].startswith("Memory c: 3, 7, 6.99977, 6.9995, ")  # gain 1: the memory leaks
    release(at, 1, GAINS.index(10))
    assert at.slider(key="gt_gain").value == pytest.approx(10.0)
    assert float(at.query_params["gt_gain"]) == 10.0
    table, guide = [t for t in texts(at) if t.startswith(("Memory c:", "**What to notice**"))]
    assert table.startswith("Memory c: 3, 7, 7, 7, 0, 6, 6  ·  output h: "), table  # the tutorial's
    assert "o = 3.72e-44" in guide and "o = 4.54e-05" in before[1]  # the guide follows
    assert spec_of(at)["layout"]["sliders"][1]["active"] == GAINS.index(10)


def test_a_released_step_still_writes_the_step_and_leaves_the_gain():
    at = open_page(PAGE)
    release(at, 0, 4)
    assert at.slider(key="gt_step").value == 5
    assert at.slider(key="gt_gain").value == 1.0
    assert spec_of(at)["layout"]["shapes"][0]["x0"] == 5
