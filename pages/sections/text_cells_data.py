"""Your text's data, shared by every session: the trained cells' gates over the analysed
characters, hypothesis masks, samples and the CSV, each named by the model's key (the text by its
digest, never the text itself)."""

from __future__ import annotations

import numpy as np

import ui
from explorer.errors import InputError
from explorer.inputs import regex_guard
from explorer.training import charmodel

ANALYSED = charmodel.MAX_MASK_CHARS  # characters the cells run over and a pattern searches
SHOWN = 1_000  # characters coloured at once: ~25 kB of HTML per coloured block
TEMPERATURES = (0.5, 1.0, 1.5)
SAMPLE_CHARS = 300


@ui.keep(max_entries=16)  # a trained model, shared by every student who trains the same
def tc_model(key: tuple, _model=None):
    if _model is None:
        raise LookupError(key)  # the pool let it go: trained again on the next visit
    return _model


@ui.keep(max_entries=8)  # (T, H) float32 per gate of ANALYSED characters: ≤ 8 MB each
def tc_states(key: tuple, _model=None, _text: str | None = None) -> dict:
    if _model is None:
        raise LookupError(key)
    found = charmodel.char_states(_model, _text[:ANALYSED])
    return {name: np.asarray(v, dtype=np.float32) for name, v in found.items()}


def tc_mask(name: str, regex: str, text: str = "") -> tuple:
    """(mask (T,) over the analysed text, None) or (None, the InputError that refuses it). The
    search runs in a child Python (explorer.inputs.regex_guard), never in this server; a verdict is
    kept, "the server is busy" is not (the same pattern may pass a moment later)."""
    try:
        return _tc_mask(name, regex, text)
    except regex_guard.PatternBusy as busy:
        return None, busy


@ui.keep(max_entries=32)
def _tc_mask(name: str, regex: str, _text: str = "") -> tuple:
    try:
        return regex_guard.guarded_mask(_text[:ANALYSED], regex)[0], None
    except regex_guard.PatternBusy:
        raise
    except InputError as err:
        return None, err


@ui.keep(max_entries=32)
def tc_samples(key: tuple, prime: str, _model=None) -> tuple:
    if _model is None:
        raise LookupError(key)
    return tuple(charmodel.sample(_model, prime, SAMPLE_CHARS, t, 0) for t in TEMPERATURES)


def tc_csv(key: tuple, state: str) -> bytes:
    """Per-character activations of every unit of `state` over the analysed characters."""
    states, text = tc_states(key), tc_text_of(key)
    values = states[state]
    chars = text[: len(values)].encode("utf-8", "replace").decode("utf-8")  # no lone surrogate
    columns = {"position": np.arange(1, len(values) + 1), "char": list(chars)}
    columns |= {f"{state}_{u + 1}": values[:, u].astype(np.float64) for u in range(values.shape[1])}
    return ui.csv_bytes(columns)


@ui.keep(max_entries=8)
def tc_text_of(key: tuple, _text: str | None = None) -> str:
    """The analysed characters of the text the model `key` names (for the CSV, on the click)."""
    if _text is None:
        raise LookupError(key)
    return _text[:ANALYSED]
