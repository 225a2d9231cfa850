"""AppTest of truncated BPTT on the unrolled page (issue 29): the truncation length k at its
extremes (0: full BPTT; 500: at least any sequence), a small k on the tutorials' presets and a
random RNN, a link that carries it, and both languages."""

from __future__ import annotations

import json

import pytest

from explorer.figures import unrolled as figs
from explorer.inputs import presets
from explorer.views import unrolled as un
from tests.apptest_helpers import HAN, assert_ok, figures, open_page, texts

PAGE = "pages/unrolled.py"
BACKWARD = {"un_backward": 1}


def cut_marks(at) -> int:
    """How many ✂ the diagram writes by its recurrent arrows."""
    spec = figures(at)[0]
    return sum(list(t.get("text") or []).count(figs.CUT) for t in spec["data"])


def grey_arrows(at) -> int:
    spec = figures(at)[0]
    return sum(a.get("arrowcolor") == figs.CUT_COLOUR for a in spec["layout"]["annotations"])


def table(at) -> dict:
    frames = at.dataframe
    assert len(frames) == 1, "one table of gradients under the diagram"
    return {c: list(map(str, v)) for c, v in frames[0].value.to_dict(orient="list").items()}


def query_of(at) -> dict:
    query = at.query_params.to_dict() if hasattr(at.query_params, "to_dict") else at.query_params
    return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(query).items()}


def test_k_zero_is_full_bptt_with_nothing_cut():
    at = open_page(PAGE, {**BACKWARD, "un_trunc": 0})
    assert at.number_input(key="un_trunc").value == 0
    assert cut_marks(at) == 0 and grey_arrows(at) == 0 and not at.dataframe
    assert not any("Truncated BPTT" in s for s in texts(at))


def test_k_at_its_maximum_cuts_nothing_and_says_exact():
    at = open_page(PAGE, {**BACKWARD, "un_preset": "counting", "un_trunc": presets.MAX_STEPS})
    assert at.number_input(key="un_trunc").value == presets.MAX_STEPS
    assert cut_marks(at) == 0 and grey_arrows(at) == 0
    shown = " ".join(texts(at))
    assert "k = 500 is at least the sequence length T = 10" in shown
    assert table(at)["relative error"] == ["0%"] * 5


def test_k_one_on_the_worked_example_cuts_every_step_back():
    """Tutorial 002 (T = 3), L = Σ y_3, k = 1: h₁→h₂ and h₂→h₃ are cut; ∂L/∂h₂ = ∂L/∂h₁ = 0 in
    the nodes, ∂L/∂b_h is (2, 2) instead of (14, 14): the sentence says 85.7%."""
    at = open_page(PAGE, {**BACKWARD, "un_trunc": 1})
    assert cut_marks(at) == 2 and grey_arrows(at) == 2
    spec = figures(at)[0]
    h = next(t for t in spec["data"] if t["type"] == "heatmap" and t["name"] == "h")
    assert [row[1:3] for row in h["text"]] == [["0", "0"], ["0", "0"]]  # h₁, h₂ get nothing
    got = table(at)
    assert got["∂L/∂W, full BPTT"][2] == "(14, 14)"
    assert got["∂L/∂W, truncated (k = 1)"][2] == "(2, 2)"
    assert got["relative error"][2] == "85.7%"
    shown = " ".join(texts(at))
    assert "The truncation changes the gradient: by 85.7% for b_h" in shown
    assert "detached after steps k, 2k" in shown and "the 2 it cuts" in shown


@pytest.mark.parametrize("preset", presets.PRESETS)
def test_every_preset_at_k_two(preset):
    at = open_page(PAGE, {**BACKWARD, "un_preset": preset, "un_trunc": 2, "un_loss": "every"})
    assert_ok(at, preset)
    n_steps = len(un.sequence(un.View("n_to_n", preset, hidden=8, act="tanh")))
    shown = min(n_steps, figs.WINDOW)  # the arrows in the window: h_{2j} → h_{2j+1}
    assert cut_marks(at) == (shown - 1) // 2
    assert grey_arrows(at) == (shown - 1) // 2
    errors = table(at)["relative error"]
    assert errors[3:] == ["0%", "0%"]  # W_hy, b_y: the forward pass is untouched
    assert errors[2] != "0%"  # b_h: the gradient from later losses no longer reaches step 1


def test_a_link_carries_k_and_a_typed_k_lands_in_the_link():
    at = open_page(PAGE, {**BACKWARD, "un_preset": "random", "un_trunc": 3})
    assert at.number_input(key="un_trunc").value == 3
    assert "∂L/∂W, truncated (k = 3)" in table(at)
    at.number_input(key="un_trunc").set_value(5).run()
    assert_ok(at, "k = 5")
    query = query_of(at)
    assert query["un_trunc"] == "5" and query["un_backward"] == "1"
    fresh = open_page(PAGE, query)
    assert fresh.number_input(key="un_trunc").value == 5
    assert table(fresh) == table(at) and figures(fresh) == figures(at)


def test_an_architecture_without_it_says_so_and_the_forward_pass_hides_it():
    at = open_page(PAGE, {**BACKWARD, "un_arch": "jordan", "un_trunc": 2})
    assert "Truncation (k = 2) is drawn for the plain RNN" in " ".join(texts(at))
    assert cut_marks(at) == 0 and not at.dataframe
    forward = open_page(PAGE, {"un_trunc": 2})
    assert not [w for w in forward.number_input if w.key == "un_trunc"]
    assert cut_marks(forward) == 0 and not forward.dataframe


def test_chinese_table_and_sentence():
    zh = open_page(PAGE, {**BACKWARD, "un_trunc": 2, "lang": "zh"})
    got = table(zh)
    assert "相对误差" in got and "∂L/∂W，截断（k = 2）" in got
    shown = " ".join(texts(zh))
    assert "截断改变了梯度" in shown and "h = h.detach()" in shown
    en = open_page(PAGE, {**BACKWARD, "un_trunc": 2, "lang": "en"})
    assert not HAN.search(json.dumps(table(en), ensure_ascii=False) + " ".join(texts(en)))
