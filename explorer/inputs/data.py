"""Sequences for the gate inspector: built-in examples, and parsing what a user pastes or uploads.

`parse_sequence(raw, filename)` turns bytes into an array (T, D) float64: one row per time step,
one column per feature. Formats: CSV / TSV / semicolon / whitespace text (a header row and
`#` comments are skipped), a single line of values or of 0/1 characters (one step per value),
JSON (a list of numbers or a list of rows) and `.npy` (read with allow_pickle=False). Anything
refused raises `explorer.errors.InputError` ("gt.err.*"), whose message says what and where, in
both languages. `parse_weights(raw)` reads a weights `.npz` the same way.

Every reader stops at the limits while it reads (bytes, rows, columns, array shapes), so a hostile
file of at most MAX_BYTES is refused in well under two seconds and a few tens of MB: text is
scanned line by line and never parsed past MAX_STEPS rows; JSON is pre-scanned (brackets, commas,
nesting) before json.loads builds anything; .npy and .npz headers are checked before any data is
read, and an .npz member is read with a bounded read, never inflated whole.

Both parsers are pure functions of their arguments, so a page may cache refusals as well as
results: `sequence_or_error(raw, filename)` and `weights_or_error(raw)` return (value, None) or
(None, InputError) instead of raising.

Text rules. Lines end at any of str.splitlines' line breaks (\\n, \\r\\n, \\r, \\v, \\f, \\x1c-\\x1e,
\\x85, U+2028, U+2029), so line numbers in messages are the ones an editor shows. Blank lines and
lines starting with `#` are skipped everywhere, also when choosing the delimiter (tab, else comma,
else semicolon, else runs of spaces, looked for in the first data lines only). The first data line
is a header when at least one of its cells is non-empty and none is a number (empty cells are
allowed: pandas writes ",a,b" for an index column); a row that mixes numbers and words is never a
header: its first word is refused as "not a number" with its row and column. Hexadecimal numbers
(0x10, 0x1.8p3) are numbers: read as such, and a cell that only starts like one ("0xZZ") is
refused with its row and column, never taken for a header.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import math
import re
import warnings

import numpy as np

from explorer.errors import InputError

# Streamlit 1.67's uploader (st.file_uploader(max_upload_size=MB)) refuses a bigger file in the
# browser at MB × 1,000,000 bytes ("File must be 5.0MB or smaller"; × 1,048,576 on Windows); its
# server takes up to server.maxUploadSize (.streamlit/config.toml) × 1,048,576 bytes. The app's
# limit is the browser's, so a file the box accepts is never refused for its size here, and on
# Windows the few bytes more the box lets through are refused here, in the student's language.
# tests/model/test_uploads_hostile.py reads the config and checks the three agree.
MAX_UPLOAD_MB = 5
MAX_BYTES = MAX_UPLOAD_MB * 1_000_000
MAX_STEPS = 100_000
MAX_FEATURES = 64
MIN_STEPS = 2
FILE_TYPES = ("csv", "tsv", "txt", "dat", "json", "npy")  # the sequence files parse_sequence reads
_BITS = re.compile(r"[01]{2,}")
_NPY_MAGIC = b"\x93NUMPY"
NPY_HEADER_MAX = 10_000  # numpy's own default max_header_size


def refuse(name: str, **values) -> InputError:
    return InputError(f"gt.err.{name}", **values)


def too_big(size: int) -> InputError:
    """Sizes in MB of 1,000,000 bytes (the uploader's unit); the size is rounded up, so a file one
    byte over the limit reads "5.1 MB … the limit is 5.0 MB", never "5.0 … 5.0"; exact bytes too."""
    return refuse(
        "too_big",
        size=f"{math.ceil(size * 10 / 1_000_000) / 10:.1f}",
        limit=f"{MAX_BYTES / 1_000_000:.1f}",
        bytes=f"{size:,}",
        limit_bytes=f"{MAX_BYTES:,}",
    )


def parse_sequence(raw: bytes, filename: str = "") -> np.ndarray:
    """Bytes of a pasted or uploaded sequence → (T, D) float64, or InputError."""
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise refuse("not_bytes")
    raw = bytes(raw)
    if len(raw) > MAX_BYTES:
        raise too_big(len(raw))
    name = (filename or "").lower()
    if name.endswith(".npy") or raw.startswith(_NPY_MAGIC):
        return validate(_parse_npy(raw))
    text = decode_text(raw)
    del raw
    if not text or text.isspace():
        raise refuse("empty")
    if name.endswith(".json") or _JSON_START.match(text):
        return validate(_parse_json(text))
    return validate(_parse_text(text))


_BOMS = (  # longest first: UTF-32 LE's BOM starts like UTF-16 LE's
    (b"\xff\xfe\x00\x00", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "UTF-32 BE"),
    (b"\xff\xfe", "UTF-16 LE"),
    (b"\xfe\xff", "UTF-16 BE"),
)


# ASCII and two-byte characters whose both bytes are 0xA1-0xFE: GB2312's Chinese (a Latin-1
# "é" is mostly followed by an ASCII letter, so "température" is not taken for Chinese).
_GB2312 = re.compile(rb"(?:[\x00-\x7f]|[\xa1-\xf7][\xa1-\xfe])*")


def detect_encoding(raw: bytes) -> tuple[str, bool] | None:
    """(name, from its BOM) of a text that is not UTF-8, or None (UTF-8, or not text at all).
    A BOM names UTF-16/32; without one, NUL bytes at every other position are UTF-16 of ASCII;
    else a guess: GB18030 (GBK, what a Chinese Windows saves a CSV as) when every other byte
    pairs as GB2312's Chinese does, else Windows-1252 (Latin-1) when that decodes it."""
    head = bytes(raw[:4])
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, True
    sample = bytes(raw[:4096])
    if len(sample) >= 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.4 * len(sample[1::2]) and even == 0:
            return "UTF-16 LE", False
        if even > 0.4 * len(sample[0::2]) and odd == 0:
            return "UTF-16 BE", False
    if b"\x00" in sample:
        return None
    whole = sample if len(raw) <= len(sample) else sample[: sample.rfind(b"\n") + 1]
    if _GB2312.fullmatch(whole):
        return "GB18030 (GBK)", False
    try:
        bytes(raw).decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Windows-1252 (Latin-1)", False


def decode_text(raw: bytes, nul: bool = False) -> str:
    """UTF-8 bytes (a BOM allowed) → str; InputError naming the encoding of any other text
    ("gt.err.encoding", "gt.err.encoding_guess"), or "gt.err.not_text" with the first byte that
    is not text (bytes no encoding reads, or a NUL unless `nul`)."""
    found = detect_encoding(raw)
    if found is not None and found[1]:
        raise refuse("encoding", encoding=found[0])
    try:
        text = bytes(raw).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if found is not None:
            raise refuse("encoding_guess", encoding=found[0], offset=err.start + 1) from None
        raise refuse("not_text", offset=err.start + 1) from None
    at = -1 if nul else text.find("\x00")
    if at >= 0:
        if found is not None:
            raise refuse("encoding_guess", encoding=found[0], offset=at + 1)
        raise refuse("not_text", offset=at + 1)
    return text


def text_or_error(raw: bytes) -> tuple[str | None, InputError | None]:
    """A text file's characters (NULs kept): (text, None), or (None, why: its encoding named)."""
    try:
        return decode_text(raw, nul=True), None
    except InputError as err:
        return None, err


def sequence_or_error(raw: bytes, filename: str = ""):
    """parse_sequence without raising: (x, None) or (None, InputError). Cache it to cache refusals
    too (`ui.shared`/`ui.keep`: the InputError itself is kept, never pickled)."""
    try:
        return parse_sequence(raw, filename), None
    except InputError as err:
        return None, err


def validate(x: np.ndarray) -> np.ndarray:
    """The limits every sequence meets: 2 ≤ T ≤ 100,000, 1 ≤ D ≤ 64, finite values.

    Returns x as a contiguous (T, D) float64 array, or raises InputError.
    """
    if x.ndim == 1:
        x = x[:, None]
    steps, features = x.shape
    if features > MAX_FEATURES:
        raise refuse("too_wide", features=features, limit=MAX_FEATURES)
    if steps > MAX_STEPS:
        raise refuse("too_long", steps=steps, limit=MAX_STEPS)
    if steps < MIN_STEPS:
        raise refuse("too_short", steps=steps)
    if features < 1:
        raise refuse("no_features")
    bad = ~np.isfinite(x)
    if bad.any():
        step, col = (int(v) for v in np.argwhere(bad)[0])
        raise refuse("not_finite", step=step + 1, col=col + 1, value=str(x[step, col]))
    return np.ascontiguousarray(x, dtype=np.float64)


# --- .npy ----------------------------------------------------------------------------------------


def npy_header(stream) -> tuple[tuple, bool, np.dtype]:
    """(shape, fortran_order, dtype) of the .npy at `stream`; reads the header only. Raises
    ValueError (or anything numpy raises) for a malformed one."""
    version = np.lib.format.read_magic(stream)
    reader = {
        (1, 0): np.lib.format.read_array_header_1_0,
        (2, 0): np.lib.format.read_array_header_2_0,
    }.get(version)
    if reader is None:
        raise ValueError(f"unsupported .npy version {version}")
    shape, fortran, dtype = reader(stream, max_header_size=NPY_HEADER_MAX)
    return shape, fortran, dtype


def npy_array(buffer, shape: tuple, fortran: bool, dtype: np.dtype, offset: int = 0):
    """The array whose data starts at `offset` of `buffer` (already checked to be long enough)."""
    count = math.prod(shape)
    flat = np.frombuffer(buffer, dtype=dtype, count=count, offset=offset)
    return flat.reshape(shape, order="F" if fortran else "C")


def _parse_npy(raw: bytes) -> np.ndarray:
    """Read the header first (shape, dtype) so a lying header never allocates; never unpickle."""
    stream = io.BytesIO(raw)
    try:
        shape, fortran, dtype = npy_header(stream)
    except Exception:  # noqa: BLE001 - any malformed header is the user's file, not our bug
        raise refuse("npy_bad") from None
    if dtype.hasobject:
        raise refuse("npy_object")
    if dtype.kind not in "biuf":
        raise refuse("npy_dtype", dtype=str(dtype))
    if len(shape) not in (1, 2):
        raise refuse("npy_ndim", ndim=len(shape))
    steps = shape[0]
    features = shape[1] if len(shape) == 2 else 1
    if features > MAX_FEATURES:
        raise refuse("too_wide", features=features, limit=MAX_FEATURES)
    if steps > MAX_STEPS:
        raise refuse("too_long", steps=steps, limit=MAX_STEPS)
    if steps * features * dtype.itemsize > len(raw) - stream.tell():
        raise refuse("npy_bad")
    x = npy_array(raw, shape, fortran, dtype, offset=stream.tell())
    return x.astype(np.float64)


# --- JSON ----------------------------------------------------------------------------------------

_JSON_START = re.compile(r"\s*[\[{]")
_JSON_DEEP = re.compile(r"\[\s*\[\s*\[")  # a third level of lists: never a sequence
_NUMBER_TYPES = frozenset((int, float))


def _parse_json(text: str) -> np.ndarray:
    # Pre-scan, in C, before json.loads builds anything: a sequence is a list of ≤ MAX_STEPS
    # numbers or of ≤ MAX_STEPS rows, so its '[' / '{' / ',' counts are bounded. (A bracket or
    # comma inside a string may be counted too; such a file is refused either way.)
    lists, objects = text.count("["), text.count("{")
    if _JSON_DEEP.search(text) or objects > MAX_STEPS:
        raise refuse("json_shape")
    if lists == 1 and objects == 0:
        values = text.count(",") + 1
        if values > MAX_STEPS:
            raise refuse("too_long", steps=values, limit=MAX_STEPS)
    elif lists - 1 > MAX_STEPS:
        raise refuse("too_long", steps=lists - 1, limit=MAX_STEPS)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise refuse("json_bad", row=err.lineno, col=err.colno) from None
    except (RecursionError, ValueError):  # e.g. an integer of more than 4300 digits
        raise refuse("json_shape") from None
    if not isinstance(data, list) or not data:
        raise refuse("json_shape")
    rows = any(isinstance(item, list) for item in data)
    if not rows:  # a list of numbers: one feature
        _json_numbers(data, lambda i: (i + 1, 1))
        return _json_array(data)[:, None]
    width = None
    for r, row in enumerate(data, start=1):
        if not isinstance(row, list):
            raise refuse("json_mixed", row=r)
        if width is None:
            width = len(row)
            if width > MAX_FEATURES:
                raise refuse("too_wide", features=width, limit=MAX_FEATURES)
        if len(row) != width:
            raise refuse("ragged", row=r, found=len(row), expected=width)
        _json_numbers(row, lambda c, r=r: (r, c + 1))
    if width == 0:
        raise refuse("no_features")
    return _json_array(data)


def _json_numbers(values: list, where) -> None:
    """Every item an int or a float (not a bool, not a string); checked in C when all are."""
    if _NUMBER_TYPES.issuperset(map(type, values)):
        return
    for i, value in enumerate(values):
        if type(value) not in _NUMBER_TYPES:
            row, col = where(i)
            raise refuse("not_number", row=row, col=col, value=_short(json.dumps(value)))


def _json_array(data: list) -> np.ndarray:
    try:
        return np.array(data, dtype=np.float64)
    except OverflowError:  # an integer beyond float64
        raise refuse("json_shape") from None


# --- Text: CSV, TSV, whitespace, a line of bits --------------------------------------------------

# str.splitlines' line breaks other than "\n" (with "\r\n" as one), all made "\n".
_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# A data line: its first non-blank character is not '#'. ('.' stops at "\n"; "[^\S\n]" is a blank
# that is not a line break.)
_DATA_LINE = re.compile(r"^[^\S\n]*[^#\s].*", re.M)
_TOKEN = re.compile(r"\S+")


def _data_lines(text: str):
    """(line number, line) of every line that is neither blank nor a # comment, lazily; `text`
    has only "\n" line breaks. The regex skips blank and comment lines in C."""
    number, pos = 1, 0
    for match in _DATA_LINE.finditer(text):
        start = match.start()
        number += text.count("\n", pos, start)
        pos = start
        yield number, match.group()


def _delimiter(lines: list[str]) -> str | None:
    """Tab, else comma, else semicolon, else None (runs of spaces), from data lines only."""
    for candidate in ("\t", ",", ";"):
        if any(candidate in line for line in lines):
            return candidate
    return None


def _fields(line: str, delimiter: str | None, limit: int) -> list[str]:
    """At most limit + 1 cells: the last holds the rest (see _count_fields for the real count)."""
    parts = line.split(delimiter, limit) if delimiter else line.split(None, limit)
    return [part.strip().strip('"').strip() for part in parts]


def _count_fields(line: str, delimiter: str | None) -> int:
    """How many cells the line has, without building them."""
    if delimiter:
        return line.count(delimiter) + 1
    return _TOKEN.subn("", line)[1]


# A hexadecimal number (0x10, -0x1F, 0x1.8p3: float.fromhex's forms). A cell that starts like
# one is a number to the header rule, so "0x10,0x20" is a row, never a header: read, or refused.
_HEX_START = re.compile(r"[+-]?0[xX]")


def _is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return bool(_HEX_START.match(field))
    return True


def _parse_text(text: str) -> np.ndarray:
    if _BREAKS.search(text):
        text = _BREAKS.sub("\n", text)
    lines = _data_lines(text)
    head = list(itertools.islice(lines, 3))  # a peek; the rest is read lazily, up to the limits
    if not head:
        raise refuse("empty")
    delimiter = _delimiter([line for _, line in head])
    first_number, first = head[0]
    if len(head) == 1 and _BITS.fullmatch(first.strip()):  # "0110100": one bit per step
        bits = first.strip()
        if len(bits) > MAX_STEPS:
            raise refuse("too_long", steps=len(bits), limit=MAX_STEPS)
        return (np.frombuffer(bits.encode("ascii"), np.uint8) - ord("0")).astype(np.float64)
    names = [f for f in _fields(first, delimiter, MAX_FEATURES) if f]
    header = bool(names) and not any(_is_number(f) for f in names)  # "t,x1,x2" or ",x1,x2"
    if header and len(head) == 1:
        raise refuse("only_header")
    if len(head) == 1:  # one line of several values: a sequence of one feature
        return _column(first_number, first, delimiter)
    body = itertools.chain(head[1:] if header else head, lines)
    first_row = head[1][1] if header else first
    if _count_fields(first_row, delimiter) <= MAX_FEATURES:  # else the careful parser says so
        fast = _fast_text(text, delimiter, skip=first_number if header else 0)
        if fast is not None:
            return fast
    return _rows(body, delimiter)


def _column(row: int, line: str, delimiter: str | None) -> np.ndarray:
    fields = _fields(line, delimiter, MAX_STEPS)
    if len(fields) > MAX_STEPS:
        raise refuse("too_long", steps=_count_fields(line, delimiter), limit=MAX_STEPS)
    return np.array([_number(f, row, col) for col, f in enumerate(fields, start=1)])[:, None]


def _fast_text(text: str, delimiter: str | None, skip: int) -> np.ndarray | None:
    """np.loadtxt's C parser for the common, well-formed file, reading at most MAX_STEPS + 1 rows;
    None → the careful parser (which names the first bad cell)."""
    try:
        with warnings.catch_warnings():  # "Input line N contained no data…": blank lines, fine
            warnings.filterwarnings("ignore", "Input line", UserWarning)
            x = np.loadtxt(
                io.StringIO(text, newline="\n"),  # the same lines as _data_lines
                delimiter=delimiter,
                skiprows=skip,
                comments="#",
                ndmin=2,
                dtype=np.float64,
                quotechar='"',
                max_rows=MAX_STEPS + 1,  # blank and comment lines are not counted
            )
    except (ValueError, TypeError, IndexError):
        return None
    if len(x) > MAX_STEPS:
        raise refuse("too_long_more", limit=MAX_STEPS)
    return x


def _rows(lines, delimiter: str | None) -> np.ndarray:
    """The careful parser: the first bad cell is named by its row and column in the file. Never
    holds more than MAX_STEPS × MAX_FEATURES numbers (one float64 array filled as rows are read).
    Batches of lines go through np.loadtxt; only a batch it refuses is read cell by cell."""
    lines = iter(lines)
    first = next(lines)
    width = len(_fields(first[1], delimiter, MAX_FEATURES))
    if width > MAX_FEATURES:
        raise refuse("too_wide", features=_count_fields(first[1], delimiter), limit=MAX_FEATURES)
    out = np.empty((MAX_STEPS, width))  # memory pages are touched only as rows are written
    steps = 0
    batches = iter(lambda: list(itertools.islice(lines, _BATCH)), [])
    for batch in itertools.chain([[first]], batches):
        block = _block(batch, delimiter, width) if steps + len(batch) <= MAX_STEPS else None
        if block is not None:
            out[steps : steps + len(block)] = block
            steps += len(block)
            continue
        for row, line in batch:
            fields = _fields(line, delimiter, MAX_FEATURES)
            if len(fields) != width:
                found = len(fields)
                if found > MAX_FEATURES:
                    found = _count_fields(line, delimiter)
                raise refuse("ragged", row=row, found=found, expected=width)
            if steps == MAX_STEPS:
                raise refuse("too_long_more", limit=MAX_STEPS)
            out[steps] = [_number(field, row, col) for col, field in enumerate(fields, start=1)]
            steps += 1
    return out[:steps].copy()


_BATCH = 4096


def _block(batch: list, delimiter: str | None, width: int) -> np.ndarray | None:
    """The batch's rows by np.loadtxt, or None if it refuses them (or reads another shape)."""
    if len(batch) < 2:
        return None
    try:
        block = np.loadtxt(
            io.StringIO("\n".join(line for _, line in batch)),
            delimiter=delimiter,
            comments="#",
            ndmin=2,
            dtype=np.float64,
            quotechar='"',
        )
    except (ValueError, TypeError, IndexError):
        return None
    return block if block.shape == (len(batch), width) else None


def _number(field: str, row: int, col: int) -> float:
    if field == "":
        raise refuse("missing", row=row, col=col)
    try:
        return float(field)
    except ValueError:
        pass
    if _HEX_START.match(field):
        try:
            return float.fromhex(field)
        except (ValueError, OverflowError):
            pass
    raise refuse("not_number", row=row, col=col, value=_short(field))


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
