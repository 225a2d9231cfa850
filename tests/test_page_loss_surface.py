"""AppTest of the Loss surface page: what a student sees, at defaults and at every extreme."""

import csv
import io

import numpy as np
import pytest

from explorer import linear_rnn
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

PAGE = "pages/loss_surface.py"


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def _heatmaps(fig):
    return [tr for tr in fig["data"] if tr["type"] == "heatmap" and tr.get("name") == "ξ"]


def test_defaults_show_overview_and_zoom_with_probe_points(default_page):
    fig = figures(default_page)[0]
    heatmaps = _heatmaps(fig)
    assert len(heatmaps) == 2  # the overview and the tutorial's zoom, side by side
    names = {tr.get("name") for tr in fig["data"] if tr["type"] == "scatter"}
    for w_x, w_rec in linear_rnn.PROBE_POINTS:
        assert f"({w_x:g}, {w_rec:g})" in names
    assert "optimum (1, 1)" in names
    x_ranges = sorted(tuple(fig["layout"][ax]["range"]) for ax in ("xaxis", "xaxis2"))
    assert x_ranges == [(-3.0, 3.0), (0.0, 2.0)]


def test_colour_scale_is_logarithmic(default_page):
    heat = _heatmaps(figures(default_page)[0])[0]
    assert heat["zmin"] == pytest.approx(-3) and heat["zmax"] == pytest.approx(8)
    ticktext = heat["colorbar"]["ticktext"]
    assert ticktext[0] == "1e-3" and ticktext[-1].endswith("1e8")
    assert "customdata" in heat and "∂ξ/∂w_rec" in heat["hovertemplate"]


def test_payload_of_default_figures_is_small(default_page):
    sizes = [len(chart.proto.spec.encode()) for chart in default_page.get("plotly_chart")]
    assert sizes and max(sizes) <= 300_000, sizes


def _check_rows(at):
    """The gradient-check table as {method: (∂ξ/∂w_x, ∂ξ/∂w_rec)}."""
    frame = at.table[0].value
    return {row.iloc[0]: (float(row.iloc[1]), float(row.iloc[2])) for _, row in frame.iterrows()}


def test_gradient_check_bptt_finite_differences_and_torch_agree(default_page):
    rows = _check_rows(default_page)
    assert list(rows) == ["BPTT (ours)", "central difference", "torch autograd"]
    X, t = linear_rnn.counting_data()
    assert rows["BPTT (ours)"] == pytest.approx(linear_rnn.gradients(X, t, 1.2, 1.2)[:2], rel=1e-11)
    for method in ("central difference", "torch autograd"):
        assert rows[method] == pytest.approx(rows["BPTT (ours)"], rel=1e-8)


def test_gradient_check_without_torch_at_the_steepest_point():
    at = open_page(
        PAGE, query={"ls_torch": 0, "ls_seq_len": 200, "ls_check_wx": 3, "ls_check_wrec": 3}
    )
    rows = _check_rows(at)
    assert list(rows) == ["BPTT (ours)", "central difference"]
    assert rows["central difference"] == pytest.approx(rows["BPTT (ours)"], rel=1e-6)


def test_every_widget_at_its_extremes():
    at = open_page(PAGE)
    at.get_by_key("ls_view").set_value("custom")  # show the custom-range slider too
    at.run()
    runs = exercise_widgets(at)
    assert runs >= 20


def test_long_sequences_show_a_labelled_overflow_region_not_nan():
    at = open_page(PAGE, query={"ls_seq_len": 200, "ls_view": "overview"})
    captions = " ".join(c.value for c in at.caption)
    assert "overflow" in captions and "ξ = ∞" in captions
    fig = figures(at)[0]
    assert any(tr["type"] == "heatmap" and tr.get("hoverinfo") == "skip" for tr in fig["data"])
    assert not has_nonfinite_literal(at.get("plotly_chart")[0].proto.spec)


def test_chinese_labels_under_lang_zh():
    at = open_page(PAGE, query={"lang": "zh"})
    shown = texts(at)
    assert HAN.search(at.title[0].value)
    assert all(HAN.search(text) for text in [s.label for s in at.slider])
    assert HAN.search(" ".join(c.value for c in at.caption))
    fig = figures(at)[0]
    assert HAN.search(fig["layout"]["xaxis"]["title"]["text"])
    assert len(shown) > 5


def test_no_chinese_under_lang_en(default_page):
    for text in texts(default_page):
        assert not HAN.search(text), text


def test_link_restores_every_widget():
    settings = {"ls_view": "overview", "ls_seq_len": 37, "ls_samples": 9, "ls_grid": 45}
    first, second = roundtrip(PAGE, settings)
    for key, value in settings.items():
        assert second.get_by_key(key).value == value
    assert figures(first)[0]["data"][0]["z"] == figures(second)[0]["data"][0]["z"]


def test_bad_url_values_fall_back_to_defaults():
    at = open_page(PAGE, query={"ls_seq_len": "lots", "ls_grid": "1e9", "ls_view": "<b>"})
    assert at.get_by_key("ls_seq_len").value == 10
    assert at.get_by_key("ls_grid").value == 200  # clamped to the slider's maximum
    assert at.get_by_key("ls_view").value == "both"
    said = " ".join(w.value for w in at.warning)
    assert "ls_seq_len" in said and "(lots)" in said and "ls_view" in said
    assert "ls_grid" not in said  # clamped, not refused


def test_download_is_the_surface_as_csv():
    at = open_page(PAGE)  # the download store lives only until the next AppTest run
    rows = list(csv.DictReader(io.StringIO(download_bytes(at).decode())))
    assert len(rows) == 70 * 70
    X, t = linear_rnn.counting_data()
    for row in rows[::97]:
        expected = linear_rnn.loss(X, t, float(row["w_x"]), float(row["w_rec"]))
        assert float(row["xi"]) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert not any(np.isnan(float(row["xi"])) for row in rows)
