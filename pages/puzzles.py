"""Program the cell: wire tutorial 002's memory cell (or a plain RNN) by hand, graded on hidden
sequences; the grade names the first failing step and the gate to blame."""

import streamlit as st

import ui
from explorer.errors import InputError
from explorer.lessons import puzzles as pz
from explorer.views import puzzles as vm
from ui.safe import md


def _settings_class():
    """The page's settings: the puzzle, the seed, and one number box per knob (0 by default:
    a link holds only the knobs a student set)."""
    fields = {
        "puzzle": ui.select("read_write", tuple(pz.PUZZLES), option_labels=_puzzle_label),
        "seed": ui.number(1, 0, 9999, step=1, help="pz.seed.help"),
        **{knob: ui.number(0.0, -pz.LIMIT, pz.LIMIT, step=1.0, format="%g") for knob in vm.KNOBS},
    }
    annotations = {name: (str if name == "puzzle" else float) for name in fields}
    annotations["seed"] = int
    return type("Settings", (), {"__annotations__": annotations, **fields})


def _puzzle_label(name: str) -> str:
    return ui.tr(f"pz.{name}.title")


Settings = ui.settings("pz")(_settings_class())


def load_solution(name: str) -> None:
    """Set every knob to the puzzle's reference wiring (a callback)."""
    ui.set_values(Settings, **vm.solution_values(name))


def knob_boxes(name: str, controls: ui.Controls) -> None:
    """The wiring: one column per gate (LSTM) or per matrix (RNN)."""
    groups = vm.knob_groups(name, ui.lang())
    for column, (title, knobs) in zip(st.columns(len(groups)), groups, strict=True):
        column.markdown(f"**{title}**")
        for knob in knobs:
            getattr(controls, knob)(column)


def examples(name: str) -> None:
    st.markdown(f"**{ui.tr('pz.examples')}**")
    tables = vm.example_tables(name, ui.lang())
    for tab, table in zip(
        st.tabs([f"#{n}" for n in range(1, len(tables) + 1)]), tables, strict=True
    ):
        tab.dataframe(table, hide_index=True)


def grade_box(s) -> None:
    """The grade, then the cell drawn on the first failing test, its table and a CSV."""
    wiring = tuple((knob, getattr(s, knob)) for knob in vm.knobs(s.puzzle))
    try:
        view = ui.shared(vm.grade_view, s.puzzle, wiring, s.seed, ui.lang())
    except InputError as error:
        st.error(error.message(ui.lang(), md))
        return
    (st.success if view.passed else st.error)(view.words)
    ui.plot(view.figure, key="pz_chart")
    st.caption(view.chart_note)
    st.caption(view.help)
    if view.failing is not None:
        st.dataframe(view.failing, hide_index=True)
    ui.download_csv(view.csv, f"grade_{s.puzzle}_seed{s.seed}.csv", key="pz_csv")


@ui.page(Settings, title="pz.title", intro="pz.intro")
def body(s, controls: ui.Controls) -> None:
    with ui.controls_box():
        left, right = st.columns([3, 1])
        controls.puzzle(left)
        controls.seed(right)
    st.markdown(vm.heading(s.puzzle, ui.lang()))
    wiring_side, grade_side = st.columns([1.15, 1], gap="medium")
    with grade_side:  # the grade beside the wiring: every change is graded at once
        grade_box(s)
    with wiring_side:
        st.markdown(f"**{ui.tr('pz.knobs')}**")
        knob_boxes(s.puzzle, controls)
        st.caption(vm.equations(s.puzzle, ui.lang()))
        examples(s.puzzle)
        with st.expander(ui.tr("pz.solution")):
            st.caption(ui.tr("pz.solution.help"))
            st.dataframe(vm.solution(s.puzzle))
            st.button(ui.tr("pz.use_solution"), on_click=load_solution, args=(s.puzzle,))
