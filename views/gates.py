"""Gate inspector: LSTM and GRU gates on a built-in, hand-wired, trained or uploaded sequence."""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

import ui
from explorer import data, gates, i18n
from explorer.figures import gates as gate_figs
from explorer.figures import theme
from explorer.i18n import number
from explorer.train import MAX_TRAIN_STEPS  # (torch itself is imported only to train)

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
    """A built-in sequence; SequenceError for a text of 1 character or > 64 distinct ones."""
    if source == "bits":
        return _sequence(data.bits_sequence(length, data_seed))
    if source == "sine":
        return _sequence(data.sine_sequence(length))
    if source == "text":
        return _sequence(data.one_hot_text(text)[0])
    return _sequence(np.array(gates.HAND_WIRED_INPUTS, dtype=np.float64))


@st.cache_resource(max_entries=4, show_spinner=False)
def parsed(raw: bytes, filename: str) -> Sequence:
    return _sequence(data.parse_sequence(raw, filename))


@st.cache_data(max_entries=8, show_spinner=False)
def parsed_weights(raw: bytes) -> tuple[str, dict]:
    return data.parse_weights(raw)


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
        epoch = round(fraction * epochs)
        if epoch % 5 == 0 or epoch == epochs:
            text = i18n.t(
                "gt.train.progress",
                _lang,
                kind=label,
                epoch=epoch,
                epochs=epochs,
                loss=number(loss),
            )
            bar.progress(fraction, text=text)

    result = train.train_next_step(_x, kind, hidden, epochs, seed, progress)
    bar.empty()
    return result


def _freeze(arrays: dict) -> dict:
    for value in arrays.values():
        value.flags.writeable = False  # shared between sessions: nobody may change it
    return arrays


@st.cache_resource(max_entries=4, ttl=3600, show_spinner=False)
def forward(kind: str, params_digest: str, x_digest: str, linear: bool, _params, _x) -> dict:
    """All gates for the whole sequence, computed once per (model, sequence)."""
    if kind == "lstm":
        act = "identity" if linear else "tanh"
        return _freeze(gates.lstm_forward(_x, _params, cell_act=act, out_act=act))
    return _freeze(gates.gru_forward(_x, _params))


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
        try:
            return parsed(S["gt_paste"].encode("utf-8"), "pasted.txt"), None
        except data.SequenceError as err:
            return None, ui.tr("gt.seq.error", detail=err.message(ui.lang()))
    if source == "upload":
        upload = st.file_uploader(
            ui.tr("gt.file"),
            type=["csv", "tsv", "txt", "dat", "json", "npy"],
            help=ui.tr("gt.file.help", steps=f"{data.MAX_STEPS:,}", features=data.MAX_FEATURES),
            key="gt_file",
        )
        st.caption(ui.tr("gt.file.not_in_link"))
        if upload is None:
            st.info(ui.tr("gt.file.none"))
            return builtin("example", 0, 0, ""), None
        try:
            return parsed(upload.getvalue(), upload.name), None
        except data.SequenceError as err:
            return None, ui.tr("gt.seq.error", detail=err.message(ui.lang()))
    length, seed = int(S["gt_length"]), int(S["gt_data_seed"])
    try:
        return builtin(source, length, seed, S["gt_text"] if source == "text" else ""), None
    except data.SequenceError as err:
        return None, ui.tr("gt.seq.error", detail=err.message(ui.lang()))


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
        return [("lstm", gates.hand_wired_params(float(S["gt_gain"])), True)]
    if choice == "file":
        upload = st.file_uploader(
            ui.tr("gt.weights"), type=["npz"], help=ui.tr("gt.weights.help"), key="gt_weights"
        )
        if upload is not None:
            try:
                kind, params = parsed_weights(upload.getvalue())
            except data.SequenceError as err:
                st.error(ui.tr("gt.weights.error", detail=err.message(ui.lang())))
                return []
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
        (kind, gates.random_params(kind, n_features, hidden, seed, scale, fbias, peep), False)
        for kind in kinds
    ]


def train_models(models, x, x_digest):
    """Fill in the trained params (cached; a progress bar while training)."""
    out = []
    for kind, params, linear in models:
        if params is None:
            hidden, epochs, seed = int(S["gt_hidden"]), int(S["gt_epochs"]), int(S["gt_seed"])
            result = trained(x_digest, kind, hidden, epochs, seed, ui.lang(), x)
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
    return out


# --- The page -------------------------------------------------------------------------------


def guide_text(kind: str, states: dict, lo: int, hi: int, unit: int, step: int) -> str:
    name = kind.upper()
    pct = lambda v: f"{100 * v:.1f}"  # noqa: E731
    window = {k: v[lo : hi + 1, unit] for k, v in states.items()}
    if kind == "lstm":
        prev = float(states["c"][step - 1, unit]) if step > 0 else 0.0
        f, i, o = (float(states[k][step, unit]) for k in "fio")
        stats = gates.forget_stats(window["f"])
        keep = float(gates.retention(window["f"])[-1])
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
        open=pct(gates.forget_stats(window["z"])["open"]),
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
        theme.freeze(gate_figs.heatmaps(_x[lo : hi + 1], window, lo, kind, name, lang, step)),
        theme.freeze(gate_figs.unit_lines(window, lo, unit, kind, name, lang, step)),
        theme.freeze(gate_figs.cell_diagram(_values, kind, name, unit, step, lang)),
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
    with left, st.container(border=True):
        sequence, error = sequence_controls()
        if sequence is not None:
            x, x_digest = sequence
            st.caption(ui.tr("gt.seq.summary", steps=f"{len(x):,}", features=x.shape[1]))
    if error:
        st.error(error)
        with right, st.container(border=True):
            model_controls(None)
        return
    with right, st.container(border=True):
        models = model_controls(x.shape[1])
    if not models:
        return
    if S["gt_model"] == "hand" and x.shape[1] != 3:
        st.warning(ui.tr("gt.hand.features", found=x.shape[1]))
        x, x_digest = builtin("example", 0, 0, "")
    try:
        models = train_models(models, x, x_digest)
    except Exception as err:  # noqa: BLE001 - torch failures become a message, not a traceback
        st.error(ui.tr("gt.train.failed", detail=str(err)))
        return
    digests = tuple(params_digest(params) for _, params, _ in models)
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
    for col, (kind, params, linear, states), digest in zip(columns, shown, digests, strict=True):
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
                data.weights_bytes(params | ({data.LINEAR_KEY: 1.0} if linear else {})),
                file_name=f"gates_{kind}_weights.npz",
                mime="application/octet-stream",
                key=f"gt_dl_{kind}",
                on_click="ignore",
            )

    if S["gt_model"] == "hand" and steps == len(gates.HAND_WIRED_INPUTS):
        c, h = shown[0][3]["c"][:, 0], shown[0][3]["h"][:, 0]
        st.markdown(
            ui.tr(
                "gt.hand.table",
                memory=", ".join(number(float(v), 6) for v in c),
                output=", ".join(number(float(v), 6) for v in h),
            )
        )
    kind, _, _, states = shown[0]
    try_key = "gt.guide.try.hand" if S["gt_model"] == "hand" else "gt.guide.try.model"
    ui.guide(guide_text(kind, states, lo, hi, unit, step), ui.tr(try_key))
    st.caption(ui.tr("gt.csv.note"))
    # Written when the button is clicked (500 steps × 300 columns take 0.2 s), and cached.
    ui.download_csv(
        lambda: csv_data((x_digest, digests, lo, hi), x, [(k, s) for k, _, _, s in shown], lo, hi),
        "gates.csv",
        key="gt_download",
    )


@st.fragment
def body() -> None:
    """Everything below the intro, as one `st.fragment`: a widget here reruns this part only.
    The frame, the title and the equations are not sent again, so the browser redraws less. It
    ends with the URL and the share link, so both stay current after a fragment run."""
    main()
    ui.publish_params(PARAMS)
    ui.share_link()


ui.init_params(PARAMS)
header()
body()
