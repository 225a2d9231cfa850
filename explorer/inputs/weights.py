"""Weights files: a cell's torch-layout parameters as a `.npz` of plain arrays, read without ever
unpickling and without inflating what a hostile archive claims (each member's declared size and
`.npy` header are checked before a byte of it is read). Refusals are `InputError`s ("gt.err.*").
"""

from __future__ import annotations

import io
import math
import zipfile

import numpy as np

from explorer.errors import InputError
from explorer.inputs.data import (
    MAX_BYTES,
    MAX_FEATURES,
    NPY_HEADER_MAX,
    npy_array,
    npy_header,
    refuse,
    too_big,
)

WEIGHT_KEYS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
LAYER2_KEYS = ("weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1")  # a 2-layer net's top
PEEPHOLE_KEYS = ("peephole_i", "peephole_f", "peephole_o")
MAX_HIDDEN = 64
LINEAR_KEY = "linear_cell"  # optional 0-d flag: 1 = identity activations (tutorial 002's cell)
_GATE_ROWS = 4 * MAX_HIDDEN  # an LSTM's 4 gates (a GRU has 3)
# The most elements each known array may have (a generous bound; exact shapes are checked after).
_MAX_ELEMENTS = {
    "weight_ih_l0": _GATE_ROWS * MAX_FEATURES,
    "weight_hh_l0": _GATE_ROWS * MAX_HIDDEN,
    "bias_ih_l0": _GATE_ROWS,
    "bias_hh_l0": _GATE_ROWS,
    "weight_ih_l1": _GATE_ROWS * MAX_HIDDEN,  # layer 2 reads layer 1's h (H ≤ MAX_HIDDEN)
    "weight_hh_l1": _GATE_ROWS * MAX_HIDDEN,
    "bias_ih_l1": _GATE_ROWS,
    "bias_hh_l1": _GATE_ROWS,
    **dict.fromkeys(PEEPHOLE_KEYS, MAX_HIDDEN * MAX_HIDDEN),
    LINEAR_KEY: MAX_HIDDEN,
}
_MAX_ITEMSIZE = 16  # float128 at most


def _member_limit(key: str) -> int:
    """The most bytes a known member may declare: magic + the largest header numpy reads + data."""
    return 12 + NPY_HEADER_MAX + _MAX_ELEMENTS[key] * _MAX_ITEMSIZE


def weights_bytes(params: dict) -> bytes:
    """A params dict → .npz bytes (plain float64 arrays, loadable with allow_pickle=False)."""
    buffer = io.BytesIO()
    arrays = {k: np.asarray(v, dtype=np.float64) for k, v in params.items()}
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def parse_weights(raw: bytes) -> tuple[str, dict]:
    """.npz bytes → ("lstm" | "gru", params); shapes checked, InputError otherwise.

    Only the known keys are read: the 4 weight arrays (and the same 4 of a second layer, `_l1`:
    all or none), peephole weights and the LINEAR_KEY flag;
    other members are never decompressed. Each known member's declared (zip) size and its .npy
    header (shape, dtype) are checked before its data is read, and the read is bounded by them.
    """
    if len(raw) > MAX_BYTES:
        raise too_big(len(raw))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except Exception:  # noqa: BLE001 - not a zip at all
        raise refuse("weights_bad") from None
    with archive:
        prefix = _prefix(archive.namelist())
        params = {}
        for key in (*WEIGHT_KEYS, *LAYER2_KEYS, *PEEPHOLE_KEYS, LINEAR_KEY):
            info = _member(archive, prefix + key)
            if info is not None:
                params[key] = _read_member(archive, key, info)
    second = any(key in params for key in LAYER2_KEYS)
    missing = [key for key in WEIGHT_KEYS + LAYER2_KEYS * second if key not in params]
    if missing:
        names = [_short_name(name) for name in archive.namelist()[:MAX_NAMES_SHOWN]]
        more = len(archive.namelist()) > MAX_NAMES_SHOWN
        raise refuse(
            "weights_missing",
            keys=", ".join(missing),
            expected=", ".join(WEIGHT_KEYS),
            found=", ".join(names) + (", …" if more else "") if names else "—",
        )
    return _check_weights(params)


MAX_NAMES_SHOWN = 8  # the file's own names quoted when it lacks a weight


def _short_name(name: str, limit: int = 40) -> str:
    name = name.removesuffix(".npy")
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _prefix(names: list[str]) -> str:
    """The one prefix before torch's names ("lstm." of a model's state_dict: lstm.weight_ih_l0),
    or "" when the names are bare or the prefixes differ (two LSTMs: then none is guessed)."""
    found = set()
    for name in names:
        base = name.removesuffix(".npy")
        for key in WEIGHT_KEYS:
            if base == key:
                return ""
            if base.endswith("." + key):
                found.add(base[: -len(key)])
    return found.pop() if len(found) == 1 else ""


def weights_or_error(raw: bytes):
    """parse_weights without raising: ((kind, params), None) or (None, InputError)."""
    try:
        return parse_weights(raw), None
    except InputError as err:
        return None, err


def _member(archive: zipfile.ZipFile, key: str) -> zipfile.ZipInfo | None:
    for name in (f"{key}.npy", key):  # np.savez's name, or the bare key (np.load accepts both)
        try:
            return archive.getinfo(name)
        except KeyError:
            continue
    return None


def _read_member(archive: zipfile.ZipFile, key: str, info: zipfile.ZipInfo) -> np.ndarray:
    limit = _member_limit(key)
    if info.file_size > limit:
        raise refuse("weights_member", key=key, size=f"{info.file_size:,}", limit=f"{limit:,}")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 1:
        raise refuse("weights_bad")  # what np.savez(_compressed) writes; never bzip2/lzma/encrypted
    try:
        with archive.open(info) as stream:
            shape, fortran, dtype = npy_header(stream)
            if dtype.hasobject or dtype.kind not in "biuf" or dtype.itemsize > _MAX_ITEMSIZE:
                raise refuse("weights_bad")
            if len(shape) > 2 or math.prod(shape) > _MAX_ELEMENTS[key]:
                raise refuse("weights_shape", key=key, shape=str(shape))
            size = math.prod(shape) * dtype.itemsize
            if size > info.file_size - stream.tell():
                raise refuse("weights_bad")  # the header promises more data than the member has
            data = stream.read(size)  # bounded: never more than the header's (checked) size
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - a malformed header, corrupt deflate data, a bad CRC, ...
        raise refuse("weights_bad") from None
    if len(data) != size:
        raise refuse("weights_bad")
    return npy_array(data, shape, fortran, dtype).astype(np.float64)


def _check_weights(params: dict) -> tuple[str, dict]:
    w_ih, w_hh = params["weight_ih_l0"], params["weight_hh_l0"]
    if (
        w_hh.ndim != 2
        or w_hh.shape[1] < 1
        or w_hh.shape[0] not in (3 * w_hh.shape[1], 4 * w_hh.shape[1])
        or w_hh.shape[1] > MAX_HIDDEN
    ):
        raise refuse("weights_shape", key="weight_hh_l0", shape=str(w_hh.shape))
    hidden = w_hh.shape[1]
    rows = w_hh.shape[0]
    kind = "lstm" if rows == 4 * hidden else "gru"
    if w_ih.ndim != 2 or w_ih.shape[0] != rows or not 1 <= w_ih.shape[1] <= MAX_FEATURES:
        raise refuse("weights_shape", key="weight_ih_l0", shape=str(w_ih.shape))
    for key in ("bias_ih_l0", "bias_hh_l0", "bias_ih_l1", "bias_hh_l1"):
        if key in params and params[key].shape != (rows,):
            raise refuse("weights_shape", key=key, shape=str(params[key].shape))
    for key in ("weight_ih_l1", "weight_hh_l1"):  # layer 2 reads layer 1's h: both (rows, H)
        if key in params and params[key].shape != (rows, hidden):
            raise refuse("weights_shape", key=key, shape=str(params[key].shape))
    for key, value in params.items():
        if not np.all(np.isfinite(value)):
            raise refuse("weights_finite", key=key)
    for key in PEEPHOLE_KEYS:
        if key in params and (
            kind != "lstm" or params[key].shape not in ((hidden,), (hidden, hidden))
        ):
            raise refuse("weights_shape", key=key, shape=str(params[key].shape))
    if LINEAR_KEY in params and (kind != "lstm" or params[LINEAR_KEY].shape != ()):
        raise refuse("weights_shape", key=LINEAR_KEY, shape=str(params[LINEAR_KEY].shape))
    return kind, params
