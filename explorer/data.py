"""Sequences for the gate inspector: built-in examples, and parsing what a user pastes or uploads.

`parse_sequence(raw, filename)` turns bytes into an array (T, D) float64: one row per time step,
one column per feature. Formats: CSV / TSV / semicolon / whitespace text (a header row and
`#` comments are skipped), a single line of values or of 0/1 characters (one step per value),
JSON (a list of numbers or a list of rows) and `.npy` (read with allow_pickle=False). Anything
refused raises `SequenceError`, whose message says what and where, in both languages.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re

import numpy as np

from explorer import i18n

MAX_BYTES = 5 * 1024 * 1024  # the same 5 MB as server.maxUploadSize in .streamlit/config.toml
MAX_STEPS = 100_000
MAX_FEATURES = 64
MIN_STEPS = 2
_BITS = re.compile(r"[01]{2,}")
_NPY_MAGIC = b"\x93NUMPY"


class SequenceError(ValueError):
    """A refused sequence. `key` is an i18n key, `values` its format values; str() is English."""

    def __init__(self, name: str, /, **values):
        self.key = f"gt.err.{name}"
        self.values = values
        super().__init__(i18n.t(self.key, "en", **values))

    def message(self, lang: str) -> str:
        return i18n.t(self.key, lang, **self.values)


def parse_sequence(raw: bytes, filename: str = "") -> np.ndarray:
    """Bytes of a pasted or uploaded sequence → (T, D) float64, or SequenceError."""
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise SequenceError("not_bytes")
    raw = bytes(raw)
    if len(raw) > MAX_BYTES:
        raise SequenceError("too_big", size=_megabytes(len(raw)), limit=_megabytes(MAX_BYTES))
    name = (filename or "").lower()
    if name.endswith(".npy") or raw.startswith(_NPY_MAGIC):
        return validate(_parse_npy(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SequenceError("not_text", offset=err.start + 1) from None
    if "\x00" in text:
        raise SequenceError("not_text", offset=text.index("\x00") + 1)
    if not text.strip():
        raise SequenceError("empty")
    if name.endswith(".json") or text.lstrip()[:1] in "[{":
        return validate(_parse_json(text))
    return validate(_parse_text(text))


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}"


def validate(x: np.ndarray) -> np.ndarray:
    """The limits every sequence meets: 2 ≤ T ≤ 100,000, 1 ≤ D ≤ 64, finite values.

    Returns x as a contiguous (T, D) float64 array, or raises SequenceError.
    """
    if x.ndim == 1:
        x = x[:, None]
    steps, features = x.shape
    if features > MAX_FEATURES:
        raise SequenceError("too_wide", features=features, limit=MAX_FEATURES)
    if steps > MAX_STEPS:
        raise SequenceError("too_long", steps=steps, limit=MAX_STEPS)
    if steps < MIN_STEPS:
        raise SequenceError("too_short", steps=steps)
    if features < 1:
        raise SequenceError("no_features")
    bad = ~np.isfinite(x)
    if bad.any():
        step, col = (int(v) for v in np.argwhere(bad)[0])
        raise SequenceError("not_finite", step=step + 1, col=col + 1, value=str(x[step, col]))
    return np.ascontiguousarray(x, dtype=np.float64)


# --- .npy ----------------------------------------------------------------------------------------


def _parse_npy(raw: bytes) -> np.ndarray:
    """Read the header first (shape, dtype) so a lying header never allocates; never unpickle."""
    stream = io.BytesIO(raw)
    try:
        version = np.lib.format.read_magic(stream)
        reader = {
            (1, 0): np.lib.format.read_array_header_1_0,
            (2, 0): np.lib.format.read_array_header_2_0,
        }.get(version)
        if reader is None:
            raise ValueError(f"unsupported .npy version {version}")
        shape, _, dtype = reader(stream)
    except Exception:  # noqa: BLE001 - any malformed header is the user's file, not our bug
        raise SequenceError("npy_bad") from None
    if dtype.hasobject:
        raise SequenceError("npy_object")
    if dtype.kind not in "biuf":
        raise SequenceError("npy_dtype", dtype=str(dtype))
    if len(shape) not in (1, 2):
        raise SequenceError("npy_ndim", ndim=len(shape))
    steps = shape[0]
    features = shape[1] if len(shape) == 2 else 1
    if features > MAX_FEATURES:
        raise SequenceError("too_wide", features=features, limit=MAX_FEATURES)
    if steps > MAX_STEPS:
        raise SequenceError("too_long", steps=steps, limit=MAX_STEPS)
    if steps * features * dtype.itemsize > len(raw) - stream.tell():
        raise SequenceError("npy_bad")
    try:
        x = np.load(io.BytesIO(raw), allow_pickle=False)
    except Exception:  # noqa: BLE001 - truncated or corrupt data
        raise SequenceError("npy_bad") from None
    return np.asarray(x, dtype=np.float64)


# --- JSON ----------------------------------------------------------------------------------------


def _parse_json(text: str) -> np.ndarray:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise SequenceError("json_bad", row=err.lineno, col=err.colno) from None
    except (RecursionError, ValueError):
        raise SequenceError("json_shape") from None
    if not isinstance(data, list) or not data:
        raise SequenceError("json_shape")
    if all(not isinstance(item, list) for item in data):
        data = [[item] for item in data]  # a list of numbers: one feature
    width = None
    for r, row in enumerate(data, start=1):
        if not isinstance(row, list):
            raise SequenceError("json_mixed", row=r)
        if width is None:
            width = len(row)
        if len(row) != width:
            raise SequenceError("ragged", row=r, found=len(row), expected=width)
        for c, value in enumerate(row, start=1):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SequenceError("not_number", row=r, col=c, value=_short(json.dumps(value)))
    if width == 0:
        raise SequenceError("no_features")
    try:
        return np.array(data, dtype=np.float64)
    except OverflowError:  # an integer beyond float64
        raise SequenceError("json_shape") from None


# --- Text: CSV, TSV, whitespace, a line of bits --------------------------------------------------


def _delimiter(text: str) -> str | None:
    for candidate in ("\t", ",", ";"):
        if candidate in text:
            return candidate
    return None  # runs of spaces


def _fields(line: str, delimiter: str | None) -> list[str]:
    parts = line.split(delimiter) if delimiter else line.split()
    return [part.strip().strip('"').strip() for part in parts]


def _is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def _data_lines(text: str):
    """(line number, line) of every line that is neither blank nor a # comment, lazily."""
    for number, line in enumerate(io.StringIO(text, newline=None), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _parse_text(text: str) -> np.ndarray:
    head = list(itertools.islice(_data_lines(text), 3))  # a peek; big files are read by loadtxt
    if not head:
        raise SequenceError("empty")
    delimiter = _delimiter(text)
    first_number, first = head[0]
    if len(head) == 1 and _BITS.fullmatch(first.strip()):  # "0110100": one bit per step
        return np.array([float(ch) for ch in first.strip()])[:, None]
    names = _fields(first, delimiter)
    header = all(names) and not all(_is_number(f) for f in names)  # "t,x1,x2", not "1,,2"
    if header:
        head = head[1:]
        if not head:
            raise SequenceError("only_header")
    if len(head) == 1:  # one line of several values: a sequence of one feature
        number, line = head[0]
        return _rows([(number, field) for field in _fields(line, delimiter)], column=True)
    fast = _fast_text(text, delimiter, skip=first_number if header else 0)
    if fast is not None:
        return fast
    lines = list(_data_lines(text))
    return _rows(lines[1:] if header else lines, delimiter=delimiter)


def _fast_text(text: str, delimiter: str | None, skip: int) -> np.ndarray | None:
    """np.loadtxt's C parser for the common, well-formed file; None → the careful parser."""
    try:
        x = np.loadtxt(
            io.StringIO(text, newline=None),  # the same line numbers as _data_lines
            delimiter=delimiter,
            skiprows=skip,
            comments="#",
            ndmin=2,
            dtype=np.float64,
            quotechar='"',
        )
    except (ValueError, TypeError, IndexError):
        return None
    return x


def _rows(lines, delimiter: str | None = None, column: bool = False) -> np.ndarray:
    """The careful parser: the first bad cell is named by its row and column in the file."""
    if column:  # [(line number, field)]: one line, several steps
        values = []
        for col, (row, field) in enumerate(lines, start=1):
            values.append(_number(field, row, col))
        return np.array(values)[:, None]
    out, width = [], None
    for row, line in lines:
        fields = _fields(line, delimiter)
        if width is None:
            width = len(fields)
        if len(fields) != width:
            raise SequenceError("ragged", row=row, found=len(fields), expected=width)
        out.append([_number(field, row, col) for col, field in enumerate(fields, start=1)])
    return np.array(out, dtype=np.float64)


def _number(field: str, row: int, col: int) -> float:
    if field == "":
        raise SequenceError("missing", row=row, col=col)
    try:
        return float(field)
    except ValueError:
        raise SequenceError("not_number", row=row, col=col, value=_short(field)) from None


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Built-in sequences --------------------------------------------------------------------------


def bits_sequence(length: int, seed: int = 1) -> np.ndarray:
    """Counting-ones input (seed 003): random 0/1 bits, (T, 1)."""
    rng = np.random.RandomState(seed)
    return np.around(rng.rand(length))[:, None]


def sine_sequence(length: int, period: float = 20.0) -> np.ndarray:
    """sin(2π t / period), (T, 1)."""
    return np.sin(2 * np.pi * np.arange(length) / period)[:, None]


def one_hot_text(text: str) -> tuple[np.ndarray, list[str]]:
    """Each character a one-hot row over the text's sorted alphabet: ((T, V), alphabet)."""
    alphabet = sorted(set(text))
    index = {ch: k for k, ch in enumerate(alphabet)}
    x = np.zeros((len(text), len(alphabet)))
    x[np.arange(len(text)), [index[ch] for ch in text]] = 1.0
    return x, alphabet


def digest(x: np.ndarray) -> str:
    """A short content hash of a sequence (cache key for trained models)."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    return hashlib.sha1(repr(x.shape).encode() + x.tobytes()).hexdigest()[:16]


# --- Weights files -------------------------------------------------------------------------------

WEIGHT_KEYS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
MAX_HIDDEN = 64
LINEAR_KEY = "linear_cell"  # optional 0-d flag: 1 = identity activations (seed 002's cell)


def weights_bytes(params: dict) -> bytes:
    """A params dict → .npz bytes (plain float64 arrays, loadable with allow_pickle=False)."""
    buffer = io.BytesIO()
    arrays = {k: np.asarray(v, dtype=np.float64) for k, v in params.items()}
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def parse_weights(raw: bytes) -> tuple[str, dict]:
    """.npz bytes → ("lstm" | "gru", params); shapes checked, SequenceError otherwise.

    Only the known keys are kept: the 4 weight arrays, peephole weights and the LINEAR_KEY flag.
    """
    if len(raw) > MAX_BYTES:
        raise SequenceError("too_big", size=_megabytes(len(raw)), limit=_megabytes(MAX_BYTES))
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as archive:
            params = {key: np.asarray(archive[key]) for key in archive.files}
    except Exception:  # noqa: BLE001 - not an .npz, or object arrays inside
        raise SequenceError("weights_bad") from None
    missing = [key for key in WEIGHT_KEYS if key not in params]
    if missing:
        raise SequenceError("weights_missing", keys=", ".join(missing))
    if any(params[key].dtype.kind not in "biuf" for key in params):
        raise SequenceError("weights_bad")
    params = {key: value.astype(np.float64) for key, value in params.items()}
    w_ih, w_hh = params["weight_ih_l0"], params["weight_hh_l0"]
    if (
        w_hh.ndim != 2
        or w_hh.shape[1] < 1
        or w_hh.shape[0] not in (3 * w_hh.shape[1], 4 * w_hh.shape[1])
    ):
        raise SequenceError("weights_shape", key="weight_hh_l0", shape=str(w_hh.shape))
    hidden = w_hh.shape[1]
    rows = w_hh.shape[0]
    kind = "lstm" if rows == 4 * hidden else "gru"
    if hidden > MAX_HIDDEN:
        raise SequenceError("weights_shape", key="weight_hh_l0", shape=str(w_hh.shape))
    if w_ih.ndim != 2 or w_ih.shape[0] != rows or not 1 <= w_ih.shape[1] <= MAX_FEATURES:
        raise SequenceError("weights_shape", key="weight_ih_l0", shape=str(w_ih.shape))
    for key in ("bias_ih_l0", "bias_hh_l0"):
        if params[key].shape != (rows,):
            raise SequenceError("weights_shape", key=key, shape=str(params[key].shape))
    for key, value in params.items():
        if not np.all(np.isfinite(value)):
            raise SequenceError("weights_finite", key=key)
    peep = {k: params[k] for k in ("peephole_i", "peephole_f", "peephole_o") if k in params}
    for key, value in peep.items():
        if kind != "lstm" or value.shape not in ((hidden,), (hidden, hidden)):
            raise SequenceError("weights_shape", key=key, shape=str(value.shape))
    if LINEAR_KEY in params and (kind != "lstm" or params[LINEAR_KEY].shape != ()):
        raise SequenceError("weights_shape", key=LINEAR_KEY, shape=str(params[LINEAR_KEY].shape))
    keep = set(WEIGHT_KEYS) | set(peep) | {LINEAR_KEY}
    return kind, {key: value for key, value in params.items() if key in keep}
