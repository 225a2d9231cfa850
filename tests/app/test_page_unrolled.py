"""AppTest of the Unrolled RNN page: what a student sees, in both languages, from a link."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest

from explorer.inputs import presets
from explorer.views import unrolled as un
from tests.apptest_helpers import (
    HAN,
    assert_ok,
    chart_specs,
    download_bytes,
    exercise_widgets,
    figures,
    open_page,
    texts,
)

PAGE = "pages/unrolled.py"


def diagram(at) -> dict:
    spec = figures(at)[0]
    assert spec["layout"]["sliders"], "the diagram has a slider played by the browser"
    return spec


def node_numbers(spec: dict, symbol: str, frame: str | None = None) -> list[list[str]]:
    """The numbers shown in the nodes of row `symbol` (x, h, y …): [step][unit]."""
    traces = [t for t in spec["data"] if t["type"] == "heatmap"]
    index = next(i for i, t in enumerate(traces) if t["name"] == symbol)
    text = traces[index]["text"]
    if frame is not None:
        chosen = next(f for f in spec["frames"] if f["name"] == frame)
        text = chosen["data"][index]["text"]
    return [list(column) for column in zip(*text, strict=True)]  # units × steps → steps × units


def finished(at, timeout: float = 90):
    """A view that takes seconds is computed in the shared pool (`ui.jobs`) while the page shows
    its progress: run the page again until the progress bar has gone."""
    deadline = time.monotonic() + timeout
    while at.get("progress") and time.monotonic() < deadline:
        time.sleep(0.25)
        at.run()
        assert_ok(at, "waiting for the sweep")
    return at


def set_value(at, kind: str, key: str, value):
    getattr(at, kind)(key=key).set_value(value)
    at.run()
    assert_ok(at, f"{key}={value!r}")


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_default_view_is_the_seeds_worked_example(default_page):
    at = default_page
    spec = diagram(at)
    assert len(spec["frames"]) >= 20
    slider = spec["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"] == "1.00"  # α = 1: every weight 1
    assert node_numbers(spec, "h") == [["0", "0"], ["2", "2"], ["6", "6"], ["16", "16"]]
    assert node_numbers(spec, "y") == [["4", "4"], ["12", "12"], ["32", "32"]]
    assert node_numbers(spec, "x") == [["1", "1"], ["1", "1"], ["2", "2"]]
    # dragging to α = 0.5 changes the numbers in the browser: h_2 = 2 + 0.5·(2+2) = 4
    assert node_numbers(spec, "h", "0.50")[2] == ["4", "4"]
    assert node_numbers(spec, "h", "0.00")[3] == ["4", "4"]  # no memory: h_3 = 2 + 2
    arrows = [a for a in spec["layout"]["annotations"] if a.get("showarrow")]
    assert len(arrows) == 9  # 3 × (x→h, h→h, h→y)
    labels = " ".join(" ".join(t.get("text", [])) for t in spec["data"] if t["type"] == "scatter")
    for name in ("W<sub>xh</sub>", "W<sub>hh</sub>", "W<sub>hy</sub>"):
        assert name in labels
    notice = " ".join(texts(at))
    assert "(16, 16)" in notice and "(32, 32)" in notice  # the guide quotes the numbers
    assert "NaN" not in json.dumps(figures(at))


def test_default_payload_is_small(default_page):
    sizes = [len(spec.encode("utf-8")) for spec in chart_specs(default_page)]
    assert len(sizes) == 3
    assert sum(sizes) <= 300_000, sizes


def test_backward_shows_gradients_and_step_factor():
    at = open_page(PAGE, {"un_preset": "counting", "un_backward": 1, "un_scale": 1.5})
    spec = diagram(at)
    assert "∂L" in spec["layout"]["title"]["text"]
    h = [float(v[0]) for v in node_numbers(spec, "h")]
    assert h[-1] == 1.0 and h[-2] == 1.5 and h[0] == pytest.approx(1.5**10, rel=1e-2)
    factors = [t for t in spec["data"] if t["type"] == "scatter" and "×1.5" in t.get("text", [])]
    assert factors, "the per-step factor w_rec = 1.5 is written on the recurrent arrows"
    at.toggle(key="un_backward").set_value(False).run()
    assert "∂L" not in diagram(at)["layout"]["title"]["text"]


@pytest.mark.parametrize("preset", presets.PRESETS)
def test_every_preset_and_architecture(preset):
    at = open_page(PAGE, {"un_preset": preset, "un_backward": 1})
    for arch in un.ARCHS:
        set_value(at, "selectbox", "un_arch", arch)
        spec = diagram(at)
        assert len(spec["frames"]) >= 20, arch
        heatmaps = [t for t in spec["data"] if t["type"] == "heatmap"]
        assert len(heatmaps) >= 3, arch
        assert "NaN" not in json.dumps(spec), arch
        assert len(figures(at)) == 3


def test_every_widget_at_its_extremes(default_page):
    at = open_page(PAGE)
    assert exercise_widgets(at) >= 15


def test_hidden_widgets_at_their_extremes():
    """The widgets that only appear for a random RNN, a random input, an encoder–decoder,
    the backward pass and clipping."""
    query = {
        "un_preset": "random",
        "un_source": "random",
        "un_arch": "enc_dec_input",
        "un_backward": 1,
        "un_clip": 1,
        "un_steps": 30,
    }
    at = open_page(PAGE, query)
    keys = {w.key for w in at.get("slider")} | {w.key for w in at.get("selectbox")}
    assert {"un_hidden", "un_steps", "un_dec_steps", "un_theta", "un_act", "un_start"} <= keys
    skip = ("un_preset", "un_arch", "un_source", "un_init", "un_flow_act")  # done elsewhere
    assert exercise_widgets(at, skip=skip) >= 15


def test_largest_view_64_units_500_steps():
    query = {"un_preset": "random", "un_source": "random", "un_steps": 500, "un_hidden": 64}
    at = finished(open_page(PAGE, query))
    spec = diagram(at)
    x_steps = len(node_numbers(spec, "x"))
    assert x_steps <= 12  # the diagram shows a window …
    states = figures(at)[1]["data"][0]
    assert len(states["x"]) == 500 and len(states["y"]) == 64  # … the heatmap everything
    assert isinstance(states["z"], dict) and states["z"]["dtype"] == "f4"  # float32, base64
    set_value(at, "slider", "un_start", 489)
    assert node_numbers(diagram(finished(at)), "x") and not at.error


def test_typed_sequence_and_bad_text():
    at = open_page(PAGE, {"un_preset": "counting", "un_source": "typed"})
    set_value(at, "text_area", "un_text", "1,0,1,1")
    assert [v[0] for v in node_numbers(diagram(at), "h")] == ["0", "1", "1", "2", "3"]
    set_value(at, "text_area", "un_text", "1, x, 2")
    assert at.error and "“x”" in at.error[0].value
    assert len(figures(at)) == 3  # the page still works, on the preset sequence
    zh = open_page(PAGE, {"un_source": "typed", "un_text": "1 2 3\n4", "lang": "zh"})
    assert zh.error and HAN.search(zh.error[0].value)
    assert "第 1 行" in zh.error[0].value


def _headline_texts(at) -> list[str]:
    out = [str(e.value) for kind in ("title", "subheader", "caption") for e in at.get(kind)]
    for kind in ("slider", "selectbox", "radio", "toggle", "number_input"):
        out += [w.label for w in at.get(kind) if w.key and w.key.startswith("un_")]
    return out


def test_chinese_everywhere_and_no_chinese_in_english():
    zh = open_page(PAGE, {"lang": "zh", "un_backward": 1, "un_clip": 1})
    items = _headline_texts(zh)
    assert len(items) > 20
    missing = [text for text in items if not HAN.search(text)]
    assert not missing, missing
    for spec in figures(zh):
        assert HAN.search(spec["layout"]["title"]["text"])
    en = open_page(PAGE, {"lang": "en", "un_backward": 1, "un_clip": 1})
    chinese = [text for text in texts(en) if HAN.search(text)]
    assert not chinese, chinese
    for spec in figures(en):
        assert not HAN.search(json.dumps(spec, ensure_ascii=False))


def test_link_restores_the_view():
    at = open_page(PAGE)
    set_value(at, "radio", "un_preset", "counting")
    set_value(at, "selectbox", "un_arch", "jordan")
    set_value(at, "number_input", "un_scale", 0.5)
    set_value(at, "toggle", "un_backward", True)
    set_value(at, "radio", "un_loss", "every")
    set_value(at, "number_input", "un_rho", 0.9)
    set_value(at, "toggle", "un_clip", True)
    set_value(at, "slider", "un_theta", 2.5)
    query = at.query_params.to_dict() if hasattr(at.query_params, "to_dict") else at.query_params
    query = {k: (v[0] if isinstance(v, list) else v) for k, v in dict(query).items()}
    assert query["un_arch"] == "jordan" and query["un_backward"] == "1"
    fresh = open_page(PAGE, query)
    for kind, key in [
        ("radio", "un_preset"),
        ("selectbox", "un_arch"),
        ("number_input", "un_scale"),
        ("toggle", "un_backward"),
        ("radio", "un_loss"),
        ("number_input", "un_rho"),
        ("toggle", "un_clip"),
        ("slider", "un_theta"),
    ]:
        assert getattr(fresh, kind)(key=key).value == getattr(at, kind)(key=key).value, key
    assert figures(fresh) == figures(at)


def test_download_buttons_and_their_csv_parse_back():
    at = open_page(PAGE, {"un_backward": 1})
    keys = [b.proto.id for b in at.get("download_button")]
    assert any("un_download" in k for k in keys) and any("un_flow_download" in k for k in keys)
    rows = list(csv.DictReader(io.StringIO(download_bytes(at, 0).decode("utf-8"))))
    assert [r["t"] for r in rows] == ["1", "2", "3"]
    assert [float(r["h1"]) for r in rows] == [2.0, 6.0, 16.0]  # the tutorial's memories
    assert [float(r["dL_dh1"]) for r in rows] == [8.0, 4.0, 2.0]  # ×2 per step back
    flow = list(csv.DictReader(io.StringIO(download_bytes(at, 1).decode("utf-8"))))
    assert len(flow) == 101 and float(flow[-1]["norm_rho_1.2_yours"]) == pytest.approx(
        1.0, rel=1e-15
    )


def test_every_string_has_both_languages():
    from explorer import i18n

    keys = [key for key in i18n.TABLE if key.startswith("un.")]
    assert len(keys) > 80
    for key in keys:
        english, chinese = i18n.TABLE[key]
        assert english.strip() and chinese.strip(), key
        assert not HAN.search(english), key
        assert HAN.search(chinese) or chinese == english, key  # names such as tanh stay


def test_overflowing_typed_numbers_show_infinity_not_nan():
    query = {"un_source": "typed", "un_text": "1e307; -1e307 1e307; 1e307", "un_scale": -2}
    at = open_page(PAGE, query)
    spec = diagram(at)
    shown = json.dumps(figures(at), ensure_ascii=False)
    assert "NaN" not in shown and "Infinity" not in shown
    assert any("∞" in v for step in node_numbers(spec, "y") for v in step)
    at.toggle(key="un_backward").set_value(True).run()
    assert_ok(at, "backward on overflow")
    assert "NaN" not in json.dumps(figures(at))


def test_gradient_flow_chart_marks_the_boundary_and_clipping(default_page):
    spec = figures(default_page)[2]
    assert spec["layout"]["yaxis"]["type"] == "log"
    assert len(spec["frames"]) >= 20  # ρ is dragged in the browser too
    assert (
        spec["layout"]["sliders"][0]["steps"][spec["layout"]["sliders"][0]["active"]]["label"]
        == "1.20"
    )
    names = [t["name"] for t in spec["data"]]
    assert any("boundary" in n for n in names) and any(n.startswith("your ρ") for n in names)
    boundary = next(t for t in spec["data"] if "boundary" in t["name"])
    assert boundary["line"]["dash"] == "dash"
    at = open_page(PAGE, {"un_rho": 1.5, "un_flow_act": "identity", "un_clip": 1, "un_theta": 2})
    spec = figures(at)[2]
    assert any(shape.get("y0") == 2 for shape in spec["layout"]["shapes"])  # the θ line
    unclipped = next(t for t in spec["data"] if "without clipping" in t["name"])
    guide = " ".join(texts(at))
    assert "θ = 2" in guide and "4.07e+17" in guide  # 1.5^100, cut to θ by clipping
    assert unclipped["line"]["dash"] == "dot"


def test_a_shorter_sequence_keeps_the_window_inside_it():
    """The window's first step, left at 489 by a 500-step sequence, follows the sequence down to
    30 steps (its last window starts at step 19): the slider, the diagram and the link agree;
    a link that asks for it on a short sequence is kept inside the same way."""
    query = {"un_preset": "random", "un_source": "random", "un_steps": 500, "un_hidden": 4}
    at = finished(open_page(PAGE, query))
    set_value(at, "slider", "un_start", 489)
    set_value(at, "slider", "un_steps", 30)
    last = 30 - 12 + 1
    assert at.slider(key="un_start").value == last and at.slider(key="un_start").max == last
    assert at.query_params["un_start"] == str(last)
    assert node_numbers(diagram(at), "x")  # the window's steps are drawn
    assert "Showing steps 18 to 30 of 30" in " ".join(texts(at))
    fresh = open_page(PAGE, {**query, "un_steps": 30, "un_start": 489})
    assert fresh.slider(key="un_start").value == last and not fresh.exception
