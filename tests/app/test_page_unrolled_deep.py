"""AppTest of the unrolled page's deep and leaky parts (issue "Deep and leaky"): the stacked
architecture at 1 and 3 layers, one way and both, with its shapes panel; the continuous-time RNN
in the gradient-flow section at α = 0.02 and α = 1, its in-chart slider released."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from explorer.cells import ctrnn
from explorer.views import unrolled as un
from tests.apptest_helpers import (
    HAN,
    assert_ok,
    chart_spec,
    charts,
    download_bytes,
    exercise_widgets,
    figures,
    open_page,
    release_chart_slider,
    texts,
)

PAGE = "pages/unrolled.py"
STACKED = {"un_arch": "stacked", "un_preset": "random", "un_hidden": 3}


def node_rows(spec: dict) -> dict[str, float]:
    """{row symbol: the y of its first cell} for the diagram's heatmaps."""
    return {t["name"]: float(np.min(t["y"])) for t in spec["data"] if t["type"] == "heatmap"}


@pytest.mark.parametrize(("layers", "bidir"), [(1, 0), (3, 1)])
def test_stacked_layers_drawn_layer_above_layer_with_the_shapes_panel(layers, bidir):
    at = open_page(PAGE, {**STACKED, "un_layers": layers, "un_bidir": bidir})
    assert at.slider(key="un_layers").value == layers
    assert at.toggle(key="un_bidir").value is bool(bidir)
    spec = figures(at)[0]
    rows = node_rows(spec)
    if layers == 1:
        assert set(rows) == {"x", "h", "y"}
    else:  # x, then h¹ (both ways), h², h³, y: each layer above the one it reads
        order = ["x", "h¹→", "h¹←", "h²→", "h²←", "h³→", "h³←", "y"]
        assert set(rows) == set(order)
        ys = [rows[name] for name in order]
        assert ys == sorted(ys)
        heat = [t for t in spec["data"] if t["type"] == "heatmap"]
        assert all(len(cell) for t in heat for cell in t["text"])  # a number in every node
        assert len(spec["frames"]) == len(un.alphas("random"))  # the ρ drag: 0 … 2 (21 frames)
    shown = " ".join(texts(at))
    assert "(6, 3, 10)" in shown and "(2, 3, 10)" in shown  # nn.RNN(5, 10, 2) on (6, 3, 5)
    assert "(10, 3, 100)" in shown and "(2, 3, 100)" in shown  # nn.LSTM(50, 100, 2)
    assert f"({layers * (1 + bidir)}, 1, 3)" in shown  # the student's h_n
    assert "layers·directions" in shown and "largest difference over the batch **0**" in shown
    assert f"`h_n[{layers * (1 + bidir) - 1}]`" in shown  # the student's last row of h_n
    assert ("reverse, ends at the first step" in shown) is bool(bidir)


def test_stacked_in_chinese():
    at = open_page(PAGE, {**STACKED, "lang": "zh"})
    shown = " ".join(texts(at))
    assert "层数·方向数" in shown and HAN.search(shown)


def values(spec) -> np.ndarray:
    """A trace's y as sent (a typed array, or a list of float32's shortest decimals) → float32."""
    if isinstance(spec, dict):
        return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"]).astype(
            np.float32
        )
    return np.array(spec, dtype=np.float32)


def leak_chart(at) -> dict:
    return chart_spec(at, "un_leak_chart")


@pytest.mark.parametrize("leak", [0.02, 1.0])
def test_ctrnn_at_both_ends_of_alpha(leak):
    at = open_page(PAGE, {"un_flow_cell": "ctrnn", "un_leak": leak})
    spec = leak_chart(at)
    slider = spec["layout"]["sliders"][0]
    assert [float(s["label"]) for s in slider["steps"]] == pytest.approx(list(ctrnn.ALPHA_SWEEP))
    assert slider["active"] == ctrnn.alpha_at(leak)
    data = spec["data"]
    tanh_norms, tanh_states, user_norms, user_states = (values(d["y"]) for d in data[-4:])
    last = next(f for f in spec["frames"] if f["name"] == "1.00")
    np.testing.assert_array_equal(values(last["data"][0]["y"]), tanh_norms)  # α = 1 …
    np.testing.assert_array_equal(values(last["data"][1]["y"]), tanh_states)  # … is tanh
    shown = " ".join(texts(at))
    if leak == 1.0:
        np.testing.assert_array_equal(user_norms, tanh_norms)
        assert "At α = 1 nothing leaks" in shown
    else:
        assert user_norms[0] > 1e3 * tanh_norms[0]  # the gradient reaches k = 0
        assert np.abs(np.diff(user_states)).mean() < np.abs(np.diff(tanh_states)).mean()
        assert "At α = 0.02 each unit keeps 0.98 of its state" in shown
    assert at.number_input(key="un_rho").label == "Spectral radius ρ of W_hh"
    assert not any(w.key == "un_flow_act" for w in at.radio)  # the CTRNN is tanh


def test_released_alpha_sets_leak_guide_url_and_csv():
    at = open_page(PAGE, {"un_flow_cell": "ctrnn"})
    assert at.number_input(key="un_leak").value == pytest.approx(0.2)
    index = ctrnn.alpha_at(0.5)
    release_chart_slider(at, "un_leak_chart", index)
    assert_ok(at, "released α")
    assert at.number_input(key="un_leak").value == pytest.approx(0.5)
    assert at.query_params["un_leak"] == "0.5"
    assert any("At α = 0.5 each unit keeps 0.5" in t for t in texts(at))
    assert leak_chart(at)["layout"]["sliders"][0]["active"] == index
    button = next(i for i, b in enumerate(at.get("download_button")) if "CTRNN" in b.proto.label)
    header = download_bytes(at, button).decode().splitlines()[0]
    assert header == "k,norm_tanh_rnn,norm_alpha_0.5,h1_tanh_rnn,h1_alpha_0.5"


def test_every_widget_at_its_extremes_stacked_and_leaky():
    """With the stacked architecture and the CTRNN chosen, every widget to both ends: no error,
    and the diagram, its shapes panel and the CTRNN chart stay on the page."""
    at = open_page(PAGE, {**STACKED, "un_layers": 3, "un_bidir": 1, "un_flow_cell": "ctrnn"})

    def check(at, key, value):
        keys = {c.key for c in charts(at)}
        if key not in ("un_arch", "un_flow_cell", "un_steps", "un_hidden"):
            assert {"un_diagram", "un_leak_chart"} <= keys, (key, value, keys)

    assert exercise_widgets(at, skip=("un_text",), check=check) > 20


def test_ctrnn_in_chinese():
    at = open_page(PAGE, {"un_flow_cell": "ctrnn", "lang": "zh"})
    shown = " ".join(texts(at))
    assert "α = 0.2 时，每个单元每步保留 0.8 的状态" in shown
    assert leak_chart(at)["layout"]["title"]["text"].startswith("ρ = 1.2 的连续时间循环神经网络")


def test_the_pages_notes_agree_with_their_charts():
    """Issue 24 on the page: stacked, α = −1, backward: ×2 per step on the row the arrows label
    (it said 6.32 … 22.6 … ×1.53); the CTRNN at ρ = 1, α = 0.9 ends below the tanh RNN, and
    the note no longer says it remembers longer."""
    at = open_page(PAGE, query={"un_arch": "stacked", "un_scale": -1, "un_backward": "true"})
    notice = at.info[0].value
    assert "2.83 at h²₃ and 22.6 at h²₀, 3 steps back: ×2 per step" in notice, notice
    at = open_page(PAGE, query={"un_flow_cell": "ctrnn", "un_rho": 1, "un_leak": 0.9})
    leak = next(i.value for i in at.info if "At α = 0.9" in i.value)
    assert "3.79e-22" in leak and "1.02e-20" in leak
    assert "does not make it remember longer" in leak and "and remembers longer" not in leak
