"""The guided questions: their answers are the model's, their words exist in both languages."""

import re
from types import SimpleNamespace

import pytest

from explorer import i18n, linear_rnn, race
from explorer import questions as q


def test_number_answers_are_right_within_their_tolerance():
    times = next(x for x in q.of("gd") if x.key == "q.gd.times")
    found = q.Answer(194.0)
    assert q.is_right(times, 100.0, found) and q.is_right(times, 380.0, found)
    assert not q.is_right(times, 90.0, found) and not q.is_right(times, -194.0, found)
    assert not q.is_right(times, None, found) and not q.is_right(times, float("nan"), found)
    erase = next(x for x in q.of("gt") if x.key == "q.gt.erase")
    assert q.is_right(erase, 0.0, q.Answer(5.7354e-39)) and not q.is_right(
        erase, 1.0, q.Answer(0.0)
    )


def test_every_question_has_its_words_in_both_languages():
    for prefix, asked in q.QUESTIONS.items():
        keys = [f"q.{prefix}.goal"]
        for question in asked:
            keys += [question.key, f"{question.key}.why"]
            keys += [f"{question.key}.opt.{o}" for o in question.options]
        for key in keys:
            assert all(i18n.TABLE[key]), key
    assert q.of("no_such_view") == ()


def test_decay_answers_are_w_rec_to_the_n():
    s = SimpleNamespace(w_x=1.0, w_rec=0.9, seq_len=50)
    assert q.decay_direction(s).value == "smaller"
    assert q.decay_times(s).value == pytest.approx(0.9**-50, rel=1e-9)
    assert q.decay_sign(SimpleNamespace(w_x=1.0, w_rec=-1.5, seq_len=11)).value == "opposite"
    assert q.decay_sign(SimpleNamespace(w_x=1.0, w_rec=-1.5, seq_len=10)).value == "same"


def test_race_answers_follow_the_runs():
    hyper = dict(eta_plus=1.2, eta_minus=0.5, delta0=1e-3, lr_sgd=1e-6, lr_momentum=1e-6,
                 momentum=0.9, lr_clip=0.01, clip=1.0, lr_clip_value=0.01, lr_adam=0.05)  # fmt: skip

    def settings(**changes):
        h = {**hyper, **changes}
        args = ((-1.5, 2.0), 500, race.RUNS, tuple(h.items()))
        return SimpleNamespace(n_iter=500, race_args=lambda: args)

    results = race.run_race(*settings().race_args())
    firsts = {
        k: next((i for i, x in enumerate(losses) if x < 1e-3), None)
        for k, (_, losses) in results.items()
    }
    reached = {k: i for k, i in firsts.items() if i is not None}
    assert q.race_winner(settings()).value == min(reached, key=reached.get)
    assert q.race_sgd_fate(settings(lr_sgd=1e-5)).value == "diverges"


def test_gate_answers_are_the_hand_wired_cells():
    c = q.gate_memory(SimpleNamespace(gain=1.0, step=5))
    assert abs(c.value) < 1e-9 and dict(c.words)["c"] == "0"  # the tutorial's erase
    assert q.gate_memory(SimpleNamespace(gain=1.0, step=4)).value == pytest.approx(7.0, abs=1e-3)
    assert q.gate_memory(SimpleNamespace(gain=0.1, step=4)).value < 5.0  # soft gates leak


def test_surface_answers():
    s = SimpleNamespace(samples=20, seq_len=10, seed=1, cut_wx=2.0)
    X, t = linear_rnn.counting_data(20, 10, 1)
    side = "above" if linear_rnn.loss(X, t, 1, 1.1) > linear_rnn.loss(X, t, 1, 0.9) else "below"
    assert q.surface_side(s).value == side
    assert q.surface_valley(s).value == "below"


def _question(key):
    return next(x for prefix in q.QUESTIONS for x in q.of(prefix) if x.key == key)


def test_feedback_names_what_was_said_and_the_answer_in_a_sentence():
    """A choice: "you said “larger”; the answer is “smaller”." (not "you said larger. smaller.")."""
    asked = _question("q.gd.direction")
    found = asked.compute(SimpleNamespace(w_x=1.0, w_rec=0.9, seq_len=50))
    words = dict(found.words)
    assert q.feedback(asked, found, "larger", "en") == (
        "Not quite: you said “larger”; the answer is “smaller”. At the output ∂ξ/∂S_n = "
        f"{words['out']}; 50 steps back ∂ξ/∂S_0 = {words['first']}. "
        "The chart is now set to show it."
    )
    assert q.feedback(asked, found, "larger", "zh") == (
        f"不完全对：你的答案是“更大”，正确答案是“更小”。输出处 ∂ξ/∂S_n = {words['out']}；"
        f"回传 50 步后 ∂ξ/∂S_0 = {words['first']}。图已设置好，可以亲眼验证。"
    )
    assert q.feedback(asked, found, "smaller", "en").startswith("Right: “smaller”. At the output")
    assert q.feedback(asked, found, "smaller", "zh").startswith("答对了：“更小”。输出处")


def test_feedback_on_a_number_says_both_numbers():
    asked = _question("q.gd.times")
    found = asked.compute(SimpleNamespace(w_x=1.0, w_rec=0.9, seq_len=50))
    times = i18n.number(0.9**-50)  # 194: the gradient shrinks by 0.9 at each of 50 steps
    words = dict(found.words)
    why = f"{words['out']} / {words['first']}"
    assert q.feedback(asked, found, 1000.0, "en") == (
        f"Not quite: you said 1000; the answer is {times}. {why}: about {times} times, that is "
        "1 / 0.9⁵⁰. The chart is now set to show it."
    )
    assert q.feedback(asked, found, 200.0, "zh") == (
        f"答对了：你的答案是 200，正确答案是 {times}。{why}：大约 {times} 倍，即 1 / 0.9⁵⁰。"
        "图已设置好，可以亲眼验证。"
    )


def test_a_tiny_memory_reads_zero_in_the_feedback():
    """c after the erase step is a float leftover (5.7e-39): the sentence says 0, as the tutorial."""
    asked = _question("q.gt.erase")
    found = q.Answer(5.7354e-39, (("c", "0"), ("step", "5")), text="0")
    assert q.feedback(asked, found, 1.0, "en").startswith("Not quite: you said 1; the answer is 0.")


def test_a_typing_hint_never_shows_the_answer():
    """ "1e17 is typed 1e17" beside "how large is 1.5¹⁰⁰ (4.07e17)?" gave the answer away: the
    hint's example number is one that would be marked wrong."""
    asked = _question("q.un.size")
    settings = SimpleNamespace(flow_hidden=32, flow_steps=100, init="orthogonal", rho=1.2)
    settings.__dict__.update(dict(asked.prove))
    found = asked.compute(settings)
    assert found.value == pytest.approx(1.5**100, rel=1e-6)
    for lang in i18n.LANGS:
        label = q.asking(asked, lang)
        shown = [float(x) for x in re.findall(r"\d+(?:\.\d+)?e[+-]?\d+", label)]
        assert shown, label  # the hint shows how to type a power of ten
        assert not any(q.is_right(asked, x, found) for x in shown), label
