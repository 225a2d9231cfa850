"""The gate inspector's view model: the page's settings (plain values) and `lang` in; the models
to show, the trainings to run, the charts, the numbers and sentences beside them, the CSV columns
and what a click or a dragged box on a chart means, out.

Sequences and cells are named by small recipes (`explorer.inputs.sequences`,
`explorer.cells.recipes`). The functions the page caches (`sequence`, `cell`, `shown`, `chart`)
take those names, the cache key, and the data they name in `_`-arguments (not hashed: an
upload's bytes, a training's result, the gates already computed); asked without the data once
the cache has let it go, they raise LookupError (a download then says it came too late).

Sentences come as notes, (how, text) pairs the page shows in order (`ui.say`): a verdict that
does not apply is a note without text. Figures are built by `explorer.figures.gates` from the
numbers computed here (the hand-wired cell at every gain of the chart's slider included).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer import tables
from explorer.cells import lstm
from explorer.cells import recipes as cells
from explorer.errors import InputError
from explorer.figures import gates as figs
from explorer.figures import text_cells as text_figs
from explorer.i18n import count, sentences, t
from explorer.inputs import data, sequences
from explorer.training import charmodel
from explorer.training import next_step as train
from explorer.training.jobs import Work
from explorer.views import cell_guides

MAX_WINDOW = 500  # steps shown at full detail: (64 + 6·32 rows) × 500 float32 ≈ 0.7 MB per chart
SOURCES = (*sequences.SOURCES, "chars")  # "chars": a model trained on "Your text", opened there
SOURCE_FIELDS = {"bits": ("length", "data_seed"), "sine": ("length",), "text": ("text",)}
SOURCE_FIELDS |= {"paste": ("paste",)}
# the options a share link cannot carry, and why (`ui.select`'s `local`)
LOCAL_SOURCE, LOCAL_MODEL = {"upload": "upload", "chars": "model"}, {"file": "upload"}
NPZ = "application/octet-stream"  # a weights file's type
MODELS = ("hand", "random", "trained", "file")
ARCHS = ("lstm", "gru", "both")
GATED = ("lstm", "gru")  # what the gate inspector draws (a plain RNN has no gates)
PARTS = ("heat", "lines", "cell", "over")  # a model's charts, top to bottom


# --- The sequence and the models ------------------------------------------------------------------


def sequence(seq: tuple, _payload=None) -> sequences.Loaded:
    """The sequence `seq` names; `_payload` an upload's bytes, or ("chars", model key, text)'s
    one-hot input (`charmodel.encode`)."""
    if seq == ("chars",):  # no model opened: no sequence
        return sequences.Loaded(None)
    if seq[0] == "chars":
        if _payload is None:
            raise LookupError(seq)
        return sequences.Loaded(_payload, data.digest(_payload))
    return sequences.load(seq, _payload)


def cell(recipe: tuple, _payload=None) -> cells.Cell:
    """The cell `recipe` names; `_payload` a file's bytes, a training's result, or for
    ("char", model key) the Cell of the character model itself."""
    if recipe[0] == "char":
        if _payload is None:
            raise LookupError(recipe)
        return _payload
    return cells.cell(recipe, _payload)


@dataclass(frozen=True)
class Shown:
    """A model on the sequence: its cell, its gates at every step (name → (T, H)) and, for a
    two-layer cell, layer 2's {"cell": it as a one-layer Cell, "x": its input (layer 1's h),
    "states": its gates}."""

    cell: cells.Cell
    states: dict
    second: dict | None = None


def shown(recipe: tuple, seq: tuple, _cell=None, _x=None) -> Shown:
    """The cell `recipe` (`_cell`) run over the sequence `seq` (`_x`, (T, D))."""
    if _cell is None or _x is None:
        raise LookupError((recipe, seq))
    states = cells.run(_cell, _x)
    if _cell.layers == 1:
        return Shown(_cell, states)
    top = {k.replace("_l1", "_l0"): v for k, v in _cell.params.items() if k.endswith("_l1")}
    top = cells.Cell(_cell.kind, top, _cell.linear)
    return Shown(
        _cell, states, {"cell": top, "x": states["h"], "states": cells.run_second(_cell, states)}
    )


def source_controls(source: str) -> tuple[str, ...]:
    """The settings drawn under the source (beside the source itself)."""
    return SOURCE_FIELDS.get(source, ())


def model_controls(model: str) -> tuple[str, ...]:
    """The settings drawn in the model box after the model's kind, in order (for "file", those
    of the random model shown until a file is uploaded)."""
    if model == "hand":
        return ("gain",)
    rest = ("epochs",) if model == "trained" else ("scale", "fbias", "peephole", "layers")
    return ("arch", "hidden", "seed", *rest)


def recipes(
    model: str,
    features: int | None,
    gain: float,
    arch: str,
    hidden: int,
    seed: int,
    scale: float,
    fbias: float,
    peephole: bool,
    layers: int,
) -> list[tuple]:
    """The recipes of the models to show for the settings (("train", kind): to be trained; the
    file's recipe comes from its bytes, `cells.file_recipe`). The hand-wired cell reads 3
    features: any other sequence gets a random LSTM of `hidden` units in its place."""
    kinds = ("lstm", "gru") if arch == "both" else (arch,)
    if model == "hand":
        if features in (None, 3):
            return [("hand", gain)]
        return [("random", "lstm", features, hidden, seed)]
    if model == "trained":
        return [("train", kind) for kind in kinds]
    rest = (hidden, seed, scale, fbias, peephole, *((2,) if layers == 2 else ()))
    return [("random", kind, features, *rest) for kind in kinds if features]


def refusal(found: sequences.Loaded, lang: str, escape=None) -> list:
    """Why the sequence cannot be used (an error the page shows above the charts), if so."""
    error = found.error
    return [
        (
            "error",
            None if error is None else t("gt.seq.error", lang, detail=error.message(lang, escape)),
        )
    ]


def is_hand(shown: list, gain: float) -> bool:
    """Whether the model shown is the hand-wired cell (its guide, table and gain slider)."""
    return shown[:1] == [("hand", gain)]


def hand_note(model: str, source: str, features: int | None, hidden: int, lang: str) -> list:
    """What the hand-wired choice says beside it (`cells.hand_notes`); nothing for the others."""
    if model != "hand":
        return [("caption", None)]
    notes = cells.hand_notes(source, features, hidden)
    return [("caption", sentences((t(key, lang, **values) for key, values in notes), lang))]


def hand_refused(
    model: str, source: str, shown: list, gain: float, features, hidden: int, seed: int, lang: str
) -> list:
    """The warning when the hand-wired cell was asked for but a random LSTM is shown (the
    sequence has not 3 features): none otherwise."""
    if model != "hand" or source == "chars" or is_hand(shown, gain):
        return [("warning", None)]
    return [("warning", t("gt.rb.hand.features", lang, found=features, hidden=hidden, seed=seed))]


def summary(found: sequences.Loaded, lang: str) -> str | None:
    """ "T steps × D features" of a loaded sequence, None for a refused one."""
    if found.x is None:
        return None
    steps, features = (
        count(len(found.x), "wd.step", lang),
        count(found.features, "wd.feature", lang),
    )
    return t("gt.seq.summary", lang, steps=steps, features=features)


def sequence_notes(found: sequences.Loaded, name: str, raw: bytes | None, lang: str) -> list:
    """What the sequence box says under its controls, as (how, text): the uploaded file in use,
    `raw` (`name` already escaped for markdown; the uploader keeps a file when it refuses a
    bigger one, so it is said), and the sequence's size."""
    used = None if raw is None else file_note(name, len(raw), lang)
    return [("caption", used), ("caption", summary(found, lang))]


def upload_texts(what: str, lang: str) -> dict:
    """The texts of an upload box (`ui.uploads.upload`'s label, help, notes and none): "gt.file"
    (a sequence: its limits stated) or "gt.weights" (a weights file)."""
    if what == "gt.weights":
        return dict(label=t(what, lang), help=t(f"{what}.help", lang), none=t(f"{what}.none", lang))
    limits = dict(steps=f"{data.MAX_STEPS:,}", features=data.MAX_FEATURES)
    return dict(
        label=t(what, lang),
        help=t(f"{what}.help", lang, **limits),
        notes=(t(f"{what}.not_in_link", lang),),
        none=t(f"{what}.none", lang),
    )


def file_note(name: str, size: int, lang: str) -> str:
    """The uploaded sequence in use (`name` already escaped for markdown) and its size: the
    uploader keeps it when it refuses a bigger one."""
    return t("gt.rb.file.used", lang, name=name, size=sequences.size_text(size))


file_recipe = cells.file_recipe  # an uploaded weights file's recipe: its bytes' digest


def weights(found: cells.Cell, recipe: tuple, features: int | None, lang: str, escape=None):
    """(notes, recipes) of an uploaded weights file (`found`, named `recipe`) on a
    sequence of `features` features: what was loaded, why it cannot be shown (its refusal, or
    inputs that do not match the sequence's), as (how, text), and the recipes to show ([] or
    [recipe])."""
    if found.error is not None:
        return [
            ("error", t("gt.weights.error", lang, detail=found.error.message(lang, escape)))
        ], []
    caption = t(
        "gt.weights.loaded",
        lang,
        kind=found.kind.upper(),
        hidden=found.hidden,
        features=found.inputs,
    )
    error = None
    if features is not None and found.inputs != features:
        error = t("gt.weights.mismatch", lang, expected=found.inputs, found=features)
    return [("caption", caption), ("error", error)], [recipe] if found.inputs == features else []


def char_source(opened: tuple | None, lookup, lang: str) -> tuple:
    """(seq, x, notes, models) of the source "chars": the character model "Your text" opened here
    (`opened`: its key and the text, or None; `lookup(key)`: the model, LookupError once the
    shared cache let it go). x is its one-hot input over the model's own vocabulary (None
    without a model: the notes say where to get one), models [(("char", key), Cell)] (none for
    a model without gates)."""
    if opened is None:
        return ("chars",), None, [("info", InputError("gt.chars.none").message(lang))], []
    key, text = opened
    try:
        model = lookup(key)
    except LookupError:  # the shared cache let it go: trained again on "Your text"
        return ("chars",), None, [("info", InputError("gt.chars.gone").message(lang))], []
    note = t(
        "gt.chars.opened",
        lang,
        kind=model.kind.upper(),
        hidden=model.hidden,
        chars=f"{len(text):,}",
        vocabulary=len(model.chars),
    )
    found = cells.Cell(model.kind, dict(model.params))
    models = [(("char", key), found)] if model.kind in GATED else []
    return ("chars", key, text), charmodel.encode(model, text), [("caption", note)], models


# --- Training ---------------------------------------------------------------------------------


def train_refusal(steps: int, hidden: int, epochs: int, models: int, lang: str) -> str | None:
    """Why these trainings are not started (over `train.TRAIN_BUDGET`), or None when they fit."""
    over = train.over_budget(steps, hidden, epochs, models)
    return None if over is None else t("gt.rb.train.over", lang, **over)


def trainings(found: sequences.Loaded, shown: list, hidden: int, epochs: int, seed: int, lang: str):
    """(works, notes): one Work per model of `shown` to train (("train", kind)) on the sequence
    `found`, in the pool shared by every session (its key names the sequence by its digest; the
    trained recipe is ("trained", *key)), or none and the warning that refuses them (over the
    budget). No Work for models that need no training."""
    kinds = [recipe[1] for recipe in shown if recipe[0] == "train"]
    if not kinds or found.x is None:
        return [], []
    if refusal := train_refusal(len(found.x), hidden, epochs, len(kinds), lang):
        return [], [("warning", refusal)]
    works = [
        Work(
            "gates.train",
            (found.digest, kind, hidden, epochs, seed),
            dict(x=found.x, kind=kind, hidden=hidden, epochs=epochs, seed=seed),
            label=t("gt.job.training", lang, kind=kind.upper(), epochs=epochs),
            trains=True,
        )
        for kind in kinds
    ]
    return works, []


def trained_recipe(work: Work) -> tuple:
    """The recipe of the cell a finished training made (its result is the payload)."""
    return ("trained", *work.key)


def finished(results: dict) -> dict:
    """The trainings of `results` (work → result, None while it runs) that are done."""
    return {work: result for work, result in results.items() if result is not None}


def trained_notes(results: dict, found: sequences.Loaded, lang: str) -> list:
    """What each finished training on the sequence `found` says: its loss from the first epoch
    to the last."""
    return [
        (
            "caption",
            t(
                "gt.train.done",
                lang,
                kind=work.kwargs["kind"].upper(),
                **train.summary(result, len(found.x)),
            ),
        )
        for work, result in finished(results).items()
    ]


def trained_shown(shown: list, works: list, results: dict, stopped: list) -> list | None:
    """The recipes to show once the trainings are asked for: `shown` itself when nothing
    trains, every trained recipe when all are done, else None (running, refused or failed:
    `stopped` holds the notes that say so)."""
    if not works and not stopped:
        return shown
    done = [trained_recipe(work) for work in finished(results)]
    return done if not stopped and len(done) == len(works) else None


# --- The charts and what they say -------------------------------------------------------------


def units(models) -> int:
    """The units every model shown has (the unit picker's range)."""
    return min(model.cell.hidden for model in models)


def alphabet(seq: tuple, lookup) -> tuple | None:
    """The input rows of a character model's sequence ("chars", key, text): its vocabulary, in
    its order (`lookup(key)`: the model); None for any other sequence."""
    return tuple(lookup(seq[1]).chars) if seq[0] == "chars" else None


def try_this(hand: bool, lang: str) -> str:
    """The guide's "try this": the hand-wired cell's gain, or a model's forget-gate bias."""
    return t("gt.guide.try.hand" if hand else "gt.guide.try.model", lang)


def parts(steps: int, lo: int, hi: int) -> tuple[str, ...]:
    """The charts of a model: the overview only when the window does not show every step."""
    return PARTS[: 3 + (steps > hi - lo + 1)]


def window_notes(clipped: bool, lang: str) -> list:
    """Under the window: that it was shortened to MAX_WINDOW steps (when it was)."""
    return [("caption", t("gt.window.clipped", lang, limit=MAX_WINDOW) if clipped else None)]


def diagram_values(kind: str, states: dict, unit: int, step: int, linear: bool) -> dict:
    """What the cell diagram shows: one unit's gates at `step`, and the state(s) from the step
    before (0 before the first step)."""
    values = {k: float(v[step, unit]) for k, v in states.items()}
    for name in ("h", "c") if kind == "lstm" else ("h",):
        values[f"{name}_prev"] = float(states[name][step - 1, unit]) if step > 0 else 0.0
    if kind == "lstm":
        values["_tanh"] = not linear
    return values


def hand_states(x: np.ndarray, gain: float) -> dict:
    """The hand-wired cell (identity activations) at `gain` over x: name → (T, 1)."""
    return lstm.lstm_forward(
        x, lstm.hand_wired_params(gain), cell_act="identity", out_act="identity"
    )


def gain_frames(x: np.ndarray, lo: int, hi: int, gain: float) -> dict:
    """The hand-wired cell's gates over the window lo..hi at every gain the chart's gain slider
    offers (`figs.gain_stops`): gain → name → (W, 1)."""
    return {
        g: {k: v[lo : hi + 1] for k, v in hand_states(x, g).items()} for g in figs.gain_stops(gain)
    }


def window_chart(
    part: str, found: cells.Cell, x, states: dict, lo: int, hi: int, unit: int, step: int, lang: str
):
    """One of a model's charts over the window lo..hi (0-based, inclusive): "heat" (every gate),
    "lines" (one unit; the hand-wired cell's also at every gain), "cell" (the diagram at `step`)
    or "over" (the whole sequence)."""
    kind, name = found.kind, t(f"gt.arch.{found.kind}", lang)
    window = {k: v[lo : hi + 1] for k, v in states.items()}
    if part == "heat":
        return figs.heatmaps(x[lo : hi + 1], window, lo, kind, name, lang, step)
    if part == "lines":
        fig = figs.unit_lines(window, lo, unit, kind, name, lang, step)
        if found.gain is not None and len(x) <= figs.GAIN_FRAMES_MAX_STEPS:
            figs.add_gain_frames(fig, gain_frames(x, lo, hi, found.gain), unit, found.gain, lang)
        return fig
    if part == "cell":
        values = diagram_values(kind, states, unit, step, found.linear)
        return figs.cell_diagram(values, kind, name, unit, step, lang)
    series = {g: states[g][:, unit] for g in ("c", "h") if g in states}
    return figs.overview(series, (lo, hi), unit, lang)


def chart(
    part: str,
    recipe: tuple,
    seq: tuple,
    lo: int,
    hi: int,
    unit: int,
    step: int,
    lang: str,
    layer: int = 1,
    _shown=None,
    _x=None,
    _alphabet=None,
):
    """The chart `part` of the model `recipe` (`_shown`) on the sequence `seq` (`_x`), of layer 1
    (`window_chart`; a typed text's or a character model's steps and input rows named by their
    characters, `_alphabet`: the character model's vocabulary, in its order) or of layer 2
    ("heat" or "lines": its input panel is layer 1's h)."""
    if _shown is None or _x is None:
        raise LookupError((recipe, seq))
    if layer == 1:
        fig = window_chart(part, _shown.cell, _x, _shown.states, lo, hi, unit, step, lang)
        if seq[0] in ("text", "chars"):
            return text_figs.character_axes(fig, part, seq[-1], lo, hi, _alphabet)
        return fig
    top = _shown.second
    fig = window_chart(part, top["cell"], top["x"], top["states"], lo, hi, unit, step, lang)
    fig.update_layout(title_text=f"{t('dp.gt.layer2.prefix', lang)} · {fig.layout.title.text}")
    if part == "heat":  # a shorter title (two fit side by side); its input is layer 1's h, not x
        model = t(f"gt.arch.{top['cell'].kind}", lang)
        fig.update_layout(title_text=t("dp.gt.layer2.heat", lang, model=model))
        fig.layout.annotations[0].text = t("dp.gt.layer2.input", lang)
    return fig


def overflow_notes(kind: str, states: dict, lang: str) -> list:
    """Where a model's numbers left float64 (a NaN in a chart is a gap), when they did."""
    over = cells.overflow(states)
    return [
        ("warning", None if over is None else t("gt.overflow", lang, model=kind.upper(), **over))
    ]


def guide(model: Shown, lo: int, hi: int, unit: int, step: int, lang: str, layer: int = 1) -> str:
    """The reading guide of a model's layer 1 or 2: one unit's gates at `step` and how the keep
    gate behaves over the window lo..hi (the numbers of the charts beside it)."""
    kind, states = model.cell.kind, model.states if layer == 1 else model.second["states"]
    values = cell_guides.guide_values(kind, states, lo, hi, unit, step)
    name = t("dp.gt.layer2.model", lang, kind=kind.upper()) if layer == 2 else kind.upper()
    return t(f"gt.guide.{kind}", lang, model=name, **values)


def hand_table(hand: bool, states: dict, steps: int, lang: str) -> list:
    """The hand-wired cell's memory and output, step by step, beside the tutorial's (only for
    the hand-wired cell on the tutorial's own 7 steps)."""
    if not hand or steps != len(lstm.HAND_WIRED_INPUTS):
        return [("markdown", None)]
    return [("markdown", t("gt.hand.table", lang, **cell_guides.memory_table(states)))]


def equations(lang: str) -> list:
    """The equations' expander: the LSTM's and the GRU's (torch's and the tutorial's), how the
    GRU variants differ, how two layers connect."""
    latex = [("latex", t("gt.equations.lstm", lang)), ("latex", t("gt.equations.gru", lang))]
    return latex + [
        ("caption", cell_guides.gru_variant_note(lang)),
        ("caption", t("dp.gt.equations.layers", lang)),
    ]


# --- Downloads --------------------------------------------------------------------------------


def table(what: str, x: np.ndarray, models: list[Shown], lo: int, hi: int) -> dict:
    """A CSV's columns over the window lo..hi: every model's ("csv") or one model's layer 2
    ("layer2")."""
    return (
        second_csv_columns(models[0], lo, hi)
        if what == "layer2"
        else csv_columns(x, models, lo, hi)
    )


def csv_columns(x: np.ndarray, models: list[Shown], lo: int, hi: int) -> dict:
    """The CSV of the window lo..hi: t, the input and every gate of every model shown."""
    return tables.gates_table(x, [(m.cell.kind, m.states) for m in models], lo, hi)


def second_csv_columns(model: Shown, lo: int, hi: int) -> dict:
    """Layer 2's CSV: its input columns named layer1_h…, its gates layer2_…."""
    top = model.second
    table = tables.gates_table(top["x"], [(top["cell"].kind, top["states"])], lo, hi)
    named = {"t": "t"} | {k: k.replace("x", "layer1_h", 1) for k in table if k.startswith("x")}
    return {named.get(k, f"layer2_{k}"): v for k, v in table.items()}


# --- What a click or a box on a chart means ---------------------------------------------------


def window_from_box(selection, steps: int, limit: int) -> tuple[int, int] | None:
    """The 1-based window (start, end) a box dragged on the overview spans, at most `limit`
    steps long; None without a usable box. `selection` is Streamlit's plotly selection state."""
    boxes = (selection or {}).get("box") or []
    xs = boxes[-1].get("x") if boxes else None
    if not xs or len(xs) < 2:
        return None
    try:
        lo, hi = sorted(float(v) for v in xs[:2])
    except (TypeError, ValueError):
        return None
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return None
    start = int(min(max(round(lo), 1), steps))
    end = int(min(max(round(hi), start), steps))
    return start, min(end, start + limit - 1)


def cell_from_click(click, lo: int, hi: int, units: int) -> tuple[int | None, int] | None:
    """(unit, step), 1-based, of the gate-heatmap cell a click landed on; unit None on the input
    panel (its rows are features, not units). The figure is `heatmaps` over the window lo..hi
    (0-based, inclusive): curve 0 the input, curves 1… the gates; a cell's column is the step
    lo + 1 + column, its row the unit row + 1. None for a click that names no cell."""
    click = click or {}
    curve, point = click.get("curve"), click.get("point")
    by_point = isinstance(point, (list, tuple)) and len(point) == 2
    try:  # no [row, col]: the cell's centre on the axes (x0 = lo + 1, y0 = 1, dx = dy = 1)
        row, col = (float(v) for v in (point if by_point else (click.get("y"), click.get("x"))))
        row, col = (row, col) if by_point else (row - 1, col - lo - 1)
        curve = int(curve)
    except (TypeError, ValueError):
        return None
    if not (np.isfinite(row) and np.isfinite(col)) or curve < 0:
        return None
    step = int(min(max(round(col) + lo + 1, lo + 1), hi + 1))
    unit = int(min(max(round(row) + 1, 1), units)) if curve > 0 else None
    return unit, step
