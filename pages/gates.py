"""Gate inspector: LSTM and GRU gates on a built-in, hand-wired, trained or uploaded sequence."""

import functools

import streamlit as st

import ui
from explorer.inputs import data, sequences, weights
from explorer.views import gates as vm
from ui import gate_link, jobs, safe, window
from ui.say import expander, say
from ui.uploads import upload

radio = functools.partial(ui.select, widget="radio")


@ui.settings("gt")
class Settings:
    source: str = radio("example", vm.SOURCES, option_labels="gt.source", local=vm.LOCAL_SOURCE)
    length: int = ui.number(200, 8, data.MAX_STEPS, step=100)
    data_seed: int = ui.number(1, 0, 9999)
    text: str = ui.text("hello world", max_chars=2000)
    paste: str = ui.text("0 1 1 0 1 0 0 1 1 1 0 1", max_chars=20_000, area=True)
    model: str = radio(
        "hand", vm.MODELS, option_labels="gt.model", label="gt.model.kind", local=vm.LOCAL_MODEL
    )
    gain: float = ui.slider(1.0, 0.1, 10.0, step=0.1, help="gt.gain.help")
    arch: str = radio("lstm", vm.ARCHS, option_labels="gt.arch", horizontal=True)
    hidden: int = ui.slider(8, 1, 32)
    scale: float = ui.slider(1.0, 0.1, 5.0, step=0.1)
    fbias: float = ui.slider(1.0, -5.0, 5.0, step=0.1, help="gt.fbias.help")
    peephole: bool = ui.toggle(False, help="gt.peephole.help")
    layers: int = radio(1, (1, 2), horizontal=True, label="dp.gt.layers", help="dp.gt.layers.help")
    seed: int = ui.number(0, 0, 9999)
    epochs: int = ui.slider(80, 10, 200, step=10)
    window: tuple = ui.slider((1, vm.MAX_WINDOW), 1, data.MAX_STEPS)
    unit: int = ui.select(1, range(1, weights.MAX_HIDDEN + 1))
    step: int = ui.slider(1, 1, data.MAX_STEPS)


# Shared by every session, named by recipes (the data named given once, found again by a download)
sequence = ui.keep(max_entries=8)(vm.sequence)  # ≤ 51 MB each
cell = ui.keep(max_entries=64)(vm.cell)  # ≤ 0.2 MB each
shown_on = ui.keep(max_entries=4)(vm.shown)  # every gate at every step
equations = functools.partial(expander, "gt.equations", vm.equations)  # above the page


def sequence_box(s: Settings, controls: ui.Controls) -> tuple:
    if controls.source() == "chars":  # a model trained on "Your text", opened there
        seq, x, notes, models = vm.char_source(gate_link.opened(), jobs.result, ui.lang())
        say(notes)
        return seq, sequence(seq, x), dict(models)  # recipe → its cell, cached when it is shown
    for name in vm.source_controls(s.source):
        getattr(controls, name)(**({"height": 120} if name == "paste" else {}))
    raw, name, texts = None, "", vm.upload_texts("gt.file", ui.lang())
    if s.source == "upload":
        raw, name = upload(types=data.FILE_TYPES, key="gt_file", **texts)
    seq = sequences.recipe(s.source, s.length, s.data_seed, s.text, s.paste, raw, name)
    say(vm.sequence_notes(found := sequence(seq, raw), safe.md(name), raw, ui.lang()))
    return seq, found, None


def model_box(s: Settings, controls: ui.Controls, features: int | None) -> list[tuple]:
    """The recipes of the models to show (("train", kind): to be trained)."""
    texts = vm.upload_texts("gt.weights", ui.lang())
    if controls.model() == "file" and (raw := upload(types=["npz"], key="gt_weights", **texts)[0]):
        found = cell(recipe := vm.file_recipe(raw), raw)
        notes, shown = vm.weights(found, recipe, features, ui.lang(), safe.md)
        say(notes)
        return shown
    for name in vm.model_controls(s.model):
        getattr(controls, name)()
    say(vm.hand_note(s.model, s.source, features, s.hidden, ui.lang()))
    return vm.recipes(
        s.model, features, s.gain, s.arch, s.hidden, s.seed, s.scale, s.fbias, s.peephole, s.layers
    )


def download(what: str, recipes: tuple, seq: tuple, lo: int, hi: int) -> bytes:
    """A download's bytes on its click: a model's weights ("npz"), or a CSV (`vm.table`)."""
    if what == "npz":
        return cell(recipes[0]).npz()
    models = [shown_on(recipe, seq) for recipe in recipes]
    return ui.csv_bytes(vm.table(what, sequence(seq).x, models, lo, hi))


def column(recipe: tuple, seq: tuple, model: vm.Shown, view: tuple, parts, talk, layer: int = 1):
    """A model's charts in a column, then its weights (layer 1) or its guide and CSV (layer 2)."""
    kind, (lo, hi), alphabet = model.cell.kind, view[:2], vm.alphabet(seq, jobs.result)
    for part in parts:
        fig = ui.figure(vm.chart, part, recipe, seq, *view, layer, model, sequence(seq).x, alphabet)
        ui.plot(fig, key=f"gt_{part}{'2' * (layer == 2)}_{kind}", **talk.get(part, {}))
    if layer == 2:
        ui.guide(vm.guide(model, *view, layer=2))
        data = ui.later(download, "layer2", (recipe,), seq, lo, hi)
        return ui.download_csv(data, f"gates_{kind}_layer2.csv", key=f"gt_download2_{kind}")
    label = f"{ui.tr('gt.download.weights')} · {kind.upper()}"
    data, name = ui.later(download, "npz", (recipe,), seq, lo, hi), f"gates_{kind}_weights.npz"
    st.download_button(label, data, name, vm.NPZ, f"gt_dl_{kind}", on_click="ignore")


@ui.page(Settings, title="gt.title", intro="gt.intro", header=equations)
def body(s: Settings, controls: ui.Controls) -> None:
    left, right, third = st.columns(3)  # three boxes side by side: the charts on screen 1
    alert, lang = st.empty(), ui.lang()  # the sequence's refusal, drawn or emptied on every run
    with left, ui.controls_box(ui.tr("gt.sequence")):
        seq, found, chars = sequence_box(s, controls)
    with right, ui.controls_box(ui.tr("gt.model")):
        shown = list(chars) if chars is not None else model_box(s, controls, found.features)
    say(vm.refusal(found, lang, safe.md), alert)
    say(vm.hand_refused(s.model, s.source, shown, s.gain, found.features, s.hidden, s.seed, lang))
    works, refused = vm.trainings(found, shown, s.hidden, s.epochs, s.seed, lang)
    results, failed = jobs.run_all(
        works, "gt.train.failed"
    )  # one job per model, shared by everyone
    for work, result in vm.finished(results).items():  # its params: what charts and downloads use
        cell(vm.trained_recipe(work), result)
    say(refused + vm.trained_notes(results, found, lang) + failed)
    if found.x is None or not (shown := vm.trained_shown(shown, works, results, refused + failed)):
        return
    models = {r: shown_on(r, seq, cell(r, (chars or {}).get(r)), found.x) for r in shown}
    steps, units, hand = len(found.x), vm.units(models.values()), vm.is_hand(shown, s.gain)
    start, end, step, clipped = window.keep_inside(s, steps, vm.MAX_WINDOW, found.digest)
    ui.set_values(Settings, unit=min(max(s.unit, 1), units))
    with third, ui.controls_box(ui.tr("gt.view")):
        controls.window(hi=steps, label=ui.tr("gt.window", limit=vm.MAX_WINDOW))
        say(vm.window_notes(clipped, lang))
        cols = st.columns([1, 2])
        unit = controls.unit(cols[0], options=list(range(1, units + 1))) - 1
        if end > start:
            controls.step(cols[1], lo=start, hi=end)
    view, lo, hi = (start - 1, end - 1, unit, step - 1, lang), start - 1, end - 1
    click = dict(on_event=window.click_sets_cell(Settings, lo, hi, units), hear=("click",))
    lines = window.lines_talk(Settings, hand, steps, hi - lo + 1)
    box = window.box_sets_window(Settings, steps, vm.MAX_WINDOW)  # a box dragged: a new window
    talk = dict(heat=click, lines=lines, over=dict(on_event=box, hear=("box",)))
    for col, (recipe, model) in zip(st.columns(len(shown)), models.items(), strict=True):
        say(vm.overflow_notes(model.cell.kind, model.states, lang), col)
        with col:
            column(recipe, seq, model, view, vm.parts(steps, lo, hi), talk)
    if deep := [(recipe, model) for recipe, model in models.items() if model.second is not None]:
        say([("subheader", ui.tr("dp.gt.layer2")), ("caption", ui.tr("dp.gt.layer2.caption"))])
        for col, (recipe, model) in zip(st.columns(len(deep)), deep, strict=True):
            with col:
                column(recipe, seq, model, view, ("heat", "lines"), {}, layer=2)
    say(vm.hand_table(hand, models[shown[0]].states, steps, lang))
    ui.guide(vm.guide(models[shown[0]], *view), vm.try_this(hand, lang))
    st.caption(ui.tr("gt.csv.note"))
    csv = ui.later(download, "csv", tuple(shown), seq, lo, hi)
    ui.download_csv(csv, "gates.csv", key="gt_download")
