"""The gate inspector's sequences: a built-in example, counting-ones bits, a sine wave, a one-hot
text, pasted numbers or an uploaded file, each named by a small hashable recipe.

    ("example",) · ("bits", length, seed) · ("sine", length) · ("text", text)
    ("paste", text) · ("upload", sha256 of the bytes, file name)

`load(recipe, raw)` gives a `Loaded`: the sequence (T, D) and its digest, or the InputError that
refused it (a refusal is a result too, so a cache keeps it: a refused 5 MB file is parsed once).
Only an upload needs `raw`, its bytes; the recipe names them by their digest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from explorer.cells import lstm
from explorer.errors import InputError
from explorer.inputs import data

SOURCES = ("example", "bits", "sine", "text", "paste", "upload")
PASTED = "pasted.txt"  # the file name a pasted text is parsed as


@dataclass(frozen=True)
class Loaded:
    x: np.ndarray | None  # (T, D) float64, or None when refused
    digest: str = ""  # `data.digest(x)`: names the sequence in cache keys (e.g. trainings)
    error: InputError | None = None

    @property
    def features(self) -> int | None:
        return None if self.x is None else self.x.shape[1]


def recipe(source: str, length: int, seed: int, text: str, paste: str, raw=None, name=""):
    """The recipe of what the controls name (an upload without a file: the built-in example)."""
    if source == "upload":
        return ("example",) if raw is None else ("upload", hashlib.sha256(raw).hexdigest(), name)
    return {
        "bits": ("bits", length, seed),
        "sine": ("sine", length),
        "text": ("text", text),
        "paste": ("paste", paste),
    }.get(source, ("example",))


def load(recipe: tuple, raw: bytes | None = None) -> Loaded:
    """The sequence `recipe` names (an upload's bytes are `raw`), or why it cannot be used.
    LookupError for an upload without its bytes (a cache asked too late: nothing to parse)."""
    source = recipe[0]
    if source == "upload" and raw is None:
        raise LookupError(recipe)
    try:
        if source == "bits":
            x = data.bits_sequence(recipe[1], recipe[2])
        elif source == "sine":
            x = data.sine_sequence(recipe[1])
        elif source == "text":
            x = data.one_hot_text(recipe[1])[0]
        elif source in ("paste", "upload"):
            text = recipe[1].encode("utf-8") if source == "paste" else raw
            x, error = data.sequence_or_error(text, PASTED if source == "paste" else recipe[2])
            if error is not None:
                return Loaded(None, error=error)
        else:
            x = np.array(lstm.HAND_WIRED_INPUTS, dtype=np.float64)
        x = data.validate(x).copy()
    except InputError as err:
        return Loaded(None, error=err)
    return Loaded(x, data.digest(x))


def size_text(size: int) -> str:
    """A file's size as the page states it: MB (of 1,000,000 bytes, as the uploader) from 0.1
    MB, bytes below."""
    mb = 1_000_000
    return f"{size / mb:.1f} MB" if size >= mb // 10 else f"{size:,} B"
