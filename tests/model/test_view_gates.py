"""The gate inspector's view model (explorer/views/gates.py), without Streamlit: its sentences
state the numbers of the charts beside them, its verdicts flip when the numbers cross, its
trainings are declared jobs named by what changes them, and a click or a box on its charts maps
back to the step and unit they show."""

import re

import numpy as np
import pytest

from explorer.cells import lstm
from explorer.inputs import sequences
from explorer.training import jobs
from explorer.training import next_step as train
from explorer.views import gates as vm

RANDOM = ("random", "lstm", 1, 4, 0, 1.0, 1.0, False)
BITS = ("bits", 60, 1)


def model(recipe=RANDOM, seq=BITS):
    x = vm.sequence(seq).x
    return vm.shown(recipe, seq, vm.cell(recipe), x), x


def quoted(sentence: str, name: str) -> float:
    """The number a sentence gives for `name` ("f = 0.4821")."""
    return float(re.search(rf"\b{name} = (-?[\d.e+-]+)", sentence).group(1).rstrip("."))


def heat_panels(fig) -> dict:
    names = ("x", *lstm.LSTM_GATES)
    return {
        name: np.asarray(tr.z, dtype=np.float64) for name, tr in zip(names, fig.data, strict=True)
    }


def test_the_guide_quotes_the_heatmaps_cell_at_the_unit_and_step():
    shown, x = model()
    view = (10, 49, 2, 30, "en")  # steps 11..50, unit 3, step 31
    heat = heat_panels(vm.chart("heat", RANDOM, BITS, *view, 1, shown, x))
    guide = vm.guide(shown, *view)
    assert guide.startswith("LSTM, unit 3, step 31:")
    for name in ("f", "i", "g", "so c", "o", "h"):  # rows: units, columns: steps of the window
        assert quoted(guide, name) == pytest.approx(heat[name[-1]][2, 30 - 10], rel=1e-3, abs=1e-4)
    before = heat["c"][2, 29 - 10]  # the memory one step earlier, the guide's c_prev
    assert quoted(guide, "old memory c") == pytest.approx(before, rel=1e-3, abs=1e-4)


def test_the_guides_share_of_saturated_forget_gates_follows_the_forget_bias():
    """ "f is above 0.95 in N% of steps": the share of the window's f (unit 1) above 0.95, which a
    forget-gate bias of +5 makes most steps and −5 none."""
    for fbias, expect_open in ((5.0, True), (-5.0, False)):
        recipe = ("random", "lstm", 1, 4, 0, 1.0, fbias, False)
        shown, x = model(recipe)
        lines = vm.chart("lines", recipe, BITS, 0, 59, 0, 0, "en", 1, shown, x)
        f = np.asarray(next(tr.y for tr in lines.data if tr.name == "forget gate f"), dtype=float)
        share = 100 * np.mean(f > 0.95)
        said = float(
            re.search(
                r"above 0\.95 \(saturated, memory held\) in ([\d.]+)%",
                vm.guide(shown, 0, 59, 0, 0, "en"),
            ).group(1)
        )  # noqa: E501
        assert said == pytest.approx(share, abs=0.05)
        assert (said > 50) is expect_open


def test_the_hand_table_is_the_lines_charts_memory_and_the_tutorials_at_a_sharp_gain():
    seq = ("example",)
    x = vm.sequence(seq).x
    for gain in (1.0, 10.0):
        recipe = ("hand", gain)
        shown = vm.shown(recipe, seq, vm.cell(recipe), x)
        ((how, table),) = vm.hand_table(True, shown.states, len(x), "en")
        lines = vm.chart("lines", recipe, seq, 0, 6, 0, 0, "en", 1, shown, x)
        c = [tr.y for tr in lines.data if tr.name == "memory cell c"][0]
        memory = [float(v) for v in table.split("Memory c: ")[1].split("  ·")[0].split(", ")]
        np.testing.assert_allclose(memory, c, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(memory, [3, 7, 7, 7, 0, 6, 6], atol=1e-3)  # the tutorial's, at 10
    assert vm.hand_table(False, shown.states, len(x), "en") == [("markdown", None)]
    assert vm.hand_table(True, shown.states, 8, "en") == [("markdown", None)]  # not its 7 steps


def test_the_gain_frames_are_the_hand_wired_cell_at_every_gain_of_the_slider():
    x = np.array(lstm.HAND_WIRED_INPUTS, dtype=np.float64)
    frames = vm.gain_frames(x, 0, 6, 1.3)
    assert sorted(frames) == [0.1, 0.2, 0.5, 1.0, 1.3, 2.0, 3.0, 5.0, 7.0, 10.0]
    np.testing.assert_allclose(frames[10.0]["c"][:, 0], [3, 7, 7, 7, 0, 6, 6], atol=1e-3)
    np.testing.assert_allclose(frames[10.0]["h"][:, 0], [0, 0, 0, 7, 0, 0, 6], atol=1e-3)
    assert abs(frames[0.1]["c"][2, 0] - 7) > 0.5  # a soft gate does not hold the memory


def test_the_overflow_warning_appears_when_a_gate_leaves_float64():
    shown, _ = model()
    assert vm.overflow_notes("lstm", shown.states, "en") == [("warning", None)]
    states = {k: np.array(v) for k, v in shown.states.items()}
    states["f"][11, 2] = np.nan
    ((how, text),) = vm.overflow_notes("lstm", states, "en")
    assert how == "warning" and text.startswith("LSTM: 1 values of f") and "from step 12 on" in text


def test_training_is_refused_exactly_when_it_passes_the_budget():
    found = vm.sequence(("bits", 1000, 1))
    per_epoch = train.work(1000, 8, 1)
    fits = train.TRAIN_BUDGET // per_epoch
    assert vm.train_refusal(1000, 8, fits, 1, "en") is None
    works, notes = vm.trainings(found, [("train", "lstm")], 8, fits, 0, "en")
    assert len(works) == 1 and notes == []
    works, notes = vm.trainings(found, [("train", "lstm")], 8, fits + 1, 0, "en")
    ((how, refusal),) = notes
    assert works == [] and how == "warning" and f"{train.work(1000, 8, fits + 1):,}" in refusal
    works, notes = vm.trainings(found, [("train", "lstm"), ("train", "gru")], 8, fits, 0, "en")
    assert works == [] and "× 2 model(s)" in notes[0][1]  # two models: twice the work
    assert vm.trained_shown([("train", "lstm")], [], {}, notes) is None  # refused: nothing shown


def test_trainings_are_declared_jobs_named_by_what_changes_them():
    a, b = vm.sequence(BITS), vm.sequence(("bits", 60, 2))
    train_lstm = [("train", "lstm")]
    (one,), _ = vm.trainings(a, train_lstm, 8, 40, 3, "en")
    assert one.name == "gates.train" and one.trains and jobs.declared(one.name) is train.train_job
    assert one.kwargs["x"] is a.x and "LSTM" in one.label
    assert {k: v for k, v in one.kwargs.items() if k != "x"} == dict(
        kind="lstm", hidden=8, epochs=40, seed=3
    )
    (same,), _ = vm.trainings(vm.sequence(BITS), train_lstm, 8, 40, 3, "zh")
    assert same == one and hash(same) == hash(one)  # another student: the same job
    others = vm.trainings(a, [("train", "lstm"), ("train", "gru")], 8, 40, 3, "en")[0][1:]
    for changed in ((b, 8, 40, 3), (a, 9, 40, 3), (a, 8, 50, 3), (a, 8, 40, 4)):
        others += vm.trainings(changed[0], train_lstm, *changed[1:], "en")[0]
    assert len({w.key for w in [one, *others]}) == 6  # kind, sequence, hidden, epochs, seed
    assert vm.trained_recipe(one) == ("trained", a.digest, "lstm", 8, 40, 3)
    assert vm.trainings(a, [RANDOM], 8, 40, 3, "en") == ([], [])  # nothing to train


def test_the_trained_models_are_shown_once_every_training_is_done():
    found = vm.sequence(BITS)
    works, _ = vm.trainings(found, [("train", "lstm"), ("train", "gru")], 4, 20, 0, "en")
    result = {"losses": [0.9, 0.25]}
    running = {works[0]: result, works[1]: None}
    assert vm.trained_shown([], works, running, []) is None  # one still runs
    ((how, note),) = vm.trained_notes(running, found, "en")
    assert (
        note
        == "Trained LSTM: next-step loss 0.9 → 0.25 after 2 epochs (first 60 steps, standardised)."
    )  # noqa: E501
    done = {works[0]: result, works[1]: result}
    assert vm.trained_shown([], works, done, []) == [vm.trained_recipe(w) for w in works]
    failed = [("error", "Training failed: boom")]
    assert vm.trained_shown([], works, {works[0]: result}, failed) is None
    assert vm.trained_shown([RANDOM], [], {}, []) == [RANDOM]  # nothing to train: as it is


def test_uploaded_weights_are_refused_when_their_inputs_do_not_match_the_sequence():
    raw = vm.cell(("random", "gru", 2, 5, 0, 1.0, 1.0, False)).npz()
    recipe = vm.file_recipe(raw)
    found = vm.cell(recipe, raw)
    notes, shown = vm.weights(found, recipe, 2, "en")
    assert shown == [recipe] and notes[0] == (
        "caption",
        "Loaded a GRU with 5 hidden units and 2 inputs.",
    )
    assert notes[1] == ("error", None)
    notes, shown = vm.weights(found, recipe, 3, "en")
    assert (
        shown == []
        and notes[1][1] == "These weights expect 2 input features but the sequence has 3."
    )
    bad = vm.cell(vm.file_recipe(b"not a zip"), b"not a zip")
    notes, shown = vm.weights(bad, vm.file_recipe(b"not a zip"), 2, "en")
    assert shown == [] and notes[0][0] == "error" and len(notes) == 1


def test_the_hand_wired_cell_gives_way_to_a_random_lstm_on_other_sequences():
    for features, hand in ((3, True), (2, False), (None, True)):
        shown = vm.recipes("hand", features, 1.0, "lstm", 6, 2, 1.0, 1.0, False, 1)
        assert vm.is_hand(shown, 1.0) is hand
        ((how, warning),) = vm.hand_refused("hand", "bits", shown, 1.0, features, 6, 2, "en")
        assert (warning is None) is hand
        if not hand:
            assert (
                shown == [("random", "lstm", 2, 6, 2)]
                and "a random LSTM with 2 inputs and 6 units** (seed 2)" in warning
            )  # noqa: E501


def test_the_sequence_summary_states_its_shape():
    found = vm.sequence(("bits", 60, 1))
    assert vm.sequence_notes(found, "", None, "en") == [
        ("caption", None),
        ("caption", "60 steps × 1 feature"),
    ]
    text = vm.sequence(("text", "ab a"))
    notes = vm.sequence_notes(text, "x.csv", bytes(1_500_000), "en")
    assert notes[1][1] == f"4 steps × {text.x.shape[1]} features" and "1.5 MB" in notes[0][1]
    assert vm.sequence_notes(sequences.Loaded(None), "", None, "en")[1] == ("caption", None)


def test_the_csv_holds_the_heatmaps_numbers():
    shown, x = model()
    heat = heat_panels(vm.chart("heat", RANDOM, BITS, 20, 29, 0, 20, "en", 1, shown, x))
    table = vm.csv_columns(x, [shown], 20, 29)
    assert list(table["t"]) == list(range(21, 31))
    for name in ("f", "h"):
        for unit in range(4):
            np.testing.assert_allclose(
                table[f"lstm_{name}{unit + 1}"], heat[name][unit], rtol=1e-6, atol=1e-7
            )


def test_a_box_on_the_overview_maps_back_to_the_window_it_shades():
    shown, x = model()
    over = vm.chart("over", RANDOM, BITS, 14, 33, 0, 14, "en", 1, shown, x)
    band = over.layout.shapes[0]
    # a box across the shaded steps (their centres: the band spans ±0.5 around them)
    assert vm.window_from_box({"box": [{"x": [band.x0 + 0.5, band.x1 - 0.5]}]}, len(x), 500) == (
        15,
        34,
    )  # noqa: E501
    assert vm.window_from_box({"box": [{"x": [1, 60]}]}, len(x), 10) == (1, 10)  # at most `limit`


def test_a_two_layer_model_shows_layer_twos_gates_reading_layer_ones_h():
    recipe = ("random", "gru", 1, 3, 0, 1.0, 1.0, False, 2)
    shown, x = model(recipe)
    assert model()[0].second is None
    np.testing.assert_array_equal(shown.second["x"], shown.states["h"])
    heat = vm.chart("heat", recipe, BITS, 0, 19, 0, 0, "zh", 2, shown, x)
    assert heat.layout.title.text.startswith("第 2 层")
    np.testing.assert_allclose(
        np.asarray(heat.data[0].z, dtype=float), shown.states["h"][:20].T, atol=1e-6
    )  # noqa: E501
    guide = vm.guide(shown, 0, 19, 1, 5, "en", layer=2)
    assert guide.startswith("GRU layer 2, unit 2, step 6:")
    table = vm.second_csv_columns(shown, 0, 19)
    assert list(table)[:5] == ["t", "layer1_h1", "layer1_h2", "layer1_h3", "layer2_gru_r1"]


def test_the_character_source_says_where_to_get_a_model():
    def gone(key):
        raise LookupError(key)

    seq, x, notes, models = vm.char_source(None, gone, "en")
    assert (
        x is None
        and models == []
        and notes[0][0] == "info"
        and "No model opened yet" in notes[0][1]
    )
    seq, x, notes, models = vm.char_source((("k",), "abc"), gone, "zh")
    assert x is None and notes[0][1] == vm.InputError("gt.chars.gone").message("zh")


def test_model_controls_follow_the_model_kind():
    assert vm.model_controls("hand") == ("gain",)
    assert vm.model_controls("trained")[-1] == "epochs"
    assert vm.model_controls("random") == vm.model_controls("file")  # random until a file comes
    assert vm.parts(60, 0, 59) == ("heat", "lines", "cell")
    assert vm.parts(61, 0, 59) == ("heat", "lines", "cell", "over")  # a window short of the whole
