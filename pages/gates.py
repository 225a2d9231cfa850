"""Gate inspector: LSTM and GRU gates on a built-in, hand-wired, trained or uploaded sequence."""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

import ui
from explorer import cell_params, data, gru, i18n, lstm
from explorer.errors import InputError
from explorer.figures import gates as gate_figs
from explorer.figures import serialise
from explorer.i18n import number
from explorer.train import MAX_TRAIN_STEPS  # (torch itself is imported only to train)
from ui import safe

MB = 1024 * 1024
# Training work = steps used × units × epochs × models; a model under 32 units costs about as
# much as one of 32 (torch's per-step overhead), so it counts as 32. 1024 × 32 × 183 ≈ 6 M is
# about 8 s on one core: the most a link may start on a shared server.
TRAIN_BUDGET = 6_000_000
MIN_COUNTED_UNITS = 32
CANCEL_FROM = 300_000  # training below this takes well under a second: no Cancel button
MAX_WINDOW = 500  # steps shown at full detail: (64 + 6·32 rows) × 500 float32 ≈ 0.7 MB per chart
SOURCES = ("example", "bits", "sine", "text", "paste", "upload")
MODELS = ("hand", "random", "trained", "file")
ARCHS = ("lstm", "gru", "both")
PARAMS = [
    ui.Param("gt_source", "example", options=SOURCES),
    ui.Param("gt_length", 200, lo=8, hi=data.MAX_STEPS),
    ui.Param("gt_data_seed", 1, lo=0, hi=9999),
    ui.Param("gt_text", "hello world", max_chars=2000),
    ui.Param("gt_paste", "0 1 1 0 1 0 0 1 1 1 0 1", max_chars=20_000),
    ui.Param("gt_model", "hand", options=MODELS),
    ui.Param("gt_gain", 1.0, lo=0.1, hi=10.0),
    ui.Param("gt_arch", "lstm", options=ARCHS),
    ui.Param("gt_hidden", 8, lo=1, hi=32),
    ui.Param("gt_scale", 1.0, lo=0.1, hi=5.0),
    ui.Param("gt_fbias", 1.0, lo=-5.0, hi=5.0),
    ui.Param("gt_peephole", False),
    ui.Param("gt_seed", 0, lo=0, hi=9999),
    ui.Param("gt_epochs", 80, lo=10, hi=200),
    ui.Param("gt_window", (1, MAX_WINDOW), lo=1, hi=data.MAX_STEPS),
    ui.Param("gt_unit", 1, lo=1, hi=data.MAX_HIDDEN),
    ui.Param("gt_step", 1, lo=1, hi=data.MAX_STEPS),
]
S = st.session_state


# --- Cached computations (keyed by plain values; big arrays are read-only shared resources) --


Sequence = tuple[np.ndarray, str]  # (x (T, D) read-only, its digest)


def _sequence(x: np.ndarray) -> Sequence:
    x = data.validate(x).copy()
    x.flags.writeable = False  # shared between sessions: nobody may change it
    return x, data.digest(x)


@st.cache_resource(max_entries=8, show_spinner=False)
def builtin(source: str, length: int, data_seed: int, text: str) -> Sequence:
    """A built-in sequence; InputError for a text of 1 character or > 64 distinct ones."""
    if source == "bits":
        return _sequence(data.bits_sequence(length, data_seed))
    if source == "sine":
        return _sequence(data.sine_sequence(length))
    if source == "text":
        return _sequence(data.one_hot_text(text)[0])
    return _sequence(np.array(lstm.HAND_WIRED_INPUTS, dtype=np.float64))


Refusal = tuple[str, dict]  # (strings key, values): a refused input, without its traceback


def refusal(err: InputError) -> Refusal:
    return err.key, dict(err.values)


def refusal_text(template: str, found: Refusal) -> str:
    """`template` (ours) around the refusal's message, whose user-supplied values are escaped."""
    key, values = found
    values = {k: safe.md(v) if isinstance(v, str) else v for k, v in values.items()}
    return ui.tr(template, detail=i18n.t(key, ui.lang(), **values))


def file_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@st.cache_resource(max_entries=8, show_spinner=False)
def parsed(raw_digest: str, filename: str, _raw: bytes) -> tuple[Sequence | None, Refusal | None]:
    """The sequence in these bytes, or why not. A refusal is cached too (`st.cache_*` does not
    cache exceptions), so a refused 5 MB file is not parsed again on every widget move."""
    try:
        return _sequence(data.parse_sequence(_raw, filename)), None
    except InputError as err:
        return None, refusal(err)


@st.cache_resource(max_entries=8, show_spinner=False)
def parsed_weights(raw_digest: str, _raw: bytes) -> tuple[tuple[str, dict] | None, Refusal | None]:
    """(kind, read-only params) of an .npz, or why not (a refusal is cached too)."""
    try:
        kind, params = data.parse_weights(_raw)
    except InputError as err:
        return None, refusal(err)
    return (kind, _freeze(params)), None


class Store:
    """A small LRU of read-only arrays by digest, shared by every session.

    A session's download buttons hold only digests: the arrays stay here (at most `size`
    entries, most of them the very objects the caches already hold), not in each session."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def put(self, key: str, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def get(self, key: str):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value


@st.cache_resource(show_spinner=False)
def shared() -> dict[str, Store]:
    """Sequences (≤ 51 MB each) and model weights (≤ 0.2 MB each), by digest."""
    return {"x": Store(8), "params": Store(64)}


@st.cache_resource(show_spinner=False)
def finished() -> set:
    """Training jobs that ran to the end (their result is in the `trained` cache)."""
    return set()


class Cancelled(Exception):
    """A newer request from this browser (the Cancel button, any other widget) is waiting."""


def stop_if_asked() -> None:
    """Long work calls this between its steps. A click inside an `st.fragment` does not stop
    the run in progress (Streamlit queues its rerun until this run ends), so ask whether a rerun
    is waiting, and stop if one is: the cached function then raises, and caches nothing."""
    ctx = get_script_run_ctx()
    requests = getattr(ctx, "script_requests", None)
    if getattr(requests, "_state", None) == ScriptRequestType.RERUN:
        raise Cancelled


def _freeze(arrays: dict) -> dict:
    for value in arrays.values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False  # shared between sessions: nobody may change it
    return arrays


@st.cache_resource(max_entries=8, show_spinner=False)
def trained(x_digest: str, kind: str, hidden: int, epochs: int, seed: int, _lang, _x) -> dict:
    """Train once per (sequence, settings), with a progress bar while it runs.

    The bar is created (and emptied) inside, so a cache hit replays nothing visible.
    """
    from explorer import train

    label = kind.upper()
    bar = st.progress(0.0, text=i18n.t("gt.train.progress", _lang, kind=label, epoch=0,
                                       epochs=epochs, loss="…"))  # fmt: skip

    def progress(fraction: float, loss: float) -> None:
        # Every epoch: each update is also where a Cancel click stops this run.
        epoch = round(fraction * epochs)
        text = i18n.t(
            "gt.train.progress", _lang, kind=label, epoch=epoch, epochs=epochs, loss=number(loss)
        )
        stop_if_asked()
        bar.progress(fraction, text=text)

    result = train.train_next_step(_x, kind, hidden, epochs, seed, progress)
    bar.empty()
    return result


@st.cache_resource(max_entries=4, ttl=3600, show_spinner=False)
def forward(kind: str, params_digest: str, x_digest: str, linear: bool, _params, _x) -> dict:
    """All gates for the whole sequence, computed once per (model, sequence)."""
    if kind == "lstm":
        act = "identity" if linear else "tanh"
        return _freeze(lstm.lstm_forward(_x, _params, cell_act=act, out_act=act))
    return _freeze(gru.gru_forward(_x, _params))


def params_digest(params: dict) -> str:
    sha = hashlib.sha1()
    for key in sorted(params):
        value = np.ascontiguousarray(params[key], dtype=np.float64)
        sha.update(key.encode() + repr(value.shape).encode() + value.tobytes())
    return sha.hexdigest()[:16]


# --- Controls -------------------------------------------------------------------------------


def labels(prefix: str):
    """An option formatter in the current language, fixed now: Streamlit may call it later,
    outside this script run, where the session's language is not readable."""
    lang = ui.lang()
    return lambda option: i18n.t(f"{prefix}.{option}", lang)


def reseed() -> None:
    """Give back every widget value the browser session dropped.

    In a browser session Streamlit forgets the state of a widget that a run did not draw (a run
    that stops at a refused sequence draws no window, unit or step widget), and the fragment's
    next run does not pass through `ui.init_params`. Before any widget is drawn or read, every
    missing key gets what this session last had (the page's memory), else its default."""
    memory = S.get(ui.MEMORY_KEY, {})
    for param in PARAMS:
        if param.key not in S:
            S[param.key] = memory.get(param.key, param.default)


def clamp_state(key: str, lo: int, hi: int) -> None:
    """Keep a widget's value inside the range it can have for this sequence/model."""
    S[key] = int(min(max(int(S[key]), lo), hi))


def sequence_controls():
    """Draw the sequence controls; returns ((x (T, D), digest), error text or None)."""
    st.subheader(ui.tr("gt.sequence"))
    source = st.radio(ui.tr("gt.source"), SOURCES, format_func=labels("gt.source"), key="gt_source")
    if source in ("bits", "sine"):
        st.number_input(ui.tr("gt.length"), 8, data.MAX_STEPS, step=100, key="gt_length")
    if source == "bits":
        st.number_input(ui.tr("gt.data_seed"), 0, 9999, key="gt_data_seed")
    if source == "text":
        st.text_input(ui.tr("gt.text"), max_chars=2000, key="gt_text")
    if source == "paste":
        st.text_area(ui.tr("gt.paste"), height=120, max_chars=20_000, key="gt_paste")
        raw = S["gt_paste"].encode("utf-8")
        sequence, refused = parsed(file_digest(raw), "pasted.txt", raw)
        return sequence, refused and refusal_text("gt.seq.error", refused)
    if source == "upload":
        upload = st.file_uploader(
            ui.tr("gt.file"),
            type=["csv", "tsv", "txt", "dat", "json", "npy"],
            help=ui.tr("gt.file.help", steps=f"{data.MAX_STEPS:,}", features=data.MAX_FEATURES),
            max_upload_size=data.MAX_BYTES // MB,
            key="gt_file",
        )
        # The uploader's own words ("Drag and drop…", "Limit 5MB") are Streamlit's, in English
        # only (no public option changes them): the limit, in the page's language, is here.
        st.caption(ui.tr("gt.rb.file.limit", limit=data.MAX_BYTES // MB))
        st.caption(ui.tr("gt.file.not_in_link"))
        if upload is None:
            st.info(ui.tr("gt.file.none"))
            return builtin("example", 0, 0, ""), None
        raw = upload.getvalue()
        # The uploader keeps this file when it refuses a bigger one (and no run follows): say
        # which file the page is about, so its message is not taken for the refused file's.
        size = f"{len(raw) / MB:.1f} MB" if len(raw) >= MB // 10 else f"{len(raw):,} B"
        st.caption(ui.tr("gt.rb.file.used", name=safe.md(upload.name), size=size))
        sequence, refused = parsed(file_digest(raw), upload.name, raw)
        return sequence, refused and refusal_text("gt.seq.error", refused)
    length, seed = int(S["gt_length"]), int(S["gt_data_seed"])
    try:
        return builtin(source, length, seed, S["gt_text"] if source == "text" else ""), None
    except InputError as err:
        return None, refusal_text("gt.seq.error", refusal(err))


def model_controls(n_features: int | None) -> list[tuple[str, dict, bool]]:
    """Draw the model controls; returns [(kind, params, linear)] for each model to show.

    `n_features` is the sequence's D, or None when there is no usable sequence.
    """
    st.subheader(ui.tr("gt.model"))
    choice = st.radio(
        ui.tr("gt.model.kind"), MODELS, format_func=labels("gt.model"), key="gt_model"
    )
    if choice == "hand":
        st.slider(ui.tr("gt.gain"), 0.1, 10.0, step=0.1, key="gt_gain", help=ui.tr("gt.gain.help"))
        st.caption(ui.tr("gt.hand.only_lstm"))
        return [("lstm", lstm.hand_wired_params(float(S["gt_gain"])), True)]
    if choice == "file":
        upload = st.file_uploader(
            ui.tr("gt.weights"),
            type=["npz"],
            help=ui.tr("gt.weights.help"),
            max_upload_size=data.MAX_BYTES // MB,
            key="gt_weights",
        )
        st.caption(ui.tr("gt.rb.weights.limit", limit=data.MAX_BYTES // MB))
        if upload is not None:
            raw = upload.getvalue()
            loaded, refused = parsed_weights(file_digest(raw), raw)
            if refused:
                st.error(refusal_text("gt.weights.error", refused))
                return []
            kind, params = loaded[0], dict(loaded[1])  # a copy: the cached dict stays whole
            hidden, features = params["weight_hh_l0"].shape[1], params["weight_ih_l0"].shape[1]
            st.caption(
                ui.tr("gt.weights.loaded", kind=kind.upper(), hidden=hidden, features=features)
            )
            if n_features is None:
                return []
            if features != n_features:
                st.error(ui.tr("gt.weights.mismatch", expected=features, found=n_features))
                return []
            linear = bool(params.pop(data.LINEAR_KEY, 0.0))
            return [(kind, params, linear)]
        st.info(ui.tr("gt.weights.none"))
    arch = st.radio(
        ui.tr("gt.arch"), ARCHS, format_func=labels("gt.arch"), key="gt_arch",
        horizontal=True,
    )  # fmt: skip
    kinds = ("lstm", "gru") if arch == "both" else (arch,)
    st.slider(ui.tr("gt.hidden"), 1, 32, key="gt_hidden")
    st.number_input(ui.tr("gt.seed"), 0, 9999, key="gt_seed")
    hidden, seed = int(S["gt_hidden"]), int(S["gt_seed"])
    if choice == "trained":
        st.slider(ui.tr("gt.epochs"), 10, 200, step=10, key="gt_epochs")
        return [(kind, None, False) for kind in kinds]  # trained below, with a progress bar
    st.slider(ui.tr("gt.scale"), 0.1, 5.0, step=0.1, key="gt_scale")
    st.slider(ui.tr("gt.fbias"), -5.0, 5.0, step=0.1, key="gt_fbias", help=ui.tr("gt.fbias.help"))
    st.toggle(ui.tr("gt.peephole"), key="gt_peephole", help=ui.tr("gt.peephole.help"))
    scale, fbias, peep = float(S["gt_scale"]), float(S["gt_fbias"]), bool(S["gt_peephole"])
    if n_features is None:
        return []
    return [
        (kind, cell_params.random_params(kind, n_features, hidden, seed, scale, fbias, peep), False)
        for kind in kinds
    ]


def train_work(steps: int, hidden: int, epochs: int, models: int) -> int:
    """Training's cost: steps used × units (at least 32 counted) × epochs × models."""
    used = min(steps, MAX_TRAIN_STEPS)
    return used * max(hidden, MIN_COUNTED_UNITS) * epochs * models


def may_start(job: tuple, work: int) -> tuple[bool, object | None]:
    """Whether `job` may run now. A job that takes a while gets a Cancel button: clicking it
    makes Streamlit stop this run (the cached function raises, so nothing half-done is cached)
    and rerun; that rerun sees the click, remembers the job as cancelled and does not start it
    again until the student presses "Train again"."""
    if job in finished():
        return True, None
    if S.get("_gt_cancelled") == job:
        notice = st.empty()
        with notice.container():
            st.info(ui.tr("gt.rb.train.cancelled"))
            again = st.button(ui.tr("gt.rb.train.start"), key="gt_train_start")
        if not again:
            return False, None
        S.pop("_gt_cancelled", None)
        notice.empty()
    if work < CANCEL_FROM:
        return True, None
    slot = st.empty()
    if slot.button(ui.tr("gt.rb.train.cancel"), key="gt_train_cancel", icon="⏹"):
        S["_gt_cancelled"] = job  # the run this click caused: stop here
        with slot.container():
            st.info(ui.tr("gt.rb.train.cancelled"))
            st.button(ui.tr("gt.rb.train.start"), key="gt_train_start")
        return False, None
    return True, slot


def train_models(models, x, x_digest):
    """Fill in the trained params (cached; a progress bar while training), or None when the
    training is over budget or was cancelled (the page says which)."""
    kinds = tuple(kind for kind, params, _ in models if params is None)
    if not kinds:
        return models
    hidden, epochs, seed = int(S["gt_hidden"]), int(S["gt_epochs"]), int(S["gt_seed"])
    work = train_work(len(x), hidden, epochs, len(kinds))
    if work > TRAIN_BUDGET:
        per_epoch = train_work(len(x), hidden, 1, len(kinds))
        st.warning(
            ui.tr(
                "gt.rb.train.over",
                steps=f"{min(len(x), MAX_TRAIN_STEPS):,}",
                units=max(hidden, MIN_COUNTED_UNITS),
                epochs=epochs,
                models=len(kinds),
                work=f"{work:,}",
                budget=f"{TRAIN_BUDGET:,}",
                max_epochs=max(10, TRAIN_BUDGET // per_epoch // 10 * 10),
                limit=f"{MAX_TRAIN_STEPS:,}",
            )
        )
        return None
    job = (x_digest, kinds, hidden, epochs, seed)
    go, slot = may_start(job, work)
    if not go:
        return None
    out = []
    for kind, params, linear in models:
        if params is None:
            try:
                result = trained(x_digest, kind, hidden, epochs, seed, ui.lang(), x)
            except Cancelled:  # the waiting rerun (a Cancel click, or a new setting) decides
                return None
            losses = result["losses"]
            st.caption(
                ui.tr(
                    "gt.train.done",
                    kind=kind.upper(),
                    first=number(losses[0]),
                    last=number(losses[-1]),
                    epochs=len(losses),
                    steps=min(len(x), MAX_TRAIN_STEPS),
                )
            )
            params = dict(result["params"])
            params["readout_weight"] = result["readout_weight"]
            params["readout_bias"] = result["readout_bias"]
        out.append((kind, params, linear))
    finished().add(job)
    if slot is not None:
        slot.empty()  # the Cancel button goes once the training is done
    return out


# --- The page -------------------------------------------------------------------------------


def guide_text(kind: str, states: dict, lo: int, hi: int, unit: int, step: int) -> str:
    name = kind.upper()
    pct = lambda v: f"{100 * v:.1f}"  # noqa: E731
    window = {k: v[lo : hi + 1, unit] for k, v in states.items()}
    if kind == "lstm":
        prev = float(states["c"][step - 1, unit]) if step > 0 else 0.0
        f, i, o = (float(states[k][step, unit]) for k in "fio")
        stats = lstm.forget_stats(window["f"])
        keep = float(lstm.retention(window["f"])[-1])
        return ui.tr(
            "gt.guide.lstm", model=name, unit=unit + 1, step=step + 1,
            f=number(f, 4), f_pct=pct(f), c_prev=number(prev, 4),
            i=number(i, 4), i_pct=pct(i), g=number(float(states["g"][step, unit]), 4),
            c=number(float(states["c"][step, unit]), 4), o=number(o, 4), o_pct=pct(o),
            h=number(float(states["h"][step, unit]), 4), open=pct(stats["open"]),
            shut=pct(stats["shut"]), n=hi - lo + 1, keep=number(keep, 3),
        )  # fmt: skip
    prev = float(states["h"][step - 1, unit]) if step > 0 else 0.0
    z = float(states["z"][step, unit])
    return ui.tr(
        "gt.guide.gru", model=name, unit=unit + 1, step=step + 1, z=number(z, 4), z_pct=pct(z),
        h_prev=number(prev, 4), n_value=number(float(states["n"][step, unit]), 4),
        r=number(float(states["r"][step, unit]), 4), h=number(float(states["h"][step, unit]), 4),
        open=pct(lstm.forget_stats(window["z"])["open"]),
    )  # fmt: skip


@st.cache_resource(max_entries=32, show_spinner=False)
def window_figures(
    key: tuple, lo: int, hi: int, unit: int, step: int, lang: str, _x, _states, _values
) -> tuple:
    """The heatmaps, unit lines and cell diagram of one model's window, built and serialised
    once per (model, sequence, window, unit, step, language) and shared by every session.
    `key` = (kind, params digest, sequence digest, linear); the underscored arrays follow it."""
    kind = key[0]
    name = i18n.t(f"gt.arch.{kind}", lang)
    window = {k: v[lo : hi + 1] for k, v in _states.items()}
    return (
        serialise.freeze(gate_figs.heatmaps(_x[lo : hi + 1], window, lo, kind, name, lang, step)),
        serialise.freeze(gate_figs.unit_lines(window, lo, unit, kind, name, lang, step)),
        serialise.freeze(gate_figs.cell_diagram(_values, kind, name, unit, step, lang)),
    )


def diagram_values(kind: str, states: dict, unit: int, step: int, linear: bool) -> dict:
    values = {k: float(v[step, unit]) for k, v in states.items()}
    values["h_prev"] = float(states["h"][step - 1, unit]) if step > 0 else 0.0
    if kind == "lstm":
        values["c_prev"] = float(states["c"][step - 1, unit]) if step > 0 else 0.0
        values["_tanh"] = not linear
    return values


def csv_columns(x: np.ndarray, shown: list, lo: int, hi: int) -> dict:
    """The window's data: step, every input feature, every gate of every unit of every model."""
    columns = {"t": np.arange(lo + 1, hi + 2)}
    for d in range(x.shape[1]):
        columns[f"x{d + 1}"] = x[lo : hi + 1, d]
    for kind, states in shown:
        for gate in gate_figs.gates_of(kind):
            for u in range(states[gate].shape[1]):
                columns[f"{kind}_{gate}{u + 1}"] = states[gate][lo : hi + 1, u]
    return columns


@st.cache_data(max_entries=16, show_spinner=False)
def csv_data(key: tuple, _x, _shown, lo: int, hi: int) -> bytes:
    """The window's CSV, once per (sequence, models, window) = `key`."""
    return ui.csv_bytes(csv_columns(_x, _shown, lo, hi))


def expired(lang: str) -> bytes:
    return (i18n.t("rb.download.expired", lang) + "\n").encode("utf-8")


def csv_later(lang: str, x_digest: str, recipe: tuple, lo: int, hi: int) -> bytes:
    """The CSV download, run on the click: sequence and weights by digest from the shared store,
    the gates from the shared `forward` cache (recomputed if it let them go)."""
    store = shared()
    x = store["x"].get(x_digest)
    params = [store["params"].get(digest) for _, digest, _ in recipe]
    if x is None or any(p is None for p in params):
        return expired(lang)
    shown = [
        (kind, forward(kind, digest, x_digest, linear, p, x))
        for (kind, digest, linear), p in zip(recipe, params, strict=True)
    ]
    digests = tuple(digest for _, digest, _ in recipe)
    return csv_data((x_digest, digests, lo, hi), x, shown, lo, hi)


def weights_later(lang: str, digest: str, linear: bool) -> bytes:
    """The .npz download, built on the click from the shared store."""
    params = shared()["params"].get(digest)
    if params is None:
        return expired(lang)
    return data.weights_bytes(params | ({data.LINEAR_KEY: 1.0} if linear else {}))


def header() -> None:
    """The title, the intro and the equations: sent once per page run, not per widget move."""
    st.title(ui.tr("gt.title"))
    st.markdown(ui.tr("gt.intro"))
    with st.expander(ui.tr("gt.equations")):
        st.latex(
            r"\begin{aligned} i_t &= \sigma(W_{ii}x_t + W_{hi}h_{t-1} + b_i) &"
            r" f_t &= \sigma(W_{if}x_t + W_{hf}h_{t-1} + b_f)\\"
            r" g_t &= \tanh(W_{ig}x_t + W_{hg}h_{t-1} + b_g) &"
            r" o_t &= \sigma(W_{io}x_t + W_{ho}h_{t-1} + b_o)\\"
            r" c_t &= f_t \odot c_{t-1} + i_t \odot g_t & h_t &= o_t \odot \tanh(c_t)\end{aligned}"
        )
        st.latex(
            r"\begin{aligned} r_t &= \sigma(W_{ir}x_t + W_{hr}h_{t-1} + b_r) &"
            r" z_t &= \sigma(W_{iz}x_t + W_{hz}h_{t-1} + b_z)\\"
            r" n_t &= \tanh(W_{in}x_t + r_t \odot (W_{hn}h_{t-1} + b_{hn})) &"
            r" h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}\end{aligned}"
        )
        st.caption(ui.tr("gt.equations.gru_note"))


def main() -> None:
    left, right = st.columns(2)
    # One place for the sequence's error, drawn (or emptied) on every run: a refusal never
    # outlives the input it was about (a file removed, replaced, or refused by the uploader).
    alert = st.empty()
    with left, st.container(border=True):
        sequence, error = sequence_controls()
        if sequence is not None:
            x, x_digest = sequence
            st.caption(ui.tr("gt.seq.summary", steps=f"{len(x):,}", features=x.shape[1]))
    if error:
        alert.error(error)
        with right, st.container(border=True):
            model_controls(None)
        return
    alert.empty()
    with right, st.container(border=True):
        models = model_controls(x.shape[1])
        hand = S["gt_model"] == "hand"
        if hand and x.shape[1] != 3:  # the student's sequence, on a model of its width
            hidden, seed = int(S["gt_hidden"]), int(S["gt_seed"])
            models = [("lstm", cell_params.random_params("lstm", x.shape[1], hidden, seed), False)]
            hand = False
            st.caption(ui.tr("gt.rb.random_label", features=x.shape[1], hidden=hidden))
    if not models:
        return
    if S["gt_model"] == "hand" and not hand:
        st.warning(
            ui.tr("gt.rb.hand.features", found=x.shape[1], hidden=S["gt_hidden"], seed=S["gt_seed"])
        )
    try:
        models = train_models(models, x, x_digest)
    except Exception as err:  # noqa: BLE001 - torch failures become a message, not a traceback
        st.error(ui.tr("gt.train.failed", detail=safe.md(err)))
        return
    if models is None:  # over budget, or cancelled: the page said which
        return
    models = [(kind, _freeze(dict(params)), linear) for kind, params, linear in models]
    digests = tuple(params_digest(params) for _, params, _ in models)
    store = shared()
    store["x"].put(x_digest, x)
    for (_, params, _), digest in zip(models, digests, strict=True):
        store["params"].put(digest, params)
    shown = [
        (kind, params, linear, forward(kind, digest, x_digest, linear, params, x))
        for (kind, params, linear), digest in zip(models, digests, strict=True)
    ]
    hidden = min(states["h"].shape[1] for *_, states in shown)
    steps = len(x)

    # A new sequence starts at its beginning; a link or a rerun keeps the window it names.
    if S.get("_gt_last_sequence", x_digest) != x_digest:
        S["gt_window"], S["gt_step"] = (1, min(steps, MAX_WINDOW)), 1
    S["_gt_last_sequence"] = x_digest
    # A box dragged across an overview chart becomes the window (once per new box).
    for kind, *_ in shown:
        chart = S.get(f"gt_over_{kind}")
        box = gate_figs.window_from_box(chart and chart.get("selection"), steps, MAX_WINDOW)
        if box is not None and box != S.get("_gt_last_box"):
            S["gt_window"], S["gt_step"], S["_gt_last_box"] = box, box[0], box
    # The window (1-based in the widgets, 0-based below), the unit and the step.
    start, end = (int(v) for v in S["gt_window"])
    start = min(max(start, 1), steps)
    end = min(max(end, start), steps)
    clipped = end - start + 1 > MAX_WINDOW
    if clipped:
        end = start + MAX_WINDOW - 1
    S["gt_window"] = (start, end)
    clamp_state("gt_unit", 1, hidden)
    clamp_state("gt_step", start, end)
    with st.container(border=True):
        st.subheader(ui.tr("gt.view"))
        st.slider(ui.tr("gt.window", limit=MAX_WINDOW), 1, steps, key="gt_window")
        if clipped:
            st.caption(ui.tr("gt.window.clipped", limit=MAX_WINDOW))
        cols = st.columns([1, 3])
        cols[0].selectbox(ui.tr("gt.unit"), list(range(1, hidden + 1)), key="gt_unit")
        if end > start:
            cols[1].slider(ui.tr("gt.step"), start, end, key="gt_step")
    lo, hi = start - 1, end - 1
    unit, step = int(S["gt_unit"]) - 1, int(S["gt_step"]) - 1

    columns = st.columns(len(shown))
    for col, (kind, _, linear, states), digest in zip(columns, shown, digests, strict=True):
        values = diagram_values(kind, states, unit, step, linear)
        key = (kind, digest, x_digest, linear)
        heat, lines, cell = window_figures(key, lo, hi, unit, step, ui.lang(), x, states, values)
        with col:
            ui.plot(heat, key=f"gt_heat_{kind}")
            ui.plot(lines, key=f"gt_lines_{kind}")
            ui.plot(cell, key=f"gt_cell_{kind}")
            if steps > end - start + 1:
                series = {g: states[g][:, unit] for g in ("c", "h") if g in states}
                ui.plot(
                    gate_figs.overview(series, (lo, hi), unit, ui.lang()),
                    key=f"gt_over_{kind}",
                    on_select="rerun",
                    selection_mode="box",
                )
            st.download_button(
                f"{ui.tr('gt.download.weights')} · {kind.upper()}",
                functools.partial(weights_later, ui.lang(), digest, linear),  # on click
                file_name=f"gates_{kind}_weights.npz",
                mime="application/octet-stream",
                key=f"gt_dl_{kind}",
                on_click="ignore",
            )

    if hand and steps == len(lstm.HAND_WIRED_INPUTS):
        c, h = shown[0][3]["c"][:, 0], shown[0][3]["h"][:, 0]
        st.markdown(
            ui.tr(
                "gt.hand.table",
                memory=", ".join(number(float(v), 6) for v in c),
                output=", ".join(number(float(v), 6) for v in h),
            )
        )
    kind, _, _, states = shown[0]
    try_key = "gt.guide.try.hand" if hand else "gt.guide.try.model"
    ui.guide(guide_text(kind, states, lo, hi, unit, step), ui.tr(try_key))
    st.caption(ui.tr("gt.csv.note"))
    # Written when the button is clicked (500 steps × 300 columns take 0.2 s), and cached. The
    # function holds only plain values: the arrays are found again by digest on the click.
    recipe = tuple(
        (kind, digest, linear) for (kind, _, linear, _), digest in zip(shown, digests, strict=True)
    )
    ui.download_csv(
        functools.partial(csv_later, ui.lang(), x_digest, recipe, lo, hi),
        "gates.csv",
        key="gt_download",
    )


@st.fragment
def body() -> None:
    """Everything below the intro, as one `st.fragment`: a widget here reruns this part only.
    The frame, the title and the equations are not sent again, so the browser redraws less. It
    ends with the URL and the share link, so both stay current after a fragment run."""
    reseed()
    main()
    ui.publish_params(PARAMS)
    ui.share_link()


ui.init_params(PARAMS)
header()
body()
