"""Gate inspector: LSTM and GRU gates on a built-in, hand-wired, trained or uploaded sequence."""

import streamlit as st

import ui
from explorer.inputs import data, sequences, weights
from explorer.views import gates as vm
from pages.sections.text_cells_data import tc_model
from ui import gate_link, jobs, safe, window
from ui.say import say
from ui.uploads import upload


@ui.settings("gt")
class Settings:
    source: str = ui.select(
        "example", vm.SOURCES, widget="radio", option_labels="gt.source", local=vm.LOCAL_SOURCES
    )
    length: int = ui.number(200, 8, data.MAX_STEPS, step=100)
    data_seed: int = ui.number(1, 0, 9999)
    text: str = ui.text("hello world", max_chars=2000)
    paste: str = ui.text("0 1 1 0 1 0 0 1 1 1 0 1", max_chars=20_000, area=True)
    model: str = ui.select(
        "hand",
        vm.MODELS,
        widget="radio",
        option_labels="gt.model",
        label="gt.model.kind",
        local=vm.LOCAL_MODELS,
    )
    gain: float = ui.slider(1.0, 0.1, 10.0, step=0.1, help="gt.gain.help")
    arch: str = ui.select(
        "lstm", vm.ARCHS, widget="radio", option_labels="gt.arch", horizontal=True
    )
    hidden: int = ui.slider(8, 1, 32)
    scale: float = ui.slider(1.0, 0.1, 5.0, step=0.1)
    fbias: float = ui.slider(1.0, -5.0, 5.0, step=0.1, help="gt.fbias.help")
    peephole: bool = ui.toggle(False, help="gt.peephole.help")
    layers: int = ui.select(
        1, (1, 2), widget="radio", horizontal=True, label="dp.gt.layers", help="dp.gt.layers.help"
    )
    seed: int = ui.number(0, 0, 9999)
    epochs: int = ui.slider(80, 10, 200, step=10)
    window: tuple = ui.slider((1, vm.MAX_WINDOW), 1, data.MAX_STEPS)
    unit: int = ui.select(1, range(1, weights.MAX_HIDDEN + 1))
    step: int = ui.slider(1, 1, data.MAX_STEPS)


# Shared by every session, named by recipes: a sequence ≤ 51 MB, a cell ≤ 0.2 MB, its gates
def seq_of(seq: tuple, raw=None) -> sequences.Loaded:
    return ui.shared(vm.sequence, seq, raw, max_entries=8)


def cell_of(recipe: tuple, raw=None):
    return ui.shared(vm.cell, recipe, raw, max_entries=64)


def shown_of(recipe: tuple, seq: tuple) -> vm.Shown:
    return ui.shared(vm.shown, recipe, seq, cell_of(recipe), seq_of(seq).x, max_entries=4)


def sequence_box(s: Settings, controls: ui.Controls) -> tuple:
    if controls.source() == "chars":  # a model trained on "Your text", opened there
        seq, x, notes, models = vm.char_source(gate_link.opened(), tc_model, ui.lang())
        say(notes)
        found = sequences.Loaded(None) if x is None else seq_of(seq, x)
        return seq, found, [recipe for recipe, cell in models if cell_of(recipe, cell)]
    for name in vm.source_controls(s.source):
        getattr(controls, name)(**({"height": 120} if name == "paste" else {}))
    raw, name = None, ""
    if s.source == "upload":
        help = ui.tr("gt.file.help", steps=f"{data.MAX_STEPS:,}", features=data.MAX_FEATURES)
        notes, none = (ui.tr("gt.file.not_in_link"),), ui.tr("gt.file.none")
        raw, name = upload(
            ui.tr("gt.file"), data.FILE_TYPES, "gt_file", help=help, notes=notes, none=none
        )
    seq = sequences.recipe(s.source, s.length, s.data_seed, s.text, s.paste, raw, name)
    say(vm.sequence_notes(found := seq_of(seq, raw), safe.md(name), raw and len(raw), ui.lang()))
    return seq, found, None


def model_box(s: Settings, controls: ui.Controls, features: int | None) -> list[tuple]:
    """The recipes of the models to show (("train", kind): to be trained)."""
    help, none = ui.tr("gt.weights.help"), ui.tr("gt.weights.none")
    if controls.model() == "file" and (
        raw := upload(ui.tr("gt.weights"), ["npz"], "gt_weights", help=help, none=none)[0]
    ):
        notes, shown = vm.weights(
            cell_of(recipe := vm.file_recipe(raw), raw), recipe, features, ui.lang(), safe.md
        )
        return say(notes) or shown
    for name in vm.model_controls(s.model):
        getattr(controls, name)()
    if s.model == "hand":
        st.caption(vm.hand_note(s.source, features, s.hidden, ui.lang()))
    return vm.recipes(
        s.model, features, s.gain, s.arch, s.hidden, s.seed, s.scale, s.fbias, s.peephole, s.layers
    )


def trained(s: Settings, shown: list, found: sequences.Loaded) -> list | None:
    """The recipes with every training done (a progress bar while one runs), or None."""
    if shown[0][0] != "train":
        return shown
    if refusal := vm.train_refusal(len(found.x), s.hidden, s.epochs, len(shown), ui.lang()):
        return say([("warning", refusal)])
    done = []
    for work in vm.trainings(
        found, [kind for _, kind in shown], s.hidden, s.epochs, s.seed, ui.lang()
    ):
        try:  # one job per model, in the pool shared by every session
            result = jobs.run(work)
        except Exception as err:  # noqa: BLE001 - a torch failure is a message, not a traceback
            return say([("error", ui.tr("gt.train.failed", detail=safe.md(err)))])
        if result is not None:  # its params, shared: what the charts and downloads use
            st.caption(vm.trained_note(work, result, len(found.x), ui.lang()))
            done.append(cell_of(recipe := vm.trained_recipe(work), result) and recipe)
    return done if len(done) == len(shown) else None


def charts(recipe: tuple, seq: tuple, view: tuple, parts: tuple, talk: dict, layer: int = 1) -> str:
    """A model's charts in a column (layer 1's or layer 2's); returns its reading guide."""
    model, kind = shown_of(recipe, seq), cell_of(recipe).kind
    alphabet = tc_model(seq[1]).chars if seq[0] == "chars" else None  # a character model's
    for part in parts:
        fig = ui.figure(vm.chart, part, recipe, seq, *view, layer, model, seq_of(seq).x, alphabet)
        ui.plot(fig, key=f"gt_{part}{'2' if layer == 2 else ''}_{kind}", **talk.get(part, {}))
    return vm.guide(
        kind, model.states if layer == 1 else model.second["states"], *view, layer=layer
    )


def download(recipe: tuple, seq: tuple, lo: int, hi: int, what: str) -> bytes:
    """A download's bytes, found again in the shared caches on the click: the weights ("npz") of
    `recipe`, the CSV of every model shown ("csv": `recipe` is their tuple) or of layer 2."""
    if what == "npz":
        return cell_of(recipe).npz()
    if what == "layer2":
        return ui.csv_bytes(vm.second_csv_columns(shown_of(recipe, seq), lo, hi))
    return ui.csv_bytes(vm.csv_columns(seq_of(seq).x, [shown_of(r, seq) for r in recipe], lo, hi))


def equations() -> None:
    latex, captions = vm.equations(ui.lang())
    with st.expander(ui.tr("gt.equations")):
        say([("latex", text) for text in latex] + [("caption", text) for text in captions])


def model_columns(s: Settings, shown: list, seq: tuple, view: tuple, steps: int, units: int) -> str:
    """Every model's charts side by side, then layer 2's; returns the first model's guide."""
    (lo, hi), hand, guides = view[:2], vm.is_hand(shown, s.gain), []
    for col, recipe in zip(st.columns(len(shown)), shown, strict=True):
        say(
            vm.overflow_notes(kind := cell_of(recipe).kind, shown_of(recipe, seq).states, view[-1]),
            col,
        )
        box = window.from_box(Settings, f"gt_over_{kind}", steps, vm.MAX_WINDOW)  # drag: new window
        talk = {
            "over": {"on_select": box, "selection_mode": "box"},
            "lines": window.lines_talk(Settings, hand, steps, hi - lo + 1),
            "heat": {"events": ("click",), "on_change": window.from_click(Settings, lo, hi, units)},
        }
        with col:
            guides.append(charts(recipe, seq, view, vm.parts(steps, lo, hi), talk))
            label = f"{ui.tr('gt.download.weights')} · {kind.upper()}"
            npz = ui.later(download, recipe, seq, lo, hi, "npz")
            st.download_button(
                label,
                npz,
                f"gates_{kind}_weights.npz",
                "application/octet-stream",
                f"gt_dl_{kind}",
                on_click="ignore",
            )
    if deep := [recipe for recipe in shown if cell_of(recipe).layers == 2]:  # layer 2's gates
        say([("subheader", ui.tr("dp.gt.layer2")), ("caption", ui.tr("dp.gt.layer2.caption"))])
    for col, recipe in zip(st.columns(len(deep) or 1), deep, strict=False):
        with col:
            ui.guide(charts(recipe, seq, view, ("heat", "lines"), {}, layer=2))
            csv, kind = ui.later(download, recipe, seq, lo, hi, "layer2"), cell_of(recipe).kind
            ui.download_csv(csv, f"gates_{kind}_layer2.csv", key=f"gt_download2_{kind}")
    return guides[0]


@ui.page(Settings, title="gt.title", intro="gt.intro", header=equations)
def body(s: Settings, controls: ui.Controls) -> None:
    left, right, third = st.columns(3)  # three boxes side by side: the charts on screen 1
    alert, lang = st.empty(), ui.lang()  # the sequence's refusal, drawn or emptied on every run
    with left, ui.controls_box(ui.tr("gt.sequence")):
        seq, found, chars = sequence_box(s, controls)
    with right, ui.controls_box(ui.tr("gt.model")):
        shown = chars if s.source == "chars" else model_box(s, controls, found.features)
    if found.error is not None:
        return alert.error(ui.tr("gt.seq.error", detail=found.error.message(lang, safe.md)))
    say(vm.hand_refused(s.model, s.source, shown, s.gain, found.features, s.hidden, s.seed, lang))
    if not shown or not (shown := trained(s, shown, found)):
        return
    steps = len(found.x)
    start, end, step, clipped = window.keep_inside(s, steps, vm.MAX_WINDOW, found.digest)
    units = min(cell_of(recipe).hidden for recipe in shown)
    ui.set_values(Settings, unit=min(max(s.unit, 1), units))
    with third, ui.controls_box(ui.tr("gt.view")):
        controls.window(hi=steps, label=ui.tr("gt.window", limit=vm.MAX_WINDOW))
        say(vm.window_notes(clipped, lang))
        cols = st.columns([1, 2])
        unit = controls.unit(cols[0], options=list(range(1, units + 1))) - 1
        if end > start:
            controls.step(cols[1], lo=start, hi=end)
    view = (start - 1, end - 1, unit, step - 1, lang)
    guide, hand = model_columns(s, shown, seq, view, steps, units), vm.is_hand(shown, s.gain)
    say(vm.hand_table(hand, shown_of(shown[0], seq).states, steps, lang))
    ui.guide(guide, ui.tr("gt.guide.try.hand" if hand else "gt.guide.try.model"))
    st.caption(ui.tr("gt.csv.note"))
    csv = ui.later(download, tuple(shown), seq, *view[:2], "csv")
    ui.download_csv(csv, "gates.csv", key="gt_download")
