"""Program the cell: wiring puzzles graded on hidden sequences (tutorial 002's memory cell, and
a plain linear RNN).

A student sets a cell's weights by hand ("knobs") to solve a task stated in words. `grade` runs
the wiring on test sequences drawn from a seed (the same seed, the same grade), scores it, and for
the first failing case names the step, expected against got, and the gate to blame: the first gate
that, on that sequence, did something else than the reference wiring's.

The LSTM puzzles use one linear memory cell as in tutorial 002 (`explorer.cells.lstm.hand_wired_params`):

    i = σ(w_i · x + u_i h + b_i)    f = σ(w_f · x + u_f h + b_f)    o = σ(w_o · x + u_o h + b_o)
    g = w_g · x + u_g h + b_g       c = f c_prev + i g              h = o c          y = h

with knobs `<gate>_x<k>` (input k's weight), `<gate>_h` (the previous output's) and `<gate>_b`.
The RNN puzzle is the linear RNN h_t = W h_(t-1) + U x_t, y_t = V h_t with two units (knobs
`u1 u2 w11 w12 w21 w22 v1 v2`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from explorer import i18n
from explorer.cells import lstm
from explorer.errors import InputError

TOLERANCE = 0.25  # an output within this of the target is right (targets are whole numbers)
LIMIT = 1000.0  # a knob's largest magnitude: gates saturate long before
CASES = 24  # hidden test sequences per grade
GATES = ("i", "f", "g", "o")
RNN_KNOBS = ("u1", "u2", "w11", "w12", "w21", "w22", "v1", "v2")


def lstm_knobs(inputs: int) -> tuple[str, ...]:
    """The knobs of a one-unit linear LSTM over `inputs` input columns, gate by gate."""
    return tuple(
        f"{gate}_{part}"
        for gate in GATES
        for part in (*(f"x{k}" for k in range(1, inputs + 1)), "h", "b")
    )


@dataclass(frozen=True)
class Case:
    """One sequence: inputs (T, D) and the target output at every step (T,)."""

    inputs: np.ndarray
    targets: np.ndarray


@dataclass(frozen=True)
class Puzzle:
    name: str  # also its words: pz.<name>.title, pz.<name>.task, pz.<name>.inputs
    cell: str  # "lstm" (tutorial 002's linear memory cell) or "rnn" (a linear RNN, 2 units)
    inputs: int  # input columns
    draw: Callable[[np.random.Generator], Case] = field(repr=False)
    wiring: Mapping[str, float] = field(repr=False)  # the reference solution (others exist)

    @property
    def knobs(self) -> tuple[str, ...]:
        return lstm_knobs(self.inputs) if self.cell == "lstm" else RNN_KNOBS

    def reference(self) -> dict[str, float]:
        return {knob: float(self.wiring.get(knob, 0.0)) for knob in self.knobs}

    def cases(self, seed: int, n: int = CASES) -> list[Case]:
        """The test sequences of `seed`: the same seed, the same cases."""
        rng = np.random.default_rng([2002, int(seed)])
        return [self.draw(rng) for _ in range(n)]

    def examples(self) -> list[Case]:
        """Three sequences shown with the task (never among a seed's first tests)."""
        rng = np.random.default_rng([2003, 0])  # another stream than any seed's
        return [self.draw(rng) for _ in range(3)]


# The tasks ---------------------------------------------------------------------------------------
def _read_write(rng: np.random.Generator) -> Case:
    """Tutorial 002: x1 a value, x2 = 1 adds it to memory, x2 = -1 erases, x3 = 1 reads it out."""
    steps = int(rng.integers(6, 11))
    rows, memory, targets = [], 0.0, []
    for _ in range(steps):
        value, roll = int(rng.integers(1, 10)), rng.random()
        write = 1 if roll < 0.35 else (-1 if roll < 0.5 else 0)
        read = int(write == 0 and rng.random() < 0.6)
        memory = memory + value if write == 1 else (0.0 if write == -1 else memory)
        rows.append((value, write, read))
        targets.append(memory if read else 0.0)
    return Case(np.array(rows, dtype=np.float64), np.array(targets))


def _latch(rng: np.random.Generator) -> Case:
    """x1 a bit, x2 = 1 on the first step, x3 = 1 on the last: say the first bit at the end."""
    steps = int(rng.integers(4, 11))
    bits = rng.integers(0, 2, steps)
    first, last = np.eye(steps)[0], np.eye(steps)[-1]
    targets = np.where(last == 1, bits[0], 0).astype(np.float64)
    return Case(np.column_stack([bits, first, last]).astype(np.float64), targets)


def _count(rng: np.random.Generator) -> Case:
    """x1 a bit, x2 = 1 resets: output how many ones since the last reset (this step's included)."""
    steps = int(rng.integers(6, 13))
    bits = rng.integers(0, 2, steps)
    resets = (rng.random(steps) < 0.2).astype(int)
    count, targets = 0, []
    for bit, reset in zip(bits, resets, strict=True):
        count = (0 if reset else count) + int(bit)
        targets.append(count)
    return Case(np.column_stack([bits, resets]).astype(np.float64), np.array(targets, float))


def _delay(rng: np.random.Generator) -> Case:
    """x a whole number: output the previous step's input (0 at the first step)."""
    steps = int(rng.integers(5, 11))
    x = rng.integers(-5, 6, steps).astype(np.float64)
    return Case(x[:, None], np.concatenate([[0.0], x[:-1]]))


def _maximum(rng: np.random.Generator) -> Case:
    """x1 a digit 0-9: output the largest digit so far."""
    steps = int(rng.integers(5, 11))
    x = rng.integers(0, 10, steps).astype(np.float64)
    return Case(x[:, None], np.maximum.accumulate(x))


def _hand_wired() -> dict[str, float]:
    """Tutorial 002's cell (explorer.cells.lstm.hand_wired_params) as knobs."""
    params = lstm.hand_wired_params(1.0)
    w_ih, bias = params["weight_ih_l0"], params["bias_ih_l0"]
    return {
        f"{gate}_{part}": float(value)
        for row, gate in enumerate(GATES)
        for part, value in zip(("x1", "x2", "x3", "b"), (*w_ih[row], bias[row]), strict=True)
    }


PUZZLES: dict[str, Puzzle] = {  # easy to hard
    "read_write": Puzzle("read_write", "lstm", 3, _read_write, _hand_wired()),
    "latch": Puzzle(
        "latch",
        "lstm",
        3,
        _latch,
        {"i_x2": 100, "i_b": -10, "f_b": 10, "g_x1": 1, "o_x3": 100, "o_b": -10},
    ),
    "count": Puzzle(
        "count",
        "lstm",
        2,
        _count,
        {"i_b": 10, "f_x2": -100, "f_b": 10, "g_x1": 1, "o_b": 10},
    ),
    "delay": Puzzle(
        "delay",
        "rnn",
        1,
        _delay,
        {"u1": 1, "w21": 1, "v2": 1},
    ),
    "maximum": Puzzle(
        "maximum",
        "lstm",
        1,
        _maximum,
        {
            "i_x1": 100,
            "i_h": -100,
            "i_b": -50,
            "f_x1": -100,
            "f_h": 100,
            "f_b": 50,
            "g_x1": 1,
            "o_b": 10,
        },
    ),
}


# Running a wiring --------------------------------------------------------------------------------
def checked(puzzle: Puzzle, params: Mapping) -> dict[str, float]:
    """The puzzle's knobs from `params` (missing ones are 0), or InputError for a value that is
    not a finite number of at most LIMIT in size (NaN, 1e308, "", a list...)."""
    if not isinstance(params, Mapping):
        raise InputError("pz.error.wiring")
    wiring = {}
    for knob in puzzle.knobs:
        value = params.get(knob, 0.0)
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise InputError("pz.error.value", knob=knob, value=str(value)[:20]) from None
        if isinstance(value, bool) or not math.isfinite(number) or abs(number) > LIMIT:
            raise InputError("pz.error.value", knob=knob, value=str(value)[:20])
        wiring[knob] = number
    return wiring


def lstm_params(wiring: Mapping[str, float], inputs: int) -> dict:
    """The knobs as a one-unit torch-layout LSTM (gate order i, f, g, o)."""
    w_ih = np.array([[wiring[f"{g}_x{k}"] for k in range(1, inputs + 1)] for g in GATES])
    return {
        "weight_ih_l0": w_ih,  # (4, D)
        "weight_hh_l0": np.array([[wiring[f"{g}_h"]] for g in GATES]),  # (4, 1)
        "bias_ih_l0": np.array([wiring[f"{g}_b"] for g in GATES]),
        "bias_hh_l0": np.zeros(4),
    }


def run(puzzle: Puzzle, wiring: Mapping[str, float], x: np.ndarray) -> dict[str, np.ndarray]:
    """The wiring on x (T, D): {"y": (T,)} and the cell's insides (LSTM: i f g o c, RNN: h)."""
    if puzzle.cell == "lstm":
        with np.errstate(over="ignore", invalid="ignore"):
            states = lstm.lstm_forward(
                x, lstm_params(wiring, puzzle.inputs), cell_act="identity", out_act="identity"
            )
        return {"y": states["h"][:, 0], **{name: states[name][:, 0] for name in (*GATES, "c")}}
    u = np.array([wiring["u1"], wiring["u2"]])  # (2,)
    w = np.array([[wiring["w11"], wiring["w12"]], [wiring["w21"], wiring["w22"]]])  # (2, 2)
    v = np.array([wiring["v1"], wiring["v2"]])  # (2,)
    h, hs = np.zeros(2), []
    with np.errstate(over="ignore", invalid="ignore"):
        for x_t in x[:, 0]:
            h = w @ h + u * x_t  # h_t = W h_(t-1) + U x_t
            hs.append(h)
    hs = np.array(hs)  # (T, 2)
    return {"y": hs @ v, "h": hs}


# Grading -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Failure:
    """The first failing case: where, what was expected, and the gate (or unit) to blame."""

    case: int  # index among the seed's cases (0-based)
    inputs: tuple[tuple[float, ...], ...]
    targets: tuple[float, ...]
    step: int  # the first step whose output is wrong (0-based)
    expected: float
    got: float
    gate: str | None  # "i", "f", "g", "o" (LSTM) or "h1", "h2" / "v" (RNN); None: not found
    gate_step: int | None  # where that gate first did something else
    gate_value: float | None  # its value there
    reference_value: float | None  # the reference wiring's value there

    @property
    def blame(self) -> str:
        """The string key of the sentence that names the gate: pz.blame.<gate>.<low|high>."""
        if self.gate is None:
            return "pz.blame.none"
        if self.gate in ("h1", "h2", "v"):
            return f"pz.blame.rnn.{self.gate}"
        return f"pz.blame.{self.gate}.{'low' if self.gate_value < self.reference_value else 'high'}"


@dataclass(frozen=True)
class Grade:
    passed: bool
    score: float  # the fraction of test sequences answered right at every step
    right: int
    cases: int
    first_failure: Failure | None

    @property
    def gate(self) -> str | None:
        return self.first_failure.gate if self.first_failure else None


def grade(name: str, params: Mapping, seed: int) -> Grade:
    """Run `params` (knob → value) on the seed's test sequences of puzzle `name`."""
    if name not in PUZZLES:
        raise InputError("pz.error.puzzle", name=str(name)[:40])
    puzzle = PUZZLES[name]
    wiring, reference = checked(puzzle, params), puzzle.reference()
    cases = puzzle.cases(seed)
    right, failure = 0, None
    for index, case in enumerate(cases):
        mine = run(puzzle, wiring, case.inputs)
        wrong = ~(np.abs(mine["y"] - case.targets) <= TOLERANCE)  # NaN counts as wrong
        if not wrong.any():
            right += 1
        elif failure is None:
            step = int(np.argmax(wrong))
            failure = _failure(puzzle, index, case, step, mine, run(puzzle, reference, case.inputs))
    return Grade(right == len(cases), right / len(cases), right, len(cases), failure)


def _effects(mine: dict, ref: dict, t: int) -> dict[str, float]:
    """How much each gate's difference from the reference moves the memory or output at step t:
    a gate that differs where it does not matter (an input gate while nothing is offered, a
    forget gate over an empty memory) is not to blame."""
    c_before = ref["c"][t - 1] if t > 0 else 0.0
    effects = {
        "i": abs(mine["i"][t] - ref["i"][t]) * abs(ref["g"][t]),  # what it lets in
        "f": abs(mine["f"][t] - ref["f"][t]) * abs(c_before),  # what it keeps
        "g": abs(mine["g"][t] - ref["g"][t]) * ref["i"][t],  # what would be written
        "o": abs(mine["o"][t] - ref["o"][t]) * abs(ref["c"][t]),  # what it shows
    }
    return {gate: float(np.nan_to_num(e, nan=np.inf)) for gate, e in effects.items()}


def _failure(puzzle: Puzzle, index: int, case: Case, step: int, mine: dict, ref: dict) -> Failure:
    """The failing step, and the first place up to it where the wiring parts from the reference:
    the gate (LSTM) or unit (RNN) that differs most at the earliest step where any differs."""
    gate, at, value, reference = None, None, None, None
    if puzzle.cell == "lstm":
        for t in range(step + 1):
            effects = _effects(mine, ref, t)
            if max(effects.values()) > TOLERANCE:
                gate = max(effects, key=effects.get)
                at, value, reference = t, float(mine[gate][t]), float(ref[gate][t])
                break
    else:
        for t in range(step + 1):
            gaps = np.abs(mine["h"][t] - ref["h"][t])
            if (gaps > TOLERANCE).any():
                unit = int(np.argmax(gaps))
                gate, at = f"h{unit + 1}", t
                value, reference = float(mine["h"][t, unit]), float(ref["h"][t, unit])
                break
        if gate is None:  # the units hold what they should: the read-out is wrong
            gate, at, value, reference = "v", step, float(mine["y"][step]), float(ref["y"][step])
    return Failure(
        case=index,
        inputs=tuple(tuple(float(v) for v in row) for row in case.inputs),
        targets=tuple(float(v) for v in case.targets),
        step=step,
        expected=float(case.targets[step]),
        got=float(mine["y"][step]),
        gate=gate,
        gate_step=at,
        gate_value=value,
        reference_value=reference,
    )


# What the page shows -----------------------------------------------------------------------------
def _number(value: float) -> str:
    return "—" if value is None else i18n.number(float(value), 3)


def grade_words(result: Grade, lang: str) -> list[str]:
    """The grade in sentences: the score, then (if it failed) where, then the gate to blame."""
    counts = dict(right=result.right, cases=result.cases, score=f"{result.score:.0%}")
    words = [i18n.t("pz.passed" if result.passed else "pz.failed", lang, **counts)]
    failure = result.first_failure
    if failure is not None:
        where = dict(case=failure.case + 1, step=failure.step + 1)
        found = dict(expected=_number(failure.expected), got=_number(failure.got))
        words.append(i18n.t("pz.first", lang, **where, **found))
        step = None if failure.gate_step is None else failure.gate_step + 1
        values = dict(value=_number(failure.gate_value), reference=_number(failure.reference_value))
        words.append(i18n.t(failure.blame, lang, step=step, **values))
    return words


def case_table(
    case: Case, *, step: str, wanted: str, mine: dict | None = None, got: str = ""
) -> dict:
    """A sequence as table columns (steps counted from 1): its inputs, the output wanted, and with
    `mine` (a `run`) the cell's output and insides."""
    table = {step: list(range(1, len(case.targets) + 1))}
    table |= {
        f"x{k + 1}": [_number(v) for v in case.inputs[:, k]] for k in range(case.inputs.shape[1])
    }
    table[wanted] = [_number(v) for v in case.targets]
    if mine is not None:
        table[got] = [_number(v) for v in mine["y"]]
        for name in (*GATES, "c") if "c" in mine else ():
            table[name] = [_number(v) for v in mine[name]]
        if "h" in mine and "c" not in mine:
            table |= {f"h{u + 1}": [_number(v) for v in mine["h"][:, u]] for u in range(2)}
    return table


def shown_case(name: str, params: Mapping, seed: int) -> tuple[Case, int | None]:
    """The sequence the page draws the cell on: the first failing test, else the first example;
    and its first wrong step (None: right everywhere)."""
    puzzle = PUZZLES[name]
    result = grade(name, params, seed)
    if result.first_failure is None:
        return puzzle.examples()[0], None
    return puzzle.cases(seed)[result.first_failure.case], result.first_failure.step


def results_table(name: str, params: Mapping, seed: int) -> dict[str, list]:
    """One row per test sequence: its length, right or not, its first wrong step (from 1)."""
    puzzle, wiring = PUZZLES[name], checked(PUZZLES[name], params)
    rows: dict[str, list] = {"sequence": [], "steps": [], "right": [], "first_wrong_step": []}
    for index, case in enumerate(puzzle.cases(seed)):
        wrong = ~(np.abs(run(puzzle, wiring, case.inputs)["y"] - case.targets) <= TOLERANCE)
        rows["sequence"].append(index + 1)
        rows["steps"].append(len(case.targets))
        rows["right"].append(int(not wrong.any()))
        rows["first_wrong_step"].append(int(np.argmax(wrong)) + 1 if wrong.any() else "")
    return rows
