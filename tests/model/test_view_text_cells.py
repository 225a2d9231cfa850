"""The "Your text" view model (explorer/views/text_cells.py), without Streamlit: the trainings it
asks for name the text by its digest; the view stays inside what was trained; every number a
sentence states is the chart's; every verdict flips when its numbers cross."""

from __future__ import annotations

import dataclasses
import hashlib
import re

import numpy as np
import pytest

from explorer.errors import InputError
from explorer.figures import text_cells as figs
from explorer.i18n import number
from explorer.inputs import texts
from explorer.training import charmodel, jobs
from explorer.views import text_cells as vm

QUOTES = texts.builtin("quotes")


@pytest.fixture(scope="module")
def trained() -> dict:
    """kind → (work, model): the three small trainings the page asks for, run from their Works."""
    out = {}
    for work in vm.trainings(QUOTES, "all", 8, 100, 0, "en"):
        out[work.kwargs["kind"]] = (work, jobs.call(work, lambda fraction, note: None))
    return out


@pytest.fixture(scope="module")
def states(trained) -> dict:
    return {kind: vm.cell_states(model, QUOTES) for kind, (_, model) in trained.items()}


# --- the trainings -------------------------------------------------------------------------------


def test_trainings_name_the_text_by_its_digest_and_every_setting_that_changes_the_model():
    text = 'she said "NOT NOW" and left. ' * 20
    works = vm.trainings(text, "all", 8, 100, 3, "en")
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    assert [w.kwargs["kind"] for w in works] == ["lstm", "gru", "rnn"]
    for work in works:
        assert work.name == "charmodel.train" and work.trains
        assert digest in work.key and text not in repr(work.key)  # never the text itself
        assert work.kwargs == dict(text=text, kind=work.kwargs["kind"], hidden=8, steps=100, seed=3)
    assert works[1].label == "Training the GRU on your text (100 steps)"
    assert vm.trainings(text, "gru", 8, 100, 3, "zh")[0].label == "正在你的文本上训练 GRU（100 步）"
    keys = {
        vm.trainings(*args, "en")[0].key
        for args in [
            (text, "lstm", 8, 100, 3),
            (text + ".", "lstm", 8, 100, 3),
            (text, "gru", 8, 100, 3),
            (text, "lstm", 12, 100, 3),
            (text, "lstm", 8, 200, 3),
            (text, "lstm", 8, 100, 4),
        ]
    }
    assert len(keys) == 6  # each setting names another model


def test_a_work_trains_the_model_its_key_names(trained):
    for kind, (work, model) in trained.items():
        assert model.kind == kind and model.hidden == 8 and len(model.losses) == 100
        assert model.settings["digest"] == work.key[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_too_much_training_is_refused_where_the_work_crosses_the_budget(lang):
    # The budget is 2,000 steps of one 64-unit model: three models fit 666 steps, not 667.
    assert vm.over_budget("lstm", 64, 2000, lang) is None
    assert vm.over_budget("all", 64, 666, lang) is None
    said = vm.over_budget("all", 64, 667, lang)
    assert said is not None and "660" in said and "667" in said


def test_a_failed_training_says_why_in_the_student_s_language():
    refusal = charmodel.CharModelError("cm.err.steps", steps=0, limit=charmodel.MAX_STEPS)
    assert isinstance(refusal, InputError)
    assert vm.failure(refusal, "zh", str) == refusal.message("zh") != str(refusal)
    assert vm.failure(RuntimeError("boom *x*"), "en", lambda s: s.replace("*", r"\*")) == (
        r"The training failed: boom \*x\*"
    )


# --- the text ------------------------------------------------------------------------------------


def test_a_text_is_used_up_to_1_mb_of_utf8():
    assert vm.given("a" * 1_000_000) == ("a" * 1_000_000, None)
    assert vm.given("长" * 333_333)[1] is None  # 999,999 bytes
    for over in ("a" * 1_000_001, "长" * 333_334, ("a" * 1_000_001).encode()):
        text, error = vm.given(over)
        assert text is None and "larger than 1 MB" in str(error)
    assert vm.given(None) == (None, None) and vm.given("") == (None, None)  # nothing given yet
    assert vm.given(b"") == ("", None)  # an empty file: the training says why it is refused
    text, error = vm.given(b"caf\xe9 latin-1 " * 10)
    assert text is None and "Windows-1252" in str(error)
    assert vm.summary("aab", "en") == "3 characters, 2 distinct."


# --- the view ------------------------------------------------------------------------------------


def test_the_view_stays_inside_the_models_trained(states):
    lstm = {"lstm": states["lstm"]}
    view = vm.choose(lstm, "gru", "z", 99, 9_999)  # a GRU not trained, a gate the LSTM lacks
    assert (view.kind, view.state, view.unit) == ("lstm", "c", 8)
    assert view.names == ("c", "h", "i", "f", "g", "o")
    assert view.analysed == min(len(QUOTES), vm.ANALYSED) == 5_000
    assert view.last_start == 4_001 and view.start == 4_001 and view.window == (4_000, 5_000)
    assert vm.choose(states, "gru", "z", 0, 0).state == "z"
    assert vm.choose(states, "gru", "z", 0, 0).unit == 1
    short = {"rnn": {"h": np.zeros((300, 4), dtype=np.float32)}}
    view = vm.choose(short, "lstm", "c", 2, 50)
    assert (view.kind, view.state, view.last_start, view.window) == ("rnn", "h", 1, (0, 300))


def test_a_signed_state_is_coloured_over_its_98th_percentile_a_gate_over_0_to_1(states):
    values = states["lstm"]["c"][:, 0]
    view = vm.choose(states, "lstm", "c", 1, 1)
    html, caption = vm.coloured(QUOTES, values, view, "en")
    bound = float(np.percentile(np.abs(values), 98))
    assert caption.startswith("Blue = negative") and f"± {number(bound)}" in caption
    assert "LSTM · c · cell state · cell 1 · characters 1–1,000 of " in html
    gate = vm.choose(states, "lstm", "f", 1, 1)
    assert vm.coloured(QUOTES, states["lstm"]["f"][:, 0], gate, "en")[1].startswith("Dark")
    spiky = np.r_[np.full(99, 0.5), 20.0]  # one character at 20 would leave every other white
    assert vm.colour_bound(spiky) == pytest.approx(np.percentile(np.abs(spiky), 98))
    assert vm.colour_bound(spiky) < 1.0  # not the one character's 20
    assert vm.colour_bound(np.zeros(10)) == 1.0 and vm.colour_bound(np.zeros(0)) == 1.0


def test_the_gate_inspector_opens_the_first_500_characters_of_the_window(states):
    view = vm.choose(states, "lstm", "c", 1, 101)
    button = vm.open_gates(view, QUOTES, ("tc", "k"), "en")
    label, note, (key, opened) = button["label"], button["help"], button["args"]
    assert label == "Open this LSTM in the gate inspector" and key == ("tc", "k")
    assert opened == QUOTES[100:600] and "500 characters" in note


# --- the hypothesis ------------------------------------------------------------------------------


def test_the_unit_that_follows_the_hypothesis_ranks_first_and_a_flat_one_ranks_nothing():
    rng = np.random.default_rng(0)
    target = (rng.random(200) > 0.5).astype(float)
    values = rng.normal(size=(200, 3))
    values[:, 2] = target + 0.01 * rng.normal(size=200)
    ranks = vm.ranked(values, target, (0, 200))
    assert ranks[0][0] == 2 and ranks[0][1] > 0.99 and len(ranks) == 3
    assert vm.ranked(values, -target, (0, 200))[0][1] < -0.99  # |r| ranks, its sign is kept
    flat_inside = np.r_[np.zeros(100), target[100:]]
    assert vm.ranked(values, flat_inside, (0, 100)) == ()  # holds for no character there
    assert vm.ranked(values, flat_inside, (0, 200)) != ()


def test_the_matched_text_counts_the_characters_the_pattern_holds_for():
    text = 'say "HI" now, "OK" then ' * 10
    mask, error = vm.pattern_mask(text, '"[A-Z ]+"')
    assert error is None
    inside = sum(len(m.group()) for m in re.finditer(r'"[A-Z ]+"', text))
    assert int(mask.sum()) == inside == 8 * 10  # "HI" and "OK", quotes included
    html = vm.matched(text, mask, (0, len(text)), (0, 24), "en")
    assert f"The hypothesis: {inside} of {len(text)} characters" in html
    mask, error = vm.pattern_mask(text, "(unclosed")
    assert mask is None and "not a valid regular expression" in str(error)


def test_a_built_in_text_has_its_structure_a_pasted_one_has_none():
    brackets = texts.builtin("brackets")
    target, about = vm.truth("brackets", brackets, 400, "en")
    assert len(target) == 400 and target.max() >= 2 and "bracket depth" in about
    target, about = vm.truth("paste", "(a)", 3, "en")
    assert target is None and about.startswith("Only a built-in text")


def test_a_span_stays_inside_the_window_and_a_dragged_box_becomes_one():
    assert vm.clamp_span((1, 40), (1_000, 2_000)) == (1_001, 1_001)
    assert vm.clamp_span((1_500, 9_000), (1_000, 2_000)) == (1_500, 2_000)
    assert vm.span_mask(6, (2, 4)).tolist() == [False, True, True, True, False, False]
    assert vm.span_from_box({"box": [{"x": [210.4, 400.6]}]}, (0, 1_000)) == (210, 401)
    assert vm.span_from_box({"box": [{"x": [900, 1_100]}]}, (1_000, 2_000)) == (1_001, 1_100)
    assert vm.span_from_box({"box": []}, (0, 1_000)) is None
    assert vm.span_range((20, 60), "en") == dict(lo=21, hi=60, label="Span (characters 21–60)")


def test_the_window_chart_shades_the_hypothesis_over_the_unit_s_range(states):
    target = np.zeros(5_000, dtype=bool)
    target[10:20] = True
    view = vm.choose(states, "lstm", "c", 3, 1)
    bar = vm.window_figure(states["lstm"]["c"], target, view, QUOTES, "en").data[0]
    top = float(np.max(np.abs(states["lstm"]["c"][:, 2])))  # the unit's ± range, all characters
    assert np.asarray(bar.base) == pytest.approx(-top)
    assert np.flatnonzero(np.asarray(bar.y)).tolist() == list(range(10, 20))
    assert float(np.max(bar.y)) == pytest.approx(2 * top, rel=1e-6)
    gate = vm.choose(states, "lstm", "i", 3, 1)
    bar = vm.window_figure(states["lstm"]["i"], target, gate, QUOTES, "en").data[0]
    assert float(bar.base) == 0.0 and float(np.max(bar.y)) == 1.0  # a gate: 0 … 1


def test_the_top_cells_are_the_best_ranked_and_the_button_picks_the_first(states):
    view = vm.choose(states, "lstm", "c", 1, 1)
    ranks = ((5, -0.8), (2, 0.5), (0, 0.1), (1, 0.05))
    html, pick, best = vm.top_cells(states["lstm"]["c"], ranks, view, QUOTES, "en")
    assert "best cell #1: cell 6, r = -0.8" in html and "best cell #3: cell 1, r = 0.1" in html
    assert "best cell #4" not in html  # TOP = 3
    assert pick == "Colour the text by cell 6" and best == {"unit": 6}


# --- saturation, samples, the guide, the CSV -----------------------------------------------------


def test_saturation_points_are_each_gate_s_shut_and_open_fractions(states):
    points = vm.saturation_points(states)
    assert {(k, g) for k, g, _, _ in points} == {
        ("lstm", "i"),
        ("lstm", "f"),
        ("lstm", "o"),
        ("gru", "r"),
        ("gru", "z"),
    }
    kind, gate, shut, open_ = next(p for p in points if p[:2] == ("lstm", "f"))
    f = states["lstm"]["f"]
    assert shut == pytest.approx((f < 0.1).mean(axis=0), abs=1e-4)
    assert open_ == pytest.approx((f > 0.9).mean(axis=0), abs=1e-4)
    assert vm.saturation_points({"rnn": states["rnn"]}) == ()  # "A plain RNN has no gates."


def test_the_guide_states_the_unit_s_range_and_its_loss_sentence_flips(trained, states):
    model = trained["lstm"][1]
    view = vm.choose(states, "lstm", "h", 2, 1)
    values = states["lstm"]["h"]
    said = vm.notice(view, values, model, None, "en")
    low, high = number(float(values[:, 1].min())), number(float(values[:, 1].max()))
    assert f"LSTM cell 2's h · hidden state ranges from {low} to {high}" in said
    assert "best matches" not in said
    assert "cell 4 (r = 0.9)" in vm.notice(view, values, model, (3, 0.9), "en")
    fell = dataclasses.replace(model, losses=np.array([3.0, 2.0]))
    rose = dataclasses.replace(model, losses=np.array([2.0, 3.0]))
    assert "loss fell from 3 to 2" in vm.notice(view, values, fell, None, "en")
    assert "loss rose from 2 to 3" in vm.notice(view, values, rose, None, "en")


def test_a_short_text_is_said_to_be_learned_by_heart_below_as_many_characters_as_parameters(
    trained,
):
    models = {kind: model for kind, (_, model) in trained.items()}
    biggest = max(
        sum(np.size(a) for a in (*m.params.values(), m.readout_weight, m.readout_bias))
        for m in models.values()
    )
    assert vm.by_heart(models, biggest, "en") is None
    said = vm.by_heart(models, biggest - 1, "en")
    assert said is not None and f"{biggest:,} parameters" in said


def test_the_samples_are_shown_at_each_temperature(trained):
    written = vm.samples(trained["lstm"][1], QUOTES[:1])
    assert len(written) == len(vm.TEMPERATURES) and all(len(w) == vm.SAMPLE_CHARS for w in written)
    html = vm.samples_html(trained["lstm"][1], QUOTES[:1], "en")
    assert all(f"temperature {t}" in html for t in vm.TEMPERATURES)
    assert all(figs.shown_text(w) in html for w in written)  # every character, escaped


def test_the_csv_has_every_unit_of_the_state_for_each_analysed_character(trained, states):
    columns = vm.csv_columns(trained["gru"][1], "z", QUOTES[: vm.ANALYSED])
    assert list(columns)[:3] == ["position", "char", "z_1"] and list(columns)[-1] == "z_8"
    assert len(columns["char"]) == 5_000 and "".join(columns["char"]) == QUOTES[:5_000]
    assert columns["position"][0] == 1 and columns["position"][-1] == 5_000
    assert np.allclose(columns["z_8"], states["gru"]["z"][:, 7])  # the chart's numbers
