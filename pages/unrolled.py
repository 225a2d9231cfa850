"""Unrolled RNN: numbers in every node forward and backward, the tutorials' architectures,
hidden states as a heatmap, and gradient flow against the spectral radius."""

import functools

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

import ui
from explorer import i18n, numerics, presets, rnn, tables, typed_text
from explorer import unrolled as un
from explorer.figures import serialise
from explorer.figures import unrolled as figs
from explorer.i18n import number
from ui import safe

SWEEP = np.round(np.linspace(-2.0, 2.0, 41), 10)  # the diagram's frames, one per α
RHO_SWEEP = np.round(np.linspace(0.0, 2.0, 41), 10)  # the flow chart's frames, one per ρ
FLOW_RHOS = (0.5, 0.9, 1.0, 1.1, 1.5, 2.0)  # the curves always drawn (all in RHO_SWEEP)
ACTS = rnn.ACTIVATIONS
# The diagram's work: time columns × units × frames (× 2 for a bidirectional network). The
# largest view the page had (500 steps × 64 units × 41 frames) is the budget: a few seconds.
WORK_BUDGET = presets.MAX_STEPS * presets.MAX_HIDDEN * len(SWEEP)
CANCEL_FROM = 250_000  # below this the whole sweep takes well under a second
PARAMS = [
    ui.LegacyParam("un_preset", "worked", options=presets.PRESETS),
    ui.LegacyParam("un_arch", "n_to_n", options=un.ARCHS),
    ui.LegacyParam("un_source", "preset", options=("preset", "random", "typed")),
    ui.LegacyParam("un_text", "1,1,2", max_chars=2000),
    ui.LegacyParam("un_steps", 20, lo=1, hi=presets.MAX_STEPS),
    ui.LegacyParam("un_seed", 0, lo=0, hi=9999),
    ui.LegacyParam("un_hidden", 8, lo=1, hi=presets.MAX_HIDDEN),
    ui.LegacyParam("un_act", "tanh", options=ACTS),
    ui.LegacyParam("un_dec_steps", 4, lo=1, hi=50),
    ui.LegacyParam("un_scale", 1.0, lo=-2.0, hi=2.0),
    ui.LegacyParam("un_backward", False),
    ui.LegacyParam("un_loss", "last", options=un.LOSSES),
    ui.LegacyParam("un_start", 1, lo=1, hi=presets.MAX_STEPS + 50),
    ui.LegacyParam("un_rho", 1.2, lo=0.0, hi=2.0),
    ui.LegacyParam("un_init", "orthogonal", options=("orthogonal", "gaussian")),
    ui.LegacyParam("un_flow_act", "tanh", options=("tanh", "identity")),
    ui.LegacyParam("un_flow_steps", 100, lo=10, hi=presets.MAX_STEPS),
    ui.LegacyParam("un_flow_hidden", 32, lo=1, hi=presets.MAX_HIDDEN),
    ui.LegacyParam("un_clip", False),
    ui.LegacyParam("un_theta", 1.0, lo=0.1, hi=10.0),
]


@st.cache_data(max_entries=32, show_spinner=False)
def sequence(preset: str, source: str, text: str, steps: int, seed: int, hidden: int, act: str):
    """x (T, D) for the chosen source; a typed text that does not parse raises SequenceError."""
    setup = presets.preset_setup(preset, hidden, act)
    if source == "typed":
        return typed_text.parse_sequence(text, setup.n_in)
    if source == "random":
        return presets.random_sequence(preset, setup, steps, seed)
    return presets.preset_sequence(preset, setup, seed)


def unroll_all(
    arch, preset, source, text, steps, seed, hidden, act, loss_at, dec_steps, alphas, progress=None
):
    """The diagram for every α in `alphas` (not cached itself: 41 frames of a 64 × 500 view
    weigh ~80 MB, so only the figure built from them and the current frame are kept).
    `progress(done, total)` is called after each frame."""
    setup = presets.preset_setup(preset, hidden, act)
    x = sequence(preset, source, text, steps, seed, hidden, act)
    weights = presets.preset_weights(preset, setup, seed)
    frames = []
    for alpha in alphas:
        frames += un.sweep(arch, x, weights, setup.act, (alpha,), loss_at, dec_steps)
        if progress is not None:
            progress(len(frames), len(alphas))
    return frames


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


def work(arch: str, n_steps: int, units: int, dec_steps: int) -> int:
    """The diagram's cost: time columns × units × frames (× 2 both ways)."""
    columns = n_steps + (dec_steps if arch.startswith("enc_dec") else 0)
    return columns * units * len(SWEEP) * (2 if arch == "bidir" else 1)


@st.cache_resource(show_spinner=False)
def finished() -> set:
    """Diagram settings whose sweep ran to the end (their figure is in the `diagram` cache)."""
    return set()


def may_start(job: tuple, cost: int) -> tuple[bool, object | None]:
    """Whether the sweep for `job` may run now. A sweep that takes a while gets a Cancel
    button: clicking it makes Streamlit stop this run (the cached function raises, so nothing
    half-done is cached) and rerun; that rerun sees the click, remembers the job as cancelled,
    and does not start it again until the student presses "Compute it"."""
    if job in finished():
        return True, None
    if S.get("_un_cancelled") == job:
        notice = st.empty()
        with notice.container():
            st.info(ui.tr("un.rb.cancelled"))
            again = st.button(ui.tr("un.rb.start"), key="un_start_again")
        if not again:
            return False, None
        S.pop("_un_cancelled", None)
        notice.empty()
    if cost < CANCEL_FROM:
        return True, None
    slot = st.empty()
    if slot.button(ui.tr("un.rb.cancel"), key="un_cancel", icon="⏹"):
        S["_un_cancelled"] = job  # the run this click caused: stop here
        with slot.container():
            st.info(ui.tr("un.rb.cancelled"))
            st.button(ui.tr("un.rb.start"), key="un_start_again")
        return False, None
    return True, slot


def reseed() -> None:
    """Give back every widget value the browser session dropped (a widget a run does not draw
    loses its state, and a fragment run does not pass through `ui.init_params`)."""
    memory = S.get(ui.MEMORY_KEY, {})
    for param in PARAMS:
        if param.key not in S:
            S[param.key] = memory.get(param.key, param.default)


def states_csv(key: tuple, alpha: float) -> bytes:
    """The states CSV, built on the click from the shared cache (holds only plain values)."""
    return ui.csv_bytes(tables.states_table(current(key, alpha)))


def flow_csv(flow_args: tuple, clip, at_rho: int) -> bytes:
    """The gradient-flow CSV, built on the click from the shared cache."""
    norms, _ = flows(*flow_args, clip)
    rho = float(RHO_SWEEP[at_rho])
    columns = {"k": np.arange(flow_args[1] + 1)}
    for r in FLOW_RHOS:
        columns[f"norm_rho_{r:g}"] = norms[int(np.argmin(np.abs(RHO_SWEEP - r)))]
    columns[f"norm_rho_{rho:g}_yours"] = norms[at_rho]
    return ui.csv_bytes(columns)


@st.cache_data(max_entries=16, show_spinner=False)
def current(key: tuple, alpha: float):
    """The diagram at one α: the heatmap, the guide and the CSV read it."""
    return unroll_all(*key, (alpha,))[0]


@st.cache_resource(max_entries=16, show_spinner=False)
def diagram(key: tuple, active: int, start: int, backward: bool, prefix: str, lang: str):
    """The live diagram, one animation frame per α in SWEEP; built and serialised once per
    setting and shared by every session (never mutated)."""
    bar = st.progress(0.0, text=i18n.t("un.rb.progress", lang, frame=0, frames=len(SWEEP)))

    def progress(done: int, total: int) -> None:
        text = i18n.t("un.rb.progress", lang, frame=done, frames=total)
        stop_if_asked()
        bar.progress(done / total, text=text)

    frames = unroll_all(*key, SWEEP, progress=progress)
    bar.empty()
    return serialise.freeze(
        figs.diagram_figure(frames, SWEEP, active, start, backward, prefix, lang)
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def states_chart(key: tuple, alpha: float, start: int, backward: bool, lang: str):
    """The states (or gradients) heatmap at one α (frozen, shared by every session)."""
    now = current(key, alpha)
    matrix = now.grad_states if backward else now.states
    window = figs.window_range(now.n_cols, start)
    fig = figs.states_figure(matrix, now.unit_labels, now.time_labels, window, backward, lang)
    return serialise.freeze(fig)


@st.cache_resource(max_entries=32, show_spinner=False)
def flow_chart(flow_args: tuple, clip, at_rho: int, lang: str):
    """The gradient-flow chart with one animation frame per ρ in RHO_SWEEP (frozen, shared)."""
    norms, _ = flows(*flow_args, clip)
    plain = flows(*flow_args, None)[0] if clip is not None else None
    fixed = [(r, norms[int(np.argmin(np.abs(RHO_SWEEP - r)))]) for r in FLOW_RHOS]
    return serialise.freeze(figs.flow_figure(fixed, RHO_SWEEP, norms, at_rho, clip, plain, lang))


@st.cache_data(max_entries=32, show_spinner=False)
def flows(n_hidden: int, n_steps: int, init: str, act: str, clip):
    """(norms (F, T+1), mean slopes (F,)) for every ρ in RHO_SWEEP (one seed: same directions)."""
    runs = [
        rnn.gradient_flow(r, n_hidden, n_steps, init, act, seed=0, clip=clip) for r in RHO_SWEEP
    ]
    return np.array([f.norms for f in runs]), np.array([f.mean_slope for f in runs])


def vector(values: np.ndarray) -> str:
    """(16, 16) for small vectors, ‖v‖ = … for wide ones."""
    if values.size <= 4:
        return "(" + ", ".join(number(float(v)) for v in values) + ")"
    with np.errstate(over="ignore"):
        return f"‖·‖ = {number(float(np.linalg.norm(values)))}"


ui.init_params(PARAMS)
S = st.session_state
st.title(ui.tr("un.title"))
st.markdown(ui.tr("un.intro"))
st.latex(r"h_t = f(x_t W_{xh} + h_{t-1} W_{hh} + b_h), \qquad y_t = h_t W_{hy} + b_y")


@st.fragment
def body() -> None:
    """Everything below the intro, as one `st.fragment`: a widget here reruns this part only.
    The frame, the title and the intro are not sent again, so the browser redraws less. The
    gradient-flow section is a fragment inside it (its own widgets rerun only that section);
    it ends with the URL and the share link, so both stay current after either run."""
    reseed()
    # --- controls --------------------------------------------------------------------------------
    with st.container(border=True):
        st.subheader(ui.tr("un.setup"))
        cols = st.columns([1.3, 1.4, 1])
        cols[0].radio(
            ui.tr("un.preset"),
            presets.PRESETS,
            format_func=lambda k: ui.tr(f"un.preset.{k}"),
            key="un_preset",
            help=ui.tr("un.preset.help"),
        )
        cols[1].selectbox(
            ui.tr("un.arch"),
            un.ARCHS,
            format_func=lambda k: ui.tr(f"un.arch.{k}"),
            key="un_arch",
            help=ui.tr("un.arch.help"),
        )
        cols[2].radio(
            ui.tr("un.source"),
            ("preset", "random", "typed"),
            format_func=lambda k: ui.tr(f"un.source.{k}"),
            key="un_source",
        )
        preset, arch, source = S["un_preset"], S["un_arch"], S["un_source"]
        extra = st.columns([2, 1, 1, 1, 1])
        if source == "typed":
            extra[0].text_area(
                ui.tr("un.text"), key="un_text", help=ui.tr("un.text.help"), height=96
            )
        if source == "random":
            extra[0].slider(ui.tr("un.steps"), 1, presets.MAX_STEPS, key="un_steps")
        if source == "random" or preset == "random":
            extra[1].number_input(ui.tr("un.seed"), 0, 9999, step=1, key="un_seed")
        if preset == "random":
            extra[2].slider(ui.tr("un.hidden"), 1, presets.MAX_HIDDEN, key="un_hidden")
            extra[3].selectbox(
                ui.tr("un.act"), ACTS, format_func=lambda k: ui.tr(f"un.act.{k}"), key="un_act"
            )
        if arch.startswith("enc_dec"):
            extra[4].slider(ui.tr("un.dec_steps"), 1, 50, key="un_dec_steps")
        row = st.columns([1.2, 1, 1.4])
        row[0].number_input(
            ui.tr(f"un.scale.{preset}"),
            -2.0,
            2.0,
            step=0.1,
            format="%.2f",
            key="un_scale",
            help=ui.tr("un.scale.help"),
        )
        row[1].toggle(ui.tr("un.backward"), key="un_backward")
        if S["un_backward"]:
            row[2].radio(
                ui.tr("un.loss"),
                un.LOSSES,
                format_func=lambda k: ui.tr(f"un.loss.{k}"),
                key="un_loss",
                horizontal=True,
            )

    setup = presets.preset_setup(preset, int(S["un_hidden"]), S["un_act"])
    inputs = (  # only what this source and preset use, so the cache is not split by the rest
        S["un_text"] if source == "typed" else "",
        int(S["un_steps"]) if source == "random" else 0,
        int(S["un_seed"]) if "random" in (source, preset) else 0,
        setup.n_hidden,
        setup.act,
    )
    try:
        sequence(preset, source, *inputs)
    except typed_text.SequenceError as error:  # bad text: say why, and keep showing the preset
        values = {k: safe.md(v) if isinstance(v, str) else v for k, v in error.values.items()}
        st.error(f"**{ui.tr('un.err.title')}** {ui.tr(error.key, **values)}")
        st.caption(ui.tr("un.caption.typed_fallback"))
        source, inputs = "preset", ("", 0, inputs[2], *inputs[3:])
    backward = bool(S["un_backward"])
    loss_at = S["un_loss"] if backward else "last"
    dec_steps = int(S["un_dec_steps"]) if arch.startswith("enc_dec") else 4
    n_steps = len(sequence(preset, source, *inputs))
    cost = work(arch, n_steps, setup.n_hidden, dec_steps)
    if cost > WORK_BUDGET:  # too long for a shared server: say what to lower, show the preset's
        per_unit = work(arch, n_steps, 1, dec_steps)
        st.warning(
            ui.tr(
                "un.rb.over",
                steps=n_steps + (dec_steps if arch.startswith("enc_dec") else 0),
                units=setup.n_hidden * (2 if arch == "bidir" else 1),
                frames=len(SWEEP),
                work=f"{cost:,}",
                budget=f"{WORK_BUDGET:,}",
                max_units=max(1, WORK_BUDGET // per_unit),
            )
        )
        source, inputs = "preset", ("", 0, inputs[2], *inputs[3:])
    st.caption(ui.tr(f"un.arch.note.{arch}"))
    key = (arch, preset, source, *inputs, loss_at, dec_steps)
    active = int(np.argmin(np.abs(SWEEP - float(S["un_scale"]))))
    alpha = float(SWEEP[active])
    now = current(key, alpha)

    n_steps = now.n_cols - 1
    if n_steps > figs.WINDOW:
        last_start = n_steps - figs.WINDOW + 1
        S["un_start"] = int(
            np.clip(S["un_start"], 1, last_start)
        )  # a shorter sequence: stay inside
    start = int(S["un_start"]) if n_steps > figs.WINDOW else 1
    prefix = ui.tr(f"un.slider.{preset}")
    n_rows = len(sequence(preset, source, *inputs))
    go, slot = may_start(key, work(arch, n_rows, setup.n_hidden, dec_steps))
    if not go:
        gradient_flow()
        return
    try:
        figure = diagram(key, active, start, backward, prefix, ui.lang())
    except Cancelled:  # the waiting rerun (a Cancel click, or a new setting) decides
        return
    ui.plot(figure, key="un_diagram")
    finished().add(key)
    if slot is not None:
        slot.empty()  # the Cancel button goes once the diagram is there
    if n_steps > figs.WINDOW:
        st.slider(ui.tr("un.start"), 1, n_steps - figs.WINDOW + 1, key="un_start")
        lo, hi = figs.window_range(now.n_cols, start)
        st.caption(ui.tr("un.caption.window", lo=max(lo, 1), hi=hi, n=n_steps))
    st.caption(ui.tr("un.caption.drag"))
    if backward:
        st.caption(ui.tr("un.caption.backward"))
    if setup.n_hidden > figs.MAX_CELLS:
        st.caption(ui.tr("un.caption.cells", shown=figs.MAX_CELLS, n=setup.n_hidden))

    # --- reading guide with the current numbers ---------------------------------------------------
    symbol = prefix.split("=")[0].strip()
    rows = {r.name: r for r in now.rows}
    h_row = rows["hd"] if "hd" in rows else rows["h"]  # the decoder's, for an encoder–decoder
    y_row = rows["yd"] if "yd" in rows else rows["y"]
    if backward:
        with np.errstate(over="ignore", invalid="ignore"):
            norms = np.linalg.norm(now.grad_states, axis=0)  # ‖∂L/∂h_t‖ per time column
            first, last = float(norms[-1]), float(np.linalg.norm(rows["h"].grads[0]))
        n_back = len(norms)
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            per_step = (last / first) ** (1.0 / max(n_back, 1)) if first > 0 else 0.0
        # inf: it overflowed on the way (grows)
        direction = "none" if last == 0 or first == 0 else numerics.trend(per_step)
        notice = ui.tr(
            "un.guide.bwd",
            symbol=symbol,
            alpha=f"{alpha:g}",
            first=number(first),
            last=number(last),
            n=n_back,
            per_step=number(float(per_step)),
            direction=ui.tr(f"un.guide.{direction}"),
        )
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            sizes = np.max(np.abs(now.states), axis=0)
        k_max = int(np.argmax(sizes))
        h_last = h_row.values[-1]
        notice = ui.tr(
            "un.guide.fwd",
            symbol=symbol,
            alpha=f"{alpha:g}",
            h_name=f"{h_row.symbol}_{len(h_row.cols) - 1 + h_row.step0}",
            h_last=vector(h_last),
            y_name=f"{y_row.symbol}_{int(y_row.cols[-1] - y_row.cols[0]) + y_row.step0}",
            y_last=vector(y_row.values[-1]),
            h_max=number(float(sizes[k_max])),
            k_max=now.time_labels[k_max],
        )
    ui.guide(notice, ui.tr(f"un.guide.try.{preset}"))

    # --- hidden states heatmap ---------------------------------------------------------------------
    st.subheader(ui.tr("un.states.header"))
    ui.plot(states_chart(key, alpha, start, backward, ui.lang()), key="un_states")
    st.caption(ui.tr("un.states.caption"))
    ui.download_csv(
        functools.partial(states_csv, key, alpha),  # built on click; holds no arrays
        f"unrolled_{arch}_{preset}.csv",
        key="un_download",
    )
    gradient_flow()


# --- gradient flow -----------------------------------------------------------------------------
@st.fragment
def gradient_flow() -> None:
    """The last section runs on its own when its own widgets change (an `st.fragment`): the
    rest of the page stays as it is, so the browser redraws one chart, not the page. It ends
    with the URL and the share link, so both stay current after a fragment run."""
    reseed()
    st.subheader(ui.tr("un.flow.header"))
    st.markdown(ui.tr("un.flow.intro"))
    with st.container(border=True):
        cols = st.columns([1.4, 1, 1])
        cols[0].number_input(
            ui.tr("un.flow.rho"),
            0.0,
            2.0,
            step=0.05,
            format="%.2f",
            key="un_rho",
            help=ui.tr("un.flow.rho.help"),
        )
        cols[1].radio(
            ui.tr("un.flow.init"),
            ("orthogonal", "gaussian"),
            format_func=lambda k: ui.tr(f"un.flow.init.{k}"),
            key="un_init",
            horizontal=True,
        )
        cols[2].radio(
            ui.tr("un.flow.act"),
            ("tanh", "identity"),
            format_func=lambda k: ui.tr(f"un.act.{k}"),
            key="un_flow_act",
            horizontal=True,
        )
        cols = st.columns([1, 1, 0.8, 1])
        cols[0].slider(ui.tr("un.flow.steps"), 10, presets.MAX_STEPS, step=10, key="un_flow_steps")
        cols[1].slider(ui.tr("un.flow.hidden"), 1, presets.MAX_HIDDEN, key="un_flow_hidden")
        cols[2].toggle(ui.tr("un.flow.clip"), key="un_clip")
        if S["un_clip"]:
            cols[3].slider(ui.tr("un.flow.theta"), 0.1, 10.0, step=0.1, key="un_theta")

    flow_args = (int(S["un_flow_hidden"]), int(S["un_flow_steps"]), S["un_init"], S["un_flow_act"])
    clip = float(S["un_theta"]) if S["un_clip"] else None
    norms, slopes = flows(*flow_args, clip)
    plain = flows(*flow_args, None)[0] if clip is not None else None
    at_rho = int(np.argmin(np.abs(RHO_SWEEP - float(S["un_rho"]))))
    rho, user_norms, user_slope = float(RHO_SWEEP[at_rho]), norms[at_rho], float(slopes[at_rho])
    ui.plot(flow_chart(flow_args, clip, at_rho, ui.lang()), key="un_flow")
    st.caption(ui.tr("un.flow.caption"))
    if S["un_flow_act"] == "tanh":
        st.markdown(
            ui.tr(
                "un.flow.saturation",
                rho=f"{rho:g}",
                slope=number(user_slope),
                effective=number(rho * user_slope),
            )
        )
    else:
        with np.errstate(over="ignore"):
            power = float(rho ** int(S["un_flow_steps"]))
        st.markdown(ui.tr("un.flow.linear_note", power=number(power)))

    g0, n_flow = float(user_norms[0]), int(S["un_flow_steps"])
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        per = g0 ** (1.0 / n_flow) if g0 > 0 else 0.0
    trend = numerics.trend(per)
    notice = ui.tr(
        "un.flow.guide",
        rho=f"{rho:g}",
        init=ui.tr(f"un.flow.init.{S['un_init']}"),
        act=ui.tr(f"un.act.{S['un_flow_act']}"),
        n=n_flow,
        g0=number(g0),
        per_step=number(float(per)),
        direction=ui.tr(f"un.guide.{trend}" if g0 > 0 else "un.guide.none"),
    )
    if clip is not None:
        notice += ui.tr(
            "un.flow.guide.clip",
            theta=f"{clip:g}",
            before=number(float(np.max(plain[at_rho]))),
            after=number(float(np.max(user_norms))),
            smallest=number(float(np.min(user_norms))),
        )
    ui.guide(notice, ui.tr("un.flow.try"))
    st.download_button(
        ui.tr("un.download.flow"),
        functools.partial(flow_csv, flow_args, clip, at_rho),  # built on click; holds no arrays
        file_name="gradient_flow.csv",
        mime="text/csv",
        key="un_flow_download",
        on_click="ignore",
    )

    ui.publish_params(PARAMS)
    ui.share_link()


body()
