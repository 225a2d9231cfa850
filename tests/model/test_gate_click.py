"""A click on a gate-heatmap cell → the (unit, step) that cell stands for."""

import numpy as np
import pytest

from explorer.cells import recipes as cells
from explorer.cells.lstm import LSTM_GATES
from explorer.figures.gates import heatmaps
from explorer.views.gates import cell_from_click


@pytest.mark.parametrize(
    ("click", "expected"),
    [
        ({"curve": 1, "point": [2, 0], "x": 41, "y": 3}, (3, 41)),  # first column = window start
        ({"curve": 4, "point": [0, 9], "x": 50, "y": 1}, (1, 50)),  # last gate, last column
        ({"curve": 0, "point": [1, 4], "x": 45, "y": 2}, (None, 45)),  # input row: step only
        ({"curve": 2, "x": 44.2, "y": 2.4}, (2, 44)),  # no [row, col]: the axes' values
        ({"curve": 2, "point": [99, 99]}, (8, 50)),  # outside: clamped to the units, the window
    ],
)
def test_cell_maps_to_its_unit_and_step(click, expected):
    assert cell_from_click(click, 40, 49, 8) == expected


@pytest.mark.parametrize("click", [None, {}, {"curve": 1}, {"curve": 1, "x": "a", "y": 1},
                                   {"curve": 1, "point": [float("nan"), 1]}])  # fmt: skip
def test_a_click_on_no_cell_picks_nothing(click):
    assert cell_from_click(click, 0, 9, 4) is None


def test_every_cell_of_a_real_heatmap_maps_back_to_its_row_and_step():
    """Each panel's cell (row r, column c) of the figure over steps 31..42 names unit r + 1 (a
    gate panel) and step 31 + c, on the axes too: the click and the hover text agree."""
    cell = cells.cell(("random", "lstm", 3, 5, 0, 1.0, 1.0, False))
    x = np.random.default_rng(0).normal(size=(60, 3)).astype(np.float32)
    states = cells.run(cell, x)
    lo, hi = 30, 41
    fig = heatmaps(x[lo : hi + 1], {k: v[lo : hi + 1] for k, v in states.items()}, lo, "lstm", "LSTM", "en")  # fmt: skip
    for curve, trace in enumerate(fig.data):
        rows, cols = np.asarray(trace.z).shape
        for r, c in ((0, 0), (rows - 1, cols - 1), (rows // 2, 3)):
            x_value, y_value = trace.x0 + c * trace.dx, trace.y0 + r * trace.dy
            by_point = cell_from_click({"curve": curve, "point": [r, c]}, lo, hi, 5)
            by_axes = cell_from_click({"curve": curve, "x": x_value, "y": y_value}, lo, hi, 5)
            assert by_point == by_axes == (None if curve == 0 else r + 1, lo + 1 + c)
            if curve:  # the gate panel's row r is unit r + 1's values at that step
                name = ("x", *LSTM_GATES)[curve]
                assert trace.z[r][c] == pytest.approx(states[name][lo + c, r], abs=1e-6)
