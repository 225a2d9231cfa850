"""Hostile uploads: each case parsed in a FRESH Python process; its seconds and its peak memory.

The peak is the child's own VmHWM (/proc/self/status: the most resident memory it ever had,
imports included), never ru_maxrss (which would report the largest child so far). Nothing is
subtracted: a process that only imports numpy and explorer.inputs.data is measured too, as the baseline.
The hostile files are built here, in the parent, and handed over as files.

The builders (`npz_bomb`, `npz_lying_shape`, `npz_junk`, ...) are also used by
tests/model/test_uploads_hostile.py.
"""

from __future__ import annotations

import io
import math
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

from benchmarks import Result

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
LIMIT = 5_000_000  # explorer.inputs.data.MAX_BYTES: the largest upload the app reads
NPZ_SECONDS, NPZ_MB = 2.0, 200.0  # targets: a refused .npz
OTHER_SECONDS, OTHER_MB = 1.5, 250.0  # targets: any other upload of ≤ 5 MB
WEIGHTS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")


# --- Builders ------------------------------------------------------------------------------------


def npy_header(shape: tuple, descr: str = "<f8") -> bytes:
    """A genuine .npy (1.0) header for `shape`, whatever data follows (or does not)."""
    buffer = io.BytesIO()
    header = {"descr": descr, "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue()


def zip_bytes(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip of (name, stored bytes, method, crc, uncompressed size): members whose compressed
    bytes were made elsewhere (zipfile would compress gigabytes itself)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, body, method, crc, size in members:
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, method, 0, 0x21, crc, len(body), size, len(encoded), 0)
        out.write(b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + encoded + body)
        central.write(
            b"PK\x01\x02"
            + struct.pack(
                "<HHHHHHIIIHHHHHII",
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(body),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
            + encoded
        )
    start, directory = out.tell(), central.getvalue()
    count = len(members)
    out.write(directory)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


def deflated_zeros(megabytes: int, segment: int = MIB) -> tuple[bytes, int]:
    """Raw deflate of `megabytes` × `segment` bytes of zeros (~1030:1), and its CRC-32; built
    from one fully flushed segment repeated, so a gigabyte takes a fraction of a second."""
    zeros = bytes(segment)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    return block * megabytes + tail, crc


def _bomb_member(name: str, megabytes: int) -> tuple[str, bytes, int, int, int]:
    """A genuine .npy of zeros (float64, 1-D) of about `megabytes` MiB, deflated."""
    header = npy_header((megabytes * MIB // 8,))
    zeros, crc_zeros = deflated_zeros(megabytes)
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = head.compress(header) + head.flush(zlib.Z_FULL_FLUSH) + zeros
    crc = zlib.crc32(header)
    crc = _crc_concat(crc, crc_zeros, megabytes * MIB)
    return name, body, 8, crc, len(header) + megabytes * MIB


def _crc_concat(crc_a: int, crc_b: int, length_b: int) -> int:
    """CRC-32 of a + b from crc(a), crc(b), len(b) (zlib's crc32_combine, in Python: GF(2))."""

    def times(matrix, vector):
        total, row = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[row]
            vector >>= 1
            row += 1
        return total

    def square(matrix):
        return [times(matrix, matrix[n]) for n in range(32)]

    odd = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
    even = square(odd)  # two
    odd = square(even)  # four
    while True:
        even = square(odd)
        if length_b & 1:
            crc_a = times(even, crc_a)
        length_b >>= 1
        if not length_b:
            break
        odd = square(even)
        if length_b & 1:
            crc_a = times(odd, crc_a)
        length_b >>= 1
        if not length_b:
            break
    return crc_a ^ crc_b


def npz_bomb(total_mb: int) -> bytes:
    """A valid .npz: the 4 weight arrays, each a float64 vector of zeros of total_mb / 4 MiB
    inflated (≈ 1 MB of file per GB inflated)."""
    each = max(1, total_mb // len(WEIGHTS))
    return zip_bytes([_bomb_member(f"{key}.npy", each) for key in WEIGHTS])


def npz_understated(megabytes: int = 1024) -> bytes:
    """Each weight member's header and zip entry declare a legal size (a 64-unit LSTM), but its
    deflate stream goes on for `megabytes` / 4 MiB of zeros: only the declared bytes may be read."""
    shapes = {"weight_ih_l0": (256, 64), "weight_hh_l0": (256, 64), "bias_ih_l0": (256,),
              "bias_hh_l0": (256,)}  # fmt: skip
    zeros, _ = deflated_zeros(megabytes // len(shapes))
    members = []
    for key, shape in shapes.items():
        header = npy_header(shape)
        size = len(header) + math.prod(shape) * 8
        head = zlib.compressobj(9, zlib.DEFLATED, -15)
        body = head.compress(header) + head.flush(zlib.Z_FULL_FLUSH) + zeros
        crc = zlib.crc32(header + bytes(size - len(header)))
        members.append((f"{key}.npy", body, 8, crc, size))
    return zip_bytes(members)


def npz_lying_shape() -> bytes:
    """Every weight member's header claims 10^12 × 10^6 float64s; its data is 8 bytes."""
    members = []
    for key in WEIGHTS:
        body = npy_header((10**12, 10**6)) + bytes(8)
        members.append((f"{key}.npy", body, 0, zlib.crc32(body), len(body)))
    return zip_bytes(members)


def npz_weights(hidden: int = 8, features: int = 3) -> list[tuple[str, bytes, int, int, int]]:
    """A valid LSTM's 4 members (stored)."""
    rng = np.random.default_rng(0)
    shapes = {
        "weight_ih_l0": (4 * hidden, features),
        "weight_hh_l0": (4 * hidden, hidden),
        "bias_ih_l0": (4 * hidden,),
        "bias_hh_l0": (4 * hidden,),
    }
    members = []
    for key, shape in shapes.items():
        buffer = io.BytesIO()
        np.save(buffer, rng.standard_normal(shape))
        body = buffer.getvalue()
        members.append((f"{key}.npy", body, 0, zlib.crc32(body), len(body)))
    return members


def npz_junk(count: int = 10_000, kib_each: int = 256) -> bytes:
    """A valid LSTM plus `count` unknown members, each a deflated `kib_each` KiB of zeros
    (10,000 × 256 KiB = 2.5 GB if anything inflated them all)."""
    zeros, crc = deflated_zeros(1, kib_each * 1024)
    junk = [(f"junk_{n}.npy", zeros, 8, crc, kib_each * 1024) for n in range(count)]
    return zip_bytes(npz_weights() + junk)


def npz_many_members(count: int = 58_000) -> bytes:
    """A valid LSTM plus `count` empty members: a central directory filling the 5 MB."""
    return zip_bytes(npz_weights() + [(f"{n:x}", b"", 0, 0, 0) for n in range(count)])


def text_lines_bad_last(size: int = LIMIT) -> bytes:
    return b"1\n" * ((size - 4) // 2) + b"x\n"


def text_giant_line(size: int = LIMIT) -> bytes:
    return b"1," * ((size - 2) // 2) + b"x"


def json_deep(size: int = LIMIT) -> bytes:
    return b"[" * (size // 2) + b"]" * (size // 2)


def json_rows(size: int = LIMIT) -> bytes:
    """[[1],[1],...]: a million one-number rows."""
    return b"[" + b"[1]," * ((size - 6) // 4) + b"[1]]"


def json_numbers(count: int = 1_000_000) -> bytes:
    """A flat list of a million numbers (4.5 MB: under the 5,000,000-byte limit)."""
    return ("[" + ",".join(["1.5", "1.25"] * (count // 2)) + "]").encode()


def json_table(size: int = LIMIT) -> bytes:
    """Rows of 64 numbers up to 5 MB: under every limit, so accepted (the largest legal JSON)."""
    row = "[" + ",".join(["0.125"] * 64) + "]"
    return ("[" + ",".join([row] * ((size - 2) // (len(row) + 1))) + "]").encode()


def npy_lying(size: int = LIMIT) -> bytes:
    """A header claiming 100,000 × 64 float64 (51 MB) over 5 MB of data."""
    header = npy_header((100_000, 64))
    return header + bytes(size - len(header))


def binary_garbage(size: int = LIMIT) -> bytes:
    return np.random.default_rng(0).bytes(size)


def csv_table(size: int = LIMIT, bad_last: bool = False) -> bytes:
    """100,000 rows of 25 numbers (≈ 5 MB): the most cells a legal upload has; optionally the
    very last cell a word (the careful parser then reads all of it)."""
    row = ",".join(["1"] * 25) + "\n"
    text = row * 100_000
    if bad_last:
        text = text[:-2] + "x\n"
    assert len(text) <= size
    return text.encode()


# (name, builder, filename, weights?)
CASES = [
    ("npz zip bomb, 1 MB (≈1 GB inflated)", lambda: npz_bomb(1024), "w.npz", True),
    ("npz zip bomb, 5 MB (≈5 GB inflated)", lambda: npz_bomb(4900), "w.npz", True),
    ("npz, zip sizes understated, 1 GB behind each", npz_understated, "w.npz", True),
    ("npz, headers claim 10^12 × 10^6", npz_lying_shape, "w.npz", True),
    ("npz, 10,000 junk members (2.5 GB inflated)", lambda: npz_junk(10_000), "w.npz", True),
    ("npz, 58,000 empty members (5 MB of directory)", npz_many_members, "w.npz", True),
    ('5 MB of "1\\n", bad last line', text_lines_bad_last, "a.csv", False),
    ("5 MB, one giant line", text_giant_line, "a.csv", False),
    ("5 MB JSON, nested lists ([[[[…]]]])", json_deep, "a.json", False),
    ("5 MB JSON, a million rows [[1],[1],…]", json_rows, "a.json", False),
    ("4.5 MB JSON, a million numbers", json_numbers, "a.json", False),
    ("5 MB JSON, rows of 64 (accepted)", json_table, "a.json", False),
    ("5 MB .npy, header claims 51 MB", npy_lying, "a.npy", False),
    ("5 MB binary garbage", binary_garbage, "a.csv", False),
    ("5 MB CSV, 100,000 × 25 (accepted)", csv_table, "a.csv", False),
    ("5 MB CSV, 100,000 × 25, last cell bad", lambda: csv_table(bad_last=True), "a.csv", False),
]

CHILD = """
import sys, time
from explorer.inputs import data, weights
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
path, name, is_weights = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
if path == "-":
    print("baseline", 0.0, peak_mb(), sep="\t")
    raise SystemExit
raw = open(path, "rb").read()
start = time.perf_counter()
try:
    out = weights.parse_weights(raw) if is_weights else data.parse_sequence(raw, name)
    outcome = "accepted " + (str(out[1]["weight_hh_l0"].shape) if is_weights else str(out.shape))
except data.InputError as err:
    outcome = "refused " + err.key
seconds = time.perf_counter() - start
print(outcome, seconds, peak_mb(), sep="\t")
"""


def measure(raw: bytes | None, name: str = "", weights: bool = False) -> tuple[str, float, float]:
    """(outcome, seconds, peak MB) of parsing `raw` in a fresh process (None: the baseline)."""
    with tempfile.NamedTemporaryFile(suffix=name) as handle:
        if raw is not None:
            handle.write(raw)
            handle.flush()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, "-" if raw is None else handle.name, name,
             "1" if weights else "0"],
            capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["?"]
        return f"crashed: {tail[0]}", math.inf, math.inf
    outcome, seconds, peak = done.stdout.strip().split("\t")
    return outcome, float(seconds), float(peak)


def run():
    _, _, baseline = measure(None)
    yield Result(
        "baseline: a process that imports numpy + explorer.inputs.data",
        baseline,
        NPZ_MB,
        unit="MB",
        note="nothing is subtracted from the peaks below",
    )
    for name, build, filename, weights in CASES:
        raw = build()
        outcome, seconds, peak = measure(raw, filename, weights)
        seconds_target, mb_target = (NPZ_SECONDS, NPZ_MB) if weights else (OTHER_SECONDS, OTHER_MB)
        note = f"{len(raw) / MIB:.2f} MiB file; {outcome}"
        yield Result(f"{name}: seconds", seconds, seconds_target, unit="s", note=note)
        yield Result(f"{name}: peak MB (VmHWM)", peak, mb_target, unit="MB")
