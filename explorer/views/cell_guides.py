"""The sentences beside the cells' charts: the numbers each one quotes, formatted for its string
in explorer/strings (the gate inspector's reading guides "gt.guide.lstm" / "gt.guide.gru", the
tutorial's memory table "gt.hand.table", the note under the GRU equations, the leak guide of the
unrolled page "dp.leak.guide"). The math they read is in explorer/cells (which holds no text);
the equations themselves are strings too ("gt.equations.lstm", "gt.equations.gru")."""

from __future__ import annotations

import numpy as np

from explorer.cells import ctrnn, gru, lstm
from explorer.i18n import beside, number, t

# --- The gate inspector ------------------------------------------------------------------------


def guide_values(kind: str, states: dict, lo: int, hi: int, unit: int, step: int) -> dict:
    """The numbers the reading guide "gt.guide.<kind>" quotes: one unit's gates at `step` (0-based)
    and how its forget (LSTM) or update (GRU) gate behaves over the window lo..hi (inclusive)."""
    return (lstm_guide if kind == "lstm" else gru_guide)(states, lo, hi, unit, step)


def lstm_guide(states: dict, lo: int, hi: int, unit: int, step: int) -> dict:
    """ "gt.guide.lstm": the LSTM's gates at `step`, and its forget gate over lo..hi."""
    at = {k: float(v[step, unit]) for k, v in states.items()}
    f = states["f"][lo : hi + 1, unit]
    stats = lstm.forget_stats(f)
    return {
        "unit": unit + 1,
        "step": step + 1,
        "f": number(at["f"], 4),
        "f_pct": _pct(at["f"]),
        "c_prev": number(float(states["c"][step - 1, unit]) if step > 0 else 0.0, 4),
        "i": number(at["i"], 4),
        "i_pct": _pct(at["i"]),
        "g": number(at["g"], 4),
        "c": number(at["c"], 4),
        "o": number(at["o"], 4),
        "o_pct": _pct(at["o"]),
        "h": number(at["h"], 4),
        "open": _pct(stats["open"]),
        "shut": _pct(stats["shut"]),
        "n": hi - lo + 1,
        "keep": number(float(lstm.retention(f)[-1]), 3),
    }


def gru_guide(states: dict, lo: int, hi: int, unit: int, step: int) -> dict:
    """ "gt.guide.gru": the GRU's gates at `step`, and how often its update gate holds the state
    over lo..hi (z > 0.95, as `lstm.forget_stats` counts "open")."""
    at = {k: float(v[step, unit]) for k, v in states.items()}
    held = float(np.mean(states["z"][lo : hi + 1, unit] > 0.95))
    return {
        "unit": unit + 1,
        "step": step + 1,
        "z": number(at["z"], 4),
        "z_pct": _pct(at["z"]),
        "h_prev": number(float(states["h"][step - 1, unit]) if step > 0 else 0.0, 4),
        "n_value": number(at["n"], 4),
        "r": number(at["r"], 4),
        "h": number(at["h"], 4),
        "open": _pct(held),
    }


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def memory_table(states: dict) -> dict:
    """Unit 1's memory c and output h, step by step (the tutorial's table): "memory", "output".
    A leftover below 10⁻⁶ of the row's largest reads 0, as in the tutorial (not 5.7354e-39)."""
    row = lambda name: ", ".join(beside(states[name][:, 0]))  # noqa: E731
    return {"memory": row("c"), "output": row("h")}


def gru_variant_note(lang: str) -> str:
    """The note under the GRU equations: the app computes torch's GRU; how tutorial 000's differs,
    with the gaps of `gru.example_gaps` (computed)."""
    gaps = gru.example_gaps()
    shown = {f"gap{i + 1}": number(gap, 2) for i, gap in enumerate(gaps.values())}
    scales = {f"scale{i + 1}": f"{scale:g}" for i, scale in enumerate(gaps)}
    return t("gt.equations.gru_note", lang, **shown, **scales)


# --- The continuous-time RNN's leak (the unrolled page) ------------------------------------------


def leak_numbers(at: int, norms, changes, n_steps: int) -> dict:
    """The leak guide's numbers at ctrnn.ALPHA_SWEEP[at], beside the tanh RNN's (the last row,
    α = 1): ‖∂L/∂h_0‖, its mean factor per step, and the mean |h_{t+1} − h_t|. Text, as the page
    shows; `verdict` names the sentence that compares them (`leak_verdict`)."""

    def per_step(g0: float) -> float:
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            return float(g0 ** (1.0 / max(n_steps, 1))) if g0 > 0 else 0.0

    g0, g0_tanh = float(norms[at][0]), float(norms[-1][0])
    change, change_tanh = float(changes[at]), float(changes[-1])
    return dict(
        alpha=f"{float(ctrnn.ALPHA_SWEEP[at]):g}",
        n=n_steps,
        g0=number(g0),
        g0_tanh=number(g0_tanh),
        per_step=number(per_step(g0)),
        per_step_tanh=number(per_step(g0_tanh)),
        change=number(change, 3),
        change_tanh=number(change_tanh, 3),
        keep=f"{1.0 - float(ctrnn.ALPHA_SWEEP[at]):g}",
        verdict=leak_verdict(g0, g0_tanh, change, change_tanh),
    )


def leak_verdict(g0: float, g0_tanh: float, change: float, change_tanh: float) -> str:
    """The string key of the leak guide's last clause, from the numbers it quotes: "longer" only
    when more of the gradient reaches h_0 than in the tanh RNN, "smooth" only when the state
    moves less per step than the tanh RNN's: dp.leak.verdict.{smooth|rough}.{longer|shorter}."""
    smooth = "smooth" if change < change_tanh else "rough"
    return f"dp.leak.verdict.{smooth}.{'longer' if g0 > g0_tanh else 'shorter'}"


def leak_note(at: int, norms, changes, n_steps: int, rho: float, lang: str) -> str:
    """The leak guide under the chart, in `lang`: its numbers (`leak_numbers`) and the verdict
    they support; at α = 1 (the tanh RNN itself) no comparison."""
    n = leak_numbers(at, norms, changes, n_steps)
    if at == len(ctrnn.ALPHA_SWEEP) - 1:
        return t("dp.leak.guide.one", lang, rho=f"{rho:g}", **n)
    return t("dp.leak.guide", lang, rho=f"{rho:g}", **{**n, "verdict": t(n["verdict"], lang)})
