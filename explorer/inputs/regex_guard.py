"""A student's hypothesis regex searched in a child Python, never in the server.

`charmodel.compile_pattern` bounds a pattern's cost by parsing it; this is the second guard, by
the clock. The child gets the pattern and the text on stdin (never as an argument: a NUL byte is
a valid pattern character), searches once and sends back the mask itself, so the server never
searches again (a search holds Python's lock, so every student's page, for as long as it runs).

The verdict is by the child's CPU time, not by the wall clock: a machine busy with trainings
gives the child less of a core per second but the same CPU seconds, so load cannot flip it.

    accepted   the search took at most CPU_SECONDS of CPU: the mask
    refused    it took more ("cm.err.regex_cpu", cached like any verdict); the kernel stops the
               child at ⌈CPU_SECONDS⌉ + 1 s of CPU (RLIMIT_CPU), past the verdict
    busy       WALL_SECONDS passed before the child finished (or it could not start): the
               machine is overloaded, which says nothing about the pattern (`PatternBusy`)
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np

from explorer.training.charmodel import MAX_MASK_CHARS, CharModelError, compile_pattern

# The most CPU one search may take (the verdict): over twice what the costliest patterns
# compile_pattern lets through take on 5,000 characters ([\w\W]{0,99}[\w\W]{0,99}.{0,1}z: 0.9 s).
CPU_SECONDS = 2.0
WALL_SECONDS = 20.0  # CPU_SECONDS of a core shared with ~20 busy processes

# The child: pattern and text as JSON on stdin (ensure_ascii keeps lone surrogates), the search's
# CPU seconds on the first line of stdout, then one byte per character, 1 inside a match. The
# matches are found as `charmodel.pattern_mask` finds them (finditer: leftmost, not overlapping).
CHILD = """
import json, re, sys, time
try:
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (int(sys.argv[1]), int(sys.argv[1]) + 1))
except (ImportError, ValueError, OSError):
    pass
job = json.loads(sys.stdin.buffer.read())
pattern, text = re.compile(job["p"]), job["t"]
mask = bytearray(len(text))
began = time.process_time()
for found in pattern.finditer(text):
    start, end = found.span()
    mask[start:end] = b"\\x01" * (end - start)
spent = time.process_time() - began
sys.stdout.buffer.write(b"%.6f\\n" % spent + bytes(mask))
"""


class PatternBusy(CharModelError):
    """The server was too busy to finish the search in WALL_SECONDS: no verdict on the pattern
    (a page must not keep this answer: the same pattern may be accepted a moment later)."""

    def __reduce__(self):
        return (PatternBusy, (self.key,))


def guarded_mask(
    text: str,
    regex: str,
    cpu_seconds: float = CPU_SECONDS,
    wall_seconds: float = WALL_SECONDS,
) -> tuple[np.ndarray, float]:
    """((T,) bool mask of the characters inside a match of `regex` in `text`, the search's CPU
    seconds), searched in a child Python. CharModelError: a bad pattern (compile_pattern's
    refusals), a text over MAX_MASK_CHARS, or a search over `cpu_seconds` of CPU
    ("cm.err.regex_cpu"); PatternBusy when the child did not finish within `wall_seconds`."""
    compile_pattern(regex)  # syntax, nested repeats, too many ways: a message, no child
    if len(text) > MAX_MASK_CHARS:
        limit = f"{MAX_MASK_CHARS:,}"
        raise CharModelError("cm.err.mask_long", chars=f"{len(text):,}", limit=limit)
    job = json.dumps({"p": str(regex), "t": text}).encode("ascii")
    kill = str(math.ceil(cpu_seconds) + 1)  # the kernel's limit on the child, whole seconds
    command = [sys.executable, "-I", "-S", "-c", CHILD, kill]
    refused = CharModelError("cm.err.regex_cpu", seconds=f"{cpu_seconds:g}")
    try:
        done = subprocess.run(command, input=job, timeout=wall_seconds, capture_output=True)
    except (subprocess.TimeoutExpired, OSError):  # OSError: no process to spare (fork failed)
        raise PatternBusy("cm.err.regex_busy") from None
    if done.returncode != 0:  # stopped at the CPU limit (SIGXCPU, then SIGKILL)
        raise refused
    spent_line, _, mask = done.stdout.partition(b"\n")
    try:
        spent = float(spent_line)
    except ValueError:
        raise refused from None
    if spent > cpu_seconds or len(mask) != len(text):
        raise refused
    return np.frombuffer(mask, dtype=np.uint8).astype(bool), spent
