"""The Why gates view model (`explorer.views.why_gates`, the page's half without Streamlit): the
four trainings as declared `Work`s, the refusal and the button's promise, the lesson's sentences
from the chart's own frames, the CSV's columns, and what the page shows once trained (accuracy,
verdict, attention caption, trained numbers), each against the data it draws and flipping where
its numbers cross."""

import base64
import dataclasses
import inspect

import numpy as np
import pytest

from explorer.i18n import number
from explorer.training import jobs, memory_task
from explorer.views import why_gates as vm

STEPS, HIDDEN, SEED = 30, 16, 0  # a short chart: its sweeps take a fraction of a second


def _array(value) -> np.ndarray:
    """A figure's array as sent: a JSON list, or base64 typed bytes (with a shape if 2-D)."""
    if not isinstance(value, dict):
        return np.asarray(value, dtype=float)
    flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).astype(float)
    shape = value.get("shape")
    return flat.reshape([int(n) for n in shape.split(",")]) if shape else flat


def _y(trace) -> np.ndarray:
    return _array(trace["y"])


@pytest.fixture(scope="module")
def sweeps():
    return vm.chart_sweeps(STEPS, HIDDEN, SEED, "torch")


@pytest.fixture(scope="module")
def results():
    """The four models trained as the page asks for them (T = 5 and 8, 20 steps, 8 units)."""
    works = vm.trainings(("8", "5"), 20, HIDDEN, 3, "app", "en")
    return vm.gathered(works, [jobs.call(work, lambda *_: None) for work in works])


def _with_accuracy(results: dict, **accuracy) -> dict:
    """`results` with each named kind's held-out accuracy set at every length."""
    return {
        kind: {
            "runs": {
                T: dataclasses.replace(run, accuracy=accuracy.get(kind, run.accuracy))
                for T, run in found["runs"].items()
            }
        }
        for kind, found in results.items()
    }


# --- the trainings ---------------------------------------------------------------------------------


def test_the_four_trainings_are_declared_works_named_by_every_argument():
    works = vm.trainings(("20", "5", "5"), 100, 16, 3, "tutorial", "en")
    assert [w.kwargs["kind"] for w in works] == list(memory_task.KINDS)
    assert all(w.name == "memory_task.train" and w.trains for w in works)
    assert jobs.declared(works[0].name) is memory_task.train_lengths
    signature = inspect.signature(memory_task.train_lengths)
    for work in works:
        signature.bind(None, **work.kwargs)  # every argument the job takes, nothing else
        assert work.kwargs["lengths"] == (5, 20) and work.kwargs["start"] == "tutorial"
    assert "LSTM + attention" in works[3].label and "T = 5, 20 (100 steps" in works[3].label
    # the language changes the label, not the shared result
    zh = vm.trainings(("20", "5"), 100, 16, 3, "tutorial", "zh")
    assert zh == works and zh[0].label != works[0].label
    base = dict(lengths=("5", "20"), steps=100, hidden=16, seed=3, start="tutorial")
    for name, other in (
        ("lengths", ("5",)),
        ("steps", 150),
        ("hidden", 32),
        ("seed", 4),
        ("start", "app"),
    ):
        changed = vm.trainings(**{**base, name: other}, lang="en")
        assert not set(w.key for w in changed) & set(w.key for w in works), name
    assert vm.trainings((), 100, 16, 3, "app", "en") == ()


def test_the_results_are_gathered_only_once_every_training_is_in():
    works = vm.trainings(("5",), 50, 16, 0, "app", "en")
    assert vm.gathered(works, ["r", None, "g", "a"]) is None
    assert vm.gathered(works, ["r", "l", "g", "a"]) == {
        "rnn": "r",
        "lstm": "l",
        "gru": "g",
        "attention": "a",
    }
    assert vm.gathered((), []) is None


def test_a_refusal_names_the_costliest_model_and_flips_at_the_budget():
    assert vm.refusal((), 300, 16, "en") == ("info", "Choose at least one length T to train.")
    # the GRU costs most per step: find the first step count it does not fit in at T = 200
    fits = [s for s in range(50, 2001, 50) if memory_task.over_budget("gru", 200, s) is None]
    last = fits[-1]
    assert vm.refusal(("5", "200"), last, 16, "en") is None
    level, text = vm.refusal(("5", "200"), last + 50, 16, "en")
    over = memory_task.over_budget("gru", 200, last + 50)
    assert level == "warning" and text.startswith("The GRU at T = 200 would train for up to")
    assert f"{number(over['seconds'])} s" in text and f"at most {over['max_steps']} steps" in text
    assert vm.refusal(("5",), last + 50, 16, "en") is None  # a short T fits the same steps
    assert "GRU" in vm.refusal(("200",), last + 50, 16, "zh")[1]


def test_the_button_promises_the_cost_rounded_up():
    promised = int(np.ceil(memory_task.training_seconds((5, 10), 100, 32)))
    assert f"at most {promised} s of CPU" in vm.train_label(("10", "5"), 100, 32, "en")
    assert f"最多 {promised} 秒 CPU" in vm.train_label(("10", "5"), 100, 32, "zh")


# --- the chart at initialisation ------------------------------------------------------------------


def test_the_lesson_quotes_the_frames_the_chart_shows(sweeps):
    at = vm.frames(1.23, -2.2)  # nearest frames: ρ = 1.25, b = -2
    assert (vm.RADIUS_SWEEP[at[0]], vm.BIAS_SWEEP[at[1]]) == (1.25, -2.0)
    lesson = vm.lesson(sweeps, at, STEPS, "en")
    rnn_n, lstm_n = sweeps["rnn_numbers"][at[0]], sweeps["lstm_numbers"][at[1]]
    assert "**RNN** (ρ = 1.25)" in lesson["cells"][0]
    assert f"**{number(rnn_n['ratio'])}**" in lesson["cells"][0]
    assert "**LSTM** (b = -2)" in lesson["cells"][1]
    assert f"**{number(lstm_n['forget'])}**" in lesson["cells"][1]
    assert "**GRU** (b = -2)" in lesson["cells"][2]
    # each slider moves only its own cells' sentences
    moved = vm.lesson(sweeps, (at[0], at[1] + 2), STEPS, "en")["cells"]
    assert moved[0] == lesson["cells"][0] and moved[1:] != lesson["cells"][1:]
    # the guide says "keeps" or "grows to" as the RNN frame's ratio is below or above 1
    ratios = [found["ratio"] for found in sweeps["rnn_numbers"]]
    below = max(i for i, r in enumerate(ratios) if r < 1)
    above = min(i for i, r in enumerate(ratios) if r > 1)
    for i, verb in ((below, "keeps"), (above, "grows to")):
        notice = vm.lesson(sweeps, (i, at[1]), STEPS, "en")["notice"]
        assert f"ρ = {number(vm.RADIUS_SWEEP[i])} {verb} {number(ratios[i])}" in notice


def test_the_csv_has_the_curves_the_chart_draws(sweeps):
    at = vm.frames(0.9, 5.0)
    columns = vm.curves_csv(sweeps, at, STEPS)
    assert list(columns) == [
        "k",
        "rnn_dL_dh rho=0.90",
        "lstm_h b=5.0",
        "lstm_c b=5.0",
        "gru b=5.0",
    ]
    fig = vm.gradient_chart(sweeps, at, None, STEPS, SEED, "en").to_dict()
    np.testing.assert_array_equal(columns["k"], np.arange(STEPS + 1))
    for trace, name in zip(fig["data"], list(columns)[1:], strict=False):
        np.testing.assert_allclose(_y(trace), columns[name], rtol=1e-6)  # drawn as float32


# --- after training -------------------------------------------------------------------------------


def test_the_accuracy_csv_is_the_accuracy_chart(results):
    columns = vm.accuracy_columns(results)
    assert columns["T"] == [5, 8]
    for kind in memory_task.KINDS:
        runs = results[kind]["runs"]
        assert columns[f"accuracy {kind}"] == [runs[5].accuracy, runs[8].accuracy]
    fig = vm.accuracy_chart(results, "en").to_dict()
    assert [list(trace["y"]) for trace in fig["data"]] == [
        columns[f"accuracy {kind}"] for kind in memory_task.KINDS
    ]


def test_the_verdict_quotes_the_chart_and_flips_at_its_thresholds(results):
    solved = _with_accuracy(results, rnn=vm.CHANCE, lstm=vm.SOLVED, gru=1.0, attention=1.0)
    verdict = vm.verdict(solved, "en")
    assert verdict[0] == (
        "markdown",
        "Held-out accuracy at T = 8: RNN **60%**, LSTM **90%**, GRU **100%**, "
        "LSTM + attention **100%** (chance: 50%).",
    )
    assert verdict[1][0] == "success" and "T = 5, 8 the plain RNN is at chance" in verdict[1][1]
    # the RNN just above chance: it still remembers, no success claimed
    levels = [level for level, _ in vm.verdict(_with_accuracy(solved, rnn=0.61), "en")]
    assert levels == ["markdown", "warning"]
    # the LSTM just below solving it: it fails too, and the attention model is said to answer
    failing = vm.verdict(_with_accuracy(solved, lstm=0.89), "en")
    assert [level for level, _ in failing] == ["markdown", "warning", "info"]
    assert "At T = 8 the LSTM fails too (89%)" in failing[2][1]


def test_the_attention_caption_says_what_the_drawn_weights_do(results):
    fig = vm.attention_chart(results, "en").to_dict()
    weights = np.array([_y(trace) for trace in fig["data"][: vm.SAMPLES]])  # the left panel
    assert weights.shape == (vm.SAMPLES, 8)
    np.testing.assert_allclose(weights, vm.attention_weights(results), rtol=1e-6)
    first = float(np.mean(weights[:, 0]))
    spike = first > 5 / 8
    text = vm.attention_text(results, "app", "en")
    assert (f"gets {100 * first:.3g}% of the weight" in text) == spike
    assert (f"({100 * first:.3g}% on average" in text) == (not spike)
    # no attention vector: every step weighs 1/T, no spike, said with the start's forget bias
    flat = {**results["attention"]["runs"][8].params, "attention_v": np.zeros(16)}
    run = dataclasses.replace(results["attention"]["runs"][8], params=flat)
    uniform = {**results, "attention": {"runs": {5: run, 8: run}}}
    text = vm.attention_text(uniform, "app_b1", "en")
    assert "no spike on step 1 here (12.5% on average" in text and "forget gate at 1," in text


@pytest.mark.parametrize(("first", "spike"), [(0.3, False), (0.5, False), (0.51, True)])
def test_the_attention_caption_flips_at_five_times_uniform(first, spike):
    weights = np.full((vm.SAMPLES, 10), (1 - first) / 9)
    weights[:, 0] = first  # T = 10: uniform 10%, five times that 50%
    text = vm.attention_caption(weights, 3.0, "en")
    assert ("in one hop" in text) == spike and ("no spike on step 1" in text) == (not spike)


def test_the_trained_lesson_quotes_the_trained_cells_on_the_charts_input(results):
    text = vm.trained_text(results, STEPS, SEED, "en")
    found = vm.trained_numbers(vm.longest(results), vm.chart_input(STEPS, SEED))
    assert text.startswith("**After training** (at T = 8)")
    assert f"mean f = **{number(found['lstm']['forget'])}**" in text
    assert f"‖∂L/∂h₀‖ = **{number(found['rnn']['ratio'])}**" in text
    assert f"mean z = **{number(found['gru']['update'])}**" in text


def test_once_trained_the_charts_show_the_trained_cells(results, sweeps):
    at = vm.frames(0.9, 3.0)
    fig = vm.gradient_chart(sweeps, at, results, STEPS, SEED, "en").to_dict()
    trained = [trace for trace in fig["data"] if "trained" in trace.get("name", "")]
    assert len(trained) == 4  # RNN h, LSTM h and c, GRU h
    x = vm.chart_input(STEPS, SEED)
    grads = vm.trained_gradients(vm.longest(results), x)
    assert any(np.allclose(_y(trace), grads["lstm"]["c"], rtol=1e-5) for trace in trained)
    before = vm.connectivity_chart(STEPS, HIDDEN, SEED, "torch", at, None, "en").to_dict()
    after = vm.connectivity_chart(STEPS, HIDDEN, SEED, "torch", at, results, "en").to_dict()
    assert len(before["data"]) == 3 and len(after["data"]) == 4  # the attention model's LSTM too
    z = [_array(trace["z"]) for trace in (before["data"][1], after["data"][1])]  # the LSTM's
    assert z[0].shape == z[1].shape == (STEPS, STEPS) and not np.allclose(z[0], z[1])
