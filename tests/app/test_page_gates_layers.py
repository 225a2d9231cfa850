"""AppTest of the gate inspector's second layer (issue "Deep and leaky"): a random or uploaded
2-layer LSTM / GRU shows layer 2's gates, reading layer 1's h; one layer shows none."""

import numpy as np

from explorer.cells import recipes as cells
from explorer.cells import stacked
from explorer.inputs import sequences
from explorer.views import gates as vm
from tests.app.test_page_gates import _charts, _check_page, _heatmap_panels, _upload
from tests.apptest_helpers import csv_buttons, open_page, texts
from ui import csv_bytes

PAGE = "pages/gates.py"
RANDOM = {"gt_source": "bits", "gt_model": "random", "gt_hidden": 3, "gt_length": 40}


def layer_two(at) -> dict:
    return {title: spec for title, spec in _charts(at).items() if title.startswith("Layer 2 · ")}


def test_two_layers_show_layer_two_for_both_cells():
    at = open_page(PAGE, {**RANDOM, "gt_arch": "both", "gt_layers": 2})
    _check_page(at)
    assert at.radio(key="gt_layers").value == 2
    charts = layer_two(at)
    assert set(charts) == {
        "Layer 2 · LSTM: gates over time", "Layer 2 · LSTM: unit 1 over time",
        "Layer 2 · GRU: gates over time", "Layer 2 · GRU: unit 1 over time",
    }  # fmt: skip
    for kind in ("lstm", "gru"):
        first = _heatmap_panels(_charts(at)[f"{kind.upper()}: gates over time (units × steps)"])
        second = _heatmap_panels(charts[f"Layer 2 · {kind.upper()}: gates over time"])
        # layer 2 reads layer 1's h: its input panel is layer 1's hidden state
        np.testing.assert_array_equal(second["input: layer 1's h"], first["hidden state h"])
        assert not np.allclose(second["hidden state h"], first["hidden state h"])
        # and its numbers are torch's two-layer network's top layer (stacked_forward)
        cell = cells.cell(("random", kind, 1, 3, 0, 1.0, 1.0, False, 2))
        inputs = first["input x"].T.astype(np.float64)  # 0/1 bits: exact in float32
        out = stacked.stacked_forward(kind, cell.params, inputs, 2)[0]
        np.testing.assert_allclose(second["hidden state h"], out.T, atol=1e-6)
    shown = " ".join(texts(at))
    assert "LSTM layer 2, unit 1, step 1: the forget gate" in shown


def test_one_layer_shows_no_layer_two_and_chinese_names_it():
    at = open_page(PAGE, {**RANDOM, "gt_layers": 1})
    _check_page(at)
    assert not layer_two(at) and not any("Layer 2" in t for t in texts(at))
    zh = open_page(PAGE, {**RANDOM, "gt_layers": 2, "lang": "zh"})
    assert any(title.startswith("第 2 层 · ") for title in _charts(zh))
    assert any("第 2 层：它的门" in t for t in texts(zh))


def test_uploaded_two_layer_weights_show_layer_two():
    cell = cells.cell(("random", "gru", 1, 4, 7, 1.0, 1.0, False, 2))
    at = open_page(PAGE, {"gt_source": "bits", "gt_length": 30, "gt_model": "file"})
    _upload(at, "gt_weights", "two_layers.npz", cell.npz())
    _check_page(at)
    assert any("GRU" in c.value and "4" in c.value for c in at.caption)
    second = _heatmap_panels(layer_two(at)["Layer 2 · GRU: gates over time"])
    first = _heatmap_panels(_charts(at)["GRU: gates over time (units × steps)"])
    out = stacked.stacked_forward("gru", cell.params, first["input x"].T.astype(np.float64), 2)[0]
    np.testing.assert_allclose(second["hidden state h"], out.T, atol=1e-6)


def test_layer_two_csv_names_its_columns():
    """A CSV button per layer-2 model, before the page's own; what it builds on the click (AppTest
    does not keep a deferred download reliably: its columns are built as the click builds them)."""
    at = open_page(PAGE, {**RANDOM, "gt_layers": 2})
    assert len(csv_buttons(at)) == 2
    recipe, seq = ("random", "lstm", 1, 3, 0, 1.0, 1.0, False, 2), ("bits", 40, 1)
    cell = cells.cell(recipe)
    x = sequences.load(seq).x
    rows = csv_bytes(vm.second_csv_columns(vm.shown(recipe, seq, cell, x), 0, 39))
    rows = rows.decode().splitlines()
    assert rows[0].startswith("t,layer1_h1,layer1_h2,layer1_h3,layer2_lstm_i1")
    assert len(rows) == 41
