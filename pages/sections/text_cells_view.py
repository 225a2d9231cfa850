"""Your text, the trained cells: the text coloured by one cell, a hypothesis that ranks the cells
(regex or a span: LSTMVis's select → match), gate saturation and sampled text."""

from __future__ import annotations

import numpy as np
import streamlit as st

import ui
from explorer.figures import text_cells as figs
from explorer.i18n import number
from explorer.inputs import texts
from explorer.training import charmodel
from explorer.views.gates import GATED, window_from_box
from pages.sections.text_cells_data import (
    SHOWN,
    TEMPERATURES,
    tc_csv,
    tc_mask,
    tc_samples,
    tc_states,
    tc_text_of,
)
from ui import gate_link, safe

TOP = 3  # cells shown over the text for a hypothesis
GATES_CHARS = 500  # characters opened in the gate inspector (its window at full detail)
STATES = ("c", "h", "i", "f", "g", "o", "r", "z", "n")


def cells(settings_cls, s, controls, text: str, key_of: dict, models: dict) -> None:
    """Everything after training: key_of and models are kind → the trained model's key, model."""
    if note := charmodel.by_heart_text(models, len(text), ui.lang()):  # beside the loss chart
        st.warning(note)
    kinds = list(key_of)
    kind = s.show if s.show in key_of else kinds[0]
    states = {k: tc_states(key_of[k], models[k], text) for k in kinds}
    tc_text_of(key_of[kind], text)
    found = states[kind]
    names = [n for n in STATES if n in found]
    state = s.state if s.state in names else names[0]
    analysed, hidden = len(found[state]), found[state].shape[1]
    last_start = max(1, analysed - SHOWN + 1)
    start = min(max(s.start, 1), last_start)
    ui.set_values(
        settings_cls, show=kind, state=state, unit=min(max(s.unit, 1), hidden), start=start
    )
    with ui.controls_box(ui.tr("tc.view")):
        cols = st.columns([2, 1, 1, 3] if len(kinds) > 1 else [1, 1, 3])
        if len(kinds) > 1:
            controls.show(cols[0], options=kinds)
        state = controls.state(cols[-3], options=names)
        unit = controls.unit(cols[-2], hi=hidden) - 1
        if last_start > 1:
            start = controls.start(
                cols[-1], hi=last_start, label=ui.tr("tc.start", shown=f"{SHOWN:,}")
            )
        lo, hi = start - 1, min(start - 1 + SHOWN, analysed)
        window = text[lo:hi]
        values = found[state][:, unit]
        gate, bound = state in figs.SIGMOID, colour_bound(values)
        title = ui.tr("tc.coloured", model=kind.upper(), state=ui.tr(f"tc.state.{state}"), unit=unit + 1,
                      lo=f"{lo + 1:,}", hi=f"{hi:,}", total=f"{len(text):,}")  # fmt: skip
        st.html(figs.coloured_text([(title, values[lo:hi])], window, gate, bound))
        st.caption(ui.tr("tc.scale.gate" if gate else "tc.scale.signed", bound=number(bound)))
        if kind in GATED:
            opened = text[lo : lo + GATES_CHARS]
            if st.button(ui.tr("tc.open_gates", kind=kind.upper()), key="tc_open_gates", icon="🚪",
                         help=ui.tr("tc.open_gates.note", chars=f"{len(opened):,}"),
                         on_click=gate_link.open_here, args=(key_of[kind], opened)):  # fmt: skip
                st.switch_page("pages/gates.py", query_params={"gt_source": "chars"})
    best = hypothesis(
        settings_cls, s, controls, text, key_of[kind], found[state], (lo, hi), unit, gate
    )
    saturation_view(key_of, states)
    samples_view(key_of[kind], models[kind], text)
    inside = ui.tr("tc.guide.best", unit=best[0] + 1, r=number(best[1])) if best else ""
    ui.guide(ui.tr("tc.guide.notice", model=kind.upper(), state=ui.tr(f"tc.state.{state}"), unit=unit + 1,
                   low=number(float(values.min())), high=number(float(values.max())),
                   loss=charmodel.loss_text(models[kind], ui.lang()), best=inside),
             ui.tr("tc.guide.try"))  # fmt: skip
    st.caption(ui.tr("tc.csv.note", chars=f"{analysed:,}"))
    ui.download_csv(ui.later(tc_csv, key_of[kind], state), "text_cells.csv", key="tc_download")


def span_from_box(settings_cls, lo: int, hi: int):
    """An `on_select` callback of the window chart (x = character, lo+1 … hi): a box dragged
    across it becomes the hypothesis, as a span (LSTMVis: select, then match)."""

    def use_box() -> None:
        chart = st.session_state.get("tc_window")
        box = window_from_box(chart and chart.get("selection"), hi, hi - lo)
        if box is not None:
            start = max(box[0], lo + 1)
            ui.set_values(settings_cls, mode="span", span=(start, max(box[1], start)))

    return use_box


def colour_bound(values: np.ndarray) -> float:
    """The ± range a signed value is coloured over: the 98th percentile of |value| (a cell state
    c can reach ±20 on a few characters and would leave every other one white)."""
    size = float(np.percentile(np.abs(values), 98)) if len(values) else 0.0
    return size if np.isfinite(size) and size > 1e-9 else 1.0


def hypothesis(settings_cls, s, controls, text, key, values, window, unit, gate):
    """The hypothesis (a regex, or a span of the window) ranks every unit of values (T, H); the
    top ones are shown over the window. Returns the best (unit, r) or None."""
    lo, hi = window
    bound = None if gate else float(np.max(np.abs(values[:, unit]))) or 1.0
    with st.container(border=True):
        st.subheader(ui.tr("tc.hypothesis"))
        controls.mode()
        truth = None  # the structure a built-in text was made with, (T,) numbers
        if s.mode == "truth":
            if s.source not in texts.TEXTS:
                st.info(ui.tr("tc.truth.none"))
                return None
            truth = np.asarray(texts.TEXTS[s.source].truth(text[: len(values)]), dtype=np.float64)
            mask, rows = truth > 0, slice(0, len(values))
            st.caption(ui.tr("tc.truth.about", name=ui.tr(texts.TEXTS[s.source].truth_name)))
        elif s.mode == "regex":
            regex = controls.regex()
            mask, error = tc_mask(key[1], regex, text)
            if error is not None:
                st.error(
                    error.message(ui.lang(), safe.md)
                    if hasattr(error, "message")
                    else safe.md(error)
                )
                return None
            rows = slice(0, len(values))
        else:
            span = (min(max(s.span[0], lo + 1), hi), min(max(s.span[1], lo + 1), hi))
            ui.set_values(settings_cls, span=span)
            if hi - lo > 1:
                span = controls.span(
                    lo=lo + 1, hi=hi, label=ui.tr("tc.span", lo=f"{lo + 1:,}", hi=f"{hi:,}")
                )
            mask = np.zeros(len(values), dtype=bool)
            mask[span[0] - 1 : span[1]] = True
            rows = slice(lo, hi)
        inside = int(mask[rows].sum())
        st.html(figs.matched_text(text[lo:hi], mask[lo:hi], ui.tr("tc.matched", count=f"{inside:,}",
                                                                 total=f"{len(mask[rows]):,}")))  # fmt: skip
        title = ui.tr("tc.fig.window", unit=unit + 1, lo=f"{lo + 1:,}", hi=f"{hi:,}")
        fig = figs.window_figure(
            values[lo:hi, unit], mask[lo:hi], lo, text[lo:hi], bound, title, ui.lang()
        )
        select = span_from_box(settings_cls, lo, hi)  # drag across it: that span, the hypothesis
        ui.plot(fig, key="tc_window", on_select=select, selection_mode="box")  # built each run
        st.caption(ui.tr("tc.window.select"))
        target = mask if truth is None else truth
        if np.ptp(target[rows].astype(np.float64)) == 0:
            st.warning(ui.tr("tc.mask.flat"))
            return None
        ranks = [(int(u), float(r)) for u, r in charmodel.rank_cells(values[rows], target[rows])]
        ui.plot(ui.figure(figs.ranking_figure, tuple(ranks), TOP, ui.lang()), key="tc_ranking")
        blocks = [(ui.tr("tc.top", rank=k + 1, unit=u + 1, r=number(r)), values[lo:hi, u])
                  for k, (u, r) in enumerate(ranks[:TOP])]  # fmt: skip
        top_values = np.concatenate([b[1] for b in blocks]) if blocks else np.zeros(1)
        top_bound = colour_bound(top_values)
        st.html(figs.coloured_text(blocks, text[lo:hi], gate, top_bound, height=160))
        st.button(ui.tr("tc.pick_best", unit=ranks[0][0] + 1), key="tc_pick_best",
                  on_click=ui.set_values, args=(settings_cls,), kwargs={"unit": ranks[0][0] + 1})  # fmt: skip
        return ranks[0]


def saturation_view(key_of: dict, states: dict) -> None:
    with st.container(border=True):
        st.subheader(ui.tr("tc.saturation"))
        points = []
        for kind, found in states.items():
            for gate in (g for g in "ifozr" if g in found):
                left, right = charmodel.saturation(found[gate])
                points.append((kind, gate, tuple(np.round(left, 4)), tuple(np.round(right, 4))))
        if not points:
            st.caption(ui.tr("tc.saturation.none"))
            return
        ui.plot(ui.figure(saturation_fig, tuple(points), ui.lang()), key="tc_saturation")
        st.caption(ui.tr("tc.saturation.note"))


def saturation_fig(points: tuple, lang: str):
    return figs.saturation_figure([(k, g, np.array(a), np.array(b)) for k, g, a, b in points], lang)


def samples_view(key: tuple, model, text: str) -> None:
    with st.container(border=True):
        st.subheader(ui.tr("tc.samples"))
        prime = text[:1]
        found = tc_samples(key, prime, model)
        blocks = [(ui.tr("tc.sample", temperature=t), sample) for t, sample in zip(TEMPERATURES, found, strict=True)]  # fmt: skip
        st.html(figs.plain_blocks(blocks, height=140))
        st.caption(ui.tr("tc.samples.note"))
