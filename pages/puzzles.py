"""Program the cell: wire tutorial 002's memory cell (or a plain RNN) by hand, graded on hidden
sequences; the grade names the first failing step and the gate to blame."""

import streamlit as st

import ui
from explorer.errors import InputError
from explorer.figures import puzzles as figs
from explorer.lessons import puzzles as pz
from ui.safe import md

KNOBS = (*pz.lstm_knobs(3), *pz.RNN_KNOBS)  # every puzzle's knobs are among these


def _settings_class():
    """The page's settings: the puzzle, the seed, and one number box per knob (0 by default:
    a link holds only the knobs a student set)."""
    fields = {
        "puzzle": ui.select("read_write", tuple(pz.PUZZLES), option_labels=_puzzle_label),
        "seed": ui.number(1, 0, 9999, step=1, help="pz.seed.help"),
        **{knob: ui.number(0.0, -pz.LIMIT, pz.LIMIT, step=1.0, format="%g") for knob in KNOBS},
    }
    annotations = {name: (str if name == "puzzle" else float) for name in fields}
    annotations["seed"] = int
    return type("Settings", (), {"__annotations__": annotations, **fields})


def _puzzle_label(name: str) -> str:
    return ui.tr(f"pz.{name}.title")


Settings = ui.settings("pz")(_settings_class())


def load_solution(name: str) -> None:
    """Set every knob to the puzzle's reference wiring (a callback)."""
    reference = pz.PUZZLES[name].reference()
    ui.set_values(Settings, **{knob: reference.get(knob, 0.0) for knob in KNOBS})


def knob_boxes(puzzle: pz.Puzzle, controls: ui.Controls) -> None:
    """The wiring: one column per gate (LSTM) or per matrix (RNN)."""
    if puzzle.cell == "lstm":
        groups = [[k for k in puzzle.knobs if k.startswith(f"{gate}_")] for gate in pz.GATES]
        titles = [ui.tr(f"pz.gate.{gate}") for gate in pz.GATES]
    else:
        groups = [["u1", "u2"], ["w11", "w12", "w21", "w22"], ["v1", "v2"]]
        titles = ["U", "W", "V"]
    for column, title, knobs in zip(st.columns(len(groups)), titles, groups, strict=True):
        column.markdown(f"**{title}**")
        for knob in knobs:
            getattr(controls, knob)(column)


def examples(puzzle: pz.Puzzle) -> None:
    st.markdown(f"**{ui.tr('pz.examples')}**")
    cases = puzzle.examples()
    for tab, case in zip(st.tabs([f"#{n}" for n in range(1, len(cases) + 1)]), cases, strict=True):
        table = pz.case_table(case, step=ui.tr("pz.step"), wanted=ui.tr("pz.target"))
        tab.dataframe(table, hide_index=True)


def cell_chart(name: str, wiring: tuple, seed: int, lang: str):
    """The cell on the first failing test (or the first example), inside and out."""
    case, failing = pz.shown_case(name, dict(wiring), seed)
    found = pz.run(pz.PUZZLES[name], pz.checked(pz.PUZZLES[name], dict(wiring)), case.inputs)
    return figs.cell_figure(found, case.targets, failing, lang)


def grade_box(s, puzzle: pz.Puzzle, wiring: dict) -> None:
    """The grade, then the cell drawn on the first failing test, its table and a CSV."""
    try:
        result = pz.grade(s.puzzle, wiring, s.seed)
    except InputError as error:
        st.error(error.message(ui.lang(), md))
        return
    words = pz.grade_words(result, ui.lang())
    (st.success if result.passed else st.error)(" ".join(words))
    chart = ui.figure(cell_chart, s.puzzle, tuple(wiring.items()), s.seed, ui.lang())
    ui.plot(chart, key="pz_chart")
    st.caption(ui.tr("pz.chart.example" if result.passed else "pz.chart.failing"))
    st.caption(ui.tr("pz.grade.help", cases=pz.CASES, seed=s.seed, tol=pz.TOLERANCE))
    if result.first_failure is not None:
        case = puzzle.cases(s.seed)[result.first_failure.case]
        labels = dict(step=ui.tr("pz.step"), wanted=ui.tr("pz.target"), got=ui.tr("pz.got"))
        table = pz.case_table(case, mine=pz.run(puzzle, wiring, case.inputs), **labels)
        st.dataframe(table, hide_index=True)
    rows = pz.results_table(s.puzzle, wiring, s.seed)
    ui.download_csv(rows, f"grade_{s.puzzle}_seed{s.seed}.csv", key="pz_csv")


@ui.page(Settings, title="pz.title", intro="pz.intro")
def body(s, controls: ui.Controls) -> None:
    puzzle = pz.PUZZLES[s.puzzle]
    with ui.controls_box():
        left, right = st.columns([3, 1])
        controls.puzzle(left)
        controls.seed(right)
    st.markdown(f"**{ui.tr(f'pz.{s.puzzle}.title')}** · {ui.tr(f'pz.{s.puzzle}.task')}")
    wiring_side, grade_side = st.columns([1.15, 1], gap="medium")
    with grade_side:  # the grade beside the wiring: every change is graded at once
        grade_box(s, puzzle, {knob: getattr(s, knob) for knob in puzzle.knobs})
    with wiring_side:
        st.markdown(f"**{ui.tr('pz.knobs')}**")
        knob_boxes(puzzle, controls)
        st.caption(ui.tr(f"pz.equations.{puzzle.cell}"))
        examples(puzzle)
        with st.expander(ui.tr("pz.solution")):
            st.caption(ui.tr("pz.solution.help"))
            shown = {k: v for k, v in puzzle.reference().items() if v}
            st.dataframe({"": list(shown), "=": [f"{v:g}" for v in shown.values()]})
            st.button(ui.tr("pz.use_solution"), on_click=load_solution, args=(s.puzzle,))
