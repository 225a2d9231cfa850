"""Gate inspector: LSTM and GRU gates on a built-in, hand-wired, trained or uploaded sequence."""

import streamlit as st

import ui
from explorer.cells import lstm
from explorer.cells import recipes as cells
from explorer.inputs import data, sequences, weights
from explorer.training import next_step as train
from explorer.views.cell_guides import guide_values, memory_table
from pages.sections import gates_char
from pages.sections.gates_data import gt_cell, gt_chart, gt_csv, gt_npz, gt_sequence, gt_states
from pages.sections.gates_layers import equations, second_layers
from ui import jobs, safe, window
from ui.uploads import upload

MAX_WINDOW = 500  # steps shown at full detail: (64 + 6·32 rows) × 500 float32 ≈ 0.7 MB per chart
SOURCE_FIELDS = {"bits": ("length", "data_seed"), "sine": ("length",), "text": ("text",)}


@ui.settings("gt")
class Settings:
    source: str = ui.select("example", (*sequences.SOURCES, "chars"), widget="radio", option_labels="gt.source", local={"upload": "upload", "chars": "model"})  # fmt: skip
    length: int = ui.number(200, 8, data.MAX_STEPS, step=100)
    data_seed: int = ui.number(1, 0, 9999)
    text: str = ui.text("hello world", max_chars=2000)
    paste: str = ui.text("0 1 1 0 1 0 0 1 1 1 0 1", max_chars=20_000, area=True)
    model: str = ui.select("hand", ("hand", "random", "trained", "file"), widget="radio", option_labels="gt.model", label="gt.model.kind", local={"file": "upload"})  # fmt: skip
    gain: float = ui.slider(1.0, 0.1, 10.0, step=0.1, help="gt.gain.help")
    arch: str = ui.select("lstm", ("lstm", "gru", "both"), widget="radio", option_labels="gt.arch", horizontal=True)  # fmt: skip
    hidden: int = ui.slider(8, 1, 32)
    scale: float = ui.slider(1.0, 0.1, 5.0, step=0.1)
    fbias: float = ui.slider(1.0, -5.0, 5.0, step=0.1, help="gt.fbias.help")
    peephole: bool = ui.toggle(False, help="gt.peephole.help")
    layers: int = ui.select(1, (1, 2), widget="radio", horizontal=True, label="dp.gt.layers", help="dp.gt.layers.help")  # fmt: skip
    seed: int = ui.number(0, 0, 9999)
    epochs: int = ui.slider(80, 10, 200, step=10)
    window: tuple = ui.slider((1, MAX_WINDOW), 1, data.MAX_STEPS)
    unit: int = ui.select(1, range(1, weights.MAX_HIDDEN + 1))
    step: int = ui.slider(1, 1, data.MAX_STEPS)


def sequence_box(s: Settings, controls: ui.Controls) -> tuple[tuple, sequences.Loaded]:
    controls.source()
    if s.source == "chars":  # a model trained on "Your text", opened there
        return gates_char.sequence()
    for name in SOURCE_FIELDS.get(s.source, ()):
        getattr(controls, name)()
    if s.source == "paste":
        controls.paste(height=120)
    raw, name = None, ""
    if s.source == "upload":
        help = ui.tr("gt.file.help", steps=f"{data.MAX_STEPS:,}", features=data.MAX_FEATURES)
        notes = (ui.tr("gt.file.not_in_link"),)
        raw, name = upload(ui.tr("gt.file"), data.FILE_TYPES, "gt_file", help=help, notes=notes,
                           none=ui.tr("gt.file.none"))  # fmt: skip
        if raw is not None:  # the uploader keeps this file when it refuses a bigger one: say so
            st.caption(ui.tr("gt.rb.file.used", name=safe.md(name), size=sequences.size_text(len(raw))))  # fmt: skip
    seq = sequences.recipe(s.source, s.length, s.data_seed, s.text, s.paste, raw, name)
    found = gt_sequence(seq, raw)
    if found.x is not None:
        st.caption(ui.tr("gt.seq.summary", steps=ui.count(len(found.x), "wd.step"), features=ui.count(found.features, "wd.feature")))  # fmt: skip
    return seq, found


def model_box(s: Settings, controls: ui.Controls, features: int | None) -> list[tuple]:
    """The recipes of the models to show (("train", kind): to be trained)."""
    if s.source == "chars":  # the model trained on "Your text"
        return gates_char.recipes()
    controls.model()
    if s.model == "hand":
        controls.gain()
        notes = cells.hand_notes(s.source, features, s.hidden)
        st.caption(" ".join(ui.tr(key, **values) for key, values in notes))
        if features in (None, 3):
            return [("hand", s.gain)]
        return [("random", "lstm", features, s.hidden, s.seed)]
    if s.model == "file":
        raw, _ = upload(ui.tr("gt.weights"), ["npz"], "gt_weights", help=ui.tr("gt.weights.help"),
                        none=ui.tr("gt.weights.none"))  # fmt: skip
        if raw is not None:
            found = gt_cell(recipe := cells.file_recipe(raw), raw)
            if found.error is not None:
                st.error(ui.tr("gt.weights.error", detail=found.error.message(ui.lang(), safe.md)))
                return []
            st.caption(ui.tr("gt.weights.loaded", kind=found.kind.upper(), hidden=found.hidden, features=found.inputs))  # fmt: skip
            if features is not None and found.inputs != features:
                st.error(ui.tr("gt.weights.mismatch", expected=found.inputs, found=features))
            return [recipe] if found.inputs == features else []
    for name in ("arch", "hidden", "seed", *(("epochs",) if s.model == "trained" else ())):
        getattr(controls, name)()
    kinds = ("lstm", "gru") if s.arch == "both" else (s.arch,)
    if s.model == "trained":
        return [("train", kind) for kind in kinds]
    for name in ("scale", "fbias", "peephole", "layers"):
        getattr(controls, name)()
    rest = (s.hidden, s.seed, s.scale, s.fbias, s.peephole, *((2,) if s.layers == 2 else ()))
    return [("random", kind, features, *rest) for kind in kinds if features]


def trained(s: Settings, shown: list, found: sequences.Loaded) -> list | None:
    """The recipes with every training done (a progress bar while one runs), or None."""
    if shown[0][0] != "train":
        return shown
    if over := train.over_budget(len(found.x), s.hidden, s.epochs, len(shown)):
        st.warning(ui.tr("gt.rb.train.over", **over))
        return None
    done = []
    for _, kind in shown:  # one job per model, in the pool shared by every session
        key, label = (found.digest, kind, s.hidden, s.epochs, s.seed), kind.upper()
        try:
            result = jobs.run(key, train.job(found.x, *key[1:]), label=ui.tr("gt.job.training", kind=label, epochs=s.epochs), trains=True)  # fmt: skip
        except Exception as err:  # noqa: BLE001 - a torch failure is a message, not a traceback
            st.error(ui.tr("gt.train.failed", detail=safe.md(err)))
            return None
        if result is not None:
            st.caption(ui.tr("gt.train.done", kind=label, **train.summary(result, len(found.x))))
            recipe = ("trained", *key)
            gt_cell(recipe, result)  # its params, shared: what the charts and downloads use
            done.append(recipe)
    return done if len(done) == len(shown) else None


@ui.page(Settings, title="gt.title", intro="gt.intro", header=equations)
def body(s: Settings, controls: ui.Controls) -> None:
    left, right, third = st.columns(3)  # three boxes side by side: the charts on screen 1
    alert = st.empty()  # the sequence's refusal, drawn or emptied on every run
    with left, ui.controls_box(ui.tr("gt.sequence")):
        seq, found = sequence_box(s, controls)
    with right, ui.controls_box(ui.tr("gt.model")):
        shown = model_box(s, controls, features := found.features)
    if found.error is not None:
        alert.error(ui.tr("gt.seq.error", detail=found.error.message(ui.lang(), safe.md)))
        return
    hand = shown[:1] == [("hand", s.gain)]
    if s.model == "hand" and not hand and s.source != "chars":
        st.warning(ui.tr("gt.rb.hand.features", found=features, hidden=s.hidden, seed=s.seed))
    if not shown or not (shown := trained(s, shown, found)):
        return
    steps, lang = len(found.x), ui.lang()
    start, end, step, clipped = window.keep_inside(s, steps, MAX_WINDOW, found.digest)
    units = min(gt_cell(recipe).hidden for recipe in shown)
    ui.set_values(Settings, unit=min(max(s.unit, 1), units))
    with third, ui.controls_box(ui.tr("gt.view")):
        controls.window(hi=steps, label=ui.tr("gt.window", limit=MAX_WINDOW))
        if clipped:
            st.caption(ui.tr("gt.window.clipped", limit=MAX_WINDOW))
        cols = st.columns([1, 2])
        unit = controls.unit(cols[0], options=list(range(1, units + 1))) - 1
        if end > start:
            controls.step(cols[1], lo=start, hi=end)
    view = (start - 1, end - 1, unit, step - 1, lang)
    for col, recipe in zip(st.columns(len(shown)), shown, strict=True):
        kind = gt_cell(recipe).kind
        if over := cells.overflow(gt_states(recipe, seq)):  # a NaN in a chart is a gap
            col.warning(ui.tr("gt.overflow", model=kind.upper(), **over))
        box = window.from_box(Settings, f"gt_over_{kind}", steps, MAX_WINDOW)  # drag: new window
        talk = {"over": {"on_select": box, "selection_mode": "box"}, "lines": window.lines_talk(Settings, hand, steps, end - start + 1),
                "heat": {"events": ("click",), "on_change": window.from_click(Settings, *view[:2], units)}}  # fmt: skip
        for part in ("heat", "lines", "cell", "over")[: 3 + (steps > end - start + 1)]:
            with col:
                ui.plot(ui.figure(gt_chart, part, recipe, seq, *view), key=f"gt_{part}_{kind}", **talk.get(part, {}))  # fmt: skip
        col.download_button(f"{ui.tr('gt.download.weights')} · {kind.upper()}", ui.later(gt_npz, recipe),
                            file_name=f"gates_{kind}_weights.npz", mime="application/octet-stream",
                            key=f"gt_dl_{kind}", on_click="ignore")  # fmt: skip
    second_layers(shown, seq, view, gt_cell, gt_states)  # a two-layer model's layer 2
    if hand and steps == len(lstm.HAND_WIRED_INPUTS):
        st.markdown(ui.tr("gt.hand.table", **memory_table(gt_states(shown[0], seq))))
    values = guide_values(kind := gt_cell(shown[0]).kind, gt_states(shown[0], seq), *view[:4])
    ui.guide(ui.tr(f"gt.guide.{kind}", model=kind.upper(), **values),
             ui.tr("gt.guide.try.hand" if hand else "gt.guide.try.model"))  # fmt: skip
    st.caption(ui.tr("gt.csv.note"))
    ui.download_csv(ui.later(gt_csv, tuple(shown), seq, *view[:2]), "gates.csv", key="gt_download")
