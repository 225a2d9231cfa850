"""The guided questions: their answers are the model's, their words exist in both languages."""

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
