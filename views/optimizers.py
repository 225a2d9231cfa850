"""Optimizer race: Rprop, SGD, momentum, clipping and Adam on the counting-ones loss surface."""

import numpy as np
import streamlit as st

import ui
from explorer import linear_rnn, optim
from explorer.figures import optimizers as figs
from explorer.figures import theme
from explorer.i18n import number

RUNS = ("rprop", "sgd", "momentum", "clip", "adam")
COLOURS = dict(zip(RUNS, theme.SERIES_COLOURS, strict=False))
SEED_START = (-1.5, 2.0)
LRS = (1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.003, 0.01, 0.03, 0.05, 0.1, 0.3)
DELTAS = (1e-5, 1e-4, 1e-3, 1e-2, 0.1)
THETAS = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0)
PARAMS = [
    ui.Param("opt_runs", list(RUNS), options=RUNS),
    ui.Param("opt_w0x", SEED_START[0], lo=-3.0, hi=3.0),
    ui.Param("opt_w0rec", SEED_START[1], lo=-3.0, hi=3.0),
    ui.Param("opt_n_iter", 500, lo=10, hi=1000),
    ui.Param("opt_eta_plus", 1.2, lo=1.0, hi=2.0),
    ui.Param("opt_eta_minus", 0.5, lo=0.1, hi=0.95),
    ui.Param("opt_delta0", 1e-3, options=DELTAS),
    ui.Param("opt_lr_sgd", 1e-6, options=LRS),
    ui.Param("opt_lr_momentum", 1e-6, options=LRS),
    ui.Param("opt_momentum", 0.9, lo=0.0, hi=0.99),
    ui.Param("opt_lr_clip", 0.01, options=LRS),
    ui.Param("opt_clip", 1.0, options=THETAS),
    ui.Param("opt_lr_adam", 0.05, options=LRS),
]


@st.cache_data(show_spinner=False)
def data():
    return linear_rnn.counting_data()  # the seed's 20 sequences of length 10


@st.cache_data(show_spinner=False)
def surface(grid: int = 61):  # steps of 0.1 (clicks start on the figure's coarser grid)
    X, t = data()
    axis = np.linspace(-3.0, 3.0, grid)
    return axis, linear_rnn.loss_surface(X, t, axis, axis)


@st.cache_data(max_entries=256, show_spinner=False)
def race(start: tuple, n_iter: int, runs: tuple, hyper: tuple) -> dict:
    """Each chosen optimizer's Run from `start`, with the loss at every iterate."""
    X, t = data()
    h = dict(hyper)

    def grad_fn(w):
        return linear_rnn.gradients(X, t, w[0], w[1])[:2]

    make = {
        "rprop": lambda: optim.rprop_run(
            grad_fn, start, n_iter, h["eta_plus"], h["eta_minus"], h["delta0"]
        ),
        "sgd": lambda: optim.sgd_run(grad_fn, start, h["lr_sgd"], n_iter),
        "momentum": lambda: optim.sgd_run(
            grad_fn, start, h["lr_momentum"], n_iter, momentum=h["momentum"]
        ),
        "clip": lambda: optim.sgd_run(grad_fn, start, h["lr_clip"], n_iter, clip=h["clip"]),
        "adam": lambda: optim.adam_run(grad_fn, start, h["lr_adam"], n_iter),
    }
    out = {}
    for key in runs:
        run = make[key]()
        losses = optim.path_losses(X, t, run.W)
        out[key] = (run, losses)
    return out


def race_runs(start, n_iter, runs, hyper, lang) -> list[figs.RaceRun]:
    results = race(start, n_iter, runs, hyper)
    return [
        figs.RaceRun(
            key,
            ui.i18n.t(f"opt.name.{key}", lang),
            COLOURS[key],
            run.W,
            losses,
            run.diverged_at,
            run.diverged_grad,
        )
        for key, (run, losses) in results.items()
    ]


@st.cache_resource(max_entries=64, show_spinner=False)
def race_figure(start: tuple, n_iter: int, runs: tuple, hyper: tuple, lang: str):
    """Built and serialised once per setting, shared by every session (never mutated)."""
    axis, xi = surface()
    drawn = race_runs(start, n_iter, runs, hyper, lang)
    return theme.freeze(figs.race_figure(axis, xi, drawn, n_iter, start, lang))


@st.cache_resource(max_entries=64, show_spinner=False)
def loss_figure(start: tuple, n_iter: int, runs: tuple, hyper: tuple, lang: str):
    return theme.freeze(figs.loss_figure(race_runs(start, n_iter, runs, hyper, lang), lang))


@st.cache_data(max_entries=64, show_spinner=False)
def race_csv(start: tuple, n_iter: int, runs: tuple, hyper: tuple) -> bytes:
    """Every iterate of every run: optimizer, iteration, w_x, w_rec, ξ."""
    rows = [
        (key, i, w[0], w[1], loss)
        for key, (run, losses) in race(start, n_iter, runs, hyper).items()
        for i, (w, loss) in enumerate(zip(run.W, losses, strict=True))
    ]
    names = ("optimizer", "iteration", "w_x", "w_rec", "xi")
    return ui.csv_bytes({name: [row[j] for row in rows] for j, name in enumerate(names)})


def race_html(start, n_iter, runs, hyper, lang):
    """The standalone animation, built only when the download is clicked (~4 MB)."""
    axis, xi = surface()
    drawn = race_runs(start, n_iter, runs, hyper, lang)
    return figs.race_html(figs.race_figure(axis, xi, drawn, n_iter, start, lang))


def use_seed_start():
    st.session_state["opt_w0x"], st.session_state["opt_w0rec"] = SEED_START


def use_clicked_start():
    points = st.session_state["opt_race_chart"].selection.get("points", [])
    if points and "x" in points[0] and "y" in points[0]:
        st.session_state["opt_w0x"] = float(np.clip(round(points[0]["x"], 2), -3.0, 3.0))
        st.session_state["opt_w0rec"] = float(np.clip(round(points[0]["y"], 2), -3.0, 3.0))


ui.init_params(PARAMS)
S = st.session_state
st.title(ui.tr("opt.title"))
st.markdown(ui.tr("opt.intro"))


@st.fragment
def body() -> None:
    """Everything below the intro, as one `st.fragment`: a widget here reruns this part only.
    The frame, the title and the intro are not sent again, so the browser redraws less. It ends
    with the URL and the share link, so both stay current after a fragment run."""

    with st.container(border=True):
        st.multiselect(
            ui.tr("opt.runs"), RUNS, format_func=lambda k: ui.tr(f"opt.name.{k}"), key="opt_runs"
        )
        cols = st.columns([1, 1, 1.3, 1.4])
        cols[0].number_input(ui.tr("opt.start.wx"), -3.0, 3.0, step=0.1, key="opt_w0x")
        cols[1].number_input(ui.tr("opt.start.wrec"), -3.0, 3.0, step=0.1, key="opt_w0rec")
        cols[2].slider(ui.tr("opt.n_iter"), 10, 1000, step=10, key="opt_n_iter")
        cols[3].button(ui.tr("opt.start.preset"), on_click=use_seed_start, key="opt_preset")
        cols[3].caption(ui.tr("opt.start.click"))
        with st.expander(ui.tr("opt.hyper")):
            cols = st.columns(3)
            cols[0].slider(ui.tr("opt.eta_plus"), 1.0, 2.0, step=0.05, key="opt_eta_plus")
            cols[0].slider(ui.tr("opt.eta_minus"), 0.1, 0.95, step=0.05, key="opt_eta_minus")
            cols[0].select_slider(ui.tr("opt.delta0"), DELTAS, key="opt_delta0")
            cols[1].select_slider(ui.tr("opt.lr_sgd"), LRS, key="opt_lr_sgd")
            cols[1].select_slider(ui.tr("opt.lr_momentum"), LRS, key="opt_lr_momentum")
            cols[1].slider(ui.tr("opt.momentum"), 0.0, 0.99, step=0.01, key="opt_momentum")
            cols[2].select_slider(ui.tr("opt.lr_clip"), LRS, key="opt_lr_clip")
            cols[2].select_slider(ui.tr("opt.clip"), THETAS, key="opt_clip")
            cols[2].select_slider(ui.tr("opt.lr_adam"), LRS, key="opt_lr_adam")

    start = (float(S["opt_w0x"]), float(S["opt_w0rec"]))
    n_iter = int(S["opt_n_iter"])
    runs = tuple(key for key in RUNS if key in S["opt_runs"])
    hyper_keys = ("eta_plus", "eta_minus", "delta0", "lr_sgd", "lr_momentum", "momentum")
    hyper = tuple((k, float(S[f"opt_{k}"])) for k in (*hyper_keys, "lr_clip", "clip", "lr_adam"))

    ui.plot(
        race_figure(start, n_iter, runs, hyper, ui.lang()),
        key="opt_race_chart",
        on_select=use_clicked_start,
        selection_mode="points",
    )
    if not runs:
        st.info(ui.tr("opt.none"))
        ui.publish_params(PARAMS)
        st.stop()

    results = race(start, n_iter, runs, hyper)
    X, t = data()
    start_grad = float(np.hypot(*linear_rnn.gradients(X, t, *start)[:2]))
    details = ""
    for key, (run, losses) in results.items():
        name = ui.tr(f"opt.name.{key}")
        if len(run.W) > 1:
            details += ui.tr(
                "opt.what.first_step",
                name=name,
                step=number(np.hypot(*np.diff(run.W[:2], axis=0)[0])),
            )
        else:
            details += f"{name}: "
        if run.diverged_at is not None:
            details += ui.tr("opt.what.diverged", i=run.diverged_at)
        else:
            wx, wrec = run.W[-1]
            details += ui.tr(
                "opt.what.ended", wx=f"{wx:.4f}", wrec=f"{wrec:.4f}", loss=number(losses[-1])
            )
    st.markdown(
        ui.tr("opt.what", wx=start[0], wrec=start[1], grad=number(start_grad), details=details)
    )
    for key, (run, _) in results.items():
        if run.diverged_at is not None:
            wx, wrec = run.W[-1]
            st.warning(
                ui.tr(
                    "opt.diverged",
                    name=ui.tr(f"opt.name.{key}"),
                    i=run.diverged_at,
                    grad=number(run.diverged_grad, 2),
                    wx=number(wx),
                    wrec=number(wrec),
                )
            )

    ui.plot(loss_figure(start, n_iter, runs, hyper, ui.lang()), key="opt_loss_chart")
    table = {
        ui.tr("opt.table.name"): [ui.tr(f"opt.name.{k}") for k in results],
        ui.tr("opt.table.wx"): [number(run.W[-1][0], 5) for run, _ in results.values()],
        ui.tr("opt.table.wrec"): [number(run.W[-1][1], 5) for run, _ in results.values()],
        ui.tr("opt.table.loss"): [number(losses[-1]) for _, losses in results.values()],
        ui.tr("opt.table.iters"): [len(run.W) - 1 for run, _ in results.values()],
        ui.tr("opt.table.count"): [
            number(linear_rnn.predict(linear_rnn.TEST_SEQUENCE, *run.W[-1]))
            for run, _ in results.values()
        ],
        ui.tr("opt.table.status"): [
            ui.tr("opt.status.diverged" if run.diverged_at else "opt.status.ok")
            for run, _ in results.values()
        ],
    }
    st.table(table)

    sgd_lr = dict(hyper)["lr_sgd"]
    ui.guide(
        ui.tr(
            "opt.guide.notice",
            grad=number(start_grad),
            lr=number(sgd_lr),
            step=number(sgd_lr * start_grad),
            rstep=number(dict(hyper)["delta0"] / 2),
        ),
        ui.tr("opt.guide.try"),
    )

    cols = st.columns(2)
    with cols[0]:
        ui.download_csv(
            lambda: race_csv(start, n_iter, runs, hyper), "optimizer_race.csv", key="opt_download"
        )
    with cols[1]:
        st.download_button(
            ui.tr("opt.download.html"),
            lambda: race_html(start, n_iter, runs, hyper, ui.lang()),
            file_name="optimizer_race.html",
            mime="text/html",
            key="opt_download_html",
            on_click="ignore",
        )
    ui.publish_params(PARAMS)
    ui.share_link()


body()
