"""Gate inspector: LSTM and GRU gates on a built-in, hand-wired, trained or uploaded sequence."""

import functools
import hashlib

import streamlit as st

import ui
from explorer import cell_params, data, gru, i18n, lstm, sequences, tables, train
from explorer.figures import gates as figs
from explorer.i18n import number
from ui import jobs, safe, window

MAX_WINDOW = 500  # steps shown at full detail: (64 + 6·32 rows) × 500 float32 ≈ 0.7 MB per chart
MODELS, ARCHS, CELLS = (
    ("hand", "random", "trained", "file"),
    ("lstm", "gru", "both"),
    {"lstm": lstm, "gru": gru},
)


@ui.settings("gt")
class Settings:
    source: str = ui.select("example", sequences.SOURCES, widget="radio", option_labels="gt.source")
    length: int = ui.number(200, 8, data.MAX_STEPS, step=100)
    data_seed: int = ui.number(1, 0, 9999)
    text: str = ui.text("hello world", max_chars=2000)
    paste: str = ui.text("0 1 1 0 1 0 0 1 1 1 0 1", max_chars=20_000, area=True)
    model: str = ui.select("hand", MODELS, widget="radio", option_labels="gt.model",
                           label="gt.model.kind")  # fmt: skip
    gain: float = ui.slider(1.0, 0.1, 10.0, step=0.1, help="gt.gain.help")
    arch: str = ui.select("lstm", ARCHS, widget="radio", option_labels="gt.arch", horizontal=True)
    hidden: int = ui.slider(8, 1, 32)
    scale: float = ui.slider(1.0, 0.1, 5.0, step=0.1)
    fbias: float = ui.slider(1.0, -5.0, 5.0, step=0.1, help="gt.fbias.help")
    peephole: bool = ui.toggle(False, help="gt.peephole.help")
    seed: int = ui.number(0, 0, 9999)
    epochs: int = ui.slider(80, 10, 200, step=10)
    window: tuple = ui.slider((1, MAX_WINDOW), 1, data.MAX_STEPS)
    unit: int = ui.select(1, range(1, data.MAX_HIDDEN + 1))
    step: int = ui.slider(1, 1, data.MAX_STEPS)


# Shared results, named by small recipes: a download rebuilds from them on the click. An upload's
# bytes (`_raw`, not hashed: its digest is in the recipe) are needed only the first time.
def sequence(recipe: tuple, _raw: bytes | None = None) -> sequences.Loaded:
    if recipe[0] == "upload" and _raw is None:
        raise LookupError(recipe)  # the cache let this upload go
    return sequences.load(recipe, _raw)


def weights_file(digest: str, _raw: bytes | None = None):
    if _raw is None:
        raise LookupError(digest)
    return data.weights_or_error(_raw)


def loaded(seq: tuple, raw: bytes | None = None) -> sequences.Loaded:
    return ui.shared(sequence, seq, raw, max_entries=8)  # a sequence is ≤ 51 MB


def params(model: tuple) -> dict:
    """("hand", gain) · ("random", kind, inputs, hidden, seed, scale, fbias, peephole) ·
    ("trained", job key) · ("file", digest)"""
    how, *args = model
    if how in ("hand", "random"):
        return lstm.hand_wired_params(*args) if how == "hand" else cell_params.random_params(*args)
    if how == "trained":
        return train.trained_params(jobs.result(args[0]))
    (_, found), _ = ui.shared(weights_file, args[0], None, max_entries=8)
    return {k: v for k, v in found.items() if k != data.LINEAR_KEY}


def run(kind: str, linear: bool, model: tuple, seq: tuple) -> dict:
    x, act = loaded(seq).x, "identity" if linear else "tanh"
    if kind == "lstm":
        return lstm.lstm_forward(x, params(model), cell_act=act, out_act=act)
    return gru.gru_forward(x, params(model))


def gates(kind: str, linear: bool, model: tuple, seq: tuple) -> dict:
    return ui.shared(run, kind, linear, model, seq, max_entries=4)  # every gate, every step


def chart(part: str, shown: tuple, seq: tuple, lo: int, hi: int, unit: int, step: int, lang: str):
    """A model's "heat", "lines", "cell" or "overview" chart of the window lo..hi (0-based)."""
    (kind, linear, _), name = shown, i18n.t(f"gt.arch.{shown[0]}", lang)
    states = gates(*shown, seq)
    part_of = {k: v[lo : hi + 1] for k, v in states.items()}
    if part == "heat":
        return figs.heatmaps(loaded(seq).x[lo : hi + 1], part_of, lo, kind, name, lang, step)
    if part == "lines":
        return figs.unit_lines(part_of, lo, unit, kind, name, lang, step)
    if part == "cell":
        values = figs.diagram_values(kind, states, unit, step, linear)
        return figs.cell_diagram(values, kind, name, unit, step, lang)
    return figs.overview({g: states[g][:, unit] for g in ("c", "h") if g in states}, (lo, hi),
                         unit, lang)  # fmt: skip


def window_csv(shown: tuple, seq: tuple, lo: int, hi: int) -> bytes:
    runs = [(kind, gates(kind, linear, model, seq)) for kind, linear, model in shown]
    return ui.csv_bytes(tables.gates_table(loaded(seq).x, runs, lo, hi))


def weights_npz(model: tuple, linear: bool) -> bytes:
    return data.weights_bytes(params(model) | ({data.LINEAR_KEY: 1.0} if linear else {}))


def on_click(lang: str, build, *args) -> bytes:
    """A download built on the click, or a note once the shared caches let its data go."""
    try:
        return build(*args)
    except LookupError:
        return (i18n.t("rb.download.expired", lang) + "\n").encode("utf-8")


def fit(x, kind: str, hidden: int, epochs: int, seed: int, progress) -> dict:
    def report(fraction: float, loss: float) -> None:  # every epoch; a cancelled job stops here
        progress(fraction, f"· MSE {number(loss)}")

    return train.train_next_step(x, kind, hidden, epochs, seed, report)


def upload(label: str, types: list, key: str, help: str):
    file = st.file_uploader(ui.tr(label), type=types, help=help, key=key,
                            max_upload_size=data.MAX_UPLOAD_MB)  # fmt: skip
    limit = "gt.rb.weights.limit" if key == "gt_weights" else "gt.rb.file.limit"
    st.caption(ui.tr(limit, limit=data.MAX_UPLOAD_MB))
    return (None, "") if file is None else (file.getvalue(), file.name)


def sequence_box(s: Settings, controls: ui.Controls) -> tuple[tuple, sequences.Loaded]:
    st.subheader(ui.tr("gt.sequence"))
    controls.source()
    for name in {"bits": "length data_seed", "sine": "length", "text": "text"}.get(s.source, "").split():
        getattr(controls, name)()
    if s.source == "paste":
        controls.paste(height=120)
    raw, name = None, ""
    if s.source == "upload":
        help = ui.tr("gt.file.help", steps=f"{data.MAX_STEPS:,}", features=data.MAX_FEATURES)
        raw, name = upload("gt.file", ["csv", "tsv", "txt", "dat", "json", "npy"], "gt_file", help)
        st.caption(ui.tr("gt.file.not_in_link"))
        if raw is None:
            st.info(ui.tr("gt.file.none"))
        else:  # the uploader keeps this file when it refuses a bigger one: say which is used
            size = sequences.size_text(len(raw))
            st.caption(ui.tr("gt.rb.file.used", name=safe.md(name), size=size))
    seq = sequences.recipe(s.source, s.length, s.data_seed, s.text, s.paste, raw, name)
    found = loaded(seq, raw)
    if found.x is not None:
        st.caption(ui.tr("gt.seq.summary", steps=f"{len(found.x):,}", features=found.x.shape[1]))
    return seq, found


def model_box(s: Settings, controls: ui.Controls, features: int | None) -> list[tuple]:
    """[(kind, linear, model recipe; None: to train)] of each model to show."""
    st.subheader(ui.tr("gt.model"))
    controls.model()
    if s.model == "hand":
        controls.gain()
        st.caption(ui.tr("gt.hand.only_lstm"))
        if features in (None, 3):
            return [("lstm", True, ("hand", s.gain))]
        st.caption(ui.tr("gt.rb.random_label", features=features, hidden=s.hidden))
        return [("lstm", False, ("random", "lstm", features, s.hidden, s.seed))]
    if s.model == "file":
        raw, _ = upload("gt.weights", ["npz"], "gt_weights", ui.tr("gt.weights.help"))
        if raw is not None:
            digest = hashlib.sha256(raw).hexdigest()
            found, error = ui.shared(weights_file, digest, raw, max_entries=8)
            if error is not None:
                st.error(ui.tr("gt.weights.error", detail=error.message(ui.lang(), safe.md)))
                return []
            (kind, weights), linear = found, bool(found[1].get(data.LINEAR_KEY, 0.0))
            inputs = weights["weight_ih_l0"].shape[1]
            st.caption(ui.tr("gt.weights.loaded", kind=kind.upper(), features=inputs,
                             hidden=weights["weight_hh_l0"].shape[1]))  # fmt: skip
            if features is not None and inputs != features:
                st.error(ui.tr("gt.weights.mismatch", expected=inputs, found=features))
            return [(kind, linear, ("file", digest))] if inputs == features else []
        st.info(ui.tr("gt.weights.none"))
    controls.arch()
    controls.hidden()
    controls.seed()
    kinds = ("lstm", "gru") if s.arch == "both" else (s.arch,)
    if s.model == "trained":
        controls.epochs()
        return [(kind, False, None) for kind in kinds]
    controls.scale()
    controls.fbias()
    controls.peephole()
    rest = (s.hidden, s.seed, s.scale, s.fbias, s.peephole)
    return [(kind, False, ("random", kind, features, *rest)) for kind in kinds if features]


def trained(s: Settings, shown: list, found: sequences.Loaded) -> list | None:
    """The models with their training done (a progress bar while it runs), or None for now."""
    if all(model is not None for *_, model in shown):
        return shown
    over = train.over_budget(len(found.x), s.hidden, s.epochs, len(shown))
    if over:
        st.warning(ui.tr("gt.rb.train.over", **over))
        return None
    done = []
    for kind, linear, _ in shown:
        key, label = (found.digest, kind, s.hidden, s.epochs, s.seed), kind.upper()
        work = functools.partial(fit, found.x, *key[1:])
        try:
            result = jobs.run(
                key, work, label=ui.tr("gt.job.training", kind=label, epochs=s.epochs)
            )
        except Exception as err:  # noqa: BLE001 - a torch failure is a message, not a traceback
            st.error(ui.tr("gt.train.failed", detail=safe.md(err)))
            return None
        if result is not None:
            losses, steps = result["losses"], min(len(found.x), train.MAX_TRAIN_STEPS)
            st.caption(ui.tr("gt.train.done", kind=label, first=number(losses[0]),
                             last=number(losses[-1]), epochs=len(losses), steps=steps))  # fmt: skip
            done.append((kind, linear, ("trained", key)))
    return done if len(done) == len(shown) else None


def equations() -> None:
    with st.expander(ui.tr("gt.equations")):
        st.latex(lstm.EQUATIONS)
        st.latex(gru.EQUATIONS)
        st.caption(ui.tr("gt.equations.gru_note"))


@ui.page(Settings, title="gt.title", intro="gt.intro", header=equations)
def body(s: Settings, controls: ui.Controls) -> None:
    left, right = st.columns(2)
    alert = st.empty()  # the sequence's refusal, drawn or emptied on every run
    with left, st.container(border=True):
        seq, found = sequence_box(s, controls)
    with right, st.container(border=True):
        shown = model_box(s, controls, None if found.x is None else found.x.shape[1])
    if found.error is not None:
        alert.error(ui.tr("gt.seq.error", detail=found.error.message(ui.lang(), safe.md)))
    features = None if found.x is None else found.x.shape[1]
    hand = s.model == "hand" and features in (None, 3)
    if s.model == "hand" and not hand:
        st.warning(ui.tr("gt.rb.hand.features", found=features, hidden=s.hidden, seed=s.seed))
    if found.error is not None or not shown or not (shown := trained(s, shown, found)):
        return
    steps, lang = len(found.x), ui.lang()
    start, end, step, clipped = window.keep_inside(s, steps, MAX_WINDOW, found.digest)
    units = min(gates(*model, seq)["h"].shape[1] for model in shown)
    ui.set_values(Settings, unit=min(max(s.unit, 1), units))
    with st.container(border=True):
        st.subheader(ui.tr("gt.view"))
        controls.window(hi=steps, label=ui.tr("gt.window", limit=MAX_WINDOW))
        if clipped:
            st.caption(ui.tr("gt.window.clipped", limit=MAX_WINDOW))
        cols = st.columns([1, 3])
        unit = controls.unit(cols[0], options=list(range(1, units + 1))) - 1
        if end > start:
            controls.step(cols[1], lo=start, hi=end)
    lo, hi, step = start - 1, end - 1, step - 1
    for col, model in zip(st.columns(len(shown)), shown, strict=True):
        kind, linear, recipe = model
        with col:
            for part in ("heat", "lines", "cell", "overview")[: 3 + (steps > end - start + 1)]:
                box = window.from_box(Settings, f"gt_over_{kind}", steps, MAX_WINDOW)
                ui.plot(ui.figure(chart, part, model, seq, lo, hi, unit, step, lang),
                        key=f"gt_{'over' if part == 'overview' else part}_{kind}",
                        **({"on_select": box, "selection_mode": "box"} if part == "overview" else {}))  # fmt: skip
        col.download_button(f"{ui.tr('gt.download.weights')} · {kind.upper()}",
                            functools.partial(on_click, lang, weights_npz, recipe, linear),
                            file_name=f"gates_{kind}_weights.npz", mime="application/octet-stream",
                            key=f"gt_dl_{kind}", on_click="ignore")  # fmt: skip
    if hand and steps == len(lstm.HAND_WIRED_INPUTS):
        c, h = (
            ", ".join(number(float(v), 6) for v in gates(*shown[0], seq)[g][:, 0]) for g in "ch"
        )
        st.markdown(ui.tr("gt.hand.table", memory=c, output=h))
    kind = shown[0][0]
    values = CELLS[kind].guide_values(gates(*shown[0], seq), lo, hi, unit, step)
    ui.guide(ui.tr(f"gt.guide.{kind}", model=kind.upper(), **values),
             ui.tr("gt.guide.try.hand" if hand else "gt.guide.try.model"))  # fmt: skip
    st.caption(ui.tr("gt.csv.note"))
    csv = functools.partial(on_click, lang, window_csv, tuple(shown), seq, lo, hi)  # on click
    ui.download_csv(csv, "gates.csv", key="gt_download")
