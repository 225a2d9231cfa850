"""The "Why gates work" view: three cells of one size at their initialisation, their backward pass
(`explorer.gradients.flow`) swept over the keep-gate bias and the RNN's spectral radius, the
numbers that explain each curve, and the memory task's four trainings (`explorer.training.
memory_task`) with what the page shows of them.

The view model (the end of this module) takes the page's settings as plain values and `lang`
and returns what pages/why_gates.py shows: figures, the sentences that state numbers and
verdicts, CSV columns, and the four trainings as `Work`s for `ui.jobs.run`. A training's result
("results" below) is kind → {"runs": {T: MemoryResult}}, as `memory_task.train_lengths` returns.

Params are 1-layer torch state_dicts as float64 arrays (torch's gate order: LSTM i f g o, GRU
r z n). The math of the backward pass is `explorer.gradients.flow`; here it is only called.
"""

from __future__ import annotations

import math

import numpy as np

from explorer.cells import cell_params, gru, lstm, rnn
from explorer.figures import why_gates as figs
from explorer.figures.sweep import Sweep
from explorer.gradients import flow as gradient_flow
from explorer.i18n import number, t
from explorer.numerics import versus
from explorer.training import memory_task
from explorer.training.jobs import Work

KINDS = ("rnn", "lstm", "gru")
GATES = {"rnn": 1, "lstm": 4, "gru": 3}
BIAS_SWEEP = tuple(np.round(np.arange(-3.0, 5.0 + 1e-9, 0.5), 2))  # 17 frames
CONNECTIVITY_STEPS = 100  # the heatmaps show the chart's first steps (T × T cells per panel)
RADIUS_SWEEP = tuple(np.round(np.arange(0.5, 2.0 + 1e-9, 0.05), 2))  # 31 frames


def chart_input(steps: int, seed: int) -> np.ndarray:
    """The chart's sequence x (steps, 3): one sequence of the memory task (a ±1 bit and a cue
    at step 1, distractor noise at every step), drawn from `seed`."""
    return memory_task.sequences(steps, 1, np.random.default_rng([seed, 19]))[0][0]


def init_params(kind: str, inputs: int, hidden: int, seed: int, weights: str = "torch") -> dict:
    """The memory task's initialisation (`memory_task.STARTS`), drawn with NumPy from `seed`:
    weights "torch" (the app's choice: torch's default, ~ U(-1/√H, 1/√H)) or "orthogonal"
    (tutorial 000 §6.1, `cell_params.tutorial_init`); biases 0 (the keep gate's is set by
    `with_keep_bias`). The same for every call."""
    rng = np.random.default_rng([seed, KINDS.index(kind)])
    if weights == "orthogonal":
        return cell_params.tutorial_init(kind, inputs, hidden, rng, forget_bias=0.0)
    rows, bound = GATES[kind] * hidden, 1.0 / np.sqrt(hidden)
    return {
        "weight_ih_l0": rng.uniform(-bound, bound, (rows, inputs)),
        "weight_hh_l0": rng.uniform(-bound, bound, (rows, hidden)),
        "bias_ih_l0": np.zeros(rows),
        "bias_hh_l0": np.zeros(rows),
    }


def with_keep_bias(kind: str, params: dict, bias: float) -> dict:
    """params with the gate that keeps memory biased to `bias` (b_ih + b_hh): the LSTM's forget
    gate f, the GRU's update gate z (z = 1 keeps the state in torch's GRU). The RNN has none."""
    if kind == "rnn":
        return params
    hidden = params["weight_hh_l0"].shape[1]
    keep = slice(hidden, 2 * hidden)  # f in i f g o; z in r z n
    out = {name: np.array(value, dtype=np.float64) for name, value in params.items()}
    out["bias_ih_l0"][keep], out["bias_hh_l0"][keep] = bias, 0.0
    return out


def with_radius(params: dict, radius: float) -> dict:
    """A plain RNN's params with W_hh rescaled to spectral radius `radius` (same direction)."""
    w_hh = np.asarray(params["weight_hh_l0"], dtype=np.float64)
    return {**params, "weight_hh_l0": w_hh * (radius / rnn.spectral_radius(w_hh))}


def ratio(norms: np.ndarray) -> float:
    """‖δ_0‖ / ‖δ_T‖: what is left of the gradient after T steps back (0 when nothing)."""
    return float(norms[0] / norms[-1]) if norms[-1] > 0 else 0.0


def per_step(norms: np.ndarray) -> float:
    """The mean factor per step back: (‖δ_0‖ / ‖δ_T‖)^(1/T)."""
    return ratio(norms) ** (1.0 / (len(norms) - 1))


def rnn_numbers(params: dict, states: np.ndarray, norms: np.ndarray) -> dict:
    """The RNN's step back multiplies by diag(tanh′(a_t))·W_hh: ρ(W_hh), the mean tanh′ over the
    states h_1..h_T (`states` (T+1, H) from `state_gradients`), its root mean square (what a
    norm meets) and the estimate ρ·√mean tanh′², against the measured factor per step."""
    h = states[1:]
    radius = rnn.spectral_radius(params["weight_hh_l0"])
    slopes = 1.0 - h**2  # tanh′ = 1 - h²
    rms = float(np.sqrt(np.mean(slopes**2)))
    return dict(
        radius=radius,
        slope=float(np.mean(slopes)),
        rms=rms,
        estimate=radius * rms,
        per_step=per_step(norms),
        ratio=ratio(norms),
    )


def lstm_numbers(params: dict, x: np.ndarray, c_norms: np.ndarray) -> dict:
    """The LSTM's cell path multiplies by f_t at each step back: the mean f and the product of
    the mean f over T steps (∏f), against the measured ‖∂L/∂c_0‖ / ‖∂L/∂c_T‖."""
    f = lstm.lstm_forward(x, params)["f"]  # (T, H)
    product = float(np.mean(np.prod(f, axis=0)))  # ∏_t f_t per unit, mean over units
    return dict(
        forget=float(f.mean()), product=product, per_step=per_step(c_norms), ratio=ratio(c_norms)
    )


def gru_numbers(params: dict, x: np.ndarray, norms: np.ndarray) -> dict:
    """The GRU's state path multiplies by z_t at each step back (h = (1-z)⊙n + z⊙h_prev)."""
    z = gru.gru_forward(x, params)["z"]  # (T, H)
    return dict(
        update=float(z.mean()),
        product=float(np.mean(np.prod(z, axis=0))),
        per_step=per_step(norms),
        ratio=ratio(norms),
    )


def lesson_text(kind: str, numbers: dict, steps: int, lang: str) -> str:
    """The lesson's sentence for one cell (`rnn_numbers`, `lstm_numbers` or `gru_numbers` of the
    chart's frame), in `lang`. The RNN's says how the curve's factor per step compares with the
    estimate; the LSTM's says why ‖∂L/∂c₀‖/‖∂L/∂c_T‖ can exceed the product of f (and 1)."""
    text = {k: number(v) if isinstance(v, float) else v for k, v in numbers.items()}
    if kind == "rnn":
        side = versus(numbers["per_step"], numbers["estimate"])
        return t("wg.lesson.rnn", lang, T=steps, **text, versus=t(f"wg.versus.{side}", lang))
    if kind == "lstm":
        return t("wg.lesson.lstm", lang, T=steps, **text, why=t(cell_reason(numbers), lang, **text))
    return t("wg.lesson.gru", lang, T=steps, **text)


def cell_reason(numbers: dict) -> str:
    """Why the LSTM's ‖∂L/∂c₀‖/‖∂L/∂c_T‖ is what it is beside ∏f (string key): above 1 ("grows":
    ∂L/∂c₀ gathers the gradient that re-enters the cell through h and the gates at every step,
    not only the direct path whose factors are the f's), above the product ("more"), or not
    ("direct")."""
    if numbers["ratio"] > 1.0:
        return "wg.cell.grows"
    return "wg.cell.more" if numbers["ratio"] > numbers["product"] else "wg.cell.direct"


def notice_text(rnn_n: dict, lstm_n: dict, gru_n: dict, steps: int, lang: str) -> str:
    """The reading guide: how much of each cell's gradient is left after `steps` steps back, each
    worded by whether its ratio is below 1 (kept) or above (grew), from the chart's numbers."""

    def part(kind: str, numbers: dict) -> str:
        text = {k: number(v) if isinstance(v, float) else v for k, v in numbers.items()}
        grew = "grows" if numbers["ratio"] > 1.0 else "keeps"
        return t(f"wg.guide.{kind}.{grew}", lang, **text)

    return t(
        "wg.guide.notice",
        lang,
        T=steps,
        bias=number(float(lstm_n["bias"])),
        lstm=part("lstm", lstm_n),
        rnn=part("rnn", rnn_n),
        gru=part("gru", gru_n),
    )


def init_sweeps(x: np.ndarray, hidden: int, seed: int, weights: str = "torch") -> dict:
    """Every curve the chart's sliders show, at initialisation (`init_params`), on input x (T, D):
    "rnn" (R, T+1) over RADIUS_SWEEP; "lstm_h", "lstm_c", "gru" (B, T+1) over BIAS_SWEEP;
    and the numbers of each frame ("rnn_numbers", "lstm_numbers", "gru_numbers": lists)."""
    x = np.asarray(x, dtype=np.float64)
    base = {kind: init_params(kind, x.shape[1], hidden, seed, weights) for kind in KINDS}
    out: dict = {name: [] for name in ("rnn", "lstm_h", "lstm_c", "gru")}
    out |= {"rnn_numbers": [], "lstm_numbers": [], "gru_numbers": []}
    for radius in RADIUS_SWEEP:
        params = with_radius(base["rnn"], radius)
        found = gradient_flow.state_gradients("rnn", params, x)
        out["rnn"].append(found["h"])
        out["rnn_numbers"].append(rnn_numbers(params, found["states"], found["h"]))  # ρ is in it
    for bias in BIAS_SWEEP:
        params = with_keep_bias("lstm", base["lstm"], bias)
        found = gradient_flow.state_gradients("lstm", params, x)
        out["lstm_h"].append(found["h"])
        out["lstm_c"].append(found["c"])
        out["lstm_numbers"].append({"bias": bias, **lstm_numbers(params, x, found["c"])})
        params = with_keep_bias("gru", base["gru"], bias)
        norms = gradient_flow.state_gradients("gru", params, x)["h"]
        out["gru"].append(norms)
        out["gru_numbers"].append({"bias": bias, **gru_numbers(params, x, norms)})
    for name in ("rnn", "lstm_h", "lstm_c", "gru"):
        out[name] = np.array(out[name])
    return out


def init_cells(
    inputs: int, hidden: int, seed: int, radius: float, bias: float, weights: str = "torch"
) -> dict:
    """kind → params at initialisation, the RNN at spectral radius `radius`, the LSTM's and
    GRU's keep gates at `bias`."""
    base = {kind: init_params(kind, inputs, hidden, seed, weights) for kind in KINDS}
    return {
        "rnn": with_radius(base["rnn"], radius),
        **{kind: with_keep_bias(kind, base[kind], bias) for kind in ("lstm", "gru")},
    }


def guide_numbers(rnn: dict, lstm: dict, gru: dict, T: int) -> dict:
    """The reading guide's numbers ("wg.guide.notice") from the sliders' frames' numbers."""
    ratios = {
        f"{name}_ratio": number(found["ratio"])
        for name, found in (("lstm", lstm), ("rnn", rnn), ("gru", gru))
    }
    return dict(
        bias=number(lstm["bias"]),
        radius=number(rnn["radius"]),
        T=T,
        rnn_step=number(rnn["per_step"]),
        **ratios,
    )


def start_texts(start: str, lang: str) -> dict:
    """What the page says about how the cells start (`memory_task.STARTS[start]`): "caption"
    under the chart, "intro" of the memory task. Each names whose choice it is: the app's
    (torch's default weights, forget bias 3) or tutorial 000 §6.1's (orthogonal, bias 1)."""
    chosen = memory_task.STARTS[start]
    values = dict(
        weights=t(f"wg.weights.{chosen.weights}", lang),
        bias=f"{chosen.forget_bias:g}",
        f=f"{1.0 / (1.0 + np.exp(-chosen.forget_bias)):.2f}",
        owner=t(f"wg.owner.{start}", lang),
    )
    return {part: t(f"wg.start.{part}", lang, **values) for part in ("caption", "intro")}


def attention_caption(weights: np.ndarray, bias: float, lang: str) -> str:
    """The attention chart's caption from its weights (S, T): "spike" when step 1 gets more than
    5× the uniform weight 1/T on average, else "spread" (said honestly, with the forget bias
    `bias` the LSTM started at); then how far each answer reaches."""
    T = weights.shape[1]
    first, uniform = float(np.mean(weights[:, 0])), 1.0 / T
    spike = "spike" if first > 5 * uniform else "spread"  # what the trained weights really do
    shown = dict(first=f"{100 * first:.3g}%", uniform=f"{100 * uniform:.3g}%", T=T)
    text = t(f"wg.attention.{spike}", lang, bias=f"{bias:g}", **shown)
    return text + " " + t("wg.attention.reach", lang)


def nearest(sweep: tuple, value: float) -> int:
    """The index in `sweep` nearest to value."""
    return Sweep(sweep).nearest(value)


# --- After training on the memory task (`explorer.training.memory_task`) -----------------------------------


def trained_gradients(results: dict, x: np.ndarray) -> dict:
    """kind → {"h": (T+1,), "c"?} of the trained RNN, LSTM and GRU (L = g·h_T) on x;
    results: kind → memory_task.MemoryResult."""
    found = {kind: gradient_flow.state_gradients(kind, results[kind].params, x) for kind in KINDS}
    return {
        kind: {part: norms[part] for part in ("h", "c") if part in norms}
        for kind, norms in found.items()
    }


def trained_numbers(results: dict, x: np.ndarray) -> dict:
    """The lesson's numbers for the trained RNN, LSTM and GRU on x: kind → numbers."""
    grads = trained_gradients(results, x)
    states = gradient_flow.state_gradients("rnn", results["rnn"].params, x)["states"]
    return {
        "rnn": rnn_numbers(results["rnn"].params, states, grads["rnn"]["h"]),
        "lstm": lstm_numbers(results["lstm"].params, x, grads["lstm"]["c"]),
        "gru": gru_numbers(results["gru"].params, x, grads["gru"]["h"]),
    }


CHANCE, SOLVED = 0.6, 0.9  # held-out accuracy: at most at chance; at least the task solved


def task_verdict(acc: dict, lengths: tuple, lang: str) -> list[tuple[str, str]]:
    """The memory task's verdict as (level, text) pairs (level: markdown, success, warning,
    info), from `acc` (kind → held-out accuracy at each of `lengths`), the accuracies the chart
    shows: the numbers at the longest T; where the textbook result came out (the RNN at chance,
    the LSTM solving it) and, where not, why, quoting the length it is about."""

    def say(key: str, i: int, **values) -> str:
        pct = {kind: f"{100 * a[i]:.0f}%" for kind, a in acc.items()}
        return t(key, lang, T=lengths[i], **pct, **values)

    last = len(lengths) - 1
    out = [("markdown", say("wg.verdict.numbers", last))]
    rnn_fails = [i for i in range(len(lengths)) if acc["rnn"][i] <= CHANCE]
    holds = ", ".join(str(lengths[i]) for i in rnn_fails if acc["lstm"][i] >= SOLVED)
    if holds:
        out.append(("success", t("wg.verdict.holds", lang, lengths=holds)))
    elif not rnn_fails:
        out.append(("warning", say("wg.verdict.rnn_solves", last)))
    else:  # the RNN is at chance somewhere, and there the LSTM is not solving it either
        out.append(("warning", say("wg.verdict.lstm_fails", rnn_fails[0])))
    if acc["lstm"][last] < SOLVED and acc["attention"][last] >= SOLVED:
        out.append(("info", say("wg.verdict.attention_holds", last)))
    return out


def connectivity_maps(cells: dict, x: np.ndarray) -> dict:
    """kind → ‖∂h_t/∂x_k‖ (T, T) of each cell (the attention model's is its LSTM)."""
    return {
        kind: gradient_flow.connectivity(memory_task.cell_kind(kind), params, x)
        for kind, params in cells.items()
    }


# --- The page's view model (pages/why_gates.py) ----------------------------------------------------

LENGTHS = (5, 10, 20, 30, 50, 100, 150, 200)  # the lengths T the task may be trained at
SAMPLES = 4  # attention weights shown for this many held-out sequences
JOB = "memory_task.train"  # memory_task.train_lengths, declared as a job


def frames(radius: float, bias: float) -> tuple[int, int]:
    """The chart's frames at the settings: (index in RADIUS_SWEEP, index in BIAS_SWEEP)."""
    return nearest(RADIUS_SWEEP, radius), nearest(BIAS_SWEEP, bias)


def chart_sweeps(steps: int, hidden: int, seed: int, weights: str) -> dict:
    """Every frame's curves and numbers at initialisation, on the task's input of `steps`."""
    return init_sweeps(chart_input(steps, seed), hidden, seed, weights)


def longest(results: dict) -> dict:
    """kind → the MemoryResult at the longest length trained."""
    return {kind: found["runs"][max(found["runs"])] for kind, found in results.items()}


def gradient_chart(sweeps: dict, at: tuple, results: dict | None, steps: int, seed: int, lang: str):
    """The gradient chart at the frames `at`: `sweeps` (`chart_sweeps`) at initialisation and,
    once trained, the trained cells' curves (dotted) on the same input."""
    found = trained_gradients(longest(results), chart_input(steps, seed)) if results else None
    return figs.gradient_figure(sweeps, RADIUS_SWEEP, BIAS_SWEEP, *at, found, lang)


def lesson(sweeps: dict, at: tuple, steps: int, lang: str) -> dict:
    """The numbers beside the chart at its frames: "cells" (the RNN's, LSTM's and GRU's
    sentences, from the same `sweeps` the chart draws) and the guide's "notice"."""
    found = {kind: sweeps[f"{kind}_numbers"][at[kind != "rnn"]] for kind in KINDS}
    return {
        "cells": [lesson_text(kind, found[kind], steps, lang) for kind in KINDS],
        "notice": notice_text(found["rnn"], found["lstm"], found["gru"], steps, lang),
    }


def trained_text(results: dict, steps: int, seed: int, lang: str) -> str:
    """The lesson's sentence after training: the trained cells' numbers on the chart's input."""
    found = trained_numbers(longest(results), chart_input(steps, seed))
    T = max(next(iter(results.values()))["runs"])
    return t("wg.lesson.trained", lang, T=T, **{k: figs.formatted(v) for k, v in found.items()})


def curves_csv(sweeps: dict, at: tuple, steps: int) -> dict:
    """The CSV's columns: the curves the chart shows at its frames, against k = 0…steps."""
    columns = {"k": np.arange(steps + 1)}
    columns[f"rnn_dL_dh rho={RADIUS_SWEEP[at[0]]:.2f}"] = sweeps["rnn"][at[0]]
    for name in ("lstm_h", "lstm_c", "gru"):
        columns[f"{name} b={BIAS_SWEEP[at[1]]:.1f}"] = sweeps[name][at[1]]
    return columns


def connectivity_chart(
    steps: int, hidden: int, seed: int, weights: str, at: tuple, results: dict | None, lang: str
):
    """‖∂h_t/∂x_k‖ over the chart's first CONNECTIVITY_STEPS steps: of the trained cells once
    `results` are in, else of the cells at initialisation at the chart's frames."""
    x = chart_input(steps, seed)[:CONNECTIVITY_STEPS]  # (≤ 100, D): ≤ 4 × 53 KB sent
    if results:
        cells = {kind: found.params for kind, found in longest(results).items()}
    else:
        cells = init_cells(
            x.shape[1], hidden, seed, RADIUS_SWEEP[at[0]], BIAS_SWEEP[at[1]], weights
        )
    return figs.connectivity_figure(connectivity_maps(cells, x), lang)


def recipe(lengths, steps: int, hidden: int, seed: int, start: str) -> tuple:
    """(lengths sorted as ints, steps, hidden, seed, start): what names the four trainings."""
    return tuple(sorted({int(T) for T in lengths})), int(steps), int(hidden), int(seed), str(start)


def trainings(lengths, steps: int, hidden: int, seed: int, start: str, lang: str) -> tuple:
    """The four trainings (`memory_task.train_lengths`, one per kind) at these settings, as
    `Work`s whose key names every argument (not the language); () when no length is chosen."""
    lengths, steps, hidden, seed, start = recipe(lengths, steps, hidden, seed, start)
    if not lengths:
        return ()
    shown = ", ".join(map(str, lengths))
    return tuple(
        Work(
            JOB,
            ("wg", kind, lengths, steps, hidden, seed, start),
            dict(kind=kind, lengths=lengths, steps=steps, hidden=hidden, seed=seed, start=start),
            label=t(
                "wg.task.job", lang, kind=figs.kind_name(kind, lang), lengths=shown, steps=steps
            ),
            trains=True,
        )
        for kind in memory_task.KINDS
    )


def gathered(works: tuple, found: list) -> dict | None:
    """kind → result once every training in `works` has one (`found`, in their order), else None."""
    if not works or any(result is None for result in found):
        return None
    return {work.kwargs["kind"]: result for work, result in zip(works, found, strict=True)}


def refusal(lengths, steps: int, hidden: int, lang: str) -> tuple[str, str] | None:
    """Why the trainings cannot start, as (level, text): no length chosen ("info"), or one of the
    models would cost more than a link may start at the longest T ("warning", the costliest
    first); None when they can."""
    lengths, steps, hidden = recipe(lengths, steps, hidden, 0, "")[:3]
    if not lengths:
        return "info", t("wg.task.no_lengths", lang)
    costliest = sorted(
        memory_task.KINDS,
        key=lambda kind: -memory_task.estimate_seconds(kind, lengths[-1], steps, hidden),
    )
    for kind in costliest:
        if over := memory_task.over_budget(kind, lengths[-1], steps, hidden):
            shown = figs.formatted({"T": lengths[-1], **over})
            return "warning", t("wg.task.over", lang, kind=figs.kind_name(kind, lang), **shown)
    return None


def train_label(lengths, steps: int, hidden: int, lang: str) -> str:
    """The button's label: the four trainings' CPU cost at most, rounded up."""
    lengths, steps, hidden = recipe(lengths, steps, hidden, 0, "")[:3]
    seconds = math.ceil(memory_task.training_seconds(lengths, steps, hidden))
    return t("wg.task.train", lang, seconds=seconds)


def accuracy_columns(results: dict) -> dict:
    """T and each model's held-out accuracy at T: the accuracy chart's data and its CSV."""
    lengths = sorted(next(iter(results.values()))["runs"])
    accuracy = {
        f"accuracy {kind}": [found["runs"][T].accuracy for T in lengths]
        for kind, found in results.items()
    }
    return {"T": lengths, **accuracy}


def accuracy_chart(results: dict, lang: str):
    table = accuracy_columns(results)
    accuracy = {kind: table[f"accuracy {kind}"] for kind in results}
    return figs.accuracy_figure(table["T"], accuracy, 0.5, lang)


def loss_chart(results: dict, lang: str):
    """Each model's training loss at the longest T."""
    return figs.loss_figure(
        {kind: found.losses for kind, found in longest(results).items()},
        max(next(iter(results.values()))["runs"]),
        lang,
    )


def verdict(results: dict, lang: str) -> list[tuple[str, str]]:
    """`task_verdict` on the accuracies the accuracy chart shows."""
    table = accuracy_columns(results)
    acc = {kind: table[f"accuracy {kind}"] for kind in results}
    return task_verdict(acc, tuple(table["T"]), lang)


def attention_weights(results: dict) -> np.ndarray:
    """The trained attention model's weights (SAMPLES, T) on held-out sequences at the longest T."""
    found = longest(results)["attention"]
    x = memory_task.held_out(found.T)[0][:SAMPLES]  # (S, T, D)
    return memory_task.replay(found.params, "attention", x)["weights"]


def attention_chart(results: dict, lang: str):
    """The attention weights (`attention_weights`) beside how far each trained model's answer
    reaches back on the first of those sequences."""
    trained = longest(results)
    x = memory_task.held_out(trained["attention"].T)[0][0]  # (T, D)
    reach = {
        kind: memory_task.answer_gradients(found.params, kind, x)["h"]
        for kind, found in trained.items()
    }
    return figs.attention_figure(attention_weights(results), reach, lang)


def attention_text(results: dict, start: str, lang: str) -> str:
    """The attention chart's caption, from the weights it draws and the forget bias of `start`."""
    return attention_caption(
        attention_weights(results), memory_task.STARTS[start].forget_bias, lang
    )
