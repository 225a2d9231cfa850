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
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from explorer import cells, linear_rnn, lstm, race, rnn
from explorer import loss_surface as ls
from explorer.i18n import number


@dataclasses.dataclass(frozen=True)
class Answer:
    """The right answer: an option (a choice question) or a number, and the values its words
    (`<key>.why`) quote."""

    value: Any
    words: tuple[tuple[str, str], ...] = ()  # (name, text) pairs for `<key>.why`


@dataclasses.dataclass(frozen=True)
class Question:
    key: str  # the question's string key; also `<key>.why`, `<key>.opt.<option>`
    compute: Callable[[Any], Answer]  # page settings (defaults changed by `prove`) → answer
    prove: tuple[tuple[str, Any], ...]  # (field, value): the settings that show the answer
    options: tuple[str, ...] = ()  # a choice question's options; none: a number question
    factor: float = 2.0  # a number is right within this factor of the answer (same sign) …
    near: float = 0.0  # … or within this distance of it


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


# --- gate inspector (gt) ------------------------------------------------------------------------


def _hand_memory(gain: float) -> np.ndarray:
    """c of the hand-wired memory cell over the tutorial's 7 steps."""
    states = cells.run(cells.cell(("hand", float(gain))), np.array(lstm.HAND_WIRED_INPUTS, float))
    return states["c"][:, 0]


def gate_memory(s) -> Answer:
    """c after the settings' step (a float leftover below 1e-9, e.g. 5.7e-39, reads 0)."""
    c = float(_hand_memory(s.gain)[s.step - 1])
    return Answer(c, _words(c=c if abs(c) > 1e-9 else "0", step=s.step, gain=f"{s.gain:g}"))


QUESTIONS: dict[str, tuple[Question, ...]] = {
    "gd": (
        Question("q.gd.direction", decay_direction, (("w_rec", 0.9), ("seq_len", 50), ("w_x", 1.0)),
                 options=("larger", "smaller")),
        Question("q.gd.times", decay_times, (("w_rec", 0.9), ("seq_len", 50), ("w_x", 1.0)),
                 factor=2.0),
        Question("q.gd.sign", decay_sign, (("w_rec", -1.5), ("seq_len", 11), ("w_x", 1.0)),
                 options=("same", "opposite")),
    ),
    "ls": (
        Question("q.ls.side", surface_side, (("check_wx", 1.0), ("check_wrec", 1.1), ("cut_wx", 1.0)),
                 options=("below", "above")),
        Question("q.ls.valley", surface_valley, (("cut_wx", 2.0),), options=("below", "at", "above")),
    ),
    "un": (
        Question("q.un.trend", flow_trend, (("rho", 1.5), ("flow_act", "tanh"), ("clip", False)),
                 options=("grows", "shrinks", "steady")),
        Question("q.un.size", flow_size, (("rho", 1.5), ("flow_act", "identity"), ("clip", False)),
                 factor=10.0),
    ),
    "opt": (
        Question("q.opt.winner", race_winner, (("w0x", -1.5), ("w0rec", 2.0), ("iter", 1000)),
                 options=(*race.RUNS, "none")),
        Question("q.opt.sgd", race_sgd_fate, (("w0x", -1.5), ("w0rec", 2.0), ("lr_sgd", 1e-5), ("iter", 1000)),
                 options=("reaches", "stalls", "diverges")),
    ),
    "gt": (
        Question("q.gt.erase", gate_memory, (("model", "hand"), ("source", "example"), ("step", 5), ("gain", 1.0)),
                 near=0.05),
        Question("q.gt.leak", gate_memory, (("model", "hand"), ("source", "example"), ("step", 4), ("gain", 0.1)),
                 factor=1.25, near=0.05),
    ),
}  # fmt: skip


def of(prefix: str) -> tuple[Question, ...]:
    """The questions of the view whose settings have this prefix (none: an empty tuple)."""
    return QUESTIONS.get(prefix, ())
