"""The gate inspector's second layer: a 2-layer LSTM / GRU (random with two layers, or an uploaded
.npz with torch's `_l1` weights) shows layer 2's gates, reading layer 1's h at every step. Also
the page's equations (with how the layers connect)."""

import streamlit as st

import ui
from explorer import tables
from explorer.cells import recipes as cells
from explorer.figures import gates as figs
from explorer.i18n import t
from explorer.views import cell_guides


def equations() -> None:
    with st.expander(ui.tr("gt.equations")):
        st.latex(ui.tr("gt.equations.lstm"))
        st.latex(ui.tr("gt.equations.gru"))
        st.caption(cell_guides.gru_variant_note(ui.lang()))
        st.caption(ui.tr("dp.gt.equations.layers"))


@ui.keep(max_entries=4)  # layer 2's gates at every step; `_cell`, `_first` are never hashed
def gt_second(recipe: tuple, seq: tuple, _cell=None, _first=None) -> dict:
    """{"cell": layer 2 as a one-layer Cell, "x": its input (layer 1's h), "states": its gates}."""
    if _cell is None:  # asked by a download after the cache let it go
        raise LookupError(recipe)
    top = cells.Cell(_cell.kind, {k.replace("_l1", "_l0"): v for k, v in _cell.params.items() if k.endswith("_l1")}, _cell.linear)  # fmt: skip
    return {"cell": top, "x": _first["h"], "states": cells.run_second(_cell, _first)}


def second_chart(part: str, recipe: tuple, seq: tuple, *view):
    found = gt_second(recipe, seq)
    fig = figs.window_chart(part, found["cell"], found["x"], found["states"], *view)
    lang = view[-1]
    fig.update_layout(title_text=f"{t('dp.gt.layer2.prefix', lang)} · {fig.layout.title.text}")
    if part == "heat":  # a shorter title (two fit side by side); its input is layer 1's h, not x
        model = t(f"gt.arch.{found['cell'].kind}", lang)
        fig.update_layout(title_text=t("dp.gt.layer2.heat", lang, model=model))
        fig.layout.annotations[0].text = t("dp.gt.layer2.input", lang)
    return fig


def second_csv(recipe: tuple, seq: tuple, lo: int, hi: int) -> bytes:
    found = gt_second(recipe, seq)
    table = tables.gates_table(found["x"], [(found["cell"].kind, found["states"])], lo, hi)
    named = {"t": "t"} | {k: k.replace("x", "layer1_h", 1) for k in table if k.startswith("x")}
    return ui.csv_bytes({named.get(k, f"layer2_{k}"): v for k, v in table.items()})


def second_layers(shown: list, seq: tuple, view: tuple, cell_of, states_of) -> None:
    """Layer 2 of every two-layer model shown (nothing for one-layer models)."""
    deep = [recipe for recipe in shown if cell_of(recipe).layers == 2]
    if not deep:
        return
    st.subheader(ui.tr("dp.gt.layer2"))
    st.caption(ui.tr("dp.gt.layer2.caption"))
    for col, recipe in zip(st.columns(len(deep)), deep, strict=True):
        found = gt_second(recipe, seq, cell_of(recipe), states_of(recipe, seq))
        kind = found["cell"].kind
        with col:
            for part in ("heat", "lines"):
                ui.plot(ui.figure(second_chart, part, recipe, seq, *view), key=f"gt_{part}2_{kind}")
            values = cell_guides.guide_values(kind, found["states"], *view[:4])
            ui.guide(ui.tr(f"gt.guide.{kind}", model=ui.tr("dp.gt.layer2.model", kind=kind.upper()), **values))  # fmt: skip
            ui.download_csv(ui.later(second_csv, recipe, seq, *view[:2]), f"gates_{kind}_layer2.csv", key=f"gt_download2_{kind}")  # fmt: skip
