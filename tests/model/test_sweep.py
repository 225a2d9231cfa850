"""The values a chart's slider steps through (explorer/figures/sweep.py): a typed value is shown at
the nearest step, and every step carries its number, whatever its label says."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from explorer.cells import ctrnn, rnn
from explorer.figures import gradient_decay, theme
from explorer.figures.sweep import Sweep, as_number

W_REC = Sweep(np.round(np.arange(-3.0, 3.0 + 1e-9, 0.05), 2))  # the gradient-decay chart's


@pytest.mark.parametrize(
    ("typed", "step"),
    [(-2.4, -2.4), (0.33, 0.35), (0.32, 0.3), (2.999, 3.0), (-3.0, -3.0), (3.0, 3.0)],
)
def test_a_typed_value_is_shown_at_the_nearest_step(typed, step):
    assert W_REC.values[W_REC.nearest(typed)] == pytest.approx(step)
    assert W_REC.snap(typed) == pytest.approx(step)


def test_beyond_the_ends_the_end_steps():
    assert W_REC.nearest(-7.5) == 0 and W_REC.nearest(1e9) == len(W_REC) - 1
    assert Sweep((0.5,)).nearest(-100) == 0  # one step: always it


def test_halfway_between_two_steps_the_first():
    """A tie goes to the step that comes first in the slider's order (either way for a slider
    running down)."""
    assert Sweep((0.0, 0.5, 1.0)).nearest(0.25) == 0
    assert Sweep((1.0, 0.5, 0.0)).nearest(0.25) == 1  # 0.5 comes before 0.0
    assert Sweep((0.0, 0.5, 1.0)).nearest(0.75) == 1


def test_nan_is_no_step():
    with pytest.raises(ValueError):
        W_REC.nearest(float("nan"))


def test_values_are_plain_numbers_as_the_labels_say():
    """np.linspace's 0.7500000000000001 is the step 0.75 (its label); no -0.0."""
    rho = Sweep(np.linspace(0.0, 2.0, 41))
    assert all(type(v) is float for v in rho.values)
    assert rho.values[15] == 0.75 and str(rho.values[15]) == "0.75"
    assert math.copysign(1.0, Sweep((-0.0, 1.0)).values[0]) == 1.0
    with pytest.raises(ValueError):
        Sweep((0.0, float("inf")))
    with pytest.raises(ValueError):
        Sweep(())


def test_labels_are_for_people_values_travel():
    """Each step sends its number (`value`), whatever its label shows."""
    gain = Sweep((0.1, 2.0, 10.0), ("weak", "2", "sharp"), frame="gain=")
    steps = gain.steps("animate", lambda i: [[gain.frames[i]]])
    assert [s["label"] for s in steps] == ["weak", "2", "sharp"]
    assert [float(s["value"]) for s in steps] == [0.1, 2.0, 10.0]
    assert steps[2]["args"] == [["gain=sharp"]]
    assert Sweep(range(3, 6), fmt="d").labels == ("3", "4", "5")


@pytest.mark.parametrize(
    ("raw", "value"),
    [(-2.4, -2.4), ("-2.4", -2.4), (" 0.33 ", 0.35), (99, 3.0), (3, 3.0)],
)
def test_an_events_value_names_a_step(raw, value):
    assert W_REC.parse(raw) == pytest.approx(value)
    assert W_REC.values[W_REC.index(raw)] == pytest.approx(value)


@pytest.mark.parametrize("raw", [None, "", "-2.40 w_rec", "nan", float("inf"), True, [1.0], {}])
def test_anything_else_names_no_step(raw):
    assert as_number(raw) is None
    assert W_REC.parse(raw) is None and W_REC.index(raw) is None


def test_the_decay_charts_slider_sends_the_w_rec_of_its_frame():
    """Every step of the gradient-decay chart's slider plays the frame of its w_rec and carries
    that w_rec as a number (the wire format), its label only shown."""
    slider = json.loads(json.dumps(theme.frame_slider(W_REC, 12, "w_rec = ")))
    step = slider["steps"][12]
    assert step["label"] == "-2.40" and float(step["value"]) == -2.4
    assert step["args"][0] == ["-2.40"]
    pinned = gradient_decay.pinned_curve((1.0, -2.38, 10), W_REC.values, "en")
    assert "-2.40" in pinned[0]  # a pinned w_rec is drawn at the nearest frame, as the slider


def test_the_models_sweeps_snap_as_the_chart_does():
    """ρ and α typed between frames land on the frame the chart shows."""
    assert rnn.RHO_SWEEP[rnn.flow_at(0.73)] == pytest.approx(0.75)
    assert ctrnn.ALPHA_SWEEP[ctrnn.alpha_at(5.0)] == pytest.approx(1.0)
    assert rnn.flow_at(-1.0) == 0
