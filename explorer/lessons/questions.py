"""Guided questions: "predict, then check", every answer computed by the model.

A view's questions are declared here, in `QUESTIONS[<settings prefix>]`. Each names its words by
string key (the question `<key>`, its options `<key>.opt.<option>`, the computed answer
`<key>.why`), a function that computes the answer, and the settings that prove it. The answer
is computed on the page's default settings changed by those, the same for every student, and
the check sets the page to exactly these settings, so the chart shows that answer.

To give a new view questions: add `QUESTIONS["<prefix>"] = (Question(...), ...)`, the strings
`q.<prefix>.goal` and the questions' keys (explorer/strings/questions.py), and
`questions=True` in its `@ui.page(...)`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from explorer.cells import linear_rnn, lstm, rnn
from explorer.cells import recipes as cells
from explorer.i18n import normalize_lang, number, t
from explorer.inputs import texts
from explorer.lessons import puzzles
from explorer.optim import race
from explorer.training import charmodel
from explorer.views import loss_surface as ls
from explorer.views import why_gates as wg


@dataclasses.dataclass(frozen=True)
class Answer:
    """The right answer: an option (a choice question) or a number, and the values its words
    (`<key>.why`) quote."""

    value: Any
    words: tuple[tuple[str, str], ...] = ()  # (name, text) pairs for `<key>.why`
    text: str | None = None  # how a number answer reads (default: `number(value)`)


@dataclasses.dataclass(frozen=True)
class Question:
    key: str  # the question's string key; also `<key>.why`, `<key>.opt.<option>`
    compute: Callable[[Any], Answer]  # page settings (defaults changed by `prove`) → answer
    prove: tuple[tuple[str, Any], ...]  # (field, value): the settings that show the answer
    options: tuple[str, ...] = ()  # a choice question's options; none: a number question
    factor: float = 2.0  # a number is right within this factor of the answer (same sign) …
    near: float = 0.0  # … or within this distance of it
    example: float | None = None  # a number question's "{example} is typed {typed}" hint: never
    # the answer (tests/model/test_questions.py checks it is not counted right)


def _typed(value: float) -> str:
    """2.5e6, as a student types it."""
    mantissa, exponent = f"{value:e}".split("e")
    return f"{float(mantissa):g}e{int(exponent)}"


def _written(value: float) -> str:
    """2.5 × 10⁶, as it is written."""
    mantissa, exponent = f"{value:e}".split("e")
    return f"{float(mantissa):g} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def asking(question: Question, lang: str) -> str:
    """The question as the student reads it (with its typing hint's example filled in)."""
    if question.example is None:
        return t(question.key, lang)
    example = question.example
    return t(question.key, lang, example=_written(example), typed=_typed(example))


def feedback(question: Question, answer: Answer, given, lang: str) -> str:
    """What the student reads after Check: right or not, what they said and what the answer is,
    why (the model's numbers), and that the chart now shows it. E.g. "Not quite: you said
    “larger”; the answer is “smaller”. At the output … The chart is now set to show it."."""
    right = is_right(question, given, answer)
    if question.options:
        kind = "choice"
        said, found = (t(f"{question.key}.opt.{v}", lang) for v in (given, answer.value))
    else:
        kind = "number"
        said = number(float(given))
        found = answer.text if answer.text is not None else number(float(answer.value))
    head = t(f"q.{'right' if right else 'wrong'}.{kind}", lang, given=said, answer=found)
    why = t(f"{question.key}.why", lang, **dict(answer.words))
    gap = "" if normalize_lang(lang) == "zh" else " "  # no space after 。
    return gap.join((head, why, t("q.shown", lang)))


def is_right(question: Question, given, answer: Answer) -> bool:
    """Whether the student's `given` (an option, or a number) is the computed `answer`."""
    if question.options:
        return given == answer.value
    if given is None or not math.isfinite(float(given)):
        return False
    given, right = float(given), float(answer.value)
    if abs(given - right) <= question.near:
        return True
    if given == 0 or right == 0 or (given > 0) != (right > 0):
        return False
    return max(given / right, right / given) <= question.factor


def _words(**values) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, number(v) if isinstance(v, float) else str(v)) for name, v in values.items()
    )


# --- gradient decay (gd) ------------------------------------------------------------------------


def _decay_ends(s) -> tuple[float, float]:
    """(∂ξ/∂S_n at the output, ∂ξ/∂S_0) at the settings' w_x, w_rec, n."""
    curve = linear_rnn.decay_curves(s.seq_len, s.w_x, [], [s.w_rec])[2][0]
    return float(curve[-1]), float(curve[0])


def decay_direction(s) -> Answer:
    out, first = _decay_ends(s)
    return Answer("smaller" if abs(first) < abs(out) else "larger", _words(out=out, first=first))


def decay_times(s) -> Answer:
    out, first = _decay_ends(s)
    times = abs(out / first)
    return Answer(times, _words(times=times, out=out, first=first, w_rec=f"{s.w_rec:g}"))


def decay_sign(s) -> Answer:
    out, first = _decay_ends(s)
    same = "same" if np.sign(out) == np.sign(first) else "opposite"
    return Answer(same, _words(out=out, first=first))


# --- loss surface (ls) --------------------------------------------------------------------------


def surface_side(s) -> Answer:
    X, t = linear_rnn.counting_data(s.samples, s.seq_len, s.seed)
    below, above = linear_rnn.loss(X, t, 1.0, 0.9), linear_rnn.loss(X, t, 1.0, 1.1)
    return Answer("below" if below > above else "above", _words(below=below, above=above))


def surface_valley(s) -> Answer:
    w_rec, xi = ls.cross_sections(s.samples, s.seq_len, s.seed, [s.cut_wx], -3.0, 3.0)
    at, lowest = ls.valley(w_rec, xi[0])
    side = "below" if at < 1 - 1e-9 else ("at" if at <= 1 + 1e-9 else "above")
    return Answer(side, _words(w_rec=f"{at:.2f}", xi=lowest, w_x=f"{s.cut_wx:g}"))


def surface_valley_at(s) -> Answer:
    """The w_rec where the cross-section at the settings' w_x is lowest (the page's caption)."""
    w_rec, xi = ls.cross_sections(s.samples, s.seq_len, s.seed, [s.cut_wx], -3.0, 3.0)
    at, lowest = ls.valley(w_rec, xi[0])
    at = round(float(at), 2)  # a grid value: 1.1600000000000001 reads 1.16
    return Answer(at, _words(w_rec=f"{at:.2f}", xi=lowest, w_x=f"{s.cut_wx:g}"), text=f"{at:.2f}")


# --- unrolled (un) ------------------------------------------------------------------------------


def _flow(s) -> dict:
    norms, slopes, _ = rnn.flow_sweep(s.flow_hidden, s.flow_steps, s.init, s.flow_act, None)
    return rnn.flow_numbers(rnn.flow_at(s.rho), norms, slopes, s.flow_steps)


def flow_trend(s) -> Answer:
    n = _flow(s)
    return Answer(n["direction"], _words(g0=n["g0"], per_step=n["per_step"], rho=f"{s.rho:g}"))


def flow_size(s) -> Answer:
    n = _flow(s)
    return Answer(n["g0"], _words(g0=n["g0"], rho=f"{s.rho:g}", n=s.flow_steps))


def flow_kept(s) -> Answer:
    """‖∂L/∂h₀‖ and its factor per step (the guide's numbers) at the settings' ρ, init and f."""
    n = _flow(s)
    return Answer(
        n["g0"], _words(g0=n["g0"], per_step=n["per_step"], rho=f"{s.rho:g}", n=s.flow_steps)
    )


def flow_kept_trend(s) -> Answer:
    n = _flow(s)
    return Answer(n["direction"], _words(g0=n["g0"], per_step=n["per_step"], rho=f"{s.rho:g}"))


# --- optimizer race (opt) -----------------------------------------------------------------------

GOAL = 1e-3  # "reaches ξ < 1e-3"


def _first_below(losses: np.ndarray) -> int | None:
    hits = np.flatnonzero(np.asarray(losses) < GOAL)
    return int(hits[0]) if hits.size else None


def race_winner(s) -> Answer:
    results = race.run_race(*s.race_args())
    reached = {
        k: i for k, (_, losses) in results.items() if (i := _first_below(losses)) is not None
    }
    if not reached:
        return Answer("none", _words(iteration="—"))
    best = min(reached, key=reached.get)
    return Answer(best, _words(iteration=reached[best], n=s.n_iter))


def race_sgd_fate(s) -> Answer:
    run, losses = race.run_race(*s.race_args())["sgd"]
    i = _first_below(losses)
    if i is not None:
        return Answer("reaches", _words(iteration=i, xi=float(losses[-1])))
    if run.diverged_at is not None:
        return Answer("diverges", _words(iteration=run.diverged_at, xi=float(losses[-1])))
    return Answer("stalls", _words(iteration=s.n_iter, xi=float(losses[-1])))


def race_sgd_step(s) -> Answer:
    """The length of plain SGD's first step (what the page's "what happened" line says)."""
    run, _ = race.run_race(*s.race_args())["sgd"]
    step = race.first_step(run)
    grad = race.start_gradient((s.w0x, s.w0rec))
    return Answer(step, _words(step=step, lr=f"{s.lr_sgd:g}", grad=grad))


# --- gate inspector (gt) ------------------------------------------------------------------------


def _hand_memory(gain: float) -> np.ndarray:
    """c of the hand-wired memory cell over the tutorial's 7 steps."""
    states = cells.run(cells.cell(("hand", float(gain))), np.array(lstm.HAND_WIRED_INPUTS, float))
    return states["c"][:, 0]


def gate_memory(s) -> Answer:
    """c after the settings' step (a float leftover below 1e-9, e.g. 5.7e-39, reads 0)."""
    c = float(_hand_memory(s.gain)[s.step - 1])
    shown = number(c) if abs(c) > 1e-9 else "0"
    return Answer(c, _words(c=shown, step=s.step, gain=f"{s.gain:g}"), text=shown)


def gate_output(s) -> Answer:
    """What the hand-wired cell outputs at the settings' step: nothing (h = 0), its input value,
    or its memory c: the one h is nearest."""
    x = np.array(lstm.HAND_WIRED_INPUTS, float)
    states = cells.run(cells.cell(("hand", float(s.gain))), x)
    at = s.step - 1
    h, c, o, value = (
        float(v) for v in (states["h"][at, 0], states["c"][at, 0], states["o"][at, 0], x[at, 0])
    )
    shown = min((("nothing", 0.0), ("input", value), ("memory", c)), key=lambda p: abs(h - p[1]))
    return Answer(shown[0], _words(h=h, c=c, o=o, x=f"{value:g}", step=s.step))


# --- why gates work (wg) -------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)  # ~0.4 s: the same sweeps the page's chart draws
def _gate_sweeps(steps: int, hidden: int, seed: int) -> dict:
    return wg.init_sweeps(wg.chart_input(steps, seed), hidden, seed)


def _gate_numbers(s) -> dict:
    """kind → the numbers of the chart's frames nearest the settings' ρ and forget bias."""
    sweeps = _gate_sweeps(s.steps, s.hidden, s.seed)
    at = {"rnn": wg.nearest(wg.RADIUS_SWEEP, s.radius), "bias": wg.nearest(wg.BIAS_SWEEP, s.fbias)}
    return {
        kind: sweeps[f"{kind}_numbers"][at["rnn" if kind == "rnn" else "bias"]] for kind in wg.KINDS
    }


def gate_keeper(s) -> Answer:
    """Which path keeps the most of the gradient after T steps back: ‖δ_0‖ / ‖δ_T‖ of the RNN's
    h, the LSTM's cell c and the GRU's h."""
    n = _gate_numbers(s)
    best = max(wg.KINDS, key=lambda kind: n[kind]["ratio"])
    return Answer(
        best,
        _words(
            rnn=n["rnn"]["ratio"],
            lstm=n["lstm"]["ratio"],
            gru=n["gru"]["ratio"],
            T=s.steps,
            rho=f"{s.radius:g}",
            b=f"{s.fbias:g}",
            estimate=n["rnn"]["estimate"],
        ),
    )


def gate_forget(s) -> Answer:
    """The LSTM's mean forget gate f at the settings' bias."""
    lstm_numbers = _gate_numbers(s)["lstm"]
    sigma = 1.0 / (1.0 + math.exp(-s.fbias))  # the gate of a unit whose weights add 0
    return Answer(
        lstm_numbers["forget"], _words(f=lstm_numbers["forget"], b=f"{s.fbias:g}", sigma=sigma)
    )


def gate_product(s) -> Answer:
    """∏f over T steps (mean over the units) at the settings' bias: what is left on the cell path."""
    n = _gate_numbers(s)["lstm"]
    return Answer(
        n["product"], _words(product=n["product"], f=n["forget"], T=s.steps, b=f"{s.fbias:g}")
    )


# --- your text (tc) ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _text_numbers(name: str) -> dict:
    """A built-in text's vocabulary size V and its unigram and bigram baselines (the loss chart's
    two lines), from the text alone: no training."""
    text = texts.builtin(name)
    chars, _ = charmodel.vocabulary(text)
    return {"V": len(chars), **charmodel.baselines(charmodel.indices(chars, text), len(chars))}


def text_uniform(s) -> Answer:
    """The loss of a model that gives each of the text's V characters probability 1/V: ln V."""
    n = _text_numbers(s.source)
    loss = math.log(n["V"])
    return Answer(loss, _words(V=n["V"], loss=loss, unigram=n["unigram"]))


GAINS = ((0.1, "hardly"), (0.5, "little"))  # unigram − bigram below this (nats): its option


def text_bigram_gain(s) -> Answer:
    """How much knowing the previous character lowers the baseline: unigram − bigram."""
    n = _text_numbers(s.source)
    gain = n["unigram"] - n["bigram"]
    found = next((option for limit, option in GAINS if gain < limit), "much")
    return Answer(found, _words(unigram=n["unigram"], bigram=n["bigram"], gain=gain))


def text_harder(s) -> Answer:
    """Which of quotes and brackets keeps the higher bigram baseline (harder to predict from the
    previous character alone)."""
    quotes, brackets = _text_numbers("quotes"), _text_numbers("brackets")
    found = "brackets" if brackets["bigram"] > quotes["bigram"] else "quotes"
    return Answer(
        found,
        _words(
            quotes=quotes["bigram"],
            brackets=brackets["bigram"],
            V_quotes=quotes["V"],
            V_brackets=brackets["V"],
        ),
    )


# --- program the cell (pz) -----------------------------------------------------------------------


def _puzzle_grade(s) -> puzzles.Grade:
    """The grade the page shows for these settings (its puzzle, wiring and seed)."""
    knobs = {knob: getattr(s, knob, 0.0) for knob in puzzles.PUZZLES[s.puzzle].knobs}
    return puzzles.grade(s.puzzle, knobs, s.seed)


def puzzle_right(s) -> Answer:
    """How many test sequences the wiring gets right."""
    found = _puzzle_grade(s)
    return Answer(found.right, _words(right=found.right, cases=found.cases))


def puzzle_any(s) -> Answer:
    """Whether the wiring gets any test sequence right."""
    found = _puzzle_grade(s)
    return Answer("some" if found.right else "none", _words(right=found.right, cases=found.cases))


def puzzle_blame(s) -> Answer:
    """The gate the grade blames for the first failure."""
    found = _puzzle_grade(s).first_failure
    step = found.gate_step + 1 if found and found.gate_step is not None else "—"
    return Answer(found.gate if found else "none", _words(step=step))


def _tutorial_wiring(**changes) -> tuple[tuple[str, float], ...]:
    """Tutorial 002's wiring (puzzle 1's reference) with `changes`, as proving settings."""
    wiring = {**puzzles.PUZZLES["read_write"].reference(), **changes}
    return (("puzzle", "read_write"), ("seed", 1), *wiring.items())


QUESTIONS: dict[str, tuple[Question, ...]] = {
    "gd": (
        Question(
            "q.gd.direction",
            decay_direction,
            (("w_rec", 0.9), ("seq_len", 50), ("w_x", 1.0)),
            options=("larger", "smaller"),
        ),
        Question(
            "q.gd.times", decay_times, (("w_rec", 0.9), ("seq_len", 50), ("w_x", 1.0)), factor=2.0
        ),
        Question(
            "q.gd.sign",
            decay_sign,
            (("w_rec", -1.5), ("seq_len", 11), ("w_x", 1.0)),
            options=("same", "opposite"),
        ),
    ),
    "ls": (
        Question(
            "q.ls.side",
            surface_side,
            (("check_wx", 1.0), ("check_wrec", 1.1), ("cut_wx", 1.0)),
            options=("below", "above"),
        ),
        Question(
            "q.ls.valley", surface_valley, (("cut_wx", 2.0),), options=("below", "at", "above")
        ),
        Question("q.ls.valley_at", surface_valley_at, (("cut_wx", 0.5),), factor=1.0, near=0.1),
    ),
    "un": (
        Question(
            "q.un.trend",
            flow_trend,
            (("rho", 1.5), ("flow_act", "tanh"), ("clip", False)),
            options=("grows", "shrinks", "steady"),
        ),
        Question(
            "q.un.size",
            flow_size,
            (("rho", 1.5), ("flow_act", "identity"), ("clip", False)),
            factor=10.0,
            example=2.5e6,
        ),
        Question(
            "q.un.kept",
            flow_kept,
            (("rho", 1.0), ("flow_act", "identity"), ("init", "orthogonal"), ("clip", False)),
            factor=1.5,
        ),
        Question(
            "q.un.gaussian",
            flow_kept_trend,
            (("rho", 1.0), ("flow_act", "identity"), ("init", "gaussian"), ("clip", False)),
            options=("grows", "shrinks", "steady"),
        ),
    ),
    "opt": (
        Question(
            "q.opt.winner",
            race_winner,
            (("w0x", -1.5), ("w0rec", 2.0), ("iter", 1000)),
            options=(*race.RUNS, "none"),
        ),
        Question(
            "q.opt.sgd",
            race_sgd_fate,
            (("w0x", -1.5), ("w0rec", 2.0), ("lr_sgd", 1e-5), ("iter", 1000)),
            options=("reaches", "stalls", "diverges"),
        ),
        Question(
            "q.opt.step",
            race_sgd_step,
            (("w0x", -1.5), ("w0rec", 2.0), ("lr_sgd", 1e-7), ("iter", 1000)),
            factor=3.0,
        ),
    ),
    "gt": (
        Question(
            "q.gt.erase",
            gate_memory,
            (("model", "hand"), ("source", "example"), ("step", 5), ("gain", 1.0)),
            near=0.05,
        ),
        Question(
            "q.gt.leak",
            gate_memory,
            (("model", "hand"), ("source", "example"), ("step", 4), ("gain", 0.1)),
            factor=1.25,
            near=0.05,
        ),
        Question(
            "q.gt.read",
            gate_output,
            (("model", "hand"), ("source", "example"), ("step", 4), ("gain", 1.0)),
            options=("nothing", "input", "memory"),
        ),
    ),
    "wg": (
        Question("q.wg.keeper", gate_keeper, (("radius", 1.5), ("fbias", 1.0)), options=wg.KINDS),
        Question("q.wg.forget", gate_forget, (("fbias", 1.0),), factor=1.0, near=0.04),
        Question("q.wg.product", gate_product, (("fbias", 5.0),), factor=1.5),
    ),
    "tc": (
        Question("q.tc.uniform", text_uniform, (("source", "quotes"),), factor=1.0, near=0.1),
        Question(
            "q.tc.bigram",
            text_bigram_gain,
            (("source", "brackets"),),
            options=("much", "little", "hardly"),
        ),
        Question(
            "q.tc.harder", text_harder, (("source", "brackets"),), options=("quotes", "brackets")
        ),
    ),
    "pz": (
        Question("q.pz.erase", puzzle_right, _tutorial_wiring(f_b=-10.0), factor=1.0, near=2.0),
        Question(
            "q.pz.zero", puzzle_any, (("puzzle", "count"), ("seed", 1)), options=("some", "none")
        ),
        Question("q.pz.blame", puzzle_blame, _tutorial_wiring(o_b=10.0), options=puzzles.GATES),
    ),
}


def of(prefix: str) -> tuple[Question, ...]:
    """The questions of the view whose settings have this prefix (none: an empty tuple)."""
    return QUESTIONS.get(prefix, ())


def by_key(key: str | None) -> Question | None:
    """The question whose string key is `key` (a live class asks it by key), or None."""
    return next((q for qs in QUESTIONS.values() for q in qs if q.key == key), None)
