"""Your text: a character model trained in class on a built-in, pasted or uploaded text, and the
cells it grows (Karpathy, Johnson & Fei-Fei 2015; LSTMVis's select → match)."""

import hashlib

import streamlit as st

import ui
from explorer.figures import text_cells as figs
from explorer.inputs import data, texts
from explorer.training import charmodel
from pages.sections import text_cells_view as view
from pages.sections.text_cells_data import ANALYSED, tc_model
from ui import jobs, safe
from ui.uploads import upload

MAX_TEXT_BYTES = 1_000_000  # a pasted or uploaded text: 1 MB of UTF-8
KINDS = ("lstm", "gru", "rnn")
BUILTIN = tuple(texts.TEXTS)  # quotes, brackets, python
PASTED = "_tc_pasted"  # this session's pasted text (never in the URL)


@ui.settings("tc")
class Settings:
    source: str = ui.select(BUILTIN[0], (*BUILTIN, "paste", "upload"), widget="radio", option_labels="tc.source", local={"paste": "pasted", "upload": "upload"})  # fmt: skip
    kind: str = ui.select("lstm", (*KINDS, "all"), widget="radio", option_labels="tc.kind", horizontal=True)  # fmt: skip
    hidden: int = ui.number(16, 4, charmodel.MAX_HIDDEN, step=4)  # numbers: each change trains
    steps: int = ui.number(300, 100, charmodel.MAX_STEPS, step=100)
    seed: int = ui.number(0, 0, 9999)
    show: str = ui.select("lstm", KINDS, widget="radio", option_labels="tc.kind", horizontal=True)  # fmt: skip
    state: str = ui.select("c", view.STATES, option_labels="tc.state")
    unit: int = ui.number(1, 1, charmodel.MAX_HIDDEN)
    start: int = ui.slider(1, 1, ANALYSED, step=50)
    mode: str = ui.select("regex", ("regex", "span", "truth"), widget="radio", option_labels="tc.mode", horizontal=True)  # fmt: skip
    regex: str = ui.text('"[A-Z ]+"', max_chars=charmodel.MAX_PATTERN, help="tc.regex.help")
    span: tuple = ui.slider((1, 40), 1, ANALYSED)


@ui.keep(max_entries=8)  # a built-in text, built once for every student
def tc_builtin(name: str) -> str:
    return texts.builtin(name)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def text_box(s: Settings, controls: ui.Controls) -> str | None:
    """The text to train on, or None (with the reason shown)."""
    st.subheader(ui.tr("tc.text"))
    controls.source()
    if s.source in BUILTIN:
        st.caption(ui.tr(f"cm.text.{s.source}.help"))
        return tc_builtin(s.source)
    if s.source == "paste":  # kept while the student visits another page (a widget's is not)
        if "tc_paste_box" not in st.session_state:
            st.session_state["tc_paste_box"] = st.session_state.get(PASTED, "")
        text = st.text_area(ui.tr("tc.paste"), key="tc_paste_box", height=160,
                            placeholder=ui.tr("tc.paste.placeholder"))  # fmt: skip
        st.session_state[PASTED] = text
        st.caption(ui.tr("tc.not_in_link"))
        if not text:
            st.info(ui.tr("tc.paste.none"))
            return None
        if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
            st.error(ui.tr("tc.err.too_big", limit="1 MB"))
            return None
        return text
    raw, _ = upload(ui.tr("tc.file"), ["txt"], "tc_file", help=ui.tr("tc.file.help"),
                       notes=(ui.tr("tc.not_in_link"),), max_mb=MAX_TEXT_BYTES // 1_000_000,
                       none=ui.tr("tc.file.none"))  # fmt: skip
    if raw is None:
        return None
    if len(raw) > MAX_TEXT_BYTES:
        st.error(ui.tr("tc.err.too_big", limit="1 MB"))
        return None
    text, error = data.text_or_error(raw)
    if error is not None:
        st.error(error.message(ui.lang(), safe.md))
    return text


def train_box(s: Settings, controls: ui.Controls, text: str) -> dict | None:
    """kind → trained model for every kind asked for, or None while one trains (or refused)."""
    st.subheader(ui.tr("tc.model"))
    controls.kind()
    cols = st.columns(3)
    controls.hidden(cols[0])
    controls.steps(cols[1])
    controls.seed(cols[2])
    kinds = KINDS if s.kind == "all" else (s.kind,)
    if over := charmodel.over_budget(s.steps, s.hidden, len(kinds)):
        st.warning(ui.tr("cm.err.over", **over))
        return None
    models, name = {}, digest(text)
    for kind in kinds:  # one job per model in the pool shared by every session
        key = ("tc", name, kind, s.hidden, s.steps, s.seed)  # the text by its digest, never itself
        label = ui.tr("tc.job", kind=kind.upper(), steps=s.steps)
        try:
            model = jobs.run(key, train_job(text, *key[2:]), label=label, trains=True)
        except ValueError as err:  # the model's refusal (empty text, one character): both languages
            st.error(err.message(ui.lang(), safe.md) if hasattr(err, "message") else safe.md(err))
            return None
        except Exception as err:  # noqa: BLE001 - a torch failure is a message, not a traceback
            st.error(ui.tr("tc.failed", detail=safe.md(err)))
            return None
        if model is not None:
            models[kind] = tc_model(key, model)
    return models if len(models) == len(kinds) else None


def train_job(text: str, kind: str, hidden: int, steps: int, seed: int):
    def work(progress):
        def report(fraction, loss):
            progress(fraction, f"· loss {float(loss):.3f}")

        return charmodel.train_char_model(text, kind=kind, hidden=hidden, steps=steps, seed=seed, progress=report)  # fmt: skip

    return work


def loss_view(keys: tuple, lang: str):
    models = {key[2]: tc_model(key) for key in keys}
    baselines = dict(next(iter(models.values())).baselines)
    return figs.loss_figure({k: m.losses for k, m in models.items()}, baselines, lang)


@ui.page(Settings, title="tc.title", intro="tc.intro")
def body(s: Settings, controls: ui.Controls) -> None:
    left, right = st.columns([3, 2])
    with left, ui.controls_box():
        text = text_box(s, controls)
        if text is not None:
            st.caption(ui.tr("tc.summary", chars=f"{len(text):,}", distinct=f"{len(set(text)):,}"))
    if text is None:
        return
    with right, ui.controls_box():
        models = train_box(s, controls, text)
    if not models:
        return
    key_of = {kind: ("tc", digest(text), kind, s.hidden, s.steps, s.seed) for kind in models}
    ui.plot(ui.figure(loss_view, tuple(key_of.values()), ui.lang()), key="tc_loss")
    view.cells(Settings, s, controls, text, key_of, models)
