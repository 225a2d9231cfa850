"""explorer.inputs.data.parse_sequence: every format, every refusal (with its row/column), fuzzing."""

import io
import json
import pickle

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from explorer import i18n
from explorer.cells.cell_params import random_params
from explorer.errors import InputError
from explorer.inputs.data import (
    MAX_BYTES,
    MAX_FEATURES,
    MAX_STEPS,
    bits_sequence,
    digest,
    one_hot_text,
    parse_sequence,
)
from explorer.inputs.weights import parse_weights, weights_bytes
from tests.apptest_helpers import HAN

EXPECTED = np.array([[1.0, 2.5], [3.0, -4.0], [5e-3, 6.0]])


def _npy(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (b"1,2.5\n3,-4\n0.005,6\n", "a.csv"),
        (b"a,b\n1,2.5\n3,-4\n0.005,6\n", "a.csv"),  # header
        (b"\xef\xbb\xbfa;b\r\n1;2.5\r\n3;-4\r\n5e-3;6\r\n", "excel.csv"),  # BOM, CRLF, semicolons
        (b"x\ty\n1\t2.5\n3\t-4\n0.005\t6\n", "a.tsv"),
        (b"# comment\n1   2.5\n\n3 -4\n0.005    6\n", "a.txt"),  # comments, blank lines
        (b'"x","y"\n"1","2.5"\n3,-4\n0.005,6\n', "quoted.csv"),
        (b"[[1, 2.5], [3, -4], [0.005, 6]]", "a.json"),
        (b"  [[1, 2.5],\n [3, -4], [5e-3, 6]]", "noext"),
    ],
)
def test_text_and_json_formats(raw, name):
    np.testing.assert_array_equal(parse_sequence(raw, name), EXPECTED)


def test_single_column_forms():
    np.testing.assert_array_equal(
        parse_sequence(b"0110100", "bits.txt")[:, 0], [0, 1, 1, 0, 1, 0, 0]
    )
    np.testing.assert_array_equal(parse_sequence(b"[1, 2, 3.5]", "a.json")[:, 0], [1, 2, 3.5])
    np.testing.assert_array_equal(parse_sequence(b"1 2 3 4", "p.txt")[:, 0], [1, 2, 3, 4])
    np.testing.assert_array_equal(parse_sequence(b"1,2,3", "p.csv")[:, 0], [1, 2, 3])
    np.testing.assert_array_equal(parse_sequence(b"v\n1\n2\n", "p.csv")[:, 0], [1, 2])
    out = parse_sequence(b"1\n0\n1\n", "col.txt")
    assert out.shape == (3, 1) and out.dtype == np.float64


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64, np.uint8, np.bool_])
def test_npy(dtype):
    array = (np.arange(12).reshape(6, 2) % 3).astype(dtype)
    out = parse_sequence(_npy(array), "a.npy")
    np.testing.assert_array_equal(out, array.astype(np.float64))
    assert out.dtype == np.float64
    np.testing.assert_array_equal(parse_sequence(_npy(array[:, 0]), "b.npy")[:, 0], array[:, 0])
    fortran = np.asfortranarray(np.arange(10.0).reshape(5, 2))
    np.testing.assert_array_equal(parse_sequence(_npy(fortran), "f.npy"), fortran)


def _refused(raw, name="x.csv") -> InputError:
    with pytest.raises(InputError) as info:
        parse_sequence(raw, name)
    err = info.value
    assert isinstance(err, ValueError)
    assert str(err) == i18n.t(err.key, "en", **err.values)
    assert not HAN.search(str(err)) and HAN.search(err.message("zh"))
    return err


@pytest.mark.parametrize(
    ("raw", "name", "key", "values"),
    [
        (b"", "a.csv", "empty", {}),
        (b"  \n\n", "a.csv", "empty", {}),
        (b"# only a comment\n", "a.csv", "empty", {}),
        (b"a,b\n", "a.csv", "only_header", {}),
        (b"1,2\n3,4\n5\n", "a.csv", "ragged", {"row": 3, "found": 1, "expected": 2}),
        (b"1,2\n3,4,5\n", "a.csv", "ragged", {"row": 2, "found": 3, "expected": 2}),
        (b"1,2\n3,x\n", "a.csv", "not_number", {"row": 2, "col": 2, "value": "x"}),
        (b"h1,h2\n1,2\n\n3,abc\n", "a.csv", "not_number", {"row": 4, "col": 2, "value": "abc"}),
        (b"1,,2\n3,4,5\n", "a.csv", "missing", {"row": 1, "col": 2}),
        (b"1,2\nnan,4\n", "a.csv", "not_finite", {"step": 2, "col": 1, "value": "nan"}),
        (b"1 2\n3 inf\n", "a.txt", "not_finite", {"step": 2, "col": 2, "value": "inf"}),
        (b"[1, NaN]", "a.json", "not_finite", {"step": 2, "col": 1, "value": "nan"}),
        (b"[1, 2e999]", "a.json", "not_finite", {"step": 2, "col": 1, "value": "inf"}),
        (b"5", "a.txt", "too_short", {"steps": 1}),
        (b"[[1, 2]]", "a.json", "too_short", {"steps": 1}),
        (b"[1, 2", "a.json", "json_bad", {"row": 1, "col": 6}),
        (b'{"a": 1}', "a.json", "json_shape", {}),
        (b"[]", "a.json", "json_shape", {}),
        (b"[[1, 2], 3]", "a.json", "json_mixed", {"row": 2}),
        (b"[[1, 2], [3]]", "a.json", "ragged", {"row": 2, "found": 1, "expected": 2}),
        (b'[[1, "2"], [3, 4]]', "a.json", "not_number", {"row": 1, "col": 2, "value": '"2"'}),
        (b"[[true, 1], [0, 1]]", "a.json", "not_number", {"row": 1, "col": 1, "value": "true"}),
        (b"\xff\xfe1,2", "a.csv", "encoding", {"encoding": "UTF-16 LE"}),
        (b"\x80\x81\x82\x83", "a.csv", "not_text", {"offset": 1}),
        (b"0xZZ,1\n1,2\n3,4\n", "a.csv", "not_number", {"row": 1, "col": 1, "value": "0xZZ"}),
        (b"1,2\x00\n", "a.csv", "not_text", {"offset": 4}),
    ],
)
def test_refusals_name_what_and_where(raw, name, key, values):
    err = _refused(raw, name)
    assert err.key == f"gt.err.{key}"
    assert err.values == values


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"0x10,0x20\n1,2\n3,4\n", [[16, 32], [1, 2], [3, 4]]),  # was a header: 2 rows of 3
        (b"1,2\n0x1F,-0x2\n0x1.8p3,4\n", [[1, 2], [31, -2], [12, 4]]),
        (b"0x10 0x11\n0x12 0x13\n", [[16, 17], [18, 19]]),
    ],
)
def test_hexadecimal_numbers_are_numbers_never_a_header(raw, expected):
    np.testing.assert_array_equal(parse_sequence(raw, "a.csv"), expected)


TABLE = "t,x\n1,2\n3,4\n"


@pytest.mark.parametrize(
    ("raw", "key", "encoding", "zh"),
    [
        (TABLE.encode("utf-16"), "encoding", "UTF-16 LE", "文件开头的字节标明了这一点"),
        (TABLE.encode("utf-16-be"), "encoding_guess", "UTF-16 BE", "看起来是"),
        (TABLE.encode("utf-16-le"), "encoding_guess", "UTF-16 LE", "看起来是"),
        (TABLE.encode("utf-32"), "encoding", "UTF-32 LE", "文件开头的字节标明了这一点"),
        ("température,x\n1,2\n3,4\n".encode("latin-1"), "encoding_guess",
         "Windows-1252 (Latin-1)", "看起来是"),
        ("温度,湿度\n1,2\n3,4\n".encode("gbk"), "encoding_guess", "GB18030 (GBK)", "看起来是"),
    ],
)  # fmt: skip
def test_a_file_in_another_encoding_is_named_and_says_what_to_do(raw, key, encoding, zh):
    err = _refused(raw, "a.csv")
    assert err.key == f"gt.err.{key}" and err.values["encoding"] == encoding
    assert "ave it again as UTF-8" in str(err) and "CSV UTF-8" in str(err)
    message = err.message("zh")
    assert encoding in message and zh in message and "另存为 UTF-8" in message
    assert "，" in message and "：" in message and "（" in message


def test_single_line_of_three_is_three_steps_not_one():
    assert parse_sequence(b"1,2,3\n", "a.csv").shape == (3, 1)


def test_limits():
    assert _refused(b"[" + b"1," * MAX_STEPS + b"1]", "a.json").key == "gt.err.too_long"
    ok = parse_sequence(("\n".join(["1"] * MAX_STEPS)).encode(), "a.txt")
    assert ok.shape == (MAX_STEPS, 1)
    row = ",".join(["1"] * (MAX_FEATURES + 1))
    assert _refused(f"{row}\n{row}\n".encode()).values == {"features": 65, "limit": 64}
    assert parse_sequence(("\n".join([row[2:]] * 3)).encode(), "a.csv").shape == (3, 64)
    err = _refused(b"0" * (MAX_BYTES + 1), "big.txt")
    assert err.key == "gt.err.too_big" and err.values["limit"] == "5.0"
    assert _refused(b"0" * 200_001, "bits.txt").key == "gt.err.too_long"


def test_npy_refusals_never_unpickle():
    class Boom:
        def __reduce__(self):  # would run on unpickling
            return (pytest.fail, ("unpickled!",))

    assert _refused(_npy(np.array([Boom(), Boom()], dtype=object)), "o.npy").key == (
        "gt.err.npy_object"
    )
    assert _refused(pickle.dumps([1, 2, 3]), "p.npy").key == "gt.err.npy_bad"
    assert _refused(_npy(np.array(["a", "b"])), "s.npy").key == "gt.err.npy_dtype"
    assert _refused(_npy(np.zeros((2, 2), complex)), "c.npy").key == "gt.err.npy_dtype"
    assert _refused(_npy(np.zeros((2, 2, 2))), "3d.npy").values == {"ndim": 3}
    assert _refused(_npy(np.zeros(1)), "one.npy").key == "gt.err.too_short"
    assert _refused(_npy(np.zeros((3, 65))), "wide.npy").key == "gt.err.too_wide"
    assert _refused(_npy(np.array([1.0, np.nan])), "nan.npy").values["step"] == 2
    good = _npy(np.arange(10.0))
    assert _refused(good[:-8], "cut.npy").key == "gt.err.npy_bad"  # truncated data
    # A header that claims 10^12 rows must be refused before anything is allocated.
    lying = good.replace(b"(10,)", b"(1000000000000,)".ljust(5))
    assert _refused(lying, "lie.npy").key in ("gt.err.too_long", "gt.err.npy_bad")


# --- Fuzzing: random input gives a valid array or an InputError, nothing else --------------


def _valid(out):
    assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.ndim == 2
    assert 2 <= out.shape[0] <= MAX_STEPS and 1 <= out.shape[1] <= MAX_FEATURES
    assert np.all(np.isfinite(out))


def _parse_or_refuse(raw, name):
    try:
        out = parse_sequence(raw, name)
    except InputError as err:
        assert err.key in i18n.TABLE and str(err)
        return None
    _valid(out)
    return out


NAMES = st.sampled_from(["a.csv", "a.tsv", "a.txt", "a.json", "a.npy", "a.dat", ""])
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(raw=st.binary(max_size=400), name=NAMES)
def test_random_bytes(raw, name):
    _parse_or_refuse(raw, name)
    _parse_or_refuse(b"\x93NUMPY" + raw, name)


@FUZZ
@given(text=st.text(alphabet="0123456789.,;\t -+eEinfaNx#[]{}\"'\n\r", max_size=300), name=NAMES)
def test_random_numberish_text(text, name):
    _parse_or_refuse(text.encode("utf-8"), name)


@FUZZ
@given(data=st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=3),
                          lambda inner: st.lists(inner, max_size=4), max_leaves=20))  # fmt: skip
def test_random_json(data):
    _parse_or_refuse(json.dumps(data).encode(), "a.json")


@FUZZ
@given(
    array=hnp.arrays(
        dtype=st.sampled_from([np.float64, np.float32, np.int16, np.uint8, np.bool_, np.float16]),
        shape=hnp.array_shapes(min_dims=1, max_dims=3, max_side=6),
    )
)
def test_random_npy_arrays(array):
    out = _parse_or_refuse(_npy(array), "a.npy")
    if out is not None:
        np.testing.assert_array_equal(out, array.reshape(len(array), -1).astype(np.float64))


@FUZZ
@given(rows=st.lists(st.lists(st.floats(-1e6, 1e6), min_size=3, max_size=3), min_size=2, max_size=30),
       delimiter=st.sampled_from([",", "\t", ";", " ", "  "]))  # fmt: skip
def test_written_tables_read_back_exactly(rows, delimiter):
    text = "\n".join(delimiter.join(repr(v) for v in row) for row in rows)
    np.testing.assert_array_equal(parse_sequence(text.encode(), "t.txt"), np.array(rows))


# --- Built-ins and weights files ---------------------------------------------------------------


def test_builtins():
    np.testing.assert_array_equal(np.unique(bits_sequence(50, 1)), [0.0, 1.0])
    x, alphabet = one_hot_text("hello")
    assert alphabet == ["e", "h", "l", "o"]
    np.testing.assert_array_equal(x.sum(axis=1), 1.0)
    np.testing.assert_array_equal(x.argmax(axis=1), [1, 0, 2, 2, 3])
    assert digest(x) == digest(x.copy()) != digest(x[:-1])


def test_weights_roundtrip_and_refusals():
    params = random_params("lstm", 3, 4, seed=2, peephole=True)
    kind, loaded = parse_weights(weights_bytes(params))
    assert kind == "lstm" and set(loaded) == set(params)
    for key in params:
        np.testing.assert_array_equal(loaded[key], params[key])

    def refused(raw):
        with pytest.raises(InputError) as info:
            parse_weights(raw)
        return info.value.key

    assert refused(b"not a zip") == "gt.err.weights_bad"
    assert refused(weights_bytes({"weight_ih_l0": np.zeros((16, 3))})) == "gt.err.weights_missing"
    bad = dict(params, weight_hh_l0=np.zeros((15, 4)))
    assert refused(weights_bytes(bad)) == "gt.err.weights_shape"
    bad = dict(params, bias_ih_l0=np.zeros(3))
    assert refused(weights_bytes(bad)) == "gt.err.weights_shape"
    bad = dict(params, bias_hh_l0=np.full(16, np.inf))
    assert refused(weights_bytes(bad)) == "gt.err.weights_finite"
    buffer = io.BytesIO()
    np.savez(buffer, weight_ih_l0=np.array([object()], dtype=object), allow_pickle=True)
    assert refused(buffer.getvalue()) == "gt.err.weights_bad"


def test_linear_flag_in_weights():
    from explorer.cells.lstm import hand_wired_params
    from explorer.inputs.weights import LINEAR_KEY

    kind, params = parse_weights(weights_bytes(hand_wired_params() | {LINEAR_KEY: 1.0}))
    assert kind == "lstm" and params[LINEAR_KEY] == 1.0
    with pytest.raises(InputError, match=LINEAR_KEY):
        parse_weights(weights_bytes(hand_wired_params() | {LINEAR_KEY: np.ones(2)}))
    with pytest.raises(InputError, match=LINEAR_KEY):
        parse_weights(weights_bytes(random_params("gru", 2, 2) | {LINEAR_KEY: 1.0}))
