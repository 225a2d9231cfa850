"""Program the cell: each puzzle's reference passes, a wrong wiring fails where and why it should."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from explorer import i18n
from explorer.cells import lstm
from explorer.errors import InputError
from explorer.lessons import puzzles as pz

NAMES = list(pz.PUZZLES)


def test_there_are_five_puzzles_from_the_tutorials_cell_to_harder_ones():
    assert NAMES[0] == "read_write" and len(NAMES) >= 5
    assert {p.cell for p in pz.PUZZLES.values()} == {"lstm", "rnn"}


@pytest.mark.parametrize("name", NAMES)
def test_the_reference_wiring_passes_on_every_seed(name):
    reference = pz.PUZZLES[name].reference()
    for seed in range(40):
        result = pz.grade(name, reference, seed)
        assert result.passed and result.score == 1.0 and result.first_failure is None, seed


@pytest.mark.parametrize("name", NAMES)
def test_a_cell_left_at_zero_fails_and_says_where(name):
    result = pz.grade(name, {}, 3)
    assert not result.passed and result.score < 1
    failure = result.first_failure
    case = pz.PUZZLES[name].cases(3)[failure.case]
    assert failure.expected == case.targets[failure.step] and failure.got == pytest.approx(0.0)
    assert abs(failure.expected) > pz.TOLERANCE  # a zero output is wrong exactly there
    assert not np.any(np.abs(case.targets[: failure.step]) > pz.TOLERANCE)  # ...and not before


def test_the_first_puzzle_is_tutorial_002s_cell_and_its_own_sequence():
    """The reference is explorer.cells.lstm.hand_wired_params; on the tutorial's sequence the cell's
    memory is 3, 7, 7, 7, 0, 6, 6 and its outputs 0, 0, 0, 7, 0, 0, 6 (tutorial 002)."""
    puzzle = pz.PUZZLES["read_write"]
    x = np.array(lstm.HAND_WIRED_INPUTS, dtype=float)
    found = pz.run(puzzle, puzzle.reference(), x)
    np.testing.assert_allclose(found["c"], lstm.HAND_WIRED_MEMORY, atol=0.01)
    np.testing.assert_allclose(found["y"], lstm.HAND_WIRED_OUTPUT, atol=0.01)
    draw = pz._read_write(np.random.default_rng(0))  # the task's own rule agrees with the cell
    np.testing.assert_allclose(
        pz.run(puzzle, puzzle.reference(), draw.inputs)["y"], draw.targets, atol=0.01
    )


def test_the_same_seed_gives_the_same_grade_and_another_seed_other_sequences():
    wiring = {**pz.PUZZLES["count"].reference(), "f_x2": 0.0}  # never resets
    assert pz.grade("count", wiring, 11) == pz.grade("count", wiring, 11)
    first = [c.inputs.tolist() for c in pz.PUZZLES["count"].cases(11)]
    other = [c.inputs.tolist() for c in pz.PUZZLES["count"].cases(12)]
    assert first != other
    examples = [c.inputs.tolist() for c in pz.PUZZLES["count"].examples()]
    assert not any(e in first for e in examples)  # the examples are not the test


def test_any_wiring_that_gives_the_right_outputs_passes():
    """Graded by what the cell outputs, not by its knobs: the delay puzzle with the units swapped."""
    swapped = {"u2": 1, "w12": 1, "v1": 1}
    assert pz.grade("delay", swapped, 5).passed
    assert pz.grade("delay", {"u1": 1, "v2": 1}, 5).first_failure.gate == "h2"  # unit 2 unwired


@pytest.mark.parametrize(
    ("name", "change", "gate", "blame"),
    [
        ("read_write", {"f_b": -10}, "f", "pz.blame.f.low"),  # always erases
        ("read_write", {"i_x2": 0}, "i", "pz.blame.i.low"),  # never writes
        ("read_write", {"o_b": 10}, "o", "pz.blame.o.high"),  # always shows the memory
        ("latch", {"i_b": 10}, "i", "pz.blame.i.high"),  # writes every bit, not the first
        ("count", {"f_x2": 0}, "f", "pz.blame.f.high"),  # a reset does not erase
        ("maximum", {"o_b": -10}, "o", "pz.blame.o.low"),  # the output gate shut
        ("delay", {"v2": 0, "v1": 1}, "v", "pz.blame.rnn.v"),  # reads the wrong unit
    ],
)
def test_the_grade_blames_the_gate_that_was_changed(name, change, gate, blame):
    wiring = {**pz.PUZZLES[name].reference(), **change}
    failure = pz.grade(name, wiring, 0).first_failure
    assert failure is not None and failure.gate == gate and failure.blame == blame
    assert failure.gate_step <= failure.step
    for lang in i18n.LANGS:  # the sentence exists and takes the failure's numbers
        assert i18n.t(failure.blame, lang, step=failure.gate_step, value="0.02", reference="1")


@pytest.mark.parametrize(
    "hostile",
    [{"f_b": math.nan}, {"f_b": 1e308}, {"f_b": -math.inf}, {"f_b": ""}, {"f_b": "1e5"},
     {"f_b": [1]}, {"f_b": True}, "f_b=1", None],
)  # fmt: skip
def test_hostile_wirings_are_a_message_in_both_languages(hostile):
    with pytest.raises(InputError) as raised:
        pz.grade("read_write", hostile, 0)
    for lang in i18n.LANGS:
        assert raised.value.message(lang)


def test_an_unknown_puzzle_is_a_message():
    with pytest.raises(InputError):
        pz.grade("../../etc/passwd", {}, 0)


def test_exploding_wirings_are_graded_wrong_not_crashed():
    wiring = {**pz.PUZZLES["maximum"].reference(), "g_h": 1000.0, "f_b": 1000.0}
    result = pz.grade("maximum", wiring, 0)
    assert not result.passed and result.first_failure is not None


@pytest.mark.parametrize("name", NAMES)
def test_grading_takes_under_half_a_second(name):
    start = time.process_time()
    pz.grade(name, {}, 1)  # the slowest path: every case fails, a blame is searched
    pz.grade(name, pz.PUZZLES[name].reference(), 1)
    assert time.process_time() - start < 0.5


@pytest.mark.parametrize("name", NAMES)
def test_every_puzzle_has_its_words_and_every_knob_a_label(name):
    for lang in i18n.LANGS:
        for part in ("title", "task"):
            assert i18n.t(f"pz.{name}.{part}", lang)
        for knob in pz.PUZZLES[name].knobs:
            assert i18n.t(f"pz.{knob}", lang)
