"""AppTest of the Loss surface page: what a student sees, at defaults and at every extreme."""

import csv
import io
import json

import numpy as np
import pytest

from explorer.cells import linear_rnn
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
from tests.apptest_helpers import charts as page_charts

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
    sizes = [len(spec.encode()) for spec in chart_specs(default_page)]
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
    assert not has_nonfinite_literal(chart_specs(at)[0])


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
    # clamped to the slider's end, and the page says so (issue 28: not silently)
    assert "“ls_grid” (1e9)" in said and "using 200 instead" in said


def test_download_is_the_surface_as_csv():
    at = open_page(PAGE)  # the download store lives only until the next AppTest run
    rows = list(csv.DictReader(io.StringIO(download_bytes(at).decode())))
    assert len(rows) == 70 * 70
    X, t = linear_rnn.counting_data()
    for row in rows[::97]:
        expected = linear_rnn.loss(X, t, float(row["w_x"]), float(row["w_rec"]))
        assert float(row["xi"]) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert not any(np.isnan(float(row["xi"])) for row in rows)


# --- the tooltip, the cross-section's in-chart w_x slider (issue "Charts that talk back") -------


def _extra(template: str) -> str:
    """What a hovertemplate shows beside the box (the trace name by default)."""
    if "<extra>" not in template:
        return "%{fullData.name}"
    return template.split("<extra>", 1)[1].split("</extra>", 1)[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tooltips_name_only_what_the_point_is(lang):
    """No helper trace ("hover") shows in a tooltip: every hovered trace names something real."""
    at = open_page(PAGE, query={"lang": lang, "ls_3d": 1, "ls_seq_len": 60})
    for fig in figures(at):
        for trace in fig["data"]:
            if trace.get("hoverinfo") == "skip":
                continue
            shown = _extra(trace.get("hovertemplate", "<extra>%{fullData.name}</extra>"))
            if shown == "%{fullData.name}":
                shown = trace.get("name", "")
            assert shown.strip().lower() not in ("hover", "悬停"), trace.get("name")


def _cross(at):
    return next(f for f in figures(at) if f["layout"].get("sliders"))


def test_cross_section_w_x_is_an_in_chart_slider():
    at = open_page(PAGE)
    fig = _cross(at)
    steps = fig["layout"]["sliders"][0]["steps"]
    labels = [s["label"] for s in steps]
    assert len(labels) == len(fig["frames"]) == 121
    assert labels[0] == "-3.00" and labels[-1] == "3.00" and "0.00" in labels
    assert fig["layout"]["sliders"][0]["active"] == labels.index("1.00")  # ls_cut_wx = 1
    assert steps[0]["args"][1]["frame"]["redraw"] is False  # drawn by the browser while dragged
    header = json.loads(page_charts(at)[1].proto.bytes.split(b"\n", 1)[0])
    assert header["key"] == "ls_cross_chart" and header["events"] == ["slider"]
    # a frame is log10 ξ along w_rec at its w_x
    frame = next(f for f in fig["frames"] if f["name"] == "2.00")
    y = _decode(frame["data"][0]["y"])
    w_rec = np.linspace(-3.0, 3.0, len(y))
    X, t = linear_rnn.counting_data()
    for i in (0, 100, 150, 250):
        xi = linear_rnn.loss(X, t, 2.0, float(w_rec[i]))
        assert y[i] == pytest.approx(np.log10(max(xi, 1e-3)), abs=1e-4)


def test_cross_section_follows_ls_cut_wx_from_the_link():
    at = open_page(PAGE, query={"ls_cut_wx": 2})
    fig = _cross(at)
    labels = [s["label"] for s in fig["layout"]["sliders"][0]["steps"]]
    assert fig["layout"]["sliders"][0]["active"] == labels.index("2.00")
    shown = _decode(fig["data"][0]["y"])
    frame = _decode(fig["frames"][labels.index("2.00")]["data"][0]["y"])
    np.testing.assert_allclose(shown, frame, rtol=1e-6)
    caption = " ".join(c.value for c in at.caption)
    assert "At w_x = 2.00 the cross-section is lowest at w_rec = " in caption


def test_heatmap_zoom_is_kept_by_constraining_the_domain(default_page):
    """Square cells come from shrinking the plot area (constrain="domain"): Plotly writing a
    widened range back into the layout made the next figure's range differ, dropping a zoom."""
    layout = figures(default_page)[0]["layout"]
    for axis in ("xaxis", "yaxis", "xaxis2", "yaxis2"):
        assert layout[axis]["constrain"] == "domain"


def _decode(spec):
    import base64

    if isinstance(spec, dict):
        return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
    return np.asarray(spec, dtype=float)
