"""AppTest of the Gate inspector: the tutorial's memory cell on screen, uploads, models, extremes."""

import base64
import io
import json

import numpy as np
import pytest

from explorer.cells import cell_params, lstm
from explorer.inputs import data, weights
from tests.apptest_helpers import (
    HAN,
    assert_ok,
    chart_specs,
    download_bytes,
    exercise_widgets,
    figures,
    has_nonfinite_literal,
    open_page,
    roundtrip,
    texts,
)
from tests.jobs_helpers import wait_for_jobs

PAGE = "pages/gates.py"
MB = 1024 * 1024


def _decode(spec) -> np.ndarray:
    if isinstance(spec, dict):
        array = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
        shape = [int(n) for n in str(spec.get("shape", len(array))).split(",")]
        return array.reshape(shape)
    return np.asarray(spec, dtype=float)


def _heatmap_panels(fig: dict) -> dict:
    """Panel title → z (rows × steps) of a gate-heatmap figure."""
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    return {title: _decode(trace["z"]) for title, trace in zip(titles, fig["data"], strict=False)}


def _charts(at) -> dict:
    """Chart title → spec."""
    return {f["layout"]["title"]["text"]: f for f in figures(at)}


def _upload(at, key: str, name: str, raw: bytes):
    at.file_uploader(key=key).set_value((name, raw, "application/octet-stream"))
    at.run()
    assert_ok(at, f"upload {name}")
    return at


def _check_page(at, key=None, value=None):
    """After any change: no error box, every chart ≤ 1 MB with no NaN/Infinity literals."""
    assert not at.error, f"{key}={value!r}: {[e.value for e in at.error]}"
    for spec in chart_specs(at):
        assert len(spec.encode()) <= MB, f"{key}={value!r}: chart over 1 MB"
        assert not has_nonfinite_literal(spec)


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_default_is_the_seeds_memory_cell(default_page):
    at = default_page
    charts = _charts(at)
    heat = charts["LSTM: gates over time (units × steps)"]
    panels = _heatmap_panels(heat)
    assert list(panels) == [
        "input x", "input gate i", "forget gate f", "candidate g", "output gate o",
        "memory cell c", "hidden state h",
    ]  # fmt: skip
    np.testing.assert_array_equal(panels["input x"].T, lstm.HAND_WIRED_INPUTS)
    # The lecture's weights (gain 1): the memory rounds to the tutorial's 3, 7, 7, 7, 0, 6, 6.
    np.testing.assert_array_equal(np.round(panels["memory cell c"][0]), lstm.HAND_WIRED_MEMORY)
    np.testing.assert_array_equal(np.round(panels["hidden state h"][0]), lstm.HAND_WIRED_OUTPUT)
    assert heat["data"][0]["x0"] == 1 and heat["data"][0]["texttemplate"]  # values in the cells
    assert "LSTM: unit 1 at step 1" in charts and "LSTM: unit 1 over time" in charts
    table = " ".join(texts(at))
    assert "Memory c: 3, 7, 6.99977" in table  # σ(10) = 0.99995: the gates leak a little
    assert any("forget gate f = " in text for text in texts(at))  # the guide quotes numbers
    _check_page(at)


def test_sharp_gates_give_the_seeds_numbers_exactly():
    at = open_page(PAGE, query={"gt_gain": 10})
    panels = _heatmap_panels(_charts(at)["LSTM: gates over time (units × steps)"])
    np.testing.assert_array_equal(panels["memory cell c"][0], lstm.HAND_WIRED_MEMORY)
    np.testing.assert_allclose(panels["hidden state h"][0], lstm.HAND_WIRED_OUTPUT, atol=1e-30)
    assert "Memory c: 3, 7, 7, 7, 0, 6, 6" in " ".join(texts(at))


def test_every_widget_at_its_extremes_hand_wired(default_page):
    runs = exercise_widgets(default_page, check=_check_page)
    assert runs >= 15


def test_every_widget_at_its_extremes_random_models():
    at = open_page(PAGE, query={"gt_source": "bits", "gt_model": "random", "gt_arch": "both"})
    assert len(_charts(at)) == 6  # LSTM and GRU side by side (200 steps fit one window)
    skip = ("gt_source", "gt_model", "gt_window", "gt_step")  # exercised on the hand-wired page
    runs = exercise_widgets(at, skip=skip, check=_check_page)
    assert runs >= 16


def test_trained_models_switch_and_extremes():
    at = wait_for_jobs(
        open_page(PAGE, query={"gt_source": "sine", "gt_length": 60, "gt_model": "trained"})
    )
    assert any("Trained LSTM" in c.value for c in at.caption)
    exercise_widgets(
        at, skip=("gt_source", "gt_model", "gt_length", "gt_window", "gt_step"), check=_check_page
    )
    for model in ("hand", "random", "file", "trained"):  # switch models back and forth
        wait_for_jobs(at.get_by_key("gt_model").set_value(model).run())
        assert_ok(at, model)
        assert figures(at)


def test_upload_good_and_bad_files():
    at = open_page(PAGE, query={"gt_source": "upload", "gt_model": "random", "gt_hidden": 4})
    rows = "t,a,b\n" + "\n".join(f"{k},{np.sin(k / 5):.6f},{k % 2}" for k in range(50))
    _upload(at, "gt_file", "wave.csv", rows.encode())
    _check_page(at)
    assert any("50 steps × 3 features" in c.value for c in at.caption)
    panels = _heatmap_panels(_charts(at)["LSTM: gates over time (units × steps)"])
    assert panels["input x"].shape == (3, 50) and panels["memory cell c"].shape == (4, 50)
    np.testing.assert_allclose(panels["input x"][0], np.arange(50))

    _upload(at, "gt_file", "broken.csv", b"a,b\n1,2\n3,oops\n")
    assert [e.value for e in at.error] == [
        "This sequence cannot be used: Row 3, column 2: “oops” is not a number."
    ]
    assert not figures(at)
    _upload(at, "gt_file", "obj.npy", _npy_object())
    assert "never unpickled" in at.error[0].value

    zh = open_page(PAGE, query={"lang": "zh", "gt_source": "upload", "gt_model": "random"})
    _upload(zh, "gt_file", "ragged.csv", b"1,2\n3,4\n5\n")
    assert zh.error[0].value == "无法使用这个序列：第 3 行有 1 个值，而第一行有 2 个。"


def _npy_object() -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    return buffer.getvalue()


def test_weights_download_and_upload_again():
    query = {"gt_source": "bits", "gt_model": "random", "gt_hidden": 3, "gt_seed": 5}
    at = open_page(PAGE, query=query)
    labels = [b.proto.label for b in at.get("download_button")]
    raw = download_bytes(at, labels.index("Download weights (.npz) · LSTM"))
    kind, params = weights.parse_weights(raw)
    expected = cell_params.random_params("lstm", 1, 3, seed=5)
    assert kind == "lstm"
    np.testing.assert_array_equal(params["weight_hh_l0"], expected["weight_hh_l0"])
    before = _heatmap_panels(_charts(at)["LSTM: gates over time (units × steps)"])

    at.get_by_key("gt_model").set_value("file").run()
    _upload(at, "gt_weights", "gates_lstm_weights.npz", raw)
    _check_page(at)
    after = _heatmap_panels(_charts(at)["LSTM: gates over time (units × steps)"])
    for name in before:
        np.testing.assert_array_equal(after[name], before[name])

    _upload(at, "gt_weights", "bad.npz", b"not an npz")
    assert "not a readable .npz" in at.error[0].value
    wide = weights.weights_bytes(cell_params.random_params("gru", 4, 2))
    _upload(at, "gt_weights", "wide.npz", wide)
    assert "expect 4 input features but the sequence has 1" in at.error[0].value


def test_chinese_and_english():
    zh = open_page(PAGE, query={"lang": "zh", "gt_model": "random", "gt_arch": "both"})
    for kind in ("title", "subheader"):
        assert all(HAN.search(e.value) for e in zh.get(kind)), kind
    labels = [w.label for w in zh.radio if w.key != "lang"] + [w.label for w in zh.slider]
    assert labels and all(HAN.search(label) for label in labels)
    assert all(HAN.search(c.value) for c in zh.caption)
    spec = json.dumps(figures(zh), ensure_ascii=False)
    assert "遗忘门" in spec and "输出门" in spec and "更新门" in spec
    en = open_page(PAGE, query={"lang": "en", "gt_model": "random", "gt_arch": "both"})
    assert not any(HAN.search(text) for text in texts(en))
    assert not HAN.search(json.dumps(figures(en), ensure_ascii=False))


def test_url_round_trip():
    settings = {
        "gt_source": "bits",
        "gt_model": "random",
        "gt_arch": "gru",
        "gt_hidden": 5,
        "gt_fbias": 2.0,
        "gt_window": (3, 40),
        "gt_unit": 2,
        "gt_step": 10,
    }
    first, second = roundtrip(PAGE, settings)
    for key, value in settings.items():
        assert second.get_by_key(key).value == first.get_by_key(key).value == value, key
    assert figures(first) == figures(second)
    heat = _charts(second)["GRU: gates over time (units × steps)"]
    assert heat["data"][0]["x0"] == 3 and _decode(heat["data"][1]["z"]).shape == (5, 38)


def test_csv_download_parses_back():
    at = open_page(PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    raw = download_bytes(at, labels.index("Download data (CSV)"))
    table = np.genfromtxt(io.BytesIO(raw), delimiter=",", names=True)
    x = np.array(lstm.HAND_WIRED_INPUTS, dtype=float)
    ours = lstm.lstm_forward(
        x, lstm.hand_wired_params(1.0), cell_act="identity", out_act="identity"
    )
    np.testing.assert_array_equal(table["t"], np.arange(1, 8))
    np.testing.assert_array_equal(table["x2"], x[:, 1])
    np.testing.assert_array_equal(table["lstm_c1"], ours["c"][:, 0])  # full precision
    np.testing.assert_array_equal(table["lstm_f1"], ours["f"][:, 0])


def test_long_upload_stays_small():
    steps = data.MAX_STEPS
    x = np.column_stack([np.sin(np.arange(steps) / 50), np.arange(steps) % 3])
    raw = "\n".join(f"{a:.5f},{b:g}" for a, b in x).encode()
    at = open_page(PAGE, query={"gt_source": "upload", "gt_model": "random", "gt_hidden": 32})
    _upload(at, "gt_file", "long.csv", raw)
    _check_page(at)
    charts = _charts(at)
    heat = charts["LSTM: gates over time (units × steps)"]
    assert _decode(heat["data"][1]["z"]).shape == (32, 500)  # the window, at full detail
    overview = next(f for title, f in charts.items() if title.startswith("Whole sequence"))
    assert len(_decode(overview["data"][0]["x"])) <= 1500
    at.get_by_key("gt_window").set_value((99_000, 100_000)).run()  # a wide pan is clipped
    assert_ok(at, "window")
    assert at.get_by_key("gt_window").value == (99_000, 99_499)
    heat = _charts(at)["LSTM: gates over time (units × steps)"]
    assert heat["data"][0]["x0"] == 99_000


def test_text_and_pasted_sequences():
    at = open_page(PAGE, query={"gt_source": "text", "gt_model": "random"})
    at.text_input(key="gt_text").set_value("hello").run()
    assert any("5 steps × 4 features" in c.value for c in at.caption)
    panels = _heatmap_panels(_charts(at)["LSTM: gates over time (units × steps)"])
    np.testing.assert_array_equal(panels["input x"].argmax(axis=0), [1, 0, 2, 2, 3])  # e h l o
    at.text_input(key="gt_text").set_value("a").run()
    assert "a recurrent network needs at least 2" in at.error[0].value
    at.text_input(key="gt_text").set_value("".join(chr(0x41 + k) for k in range(70))).run()
    assert "70 features" in at.error[0].value and not figures(at)

    at.get_by_key("gt_source").set_value("paste").run()
    at.text_area(key="gt_paste").set_value("1 2\n3 4\n5 x\n").run()
    assert "Row 3, column 2" in at.error[0].value
    at.text_area(key="gt_paste").set_value("1 0 0\n2 1 0\n").run()
    _check_page(at)
    assert any("2 steps × 3 features" in c.value for c in at.caption)


def test_torch_is_imported_only_for_training():
    import subprocess
    import sys

    from tests.apptest_helpers import ROOT

    code = (
        "import sys; from tests.apptest_helpers import charts, open_page; "
        "at = open_page('pages/gates.py', query={'gt_model': 'random', 'gt_arch': 'both'}); "
        "assert charts(at) and 'torch' not in sys.modules, 'torch imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)


def test_an_empty_text_is_an_error_not_a_crash():
    at = open_page(PAGE, query={"gt_source": "text"})
    for model in ("random", "file", "trained", "hand"):
        at.get_by_key("gt_model").set_value(model).run()
        at.text_input(key="gt_text").set_value("").run()
        assert_ok(at, model)
        assert "0 step(s)" in at.error[0].value and not figures(at)
        at.text_input(key="gt_text").set_value("abcabc").run()
        _check_page(at)


def test_hand_wired_weights_keep_their_linear_cell_when_uploaded_again():
    at = open_page(PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    raw = download_bytes(at, labels.index("Download weights (.npz) · LSTM"))
    before = _heatmap_panels(_charts(at)["LSTM: gates over time (units × steps)"])
    at.get_by_key("gt_model").set_value("file").run()
    _upload(at, "gt_weights", "hand.npz", raw)
    _check_page(at)
    after = _heatmap_panels(_charts(at)["LSTM: gates over time (units × steps)"])
    np.testing.assert_array_equal(after["memory cell c"], before["memory cell c"])
    np.testing.assert_array_equal(np.round(after["memory cell c"][0]), lstm.HAND_WIRED_MEMORY)
