"""AppTest of the Gradient decay page: the draggable chart, the regime text, every extreme."""

import csv
import io

import numpy as np
import pytest

from explorer.cells import linear_rnn
from explorer.numerics import symlog
from tests.apptest_helpers import (
    HAN,
    chart_specs,
    download_bytes,
    exercise_widgets,
    figures,
    has_nonfinite_literal,
    open_page,
    roundtrip,
    texts,
)

PAGE = "pages/gradient_decay.py"


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
    spec = chart_specs(at)[0]
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


# --- each w_rec frame has a y range of its own (issue "Charts that talk back", item 1) ---------


def _frame(fig, name):
    return next(f for f in fig["frames"] if f["name"] == name)


def _share(curve, axis_range):
    """The fraction of the axis's height the curve spans (0 included: the axis's zero line)."""
    lo, hi = axis_range
    return (max(curve.max(), 0.0) - min(curve.min(), 0.0)) / (hi - lo)


@pytest.mark.parametrize("seq_len", [10, 100, 1000])
def test_every_frame_shows_its_own_curve(seq_len):
    """Each frame's range contains its curve, which fills a good part of the height (one range
    for the whole sweep made the vanishing curves flat lines at 0)."""
    at = open_page(PAGE, query={"gd_seq_len": seq_len})
    fig = figures(at)[0]
    filled = []
    for frame in fig["frames"]:
        curve = _decode(frame["data"][-1]["y"]).astype(float)
        lo, hi = frame["layout"]["yaxis"]["range"]
        assert lo <= curve.min() and curve.max() <= hi, frame["name"]
        if np.abs(curve).max() > 1e-6:  # w_rec = 1 at w_x = 1 is the exact answer: ∂ξ/∂S = 0
            filled.append(_share(curve, (lo, hi)))
    assert min(filled) > 1 / 3, min(filled)  # the bar: a third of the plot's height


def test_vanishing_curve_at_n_100_is_not_flat():
    """The guide's own experiment: w_rec = 0.9, n = 100. Its curve spans most of its axis, whose
    range is a small fraction of the exploding frames' (not dominated by them); the note says
    the range in real numbers, and the ticks are the real numbers at their symlog positions."""
    at = open_page(PAGE, query={"gd_seq_len": 100, "gd_w_rec": 0.9})
    fig = figures(at)[0]
    frame = _frame(fig, "0.90")
    user = _decode(frame["data"][-1]["y"]).astype(float)
    axis = frame["layout"]["yaxis"]
    assert _share(user, axis["range"]) > 0.6
    explode = _frame(fig, "3.00")["layout"]["yaxis"]["range"]
    assert (axis["range"][1] - axis["range"][0]) < (explode[1] - explode[0]) / 20
    X, t = linear_rnn.counting_data(seq_len=100)
    first = linear_rnn.decay_sweep(X, t, 1.0, [0.9])[0][-1]  # ∂ξ/∂S_n ≈ -92.3
    assert f"{first:.3g}" in frame["layout"]["annotations"][0]["text"]
    for value, text in zip(axis["tickvals"], axis["ticktext"], strict=True):
        assert float(symlog(float(text))) == pytest.approx(value, abs=1e-3)
    assert "-100" in axis["ticktext"] and "0" in axis["ticktext"]
    # the probes a million times beyond this scale are hidden (an oscillating one, clipped,
    # filled the plot with bars), the others drawn; the note says so
    names = [tr["name"] for tr in fig["data"]]
    visible = dict(zip(names, [d["visible"] for d in frame["data"][:-1]], strict=False))
    assert visible["(1, 2)"] == visible["(1, -2)"] == "legendonly"
    assert visible["(1, 0.5)"] is True and visible["(1, 0)"] is True
    assert "hidden" in frame["layout"]["annotations"][0]["text"]
    assert _frame(fig, "2.00")["data"][names.index("(1, 2)")]["visible"] is True
    # the drawn figure (the released step) has the same axis as its frame
    assert fig["layout"]["yaxis"]["range"] == axis["range"]
    assert fig["layout"]["annotations"][0]["text"] == frame["layout"]["annotations"][0]["text"]


def test_frame_scale_note_in_chinese():
    at = open_page(PAGE, query={"lang": "zh", "gd_seq_len": 100})
    note = _frame(figures(at)[0], "0.90")["layout"]["annotations"][0]["text"]
    assert "纵轴" in note and "y axis" not in note
