"""The Unrolled RNN page's gradient-flow section: ‖∂L/∂h_k‖ against k for the tanh RNN (ρ on
the chart's slider) or the continuous-time RNN (its leak α on the slider), the sentences that
read the curves and their CSV columns. The sweeps themselves (`rnn.flow_sweep`,
`ctrnn.leak_sweep`) are computed once and shared by the page; these functions take them."""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from explorer import tables
from explorer.cells import ctrnn, rnn
from explorer.figures import ctrnn as leak_figs
from explorer.figures import unrolled as figs
from explorer.i18n import number, t
from explorer.numerics import versus
from explorer.views import cell_guides

CELLS = ("rnn", "ctrnn")  # the tanh RNN (ρ on the chart's slider) or the CTRNN (α on it)
INITS = ("orthogonal", "gaussian")  # W_hh: an orthogonal matrix or Gaussian entries, scaled to ρ
ACTIVATIONS = ("tanh", "identity")  # the tanh RNN's (the CTRNN is tanh)


def flow_args(hidden: int, steps: int, init: str, act: str, clip: bool, theta: float) -> tuple:
    """(units, steps, init, activation, θ or None): `rnn.flow_sweep`'s arguments (a cache key)."""
    return int(hidden), int(steps), init, act, float(theta) if clip else None


def flow_figure(sweep: tuple, plain: tuple | None, at: int, theta: float | None, lang: str):
    """The chart: the fixed ρ's curves, the student's (RHO_SWEEP[at], on the chart's slider)
    and, clipped at θ, the unclipped one."""
    norms = sweep[0]
    fixed = [(r, norms[rnn.flow_at(r)]) for r in rnn.FLOW_RHOS]
    unclipped = None if plain is None else plain[0]
    return figs.flow_figure(fixed, rnn.RHO_SWEEP, norms, at, theta, unclipped, lang)


def flow_columns(sweep: tuple, at: int) -> dict:
    """The chart's curves as CSV columns (`tables.flow_table`)."""
    norms = sweep[0]
    return tables.flow_table(norms, norms.shape[1] - 1, at)


def leak_args(rho: float, hidden: int, steps: int, init: str) -> tuple:
    """(ρ on the flow's grid, units, steps, init): `ctrnn.leak_sweep`'s arguments (a cache key)."""
    return float(rnn.RHO_SWEEP[rnn.flow_at(rho)]), int(hidden), int(steps), init


def leak_figure(sweep: tuple, at: int, rho: float, lang: str):
    """The CTRNN's chart: α = ALPHA_SWEEP[at] on the chart's slider, the tanh RNN (α = 1)."""
    norms, states, _ = sweep
    return leak_figs.leak_figure(ctrnn.ALPHA_SWEEP, norms, states, at, rho, lang)


def leak_note(sweep: tuple, at: int, args: tuple, lang: str) -> str:
    """The reading guide under the CTRNN's chart (`cell_guides.leak_note`)."""
    norms, _, changes = sweep
    return cell_guides.leak_note(at, norms, changes, args[2], args[0], lang)


def leak_columns(sweep: tuple, at: int) -> dict:
    """The CTRNN's chart as CSV columns (`tables.leak_table`)."""
    norms, states, _ = sweep
    return tables.leak_table(norms, states, at)


@dataclass(frozen=True)
class Chart:
    """The section's chart: the tanh RNN's (`leaky` False: ρ on its slider, `clipped` at θ) or
    the CTRNN's (α on its slider); `args`: its sweep's arguments (the page fetches the sweep
    from the shared cache, `sweeps`); `at`: the frame on its slider; then the chart's key, the
    setting its slider sets, and the strings and file of its caption, guide and download."""

    leaky: bool
    args: tuple
    at: int
    clipped: bool
    key: str
    to: str
    caption: str
    guide_try: str
    download: str
    filename: str
    button: str


def chart(
    *, flow_cell: str, rho, flow_hidden, flow_steps, init: str, flow_act: str, clip, theta, leak
) -> Chart:
    """The chart the section's settings (SETTINGS) ask for: the cell ("rnn" or "ctrnn"), ρ,
    units, steps, the initialisation, the tanh RNN's activation, clipping at θ, the CTRNN's
    leak α."""
    hidden, steps, act = flow_hidden, flow_steps, flow_act
    if flow_cell == "ctrnn":
        args, at = leak_args(rho, hidden, steps, init), ctrnn.alpha_at(leak)
        names = ("un_leak_chart", "leak", "dp.leak.caption", "dp.leak.try", "dp.leak.download")
        return Chart(True, args, at, False, *names, "ctrnn_gradient_flow.csv", "un_leak_download")
    args, at = flow_args(hidden, steps, init, act, clip, theta), rnn.flow_at(rho)
    names = ("un_flow", "rho", "un.flow.caption", "un.flow.try", "un.download.flow")
    return Chart(False, args, at, bool(clip), *names, "gradient_flow.csv", "un_flow_download")


SETTINGS = tuple(inspect.signature(chart).parameters)  # the page's settings the chart reads


def sweeps(c: Chart) -> list[tuple]:
    """(function, arguments) of each sweep the chart reads: the CTRNN's; the tanh RNN's, and,
    clipped, the same unclipped."""
    if c.leaky:
        return [(ctrnn.leak_sweep, c.args)]
    return [(rnn.flow_sweep, c.args)] + [(rnn.flow_sweep, (*c.args[:4], None))] * c.clipped


def figure(c: Chart, swept: list, lang: str):
    """The chart's figure from its sweeps (`sweeps`, computed)."""
    if c.leaky:
        return leak_figure(swept[0], c.at, c.args[0], lang)
    return flow_figure(swept[0], swept[1] if c.clipped else None, c.at, c.args[4], lang)


def texts(c: Chart, swept: list, lang: str) -> tuple[str | None, str]:
    """(the note under the chart or None, the reading guide) from the chart's sweeps."""
    if c.leaky:
        return None, leak_note(swept[0], c.at, c.args, lang)
    return flow_texts(c.at, swept[0], swept[1] if c.clipped else None, c.args, lang)


def columns(sweep: tuple, c: Chart) -> dict:
    """The chart as CSV columns, from its (first) sweep."""
    return leak_columns(sweep, c.at) if c.leaky else flow_columns(sweep, c.at)


def flow_guide(at: int, norms, slopes, n_steps: int, plain=None, theta=None, rms=None) -> dict:
    """The gradient-flow section's numbers as text for its strings (`rnn.flow_numbers` at
    RHO_SWEEP[at]); `trend` names the direction (string "un.guide.<trend>"); with `rms`,
    `measured` names how the curve's own factor per step compares with the estimate ρ·√mean f'²
    ("un.flow.measured.<close|below|above|none>", within 10 % is close)."""
    raw = rnn.flow_numbers(at, norms, slopes, n_steps, plain, rms)
    text = {k: number(v) for k, v in raw.items() if k not in ("rho", "direction")}
    clip = ""
    if theta is not None:  # the clipping sentence: did it act, and was there a vanishing?
        acted = raw["before"] > theta * (1 + 1e-9)
        clip = "wd.un.clip.cut" if acted else "wd.un.clip.none"
        clip += ".vanished" if acted and raw["direction"] in ("shrinks", "none") else ""
    measured = versus(raw["per_step"], raw.get("estimate", float("nan")))
    theta = "" if theta is None else f"{theta:g}"
    return dict(
        text,
        rho=f"{raw['rho']:g}",
        n=n_steps,
        trend=raw["direction"],
        theta=theta,
        clip_key=clip,
        measured=f"un.flow.measured.{measured}",
    )


def flow_texts(
    at: int, sweep: tuple, plain: tuple | None, args: tuple, lang: str
) -> tuple[str, str]:
    """The gradient-flow section's two texts in `lang`, from the chart's own sweep
    (`rnn.flow_sweep`: norms, mean and root-mean-square slopes) and, with clipping, the unclipped
    one: the note under the chart (why tanh saturates, the estimate against the curve's own
    factor per step; or the linear case) and the reading guide (with what clipping did).
    `args`: the sweep's (units, steps, init, activation, θ or None), `flow_args`."""
    norms, slopes, rms = sweep
    _, n_steps, init, act, theta = args
    n = flow_guide(at, norms, slopes, n_steps, None if plain is None else plain[0], theta, rms)
    if act == "tanh":
        key = n["measured"] + (
            ".gaussian" if n["measured"].endswith("below") and init == "gaussian" else ""
        )
        note = t("un.flow.saturation", lang, **{**n, "measured": t(key, lang, **n)})
    else:
        note = t("un.flow.linear_note" + (".gaussian" if init == "gaussian" else ""), lang, **n)
    notice = t(
        "un.flow.guide",
        lang,
        **n,
        init=t(f"un.flow.init.{init}", lang),
        act=t(f"un.act.{act}", lang),
        direction=t(f"un.guide.{n['trend']}", lang),
    )
    if theta is not None:
        notice += t(n["clip_key"], lang, **n)
    return note, notice
