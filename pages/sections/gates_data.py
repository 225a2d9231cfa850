"""The gate inspector's data, shared by every session: sequences, cells and their gates, each
named by a small recipe (see `explorer.inputs.sequences` and `explorer.cells.recipes`), and the charts and
downloads built from them."""

import ui
from explorer import tables
from explorer.cells import recipes as cells
from explorer.figures import gates as figs
from explorer.figures import text_cells as text_figs
from explorer.inputs import data, sequences
from ui import trained


# Shared by every session and named by small recipes, so a download finds them again on the
# click. An upload's bytes or a training's result (`_payload`, never hashed) are needed only once.
@ui.keep(max_entries=8)  # ≤ 51 MB each
def gt_sequence(seq: tuple, _payload: bytes | None = None) -> sequences.Loaded:
    if seq[0] == "chars":  # ("chars", model key, text): its one-hot input is the payload
        if _payload is None:
            raise LookupError(seq)
        return sequences.Loaded(_payload, data.digest(_payload))
    return sequences.load(seq, _payload)


@ui.keep(max_entries=64)  # ≤ 0.2 MB each
def gt_cell(recipe: tuple, _payload=None) -> cells.Cell:
    if recipe[0] == "char":  # ("char", model key): the Cell is the payload
        if _payload is None:
            raise LookupError(recipe)
        return _payload
    return cells.cell(recipe, _payload)


@ui.keep(max_entries=4)  # every gate at every step
def gt_states(recipe: tuple, seq: tuple) -> dict:
    return cells.run(gt_cell(recipe), gt_sequence(seq).x)


def gt_chart(part: str, recipe: tuple, seq: tuple, *view) -> object:
    fig = figs.window_chart(part, gt_cell(recipe), gt_sequence(seq).x, gt_states(recipe, seq), *view)  # fmt: skip
    if seq[0] == "chars":  # a character model's input: its vocabulary, in its order
        return text_figs.character_axes(fig, part, seq[2], *view[:2], trained.result(seq[1]).chars)
    return text_figs.character_axes(fig, part, seq[1], *view[:2]) if seq[0] == "text" else fig


def gt_csv(shown: tuple, seq: tuple, lo: int, hi: int) -> bytes:
    runs = [(gt_cell(recipe).kind, gt_states(recipe, seq)) for recipe in shown]
    return ui.csv_bytes(tables.gates_table(gt_sequence(seq).x, runs, lo, hi))


def gt_npz(recipe: tuple) -> bytes:
    return gt_cell(recipe).npz()
