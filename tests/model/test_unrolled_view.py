"""The Unrolled RNN page's logic outside the page: which view, its cost and refusal, the reading
guides' numbers, the flow CSV, the diagram's window (explorer/views/unrolled.py, rnn.py, tables.py)."""

from __future__ import annotations

import numpy as np
import pytest

from explorer import tables
from explorer.cells import rnn
from explorer.errors import InputError
from explorer.figures import unrolled as figs
from explorer.views import unrolled as un
from explorer.views import unrolled_flow as un_flow
from explorer.views import unrolled_text as un_text


def settings(**changes) -> dict:
    """The page's settings a view is made of (View.of's arguments)."""
    base = dict(
        arch="n_to_n",
        preset="worked",
        source="preset",
        text="1,1,2",
        steps=20,
        seed=3,
        hidden=8,
        act="tanh",
        backward=False,
        loss="every",
        dec_steps=9,
        layers=2,
        bidir=False,
    )
    return {**base, **changes}


def flow_settings(**changes) -> tuple:
    """The flow sweep's arguments (units, steps, init, activation, θ or None) of these settings."""
    base = dict(hidden=32, steps=100, init="orthogonal", act="tanh", clip=False, theta=1.0)
    return un_flow.flow_args(**{**base, **changes})


def test_a_view_keeps_only_what_its_source_and_preset_use():
    view = un.View.of(**settings())
    assert view == un.View("n_to_n", "worked", "preset", "", 0, 0, 2, "identity", "last", 4)
    typed = un.View.of(**settings(source="typed", backward=True, arch="enc_dec_init"))
    assert (typed.text, typed.loss_at, typed.dec_steps) == ("1,1,2", "every", 9)
    random = un.View.of(**settings(preset="random", source="random", hidden=99, act="relu"))
    assert (random.steps, random.seed, random.hidden, random.act) == (20, 3, 64, "relu")
    assert random.preset_only() == un.View.of(**settings(preset="random", hidden=64, act="relu"))
    assert un.View.of(**settings(source="typed")).preset_only() == view


def test_typed_text_refused_with_the_apps_error_type():
    view = un.View.of(**settings(preset="counting", source="typed", text="1, x, 2"))
    with pytest.raises(InputError) as info:
        un.sequence(view)
    assert info.value.key == "un.err.number" and "“x”" in info.value.message("en")
    assert "\\[" in InputError("un.err.number", token="[x]").message(
        "en", lambda v: v.replace("[", "\\[")
    )


def test_work_budget_refuses_only_over_the_largest_view():
    largest = un.View.of(**settings(preset="random", source="random", steps=500, hidden=64))
    assert un.work(largest, 500) == un.WORK_BUDGET == 500 * 64 * 41
    assert un.over_budget(largest) is None
    both_ways = un.over_budget(un.View.of(**settings(preset="random", source="random", steps=500,
                                                   hidden=64, arch="bidir")))  # fmt: skip
    assert both_ways == dict(steps=500, units=128, frames=41, work="2,624,000",
                             budget="1,312,000", max_units=32)  # fmt: skip
    enc_dec = un.View.of(**settings(preset="random", source="random", steps=500, hidden=64,
                                  arch="enc_dec_input", dec_steps=50))  # fmt: skip
    refusal = un.over_budget(enc_dec)
    assert refusal["steps"] == 550 and refusal["max_units"] == 58  # 1,312,000 // (550 · 41)


def test_frames_report_progress_once_per_frame_and_match_unroll():
    view = un.View.of(**settings(preset="counting", backward=True))
    seen = []
    frames = un.frames(view, un.SWEEP[:5], lambda done, total: seen.append((done, total)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    one = un.frame(view, float(un.SWEEP[3]))
    np.testing.assert_array_equal(one.states, frames[3].states)
    np.testing.assert_array_equal(one.grad_states, frames[3].grad_states)


def test_guide_numbers_quote_the_tutorials_example():
    view = un.View.of(**settings())
    forward = un_text.guide_numbers(un.frame(view, 1.0), backward=False)
    assert forward == dict(h_name="h_3", h_last="(16, 16)", y_name="y_3", y_last="(32, 32)",
                           h_max="16", k_max="3")  # fmt: skip
    counting = un.View.of(**settings(preset="counting", backward=True, loss="last"))
    backward = un_text.guide_numbers(un.frame(counting, 1.5), backward=True)
    assert backward["n"] == 10 and backward["first"] == "1" and backward["trend"] == "grows"
    assert backward["last"] == "57.7" and backward["per_step"] == "1.5"  # 1.5¹⁰ = 57.67
    wide = un_text.guide_numbers(
        un.frame(un.View.of(**settings(preset="random", hidden=8)), 1.0), False
    )
    assert wide["h_last"].startswith("‖·‖ = ")


def test_backward_guide_reads_the_row_whose_arrows_it_quotes():
    """Worked example, α = −1, stacked (issue 24): every arrow of the top layer says ×2, so the
    guide quotes that layer at both ends (2.83 at h²₃, 22.6 at h²₀) and ×2, not 6.32 (both
    layers) against 22.6 (the top one) = ×1.53; the same for the bidirectional forward row."""
    for arch, end, start in (
        ("stacked", "h²₃", "h²₀"),
        ("bidir", "h→₃", "h→₀"),
        ("n_to_n", "h₃", "h₀"),
    ):
        view = un.View.of(**settings(arch=arch, backward=True, loss="last", layers=2, bidir=False))
        now = un.frame(view, -1.0)
        arrows = [e.factor for e in now.edges if e.recurrent and e.dst[0] == "h"]
        assert arrows == [pytest.approx(2.0)] * 3
        numbers = un_text.guide_numbers(now, backward=True)
        assert (numbers["first"], numbers["last"], numbers["per_step"]) == ("2.83", "22.6", "2")
        text = un_text.guide_text(now, view, True, "α", -1.0, "en")
        assert f"2.83 at {end} and 22.6 at {start}, 3 steps back: ×2 per step" in text
        assert "1.53" not in text and "6.32" not in text and "explodes" in text
        assert "×2" in un_text.guide_text(now, view, True, "α", -1.0, "zh")


def test_backward_guide_says_why_its_factor_differs_from_the_arrows():
    """With a loss at every step the ends are 2.83 and 17 (×1.82 per step) while each arrow
    still says ×2: the guide gives both and says why; with the loss at the last step, one."""
    view = un.View.of(
        **settings(arch="stacked", backward=True, loss="every", layers=2, bidir=False)
    )
    text = un_text.guide_text(un.frame(view, -1.0), view, True, "α", -1.0, "en")
    assert "×1.82 per step, while the red arrows of that row show ×2" in text
    assert "its own loss's gradient" in text
    last = un.View.of(**settings(arch="stacked", backward=True, loss="last", layers=2, bidir=False))
    assert "while the red arrows" not in un_text.guide_text(
        un.frame(last, -1.0), last, True, "α", -1, "en"
    )
    jordan = un.View.of(**settings(arch="jordan", backward=True, loss="last"))
    text = un_text.guide_text(un.frame(jordan, -1.0), jordan, True, "α", -1.0, "en")
    assert "at h₁, 2 steps back: end to end ×4 per step" in text and "W_hy" in text
    counting = un.View.of(**settings(preset="counting", backward=True, loss="last"))
    text = un_text.guide_text(un.frame(counting, -1.5), counting, True, "w", -1.5, "en")
    assert "×1.5 per step in size" in text and "×-1.5: the sign flips" in text
    none = un_text.guide_text(
        un.frame(un.View.of(**settings(backward=True)), 0.0), view, True, "α", 0, "en"
    )
    assert "no gradient makes the whole way" in none


def test_flow_guide_numbers():
    args = (32, 100, "orthogonal", "identity")
    norms, slopes, _ = rnn.flow_sweep(*args, 2.0)
    plain = rnn.flow_sweep(*args, None)[0]
    at = rnn.flow_at(1.5)
    assert rnn.RHO_SWEEP[at] == 1.5 and rnn.flow_at(1.52) == at
    n = un_flow.flow_guide(at, norms, slopes, 100, plain, 2.0)
    assert n["power"] == "4.07e+17" and n["theta"] == "2" and n["rho"] == "1.5"
    assert n["before"] == "4.07e+17" and n["after"] == "2" and n["trend"] == "grows"
    numbers = rnn.flow_numbers(at, plain, slopes, 100)
    assert numbers["g0"] == pytest.approx(1.5**100, rel=1e-9)
    assert numbers["per_step"] == pytest.approx(1.5, rel=1e-9) and "before" not in numbers
    tanh = rnn.flow_numbers(
        rnn.flow_at(0.0), *rnn.flow_sweep(8, 10, "orthogonal", "tanh", None)[:2], 10
    )
    assert tanh["g0"] == 0.0 and tanh["direction"] == "none"


def test_flow_note_and_guide_quote_one_factor_per_step_and_say_what_each_is():
    """ρ = 1.2, tanh (issue 24): the note said "roughly 1.2 × 0.515 = 0.619 per step" beside the
    guide's "×0.72 per step on average". Now the note's estimate is ρ·√mean tanh′² (what a norm
    meets), and it quotes the curve's own factor, the guide's, and names it."""
    sweep = rnn.flow_sweep(32, 100, "orthogonal", "tanh", None)
    at = rnn.flow_at(1.2)
    note, guide = un_flow.flow_texts(at, sweep, None, flow_settings(), "en")
    per_step = sweep[0][at][0] ** (1 / 100)
    assert (
        f"×{per_step:.2f} per step" in guide and f"×{per_step:.2f} per step (the geometric" in note
    )
    assert "= 0.619" not in note and f"1.2 × {sweep[2][at]:.3f} = {1.2 * sweep[2][at]:.3f}" in note
    assert "close to the estimate" in note
    zh_note, zh_guide = un_flow.flow_texts(rnn.flow_at(1.5), sweep, None, flow_settings(), "zh")
    assert "0.837" in zh_note and "0.837" in zh_guide and "0.706" not in zh_note


@pytest.mark.parametrize(
    ("factor", "init", "key"),
    [
        (0.5, "orthogonal", "close"),
        (0.3, "orthogonal", "below"),
        (0.8, "orthogonal", "above"),
        (0.3, "gaussian", "below"),
    ],
)
def test_flow_note_compares_the_curve_with_the_estimate_from_its_numbers(factor, init, key):
    at, T = rnn.flow_at(1.0), 20
    norms = np.tile(factor ** np.arange(T, -1, -1.0), (len(rnn.RHO_SWEEP), 1))  # ×factor a step
    slopes, rms = np.full(len(rnn.RHO_SWEEP), 0.4), np.full(len(rnn.RHO_SWEEP), 0.5)
    assert (
        un_flow.flow_guide(at, norms, slopes, T, rms=rms)["measured"] == f"un.flow.measured.{key}"
    )
    note, _ = un_flow.flow_texts(
        at, (norms, slopes, rms), None, flow_settings(steps=T, init=init), "en"
    )
    words = {
        "close": "close to the estimate",
        "below": "less than the estimate",
        "above": "more than the estimate",
    }
    assert words[key] in note and f"×{factor:g} per step" in note
    assert ("Gaussian" in note) == (init == "gaussian")


def test_flow_table_columns():
    norms = rnn.flow_sweep(4, 20, "gaussian", "tanh", None)[0]
    columns = tables.flow_table(norms, 20, rnn.flow_at(1.2))
    names = ["k"] + [f"norm_rho_{r:g}" for r in rnn.FLOW_RHOS] + ["norm_rho_1.2_yours"]
    assert list(columns) == names
    np.testing.assert_array_equal(columns["k"], np.arange(21))
    np.testing.assert_array_equal(columns["norm_rho_1"], norms[rnn.flow_at(1.0)])
    assert columns["norm_rho_1.2_yours"][-1] == pytest.approx(1.0, rel=1e-15)


@pytest.mark.parametrize(
    ("n_cols", "start", "expected"),
    [(501, 600, 489), (501, 0, 1), (501, 200, 200), (5, 3, 1), (13, 9, 1), (14, 9, 2)],
)
def test_window_start_stays_inside(n_cols, start, expected):
    assert figs.window_start(n_cols, start) == expected
