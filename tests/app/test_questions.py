"""AppTest of the guided questions: every question answered wrong, then right; the check sets
the page to the settings that prove the answer; "Reset this page" brings back the defaults."""

import pytest

from tests.apptest_helpers import chart_specs, open_page, texts
from tests.jobs_helpers import wait_for_jobs

# page, then (question key, a wrong answer, the right one, a setting the check must set)
CASES = {
    "pages/gradient_decay.py": [
        ("q.gd.direction", "larger", "smaller", ("gd_seq_len", 50)),
        ("q.gd.times", 10.0, 150.0, ("gd_w_rec", 0.9)),  # 0.9⁻⁵⁰ = 194: within a factor 2
        ("q.gd.sign", "same", "opposite", ("gd_w_rec", -1.5)),  # 11 factors of −1.5
    ],
    "pages/loss_surface.py": [
        ("q.ls.side", "below", "above", ("ls_check_wrec", 1.1)),
        ("q.ls.valley", "above", "below", ("ls_cut_wx", 2.0)),
        ("q.ls.valley_at", 1.0, 1.2, ("ls_cut_wx", 0.5)),  # lowest at w_rec = 1.16
    ],
    "pages/unrolled.py": [
        ("q.un.trend", "grows", "shrinks", ("un_flow_act", "tanh")),  # tanh eats ρ = 1.5
        ("q.un.size", 1e10, 1e18, ("un_flow_act", "identity")),  # 1.5¹⁰⁰ = 4.07e17
        ("q.un.kept", 0.01, 1.0, ("un_init", "orthogonal")),  # an orthogonal W keeps the norm
        ("q.un.gaussian", "steady", "shrinks", ("un_init", "gaussian")),  # ×0.985 a step
    ],
    "pages/optimizers.py": [
        ("q.opt.winner", "adam", "rprop", ("opt_w0x", -1.5)),
        ("q.opt.sgd", "reaches", "diverges", ("opt_lr_sgd", 1e-5)),
        ("q.opt.step", 50.0, 0.5, ("opt_lr_sgd", 1e-7)),  # 1e-7 × 5.03e6 = 0.503
    ],
    "pages/gates.py": [
        ("q.gt.erase", 7.0, 0.0, ("gt_step", 5)),  # the tutorial's erase
        ("q.gt.leak", 7.0, 4.5, ("gt_gain", 0.1)),  # c = 4.40 with soft gates
        ("q.gt.read", "input", "memory", ("gt_step", 4)),  # the tutorial's read: h = 7
    ],
    "pages/why_gates.py": [
        ("q.wg.keeper", "lstm", "rnn", ("wg_radius", 1.5)),  # b = 1: the gates half shut
        ("q.wg.forget", 0.5, 0.73, ("wg_fbias", 1.0)),  # σ(1) = 0.731
        ("q.wg.product", 0.01, 0.5, ("wg_fbias", 5.0)),  # σ(5)¹⁰⁰ ≈ 0.5
    ],
}
# the texts on the page (not the answer's own sentence) that show each answer after the Check,
# from the answer's words (explorer.lessons.questions computes them on the page's proving settings)
SHOWN = {
    "q.ls.valley_at": lambda w: [f"lowest at w_rec = {w['w_rec']} (ξ = {w['xi']})"],
    "q.un.kept": lambda w: [f"‖∂L/∂h₀‖ = {w['g0']}, ×{w['per_step']} per step", "keeps its size"],
    "q.un.gaussian": lambda w: [f"‖∂L/∂h₀‖ = {w['g0']}, ×{w['per_step']} per step", "vanishes"],
    "q.opt.step": lambda w: [f"SGD's first step moved the weights by {w['step']}"],
    "q.gt.read": lambda w: [f"step {w['step']}:", f"o = {w['o']}", f"h = {w['h']}"],
    "q.wg.keeper": lambda w: [
        f"= {w['lstm']} of its gradient",
        f"keeps {w['rnn']}",
        f"the GRU keeps {w['gru']}",
    ],
    "q.wg.forget": lambda w: [f"Mean f = **{w['f']}**"],
    "q.wg.product": lambda w: [f"the product of f over {w['T']} steps is {w['product']}"],
    "q.tc.uniform": lambda w: [f"{w['V']} distinct"],
    "q.tc.bigram": lambda w: [f"unigram {w['unigram']}", f"bigram {w['bigram']}"],
    "q.tc.harder": lambda w: [f"bigram {w['brackets']}"],
}


def _shown(at) -> str:
    """What the page shows, the answer's feedback left out: texts and charts."""
    said = {e.value for e in (*at.success, *at.error)}
    return "\n".join([t for t in texts(at) if t not in said] + chart_specs(at))


def _proven(at, key) -> None:
    """The page, after the Check, shows the numbers of the answer computed for it."""
    from explorer.lessons import questions
    from ui import questions as guided
    from ui.page import SETTINGS

    asked = questions.by_key(key)
    words = dict(guided.answer(asked, guided.proving(SETTINGS[key.split(".")[1]], asked)).words)
    page = _shown(at)
    for text in SHOWN[key](words):
        assert text in page, (key, text)


def _widget(at, key):
    return at.get_by_key("q_" + key.replace(".", "_"))


def _answer(at, key, value):
    _widget(at, key).set_value(value).run()
    at.get_by_key("q_" + key.replace(".", "_") + "_check").click().run()
    assert not at.exception, at.exception


@pytest.mark.parametrize("page", list(CASES))
def test_each_question_answered_wrong_then_right(page):
    at = open_page(page)
    assert any(t.startswith("**Goal:**") for t in texts(at))
    for key, wrong, right, (setting, value) in CASES[page]:
        _answer(at, key, wrong)
        said = [e.value for e in at.error if e.value.startswith("Not quite")]
        assert len(said) == 1 and "The chart is now set to show it" in said[0], said
        assert (
            at.get_by_key(setting).value == pytest.approx(value)
            if isinstance(value, float)
            else at.get_by_key(setting).value == value
        )
        if key in SHOWN:
            _proven(at, key)
        _answer(at, key, right)
        assert not [e.value for e in at.error if e.value.startswith("Not quite")]
        assert any(s.value.startswith("Right: ") for s in at.success)


def test_your_text_questions_prove_their_answers_on_the_loss_chart():
    """Your text: the Check shows the text (its distinct characters under it) and the model
    trained on it, whose loss chart draws the two baselines the answers quote."""
    at = open_page("pages/text_cells.py", query={"tc_steps": 100, "tc_hidden": 8})
    for key, wrong, right, (setting, value) in CASES_TC:
        _answer(at, key, wrong)
        said = [e.value for e in at.error if e.value.startswith("Not quite")]
        assert len(said) == 1 and "The chart is now set to show it" in said[0], said
        assert at.get_by_key(setting).value == value
        assert at.get_by_key("tc_steps").value == 300  # the default model, shared by the class
        wait_for_jobs(at, timeout=240)
        _proven(at, key)
        _answer(at, key, right)
        assert any(s.value.startswith("Right: ") for s in at.success)


CASES_TC = [
    ("q.tc.uniform", 2.0, 3.9, ("tc_source", "quotes")),  # ln 50 = 3.91
    ("q.tc.bigram", "much", "hardly", ("tc_source", "brackets")),  # 2.15 → 2.12
    ("q.tc.harder", "quotes", "brackets", ("tc_source", "brackets")),
]


def test_the_check_sets_every_setting_the_answer_was_computed_on():
    at = open_page("pages/optimizers.py", query={"opt_n_iter": 100, "opt_lr_adam": 0.3})
    _answer(at, "q.opt.winner", "rprop")
    assert at.get_by_key("opt_n_iter").value == 500  # the race the answer ran, not the student's
    assert at.get_by_key("opt_lr_adam").value == 0.05
    assert any("iteration 229" in s.value for s in at.success)


def test_the_answer_quotes_the_models_numbers():
    at = open_page("pages/gradient_decay.py")
    _answer(at, "q.gd.times", 194.0)
    right = next(s.value for s in at.success)
    assert "-40.9 / -0.211: about 194 times" in right
    assert at.query_params["gd_seq_len"] in ("50", ["50"])  # the chart is set, and so is the link


def test_reset_brings_back_the_defaults_and_clears_the_link():
    at = open_page("pages/gradient_decay.py", query={"gd_w_rec": 0.5, "gd_seq_len": 40})
    _answer(at, "q.gd.direction", "smaller")
    at.get_by_key("q_reset_gd").click().run()
    assert at.number_input(key="gd_w_rec").value == 2.0
    assert at.slider(key="gd_seq_len").value == 10
    assert not [k for k in at.query_params if k.startswith("gd_")]
    assert not at.success  # the answers go too
    assert "×1024" in " ".join(texts(at))  # and the page shows the defaults' numbers


def test_questions_in_chinese():
    at = open_page("pages/gradient_decay.py", query={"lang": "zh"})
    assert any(t.startswith("**目标：**") for t in texts(at))
    _answer(at, "q.gd.direction", "larger")
    assert any(
        e.value.startswith("不完全对：你的答案是“更大”，正确答案是“更小”。") for e in at.error
    )


def test_a_why_gates_question_in_chinese():
    """The goal and the answer's sentence in Chinese, with the chart's numbers."""
    at = open_page("pages/why_gates.py", query={"lang": "zh"})
    assert any(t.startswith("**目标：** 看清楚门控") for t in texts(at))
    _answer(at, "q.wg.keeper", "rnn")
    right = next(s.value for s in at.success)
    assert right.startswith("答对了：“普通 RNN”。100 步后剩下：RNN ")
    assert right.endswith("门只有打开时才有用。图已设置好，可以亲眼验证。")
    lesson = [t for t in texts(at) if t.startswith("**RNN**（ρ = 1.5）")]
    assert lesson, texts(at)  # the lesson's numbers are now at ρ = 1.5


def _pinned(fig) -> list[dict]:
    return [t for t in fig["data"] if str(t.get("name", "")).startswith("pin ")]


def test_pin_a_decay_curve_then_compare():
    from tests.apptest_helpers import figures

    at = open_page("pages/gradient_decay.py")
    assert not _pinned(figures(at)[0])
    at.get_by_key("pin_gd").click().run()
    at.number_input(key="gd_w_rec").set_value(0.5).run()
    fig = figures(at)[0]
    (pin,) = _pinned(fig)
    assert pin["name"] == "pin (1, 2.00) n=10" and pin["line"]["dash"] == "dash"
    user = len(fig["data"]) - 1
    assert fig["data"][user]["name"] == "yours (1, 0.50)"
    assert all(frame["traces"][-1] == user for frame in fig["frames"])  # frames redraw yours
    at.get_by_key("pin_gd_clear").click().run()
    assert not _pinned(figures(at)[0])


def test_pin_a_race_then_compare():
    from tests.apptest_helpers import figures

    at = open_page("pages/optimizers.py")
    at.get_by_key("pin_opt").click().run()
    at.number_input(key="opt_w0x").set_value(0.5).run()
    pins = _pinned(figures(at)[0])
    assert [p["name"] for p in pins][0] == "pin Rprop (-1.5, 2)" and len(pins) == 6
    assert all(len(p["x"]) <= 1001 for p in pins if isinstance(p["x"], list))
