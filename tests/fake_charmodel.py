"""Stand-ins for `explorer.charmodel` and `explorer.texts` (built on branch char-model), for the
page tests until that branch is merged: the spec's names and shapes, none of its math. Installed
only when the real modules cannot be imported."""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

GATES = {"lstm": "ifgoch", "gru": "rznh", "rnn": "h"}


@dataclass(frozen=True)
class CharModel:
    kind: str
    chars: str
    params: dict = field(default_factory=dict)
    losses: np.ndarray = field(default_factory=lambda: np.zeros(1))
    baselines: dict = field(default_factory=dict)
    hidden: int = 8


def train_char_model(text, kind="lstm", hidden=32, steps=300, seed=0, progress=None):
    if len(set(text)) < 2:
        from explorer.errors import InputError

        raise InputError("tc.err.utf8", name="x", at="0")  # any bilingual message
    for k in range(5):
        if progress is not None:
            progress((k + 1) / 5, 2.0 - k * 0.1)
    chars = "".join(sorted(set(text)))[:200]
    losses = np.linspace(3.0, 1.5, steps)
    return CharModel(
        kind, chars, {"w": np.ones(2)}, losses, {"unigram": 2.8, "bigram": 2.2}, hidden
    )


def char_states(model, text):
    rng = np.random.default_rng(len(model.chars))
    table = rng.normal(size=(len(model.chars) + 1, model.hidden))
    index = {c: k for k, c in enumerate(model.chars)}
    z = (
        table[[index.get(c, len(model.chars)) for c in text]]
        if text
        else np.zeros((0, model.hidden))
    )
    out = {}
    for g in GATES[model.kind]:
        out[g] = np.tanh(z) if g in "gnch" else 1 / (1 + np.exp(-3 * z))
    return out


def pattern_mask(text, regex):
    mask = np.zeros(len(text), dtype=bool)
    for m in re.finditer(regex, text):
        mask[m.start() : m.end()] = True
    return mask


def rank_cells(states, mask):
    x = np.asarray(states, dtype=np.float64)
    m = np.asarray(mask, dtype=np.float64)
    r = [float(np.nan_to_num(np.corrcoef(x[:, u], m)[0, 1])) for u in range(x.shape[1])]
    return sorted(enumerate(r), key=lambda p: -abs(p[1]))


def saturation(gate, low=0.1, high=0.9):
    g = np.asarray(gate)
    return (g < low).mean(axis=0), (g > high).mean(axis=0)


def sample(model, prime, length, temperature, seed):
    rng = np.random.default_rng(seed)
    return prime + "".join(rng.choice(list(model.chars), size=length))


def install() -> None:
    """Put the stand-ins in `sys.modules` where the real modules are missing."""
    try:
        import explorer.charmodel  # noqa: F401
        import explorer.texts  # noqa: F401
    except ImportError:
        charmodel = types.ModuleType("explorer.charmodel")
        for name in ("CharModel", "train_char_model", "char_states", "pattern_mask", "rank_cells",
                     "saturation", "sample"):  # fmt: skip
            setattr(charmodel, name, globals()[name])
        texts = types.ModuleType("explorer.texts")
        texts.NAMES = ("quotes", "brackets", "python")
        texts.text = lambda name: {
            "quotes": 'he said "HELLO THERE" and she said "NO" then left. ' * 400,
            "brackets": "(a (b c) (d (e f)))\n" * 500,
            "python": Path(re.__file__).read_text(encoding="utf-8"),
        }[name]
        sys.modules["explorer.charmodel"] = charmodel
        sys.modules["explorer.texts"] = texts
