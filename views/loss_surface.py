"""Loss surface: ξ(w_x, w_rec) of the counting-ones RNN, its cliff at |w_rec| = 1, a gradient check."""

import numpy as np
import streamlit as st

import ui
from explorer import gradcheck, linear_rnn
from explorer.figures import surface, theme
from explorer.i18n import number

VIEWS = ("both", "overview", "zoom", "custom")
PARAMS = [
    ui.Param("ls_view", "both", options=VIEWS),
    ui.Param("ls_range", (-3.0, 3.0), lo=-6.0, hi=6.0),
    ui.Param("ls_seq_len", 10, lo=2, hi=200),
    ui.Param("ls_samples", 20, lo=1, hi=200),
    ui.Param("ls_seed", 1, lo=0, hi=99999),
    ui.Param("ls_grid", 70, lo=20, hi=200),
    ui.Param("ls_3d", False),
    ui.Param("ls_cut_wx", 1.0, lo=-3.0, hi=3.0),
    ui.Param("ls_check_wx", 1.2, lo=-3.0, hi=3.0),
    ui.Param("ls_check_wrec", 1.2, lo=-3.0, hi=3.0),
    ui.Param("ls_torch", True),
]


@st.cache_data(max_entries=32, show_spinner=False)
def data(n_samples: int, seq_len: int, seed: int):
    return linear_rnn.counting_data(n_samples, seq_len, seed)


@st.cache_data(max_entries=64, show_spinner=False)
def panel(n_samples: int, seq_len: int, seed: int, lo: float, hi: float, grid: int, title: str):
    X, t = data(n_samples, seq_len, seed)
    axis = np.linspace(lo, hi, grid)
    return surface.compute_panel(X, t, axis, axis, title)


@st.cache_resource(max_entries=64, show_spinner=False)
def surface_figure(shape: tuple, chosen: tuple, grid: int, check_point: tuple, lang: str):
    """Built and serialised once per setting, shared by every session (never mutated)."""
    panels = [panel(*shape, lo, hi, grid, title) for lo, hi, title in chosen]
    return theme.freeze(surface.surface_figure(panels, lang, user_point=check_point))


@st.cache_data(max_entries=16, show_spinner=False)
def surface_csv(shape: tuple, lo: float, hi: float, title: str, grid: int) -> bytes:
    """The first panel's grid as CSV rows: w_x, w_rec, ξ and its gradient."""
    first = panel(*shape, lo, hi, grid, title)
    return ui.csv_bytes(
        {
            "w_x": np.tile(first.w_x, len(first.w_rec)),
            "w_rec": np.repeat(first.w_rec, len(first.w_x)),
            "xi": first.xi.ravel(),
            "d_xi_d_wx": first.d_wx.ravel(),
            "d_xi_d_wrec": first.d_wrec.ravel(),
        }
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def cross_figure(shape: tuple, w_x: float, lo: float, hi: float, lang: str):
    X, t = data(*shape)
    w_rec = np.linspace(lo, hi, 601)
    xi = linear_rnn.loss_surface(X, t, [w_x], w_rec)[:, 0]
    return theme.freeze(surface.cross_section_figure(w_rec, xi, w_x, lang))


@st.cache_data(max_entries=256, show_spinner=False)
def gradient_check(n_samples: int, seq_len: int, seed: int, w_x: float, w_rec: float, torch: bool):
    X, t = data(n_samples, seq_len, seed)
    rows = {"bptt": linear_rnn.gradients(X, t, w_x, w_rec)[:2]}
    rows["fd"] = gradcheck.central_difference(X, t, w_x, w_rec)
    if torch:  # imported lazily: torch costs ~1 s the first time
        from explorer.linear_rnn_torch import torch_gradients

        rows["autograd"] = torch_gradients(X, t, w_x, w_rec)[1:]
    return rows


ui.init_params(PARAMS)
st.title(ui.tr("ls.title"))
st.markdown(ui.tr("ls.intro"))


@st.fragment
def body() -> None:
    """Everything below the intro, as one `st.fragment`: a widget here reruns this part only.
    The frame, the title and the intro are not sent again, so the browser redraws less. It ends
    with the URL and the share link, so both stay current after a fragment run."""

    with st.container(border=True):
        cols = st.columns([1.4, 1, 1, 0.8, 1])
        cols[0].radio(
            ui.tr("ls.view"), VIEWS, format_func=lambda v: ui.tr(f"ls.view.{v}"), key="ls_view"
        )
        cols[1].slider(ui.tr("ls.seq_len"), 2, 200, key="ls_seq_len", help=ui.tr("ls.seq_len.help"))
        cols[2].slider(ui.tr("ls.samples"), 1, 200, key="ls_samples")
        cols[3].number_input(
            ui.tr("ls.seed"), 0, 99999, step=1, key="ls_seed", help=ui.tr("ls.seed.help")
        )
        cols[4].slider(ui.tr("ls.grid"), 20, 200, step=5, key="ls_grid")
        if st.session_state["ls_view"] == "custom":
            st.slider(ui.tr("ls.range"), -6.0, 6.0, step=0.25, key="ls_range")

    S = st.session_state
    shape = (int(S["ls_samples"]), int(S["ls_seq_len"]), int(S["ls_seed"]))
    ranges = {
        "overview": (-3.0, 3.0, ui.tr("ls.panel.overview")),
        "zoom": (0.0, 2.0, ui.tr("ls.panel.zoom")),
    }
    if S["ls_view"] == "custom":
        lo, hi = sorted(float(v) for v in S["ls_range"])
        if hi - lo < 0.25:  # a student dragged both ends together: widen instead of failing
            lo, hi = lo - 0.5, hi + 0.5
        chosen = [(lo, hi, ui.tr("ls.panel.custom", lo=lo, hi=hi))]
    elif S["ls_view"] == "both":
        chosen = [ranges["overview"], ranges["zoom"]]
    else:
        chosen = [ranges[S["ls_view"]]]
    panels = [panel(*shape, lo, hi, int(S["ls_grid"]), title) for lo, hi, title in chosen]
    check_point = (float(S["ls_check_wx"]), float(S["ls_check_wrec"]))
    grid = int(S["ls_grid"])
    ui.plot(
        surface_figure(shape, tuple(chosen), grid, check_point, ui.lang()), key="ls_surface_chart"
    )

    X, t = data(*shape)
    st.caption(
        ui.tr(
            "ls.data_summary",
            n=shape[0],
            T=shape[1],
            seed=shape[2],
            tmin=float(t.min()),
            tmax=float(t.max()),
            g=int(S["ls_grid"]),
        )
    )
    first = panels[0]
    capped = int(np.sum(~np.isfinite(first.xi) | (first.xi >= surface.CAP)))
    if capped:
        st.caption(
            ui.tr(
                "ls.overflow_note",
                capped=capped,
                total=first.xi.size,
                inf=int(np.sum(~np.isfinite(first.xi))),
            )
        )

    bptt = linear_rnn.gradients(X, t, *check_point)[:2]
    xi_12, xi_105 = linear_rnn.loss(X, t, 1.0, 2.0), linear_rnn.loss(X, t, 1.0, 0.5)
    ui.guide(
        ui.tr(
            "ls.guide.notice",
            xi_12=number(xi_12),
            xi_105=number(xi_105),
            ratio=number(xi_12 / xi_105) if xi_105 > 0 else "∞",
            wx=check_point[0],
            wrec=check_point[1],
            gnorm=number(float(np.hypot(*bptt))),
        ),
        ui.tr("ls.guide.try"),
    )

    st.subheader(ui.tr("ls.cross.header"))
    st.slider(ui.tr("ls.cross.wx"), -3.0, 3.0, step=0.05, key="ls_cut_wx")
    lo, hi = chosen[0][0], chosen[0][1]
    ui.plot(cross_figure(shape, float(S["ls_cut_wx"]), lo, hi, ui.lang()), key="ls_cross_chart")

    st.toggle(ui.tr("ls.show_3d"), key="ls_3d")
    if S["ls_3d"]:
        ui.plot(surface.surface_3d_figure(panels[0], ui.lang()), key="ls_3d_chart")

    st.subheader(ui.tr("ls.check.header"))
    st.markdown(ui.tr("ls.check.intro"))
    cols = st.columns(3)
    cols[0].number_input(ui.tr("ls.check.wx"), -3.0, 3.0, step=0.1, key="ls_check_wx")
    cols[1].number_input(ui.tr("ls.check.wrec"), -3.0, 3.0, step=0.1, key="ls_check_wrec")
    cols[2].toggle(ui.tr("ls.check.torch"), key="ls_torch", help=ui.tr("ls.check.torch.help"))
    rows = gradient_check(*shape, *check_point, bool(S["ls_torch"]))
    if not all(np.isfinite(rows["bptt"])):
        st.warning(ui.tr("ls.check.nonfinite"))
    else:
        table = {
            ui.tr("ls.check.method"): [ui.tr(f"ls.check.{name}") for name in rows],
            "∂ξ/∂w_x": [f"{g[0]:.12g}" for g in rows.values()],
            "∂ξ/∂w_rec": [f"{g[1]:.12g}" for g in rows.values()],
            ui.tr("ls.check.rel"): [
                number(
                    max(
                        gradcheck.relative_error(a, b) for a, b in zip(g, rows["bptt"], strict=True)
                    )
                )
                for g in rows.values()
            ],
        }
        st.table(table)

    ui.download_csv(
        lambda: surface_csv(shape, *chosen[0], grid), "loss_surface.csv", key="ls_download"
    )  # built on click
    ui.publish_params(PARAMS)
    ui.share_link()


body()
