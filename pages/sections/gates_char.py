"""The gate inspector's source "chars": a character model trained on "Your text", opened there
with the characters the student was looking at. Its input is one-hot over the model's own
vocabulary (`charmodel.encode`), so every row of the input panel is one character."""

from __future__ import annotations

import streamlit as st

import ui
from explorer.cells import recipes as cells
from explorer.errors import InputError
from explorer.inputs import sequences
from explorer.training import charmodel
from pages.sections.gates_data import gt_cell, gt_sequence
from ui import trained

OPENED = "_tc_opened"  # session: (model key, text) that "Your text" opened here
GATED = ("lstm", "gru")  # what the gate inspector draws (a plain RNN has no gates)


def open_here(key: tuple, text: str) -> None:
    """A callback of "Your text": show the model `key` on `text` in the gate inspector."""
    st.session_state[OPENED] = (key, text)
    st.session_state["gt_source"] = "chars"
    st.session_state.setdefault(ui.MEMORY_KEY, {})["gt_source"] = "chars"


def _opened():
    """(key, text, model), or the InputError that says why there is none."""
    opened = st.session_state.get(OPENED)
    if opened is None:
        return InputError("gt.chars.none")
    key, text = opened
    try:
        return key, text, trained.result(key)
    except LookupError:  # the pool let it go: trained again on "Your text"
        return InputError("gt.chars.gone")


def sequence() -> tuple[tuple, sequences.Loaded]:
    found = _opened()
    if isinstance(found, InputError):  # not an error of the student's: where to get one
        st.info(found.message(ui.lang()))
        return ("chars",), sequences.Loaded(None)
    key, text, model = found
    seq = ("chars", key, text)
    st.caption(ui.tr("gt.chars.opened", kind=model.kind.upper(), hidden=model.hidden,
                     chars=f"{len(text):,}", vocabulary=len(model.chars)))  # fmt: skip
    return seq, gt_sequence(seq, charmodel.encode(model, text))


def recipes() -> list[tuple]:
    found = _opened()
    if isinstance(found, InputError) or found[2].kind not in GATED:
        return []
    key, _, model = found
    gt_cell(recipe := ("char", key), cells.Cell(model.kind, dict(model.params)))
    return [recipe]
