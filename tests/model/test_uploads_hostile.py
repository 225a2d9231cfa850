"""Hostile and tricky uploads: zip bombs, lying headers, huge text/JSON, header rows, delimiters,
Unicode line breaks, the size limit; one error type (InputError) for every refusal."""

from __future__ import annotations

import io
import time
import tomllib
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest

from benchmarks import bench_uploads as hostile
from explorer.cells.cell_params import random_params
from explorer.errors import InputError
from explorer.inputs import data, weights
from tests.apptest_helpers import HAN

ROOT = Path(__file__).resolve().parents[2]


def refused(raw: bytes, name: str = "a.csv") -> InputError:
    with pytest.raises(InputError) as info:
        data.parse_sequence(raw, name)
    return info.value


def refused_weights(raw: bytes) -> InputError:
    with pytest.raises(InputError) as info:
        weights.parse_weights(raw)
    return info.value


def timed(fn, *args, trace: bool = False):
    """(result or InputError, seconds, peak MB of the Python heap, numpy's buffers included, if
    `trace`: tracemalloc slows the parsers, so time and memory are not measured together)."""
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        out = fn(*args)
    except InputError as err:
        out = err
    seconds = time.perf_counter() - start
    peak = 0.0
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return out, seconds, peak


# --- 1. One error type --------------------------------------------------------------------------


def test_every_refusal_is_an_input_error_in_both_languages():
    assert not hasattr(data, "SequenceError")
    for raw, name in [(b"1,abc\n2,3\n", "a.csv"), (b"[1, 2", "a.json"), (b"\x93NUMPYx", "a.npy")]:
        err = refused(raw, name)
        assert type(err) is InputError and err.key.startswith("gt.err.")
        assert not HAN.search(str(err)) and HAN.search(err.message("zh"))
    err = refused_weights(b"not a zip")
    assert type(err) is InputError and err.key == "gt.err.weights_bad"
    # The cell text is the user's: the page's escaper gets it, our template stays as is.
    err = refused(b"1,**bold**\n2,3\n")
    assert "[**bold**]" in err.message("en", lambda v: f"[{v}]")


# --- 2. .npz: zip bombs, lying headers, junk members ------------------------------------------


def test_zip_bomb_is_refused_from_its_declared_size_without_inflating():
    raw = hostile.npz_bomb(256)  # 4 members of 64 MiB of zeros: 0.27 MB of file
    err, seconds, peak = timed(weights.parse_weights, raw, trace=True)
    assert isinstance(err, InputError) and err.key == "gt.err.weights_member"
    assert err.values["key"] == "weight_ih_l0" and "," in err.values["size"]
    assert seconds < 0.5 and peak < 5, (seconds, peak)


def test_understated_member_sizes_read_only_what_is_declared():
    """Headers and zip entries say 64-unit LSTM; each deflate stream goes on for 64 MiB."""
    (kind, params), seconds, peak = timed(
        weights.parse_weights, hostile.npz_understated(256), trace=True
    )
    assert kind == "lstm" and params["weight_hh_l0"].shape == (256, 64)
    assert not params["weight_hh_l0"].any()
    assert seconds < 0.5 and peak < 10, (seconds, peak)


def test_huge_declared_shape_is_refused_from_the_header():
    err, seconds, peak = timed(weights.parse_weights, hostile.npz_lying_shape(), trace=True)
    assert err.key == "gt.err.weights_shape" and err.values["key"] == "weight_ih_l0"
    assert "1000000000000" in err.values["shape"]
    assert seconds < 0.1 and peak < 2


def test_header_promising_more_than_the_member_holds():
    members = hostile.npz_weights()
    name, body, method, _, _ = members[1]
    body = hostile.npy_header((32, 8)) + bytes(100)  # 2,048 bytes promised, 100 there
    members[1] = (name, body, method, zlib.crc32(body), len(body))
    assert refused_weights(hostile.zip_bytes(members)).key == "gt.err.weights_bad"


def test_unknown_members_are_never_decompressed():
    raw = hostile.npz_junk(count=2_000, kib_each=256)  # 0.5 GB of zeros if inflated
    (kind, params), seconds, peak = timed(weights.parse_weights, raw, trace=True)
    assert kind == "lstm" and set(params) == set(weights.WEIGHT_KEYS)
    assert seconds < 1 and peak < 50, (seconds, peak)
    # Junk that cannot even be inflated (corrupt deflate data) is ignored just the same.
    junk = [("junk.npy", b"\xff" * 64, 8, 0, 10**9)]
    kind, _ = weights.parse_weights(hostile.zip_bytes(hostile.npz_weights() + junk))
    assert kind == "lstm"


def test_npz_written_by_numpy_still_loads():
    for kind, peephole in (("lstm", True), ("gru", False)):
        params = random_params(kind, 5, 7, seed=3, peephole=peephole)
        for save in (np.savez, np.savez_compressed):
            buffer = io.BytesIO()
            save(buffer, **params, extra=np.arange(3))
            got_kind, got = weights.parse_weights(buffer.getvalue())
            assert got_kind == kind and set(got) == set(params)
            for key, value in params.items():
                np.testing.assert_array_equal(got[key], value)
    big = random_params("lstm", 3, weights.MAX_HIDDEN, seed=1)
    assert weights.parse_weights(weights.weights_bytes(big))[1]["weight_hh_l0"].shape == (256, 64)
    too_big = random_params("lstm", 3, weights.MAX_HIDDEN + 1, seed=1)
    err = refused_weights(weights.weights_bytes(too_big))
    assert err.values == {"key": "weight_hh_l0", "shape": "(260, 65)"}


def test_npz_refusals_without_unpickling_or_other_codecs():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        for name, body, *_ in hostile.npz_weights():
            archive.writestr(name, body)
    assert refused_weights(buffer.getvalue()).key == "gt.err.weights_bad"
    buffer = io.BytesIO()
    np.savez(buffer, **random_params("lstm", 2, 2) | {"peephole_i": np.array([None, None])})
    assert refused_weights(buffer.getvalue()).key == "gt.err.weights_bad"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_zip_bomb_in_a_fresh_process_stays_small():
    """The reviewer's case: a 1 MB .npz inflating to 1 GB took 9.3 GB and 25 s."""
    outcome, seconds, peak = hostile.measure(hostile.npz_bomb(1024), "w.npz", weights=True)
    assert outcome == "refused gt.err.weights_member"
    assert seconds < 2 and peak < 200, (seconds, peak)


# --- 3. Big text and JSON stop at the limits while reading --------------------------------------


@pytest.mark.parametrize(
    ("build", "name", "key"),
    [
        (hostile.text_lines_bad_last, "a.csv", "gt.err.too_long_more"),
        (hostile.text_giant_line, "a.csv", "gt.err.too_long"),
        (hostile.json_deep, "a.json", "gt.err.json_shape"),
        (hostile.json_rows, "a.json", "gt.err.too_long"),
        (hostile.json_numbers, "a.json", "gt.err.too_long"),
        (hostile.npy_lying, "a.npy", "gt.err.npy_bad"),
        (hostile.binary_garbage, "a.csv", "gt.err.not_text"),
        (lambda: hostile.csv_table(bad_last=True), "a.csv", "gt.err.not_number"),
    ],
)
def test_5mb_hostile_sequences_are_refused_quickly(build, name, key):
    raw = build()
    assert 4.5e6 < len(raw) <= data.MAX_BYTES
    err, seconds, _ = timed(data.parse_sequence, raw, name)
    assert isinstance(err, InputError) and err.key == key
    assert seconds < 2, seconds


def test_refusal_numbers_are_exact_where_known():
    assert refused(hostile.json_numbers(), "a.json").values["steps"] == 1_000_000
    err = refused(hostile.text_giant_line(), "a.csv")
    assert err.values == {"steps": (data.MAX_BYTES - 2) // 2 + 1, "limit": data.MAX_STEPS}
    err = refused(b"1\n" * (data.MAX_STEPS + 1))
    assert err.key == "gt.err.too_long_more" and err.values == {"limit": data.MAX_STEPS}
    assert "100000" in str(err) and "100000" in err.message("zh")
    # Exactly at the limit is fine, comments and blank lines not counted.
    ok = data.parse_sequence(b"# t\n\n" + b"1\n\n" * data.MAX_STEPS, "a.txt")
    assert ok.shape == (data.MAX_STEPS, 1)


def test_largest_legal_uploads_are_accepted():
    x, seconds, _ = timed(data.parse_sequence, hostile.json_table(), "a.json")
    assert x.shape[1] == 64 and x.shape[0] > 12_000 and seconds < 2  # 5,000,000 bytes of rows
    x = data.parse_sequence(hostile.csv_table(), "a.csv")
    assert x.shape == (data.MAX_STEPS, 25)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_5mb_text_in_a_fresh_process_stays_small():
    """The reviewer's case: 5 MB of "1\\n" lines with a bad last line took 5.8 s and 750 MB."""
    outcome, seconds, peak = hostile.measure(hostile.text_lines_bad_last(), "a.csv")
    assert outcome == "refused gt.err.too_long_more"
    assert seconds < 1.5 and peak < 250, (seconds, peak)


def test_pure_functions_for_caching_refusals():
    raw = b"1,2\n3,x\n"
    first, second = data.sequence_or_error(raw, "a.csv"), data.sequence_or_error(raw, "a.csv")
    assert first[0] is None and second[0] is None
    assert (first[1].key, first[1].values) == (second[1].key, second[1].values)
    assert first[1].values == {"row": 2, "col": 2, "value": "x"}
    x, err = data.sequence_or_error(b"1,2\n3,4\n", "a.csv")
    assert err is None and x.shape == (2, 2)
    (kind, _), err = weights.weights_or_error(weights.weights_bytes(random_params("gru", 2, 3)))
    assert err is None and kind == "gru"
    assert weights.weights_or_error(b"junk")[1].key == "gt.err.weights_bad"


# --- 4. Header rows: only words; a row mixing numbers and words is an error ---------------------


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        (b"1,abc\n2,3\n", {"row": 1, "col": 2, "value": "abc"}),  # was [[2], [3]]
        (b"# c\n\nt,1\n2,3\n4,5\n", {"row": 3, "col": 1, "value": "t"}),
        (b"1,abc\n", {"row": 1, "col": 2, "value": "abc"}),  # one line: steps, still no words
        (b"a,b\n1,2\nx,3\n", {"row": 3, "col": 1, "value": "x"}),
    ],
)
def test_a_row_mixing_numbers_and_words_is_refused(raw, values):
    err = refused(raw)
    assert err.key == "gt.err.not_number" and err.values == values


def test_header_rows():
    np.testing.assert_array_equal(
        data.parse_sequence(b",x,y\n0,1,2\n1,3,4\n"), [[0, 1, 2], [1, 3, 4]]
    )
    np.testing.assert_array_equal(data.parse_sequence(b"time step\n5\n6\n", "a.txt"), [[5], [6]])
    # A header names the columns: the single row after it is one step, not a column of steps.
    assert refused(b"a,b\n1,2\n").values == {"steps": 1}
    assert refused(b",,\n1,2,3\n4,5,6\n").values == {"row": 1, "col": 1}  # no word: not a header


# --- 5. One size limit: the upload box's ----------------------------------------------------------


def test_size_limit_is_the_upload_boxs():
    """Streamlit 1.67's box refuses a file over max_upload_size × 1,000,000 bytes in the browser
    (utils.*.js: 1e3 per unit, 1024 on Windows; "File must be 5.0MB or smaller" from 5,000,001
    bytes); its server takes up to server.maxUploadSize × 1,048,576. The app refused at 5,242,881
    bytes: files of 5,000,001–5,242,880 bytes were refused by the box although the app reads them.
    Now the app's limit is the box's, and the server's is not below it."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert data.MAX_BYTES == data.MAX_UPLOAD_MB * 1_000_000 == 5_000_000
    assert config["server"]["maxUploadSize"] * 1024 * 1024 >= data.MAX_BYTES
    rows = b"0.25,1.5\n" * 1000
    raw = b"#" + b"x" * (4_999_900 - len(rows) - 2) + b"\n" + rows
    assert len(raw) == 4_999_900 and data.parse_sequence(raw).shape == (1000, 2)
    at_limit = raw + b"#" * (data.MAX_BYTES - len(raw))
    assert data.parse_sequence(at_limit).shape == (1000, 2)
    err = refused(at_limit + b"#")
    assert err.values == {
        "size": "5.1", "limit": "5.0", "bytes": "5,000,001", "limit_bytes": "5,000,000",
    }  # fmt: skip
    assert (
        str(err) == "The file is 5.1 MB (5,000,001 bytes); the limit is 5.0 MB (5,000,000 bytes)."
    )
    assert "5.1 MB" in err.message("zh") and "5,000,000" in err.message("zh")
    assert refused_weights(bytes(data.MAX_BYTES + 1)).key == "gt.err.too_big"


# --- 6. Delimiters from data lines; Unicode line breaks are line breaks -------------------------


def test_tab_in_a_comment_does_not_change_the_delimiter():
    raw = b"# exported\tby a tool\n1,2\n3,4\n"
    np.testing.assert_array_equal(data.parse_sequence(raw), [[1, 2], [3, 4]])
    raw = b"# a;b;c\n\n1 2\n3 4\n"
    np.testing.assert_array_equal(data.parse_sequence(raw, "a.txt"), [[1, 2], [3, 4]])


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1e", "\r", "\r\n"])
def test_unicode_line_breaks_are_line_breaks(brk):
    text = brk.join(["x,y", "1,2", "3,4", "5,6"])
    np.testing.assert_array_equal(data.parse_sequence(text.encode()), [[1, 2], [3, 4], [5, 6]])
    text = brk.join(["1 2", "3 4"])
    np.testing.assert_array_equal(data.parse_sequence(text.encode(), "a.txt"), [[1, 2], [3, 4]])
    # Row numbers in messages count them as an editor does (str.splitlines).
    err = refused(brk.join(["1,2", "# note", "3,oops"]).encode())
    assert err.values == {"row": 3, "col": 2, "value": "oops"}
    assert len(brk.join(["1,2", "# note", "3,oops"]).splitlines()) == 3


# --- 7. Weights a student brings from torch; weights too big for float64 --------------------------


def _savez(arrays: dict) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_a_torch_models_state_dict_with_its_lstm_prefix_is_read_and_runs_as_torch():
    import torch

    from explorer.cells import recipes as cells

    torch.manual_seed(0)
    model = torch.nn.Module()
    model.lstm = torch.nn.LSTM(3, 4)
    model.head = torch.nn.Linear(4, 1)  # head.weight, head.bias: other members, ignored
    state = {k: v.detach().double().numpy() for k, v in model.state_dict().items()}
    assert "lstm.weight_ih_l0" in state
    kind, params = weights.parse_weights(_savez(state))
    assert kind == "lstm" and sorted(params) == sorted(weights.WEIGHT_KEYS)
    x = np.random.default_rng(1).standard_normal((6, 3))
    with torch.no_grad():
        out, _ = model.lstm.double()(torch.from_numpy(x)[:, None, :])
    h = cells.run(cells.Cell("lstm", params), x)["h"]
    np.testing.assert_allclose(h, out[:, 0, :].numpy(), atol=1e-12)


def test_weights_under_two_prefixes_say_which_names_were_expected():
    params = {
        k: np.zeros(s) for k, s in zip(weights.WEIGHT_KEYS, [(8, 1), (8, 2), 8, 8], strict=True)
    }
    raw = _savez({f"{side}.{k}": v for side in ("enc", "dec") for k, v in params.items()})
    err = refused_weights(raw)
    assert err.key == "gt.err.weights_missing"
    assert "weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0" in str(err)
    assert "enc.weight_ih_l0" in str(err) and "state_dict" in str(err)
    assert "enc.weight_ih_l0" in err.message("zh") and "（" in err.message("zh")


def _pm1e308(scale: float = 1e308, seed: int = 0) -> dict:
    """An LSTM (3 inputs, 4 units) whose every weight is ±scale (the reviewer's ±1e308 file)."""
    rng = np.random.default_rng(seed)
    shapes = [(16, 3), (16, 4), (16,), (16,)]
    return {
        k: rng.choice([-scale, scale], size=s)
        for k, s in zip(weights.WEIGHT_KEYS, shapes, strict=True)
    }


def test_weights_that_overflow_float64_are_reported_with_their_gates_and_step():
    from explorer import i18n
    from explorer.cells import recipes as cells

    x = np.random.default_rng(1).standard_normal((10, 3))
    kind, loaded = weights.parse_weights(weights.weights_bytes(_pm1e308()))  # finite: accepted
    states = cells.run(cells.Cell(kind, loaded), x)
    assert not np.isfinite(states["i"]).all()  # NaN gates: inf − inf inside a pre-activation
    over = cells.overflow(states)
    rows = [np.flatnonzero(~np.isfinite(v).all(axis=1)) for v in states.values()]
    assert over is not None and over["gates"].startswith("i, f")
    assert over["step"] == 1 + min(int(r[0]) for r in rows if len(r))
    assert over["count"] == sum(int((~np.isfinite(v)).sum()) for v in states.values())
    text = i18n.t("gt.overflow", "en", model="LSTM", **over)
    assert f"infinite or NaN, from step {over['step']} on" in text
    assert f"从第 {over['step']} 步起" in i18n.t("gt.overflow", "zh", model="LSTM", **over)
    # ±1e300: the products stay far inside float64 and nothing is said
    calm = cells.run(cells.Cell("lstm", _pm1e308(1e300)), x)
    assert all(np.isfinite(v).all() for v in calm.values()) and cells.overflow(calm) is None
