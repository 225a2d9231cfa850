"""The "Program the cell" view model: the grade's sentence, the chart, the failing test's table
and the CSV all come from one grade of the wiring, and flip together when the wiring passes."""

import numpy as np
import pytest

from explorer.errors import InputError
from explorer.lessons import puzzles as pz
from explorer.views import puzzles as vm


def _wiring(name, **changed):
    reference = pz.PUZZLES[name].reference()
    return tuple({**reference, **changed}.items())


def _chart(view, name):
    trace = next(tr for tr in view.figure.to_dict()["data"] if tr["name"] == name)
    return np.asarray(trace["y"], dtype=float)


def test_the_reference_passes_and_the_chart_shows_the_first_example():
    view = vm.grade_view("read_write", _wiring("read_write"), 7, "en")
    assert view.passed and view.failing is None
    assert view.words == f"Passed: {pz.CASES} of {pz.CASES} sequences right."
    assert view.chart_note == "Your cell on the first example."
    example = pz.PUZZLES["read_write"].examples()[0]
    found = pz.run(pz.PUZZLES["read_write"], dict(_wiring("read_write")), example.inputs)
    np.testing.assert_allclose(_chart(view, "yours"), found["y"], atol=1e-5)
    np.testing.assert_allclose(_chart(view, "wanted"), example.targets)
    assert view.csv["right"] == [1] * pz.CASES
    assert "seed 7" in view.help or "7" in view.help


def test_a_wrong_gate_fails_and_everything_shown_is_about_the_first_failing_test():
    """The forget gate's bias pulled low: the memory is dropped; the grade, the chart, the table
    and the CSV name the same test and step."""
    wiring = _wiring("read_write", f_b=-1000.0)
    view = vm.grade_view("read_write", wiring, 3, "en")
    result = pz.grade("read_write", dict(wiring), 3)
    failure = result.first_failure
    assert not view.passed and failure is not None
    assert view.words.startswith(f"{result.right} of {pz.CASES} sequences right")
    assert f"#{failure.case + 1}, at step {failure.step + 1}" in view.words
    assert view.chart_note.startswith("Your cell on the first failing sequence")
    case = pz.PUZZLES["read_write"].cases(3)[failure.case]
    found = pz.run(pz.PUZZLES["read_write"], dict(wiring), case.inputs)
    np.testing.assert_allclose(_chart(view, "yours"), found["y"], atol=1e-5)
    np.testing.assert_allclose(_chart(view, "wanted"), case.targets)
    assert view.failing["yours"][failure.step] == f"{failure.got:.3g}"
    assert view.failing["wanted"] == [f"{v:.3g}" for v in case.targets]
    assert sum(view.csv["right"]) == result.right
    assert view.csv["first_wrong_step"][failure.case] == failure.step + 1


def test_the_rnn_puzzle_groups_its_knobs_by_matrix_and_the_lstm_by_gate():
    rnn = next(name for name, p in pz.PUZZLES.items() if p.cell == "rnn")
    assert [title for title, _ in vm.knob_groups(rnn, "en")] == ["U", "W", "V"]
    groups = vm.knob_groups("read_write", "en")
    assert len(groups) == len(pz.GATES)
    assert sorted(k for _, knobs in groups for k in knobs) == sorted(vm.knobs("read_write"))
    assert vm.equations(rnn, "en") != vm.equations("read_write", "en")


def test_solution_shows_the_knobs_it_sets_and_loads_every_knob():
    reference = pz.PUZZLES["count"].reference()
    table = vm.solution("count")
    assert table[""] == [k for k, v in reference.items() if v]
    values = vm.solution_values("count")
    assert set(values) == set(vm.KNOBS)
    assert all(values[k] == reference.get(k, 0.0) for k in vm.KNOBS)


def test_examples_are_tables_of_the_puzzles_examples_in_the_language():
    tables = vm.example_tables("latch", "zh")
    examples = pz.PUZZLES["latch"].examples()
    assert len(tables) == len(examples)
    assert tables[0]["步"] == list(range(1, len(examples[0].targets) + 1))
    assert "记住第一个比特" in vm.heading("latch", "zh")


def test_a_wiring_out_of_bounds_is_refused():
    with pytest.raises(InputError):
        vm.grade_view("read_write", _wiring("read_write", f_b=float("nan")), 1, "en")
