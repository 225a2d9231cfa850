"""The "Program the cell" view: a puzzle's task, its knobs grouped as the page lays them out,
its examples, a solution, and the grade of the student's wiring with the cell drawn on the
sequence it names. The puzzles and their grading are `explorer.lessons.puzzles`; here the grade
is computed once and everything shown beside it is taken from it."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.figures import puzzles as figs
from explorer.figures import serialise
from explorer.i18n import sentences, t
from explorer.lessons import puzzles as pz

KNOBS = (*pz.lstm_knobs(3), *pz.RNN_KNOBS)  # every puzzle's knobs are among these
RNN_GROUPS = (("U", ("u1", "u2")), ("W", ("w11", "w12", "w21", "w22")), ("V", ("v1", "v2")))


def heading(name: str, lang: str) -> str:
    """The puzzle's title and task, as markdown."""
    return f"**{t(f'pz.{name}.title', lang)}** · {t(f'pz.{name}.task', lang)}"


def knobs(name: str) -> tuple[str, ...]:
    """The knobs puzzle `name` is wired with."""
    return pz.PUZZLES[name].knobs


def knob_groups(name: str, lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(title, knobs) of each column of the wiring: one per gate (LSTM), per matrix (RNN)."""
    puzzle = pz.PUZZLES[name]
    if puzzle.cell != "lstm":
        return RNN_GROUPS
    return tuple(
        (t(f"pz.gate.{gate}", lang), tuple(k for k in puzzle.knobs if k.startswith(f"{gate}_")))
        for gate in pz.GATES
    )


def equations(name: str, lang: str) -> str:
    """The equations of the puzzle's cell (LSTM or RNN)."""
    return t(f"pz.equations.{pz.PUZZLES[name].cell}", lang)


def example_tables(name: str, lang: str) -> list[dict]:
    """The puzzle's examples as tables: steps, inputs, the output wanted."""
    words = dict(step=t("pz.step", lang), wanted=t("pz.target", lang))
    return [pz.case_table(case, **words) for case in pz.PUZZLES[name].examples()]


def solution(name: str) -> dict[str, list]:
    """The reference wiring's knobs that are not 0, as a two-column table."""
    shown = {k: v for k, v in pz.PUZZLES[name].reference().items() if v}
    return {"": list(shown), "=": [f"{v:g}" for v in shown.values()]}


def solution_values(name: str) -> dict[str, float]:
    """Every knob set to the puzzle's reference wiring (0 where it uses none)."""
    reference = pz.PUZZLES[name].reference()
    return {knob: reference.get(knob, 0.0) for knob in KNOBS}


@dataclass(frozen=True)
class GradeView:
    passed: bool
    words: str  # the score, the first failing step, the gate to blame
    figure: serialise.FrozenFigure  # the cell on the first failing test, or the first example
    chart_note: str  # which sequence the chart shows
    help: str  # how the grade is made
    failing: dict | None  # the first failing test step by step (the cell's insides), or None
    csv: dict[str, list]  # one row per test sequence


def grade_view(name: str, wiring: tuple, seed: int, lang: str) -> GradeView:
    """Grade `wiring` ((knob, value) pairs) on the seed's tests, and draw the cell on the test
    the grade names (InputError: not a puzzle, or a wiring out of bounds)."""
    result = pz.grade(name, dict(wiring), seed)
    puzzle = pz.PUZZLES[name]
    checked = pz.checked(puzzle, dict(wiring))
    failure = result.first_failure
    if failure is None:
        case, step = puzzle.examples()[0], None
    else:
        case, step = puzzle.cases(seed)[failure.case], failure.step
    found = pz.run(puzzle, checked, case.inputs)
    failing = None
    if failure is not None:
        words = dict(step=t("pz.step", lang), wanted=t("pz.target", lang), got=t("pz.got", lang))
        failing = pz.case_table(case, mine=found, **words)
    return GradeView(
        passed=result.passed,
        words=sentences(pz.grade_words(result, lang), lang),
        figure=serialise.freeze(figs.cell_figure(found, case.targets, step, lang)),
        chart_note=t("pz.chart.example" if result.passed else "pz.chart.failing", lang),
        help=t("pz.grade.help", lang, cases=pz.CASES, seed=seed, tol=pz.TOLERANCE),
        failing=failing,
        csv=pz.results_table(name, dict(wiring), seed),
    )
