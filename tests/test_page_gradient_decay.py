"""AppTest of the Gradient decay page: the draggable chart, the regime text, every extreme."""

import csv
import io

import numpy as np
import pytest

from explorer import linear_rnn
from explorer.figures.decay import symlog
from tests.apptest_helpers import (
    HAN,
    download_bytes,
    exercise_widgets,
    figures,
    has_nonfinite_literal,
    open_page,
    roundtrip,
    texts,
)

PAGE = "views/gradient_decay.py"


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_chart_has_a_browser_slider_with_frames(default_page):
    fig = figures(default_page)[0]
    frames = fig["frames"]
    assert len(frames) >= 20
    slider = fig["layout"]["sliders"][0]
    assert len(slider["steps"]) == len(frames)
    assert slider["steps"][0]["args"][1]["frame"]["redraw"] is False  # animates in the browser
    assert [f["name"] for f in frames][:2] == ["-3.00", "-2.95"]
    assert frames[-1]["name"] == "3.00"


def test_probe_curves_follow_the_seed(default_page):
    fig = figures(default_page)[0]
    names = [tr["name"] for tr in fig["data"]]
    for w_x, w_rec in linear_rnn.PROBE_POINTS:
        assert f"({w_x:g}, {w_rec:g})" in names
    X, t = linear_rnn.counting_data()
    trace = next(tr for tr in fig["data"] if tr["name"] == "(1, 2)")
    expected = linear_rnn.gradients(X, t, 1.0, 2.0)[2].sum(axis=0)
    np.testing.assert_allclose(_decode(trace["y"]), symlog(expected), rtol=1e-6)
    ticktext = fig["layout"]["yaxis"]["ticktext"]
    assert "0" in ticktext and any(text.startswith("-1e") for text in ticktext)  # symlog axis


def _decode(spec):
    import base64

    if isinstance(spec, dict):
        return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
    return np.asarray(spec, dtype=float)


def test_regime_in_words_and_numbers(default_page):
    md = " ".join(m.value for m in default_page.markdown)
    assert "explodes" in md and "×1024" in md  # w_rec = 2, n = 10: 2¹⁰
    metrics = {m.label: m.value for m in default_page.metric}
    assert metrics["|w_rec|ⁿ after n steps"] == "1024"


@pytest.mark.parametrize(
    ("w_rec", "words"),
    [(0.5, "vanishes"), (1.0, "constant"), (-2.0, "oscillates"), (0.0, "is 0 one step back")],
)
def test_regimes(w_rec, words):
    at = open_page(PAGE, query={"gd_w_rec": w_rec})
    assert words in " ".join(m.value for m in at.markdown)


def test_every_widget_at_its_extremes():
    at = open_page(PAGE)
    runs = exercise_widgets(at)
    assert runs >= 8


def test_thousand_steps_at_the_edge_is_finite_in_the_chart():
    at = open_page(PAGE, query={"gd_seq_len": 1000, "gd_w_rec": 3, "gd_w_x": 3})
    spec = at.get("plotly_chart")[0].proto.spec
    assert not has_nonfinite_literal(spec)
    for trace in figures(at)[0]["data"]:
        assert np.isfinite(_decode(trace["y"])).all()
    assert len(figures(at)[0]["frames"]) >= 20


def test_chinese_under_lang_zh():
    at = open_page(PAGE, query={"lang": "zh"})
    assert HAN.search(at.title[0].value)
    assert all(HAN.search(w.label) for w in (*at.slider, *at.number_input, *at.multiselect))
    fig = figures(at)[0]
    assert HAN.search(fig["layout"]["title"]["text"])
    assert HAN.search(fig["layout"]["annotations"][0]["text"])
    assert HAN.search(fig["frames"][0]["layout"]["annotations"][0]["text"])


def test_no_chinese_under_lang_en(default_page):
    for text in texts(default_page):
        assert not HAN.search(text), text
    fig = figures(default_page)[0]
    assert not HAN.search(str(fig["layout"]["title"]))


def test_link_restores_every_widget():
    settings = {"gd_w_x": 0.5, "gd_w_rec": -1.5, "gd_seq_len": 40, "gd_points": ["p1", "p4"]}
    first, second = roundtrip(PAGE, settings)
    for key, value in settings.items():
        assert second.get_by_key(key).value == value
    assert figures(first)[0]["layout"]["sliders"] == figures(second)[0]["layout"]["sliders"]


def test_download_has_every_curve():
    at = open_page(PAGE)  # the download store lives only until the next AppTest run
    rows = list(csv.DictReader(io.StringIO(download_bytes(at).decode())))
    assert len(rows) == 11  # k = 0 … 10
    X, t = linear_rnn.counting_data()
    expected = linear_rnn.gradients(X, t, 1.0, 0.5)[2].sum(axis=0)
    got = [float(row["d_xi_d_S_k (1, 0.5)"]) for row in rows]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
