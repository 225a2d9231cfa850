"""The guided questions: their answers are the model's, their words exist in both languages."""

import math
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from explorer import i18n
from explorer.cells import linear_rnn, lstm
from explorer.inputs import texts
from explorer.lessons import questions as q
from explorer.optim import race


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


PAGES = Path(__file__).resolve().parents[2] / "pages"


def test_every_view_has_a_goal_and_three_questions_some_numbers_some_choices():
    """Every page with settings (7 views): its goal in both languages, ≥ 3 questions, at least one
    number to type and one choice."""
    prefixes = {
        m.group(1)
        for page in PAGES.glob("*.py")
        for m in re.finditer(r'ui\.settings\("(\w+)"\)', page.read_text(encoding="utf-8"))
    }
    assert {"gd", "ls", "un", "opt", "gt", "wg", "tc"} <= prefixes
    for prefix in prefixes:
        assert all(i18n.TABLE.get(f"q.{prefix}.goal", ("", ""))), prefix
        asked = q.of(prefix)
        assert len(asked) >= 3, prefix
        assert any(x.options for x in asked) and any(not x.options for x in asked), prefix
        for x in asked:
            assert x.key.startswith(f"q.{prefix}."), x.key


def _settings(key, **defaults):
    """A page's settings (`defaults`, as the page's) changed by the question's proving ones."""
    return SimpleNamespace(**{**defaults, **dict(_question(key).prove)})


def test_the_valley_at_half_w_x_is_the_lowest_loss_along_w_rec():
    """At w_x = 0.5 the lowest ξ (brute force over w_rec with linear_rnn.loss) is above 1."""
    asked = _question("q.ls.valley_at")
    found = asked.compute(_settings("q.ls.valley_at", samples=20, seq_len=10, seed=1, cut_wx=1.0))
    X, t = linear_rnn.counting_data(20, 10, 1)
    w_rec = np.arange(0.5, 2.0, 0.001)
    best = float(w_rec[np.argmin([linear_rnn.loss(X, t, 0.5, w) for w in w_rec])])
    assert found.value == pytest.approx(best, abs=0.03)  # the chart's cut: 121 points over [-3, 3]
    assert found.value > 1.05 and q.is_right(asked, best, found)
    assert not q.is_right(asked, 1.0, found)  # "w_rec = 1, as at w_x = 1" is not the answer
    at_one = asked.compute(SimpleNamespace(samples=20, seq_len=10, seed=1, cut_wx=1.0))
    assert at_one.value == pytest.approx(1.0, abs=0.03)  # w_x = 1 counts with w_rec = 1


def test_an_orthogonal_linear_flow_keeps_the_gradient_a_gaussian_one_does_not():
    base = dict(
        flow_hidden=32, flow_steps=100, init="orthogonal", rho=1.2, flow_act="tanh", clip=False
    )
    kept = _question("q.un.kept")
    found = kept.compute(_settings("q.un.kept", **base))
    assert found.value == pytest.approx(1.0, rel=1e-9)  # an orthogonal W_hh keeps every norm
    assert q.is_right(kept, 1.0, found) and not q.is_right(kept, 0.01, found)
    gaussian = _settings("q.un.gaussian", **base)
    assert q.flow_kept_trend(gaussian).value == "shrinks"
    gaussian.rho = 1.2  # the largest eigenvalue wins once it is above 1: the claim flips
    assert q.flow_kept_trend(gaussian).value == "grows"


RACE = dict(eta_plus=1.2, eta_minus=0.5, delta0=1e-3, lr_sgd=1e-6, lr_momentum=1e-6)
RACE |= dict(
    momentum=0.9, lr_clip=0.01, clip=1.0, lr_clip_value=0.01, lr_adam=0.05
)  # page defaults


def test_sgds_first_step_is_the_learning_rate_times_the_gradient():
    asked = _question("q.opt.step")
    hyper = RACE
    s = _settings("q.opt.step", n_iter=500, **hyper)
    s.race_args = lambda: (
        (s.w0x, s.w0rec),
        s.n_iter,
        race.RUNS,
        tuple({**hyper, "lr_sgd": s.lr_sgd}.items()),
    )
    found = asked.compute(s)
    X, t = linear_rnn.counting_data()
    grad = np.hypot(*linear_rnn.gradients(X, t, -1.5, 2.0)[:2])
    assert found.value == pytest.approx(1e-7 * grad, rel=1e-9)
    assert q.is_right(asked, 1e-7 * 1e7, found)  # the goal's "gradient of 10⁷" times the rate
    assert not q.is_right(asked, grad, found) and not q.is_right(asked, 1e-7, found)


def test_the_hand_wired_output_shows_the_memory_only_when_read():
    """The tutorial's outputs: 0, 0, 0, 7, 0, 0, 6 — the memory at the reads (steps 4 and 7)."""
    for step, output in enumerate(lstm.HAND_WIRED_OUTPUT, start=1):
        found = q.gate_output(SimpleNamespace(gain=1.0, step=step))
        memory = lstm.HAND_WIRED_MEMORY[step - 1]
        assert found.value == ("memory" if output == memory != 0 else "nothing"), step
    assert dict(q.gate_output(SimpleNamespace(gain=1.0, step=4)).words)["h"] == "7"


WG = dict(steps=100, hidden=16, seed=0, radius=0.9, fbias=3.0)  # the page's defaults


def test_why_gates_answers_follow_the_init_sweeps():
    keeper = _question("q.wg.keeper")
    assert keeper.compute(_settings("q.wg.keeper", **WG)).value == "rnn"  # gates half shut
    assert keeper.compute(SimpleNamespace(**WG)).value == "lstm"  # b = 3: the cell keeps it
    forget = _question("q.wg.forget")
    found = forget.compute(_settings("q.wg.forget", **WG))
    assert found.value == pytest.approx(1 / (1 + np.exp(-1.0)), abs=0.02)  # f ≈ σ(b)
    assert not q.is_right(forget, 0.5, found)  # σ(0): the bias forgotten
    product = _question("q.wg.product")
    found = product.compute(_settings("q.wg.product", **WG))
    assert found.value == pytest.approx((1 / (1 + np.exp(-5.0))) ** 100, rel=0.1)  # σ(5)¹⁰⁰
    assert q.is_right(product, 0.99**100, found)  # "f ≈ 0.99, a hundred times" counts
    assert not q.is_right(product, 0.99, found)  # one step is not a hundred


def _bigram_entropy(text: str) -> float:
    """H(next | previous) in nats, counted with Python's Counter."""
    pairs, firsts = Counter(zip(text[:-1], text[1:], strict=True)), Counter(text[:-1])
    total = len(text) - 1
    return -sum(n / total * math.log(n / firsts[a]) for (a, _), n in pairs.items())


def test_your_text_answers_are_the_texts_own_statistics():
    uniform = _question("q.tc.uniform")
    quotes = texts.builtin("quotes")
    found = uniform.compute(_settings("q.tc.uniform", source="paste"))
    assert found.value == pytest.approx(math.log(len(set(quotes))), rel=1e-12)
    assert not q.is_right(uniform, math.log2(len(set(quotes))), found)  # bits are not nats
    brackets = texts.builtin("brackets")
    gain = _question("q.tc.bigram").compute(_settings("q.tc.bigram", source="quotes"))
    assert dict(gain.words)["bigram"] == i18n.number(_bigram_entropy(brackets))
    assert gain.value == "hardly"  # random letters: the previous character barely helps
    assert q.text_bigram_gain(SimpleNamespace(source="quotes")).value == "much"  # words do
    harder = _question("q.tc.harder").compute(SimpleNamespace(source="quotes"))
    by_entropy = max(
        ("quotes", quotes), ("brackets", brackets), key=lambda p: _bigram_entropy(p[1])
    )
    assert harder.value == by_entropy[0]
