"""Typed text → an input sequence, for the Unrolled RNN page's text box."""

from __future__ import annotations

import re

import numpy as np

from explorer.errors import InputError
from explorer.inputs.presets import MAX_STEPS

_ROW_SPLIT = re.compile(r"[\n;]+")
_TOKEN_SPLIT = re.compile(r"[,\s]+")


def parse_sequence(text: str, n_in: int, max_steps: int = MAX_STEPS) -> np.ndarray:
    """Typed text → x (T, n_in).

    One line ("1,0,1,1" or "1 0 1 1"): every number is one step, given to all inputs.
    Several rows (new lines or ";"): one row per step, with n_in numbers or one (given to all).
    Chinese punctuation (,;、) works too. Raises InputError (keys "un.err.*").
    """
    text = str(text or "").translate(str.maketrans({",": ",", ";": ";", "、": ","}))
    if not text.strip():
        raise InputError("un.err.empty")
    multi = bool(_ROW_SPLIT.search(text.strip()))
    rows_text = [r for r in _ROW_SPLIT.split(text) if r.strip()] if multi else [text]
    rows: list[list[float]] = []
    for i, row_text in enumerate(rows_text, start=1):
        values = [_number(tok) for tok in _TOKEN_SPLIT.split(row_text.strip()) if tok]
        if multi:
            if len(values) not in (1, n_in):
                raise InputError("un.err.row_size", row=i, got=len(values), want=n_in)
            rows.append(values * n_in if len(values) == 1 else values)
        else:
            rows.extend([v] * n_in for v in values)
    if len(rows) > max_steps:
        raise InputError("un.err.too_long", steps=len(rows), limit=max_steps)
    return np.array(rows, dtype=np.float64).reshape(len(rows), n_in)


def _number(token: str) -> float:
    try:
        value = float(token)
    except ValueError:
        raise InputError("un.err.number", token=token[:20]) from None
    if not np.isfinite(value):
        raise InputError("un.err.finite", token=token[:20])
    return value
