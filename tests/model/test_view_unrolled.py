"""The Unrolled RNN page's view model (explorer/views/unrolled.py, unrolled_flow.py), without
Streamlit: the numbers and sentences it gives the page against the diagram's own data and the
tutorials' worked example (tutorial 002), verdicts that flip when their numbers cross, and the
diagram as a declared job that returns the figure the page drew before it was one."""

from __future__ import annotations

import base64
import json
import pickle

import numpy as np
import pytest

from explorer import tables
from explorer.cells import rnn
from explorer.errors import InputError
from explorer.figures import serialise
from explorer.figures import unrolled as figs
from explorer.i18n import number, t
from explorer.training import jobs
from explorer.views import unrolled as un
from explorer.views import unrolled_flow as flow

BASE = dict(
    arch="n_to_n",
    preset="worked",
    source="preset",
    text="1,1,2",
    steps=20,
    seed=0,
    hidden=8,
    act="tanh",
    backward=False,
    loss="last",
    dec_steps=4,
    layers=2,
    bidir=False,
    trunc=0,
)
# A view whose sweep takes long enough to run as a job: 500 steps × 16 units × 41 frames.
LONG = dict(BASE, preset="random", source="random", steps=500, hidden=16)


def view(**changes) -> un.View:
    return un.View.of(**{**BASE, **changes})


def summary(v: un.View, scale=1.0, start=1, backward=False, k=0, lang="en") -> un.Summary:
    return un.summary(v, scale, start, backward, k, lang)


def test_the_view_model_reads_exactly_the_pages_settings():
    assert set(un.SETTINGS) == set(BASE)
    assert set(flow.SETTINGS) == {
        "flow_cell",
        "rho",
        "flow_hidden",
        "flow_steps",
        "init",
        "flow_act",
        "clip",
        "theta",
        "leak",
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_forward_guide_quotes_the_tutorials_memories(lang):
    """Tutorial 002's worked example at α = 1: h₃ = (16, 16), y₃ = (32, 32)."""
    s = summary(view(), lang=lang)
    assert (s.active, s.alpha) == (un.nearest(un.SWEEP, 1.0), 1.0)
    assert "(16, 16)" in s.guide and "(32, 32)" in s.guide
    assert s.captions == (t("un.caption.drag", lang),)  # 2 units: every one drawn, forward
    assert s.note == t("un.arch.note.n_to_n", lang) and s.guide_try == t(
        "un.guide.try.worked", lang
    )
    assert (s.slider_hi, s.window, s.table, s.verdict) == (None, None, None, None)
    # α = 0.5: h₁ = 2, h₂ = 2 + 0.5·(2 + 2) = 4, h₃ = 4 + 0.5·(4 + 4) = 8, y₃ = 8 + 8 = 16
    half = summary(view(), scale=0.5, lang=lang)
    assert half.alpha == 0.5 and "h_3 = (8, 8)" in half.guide and "y_3 = (16, 16)" in half.guide
    assert "(32, 32)" not in half.guide


def test_the_frame_is_the_one_nearest_the_asked_alpha():
    s = summary(view(preset="random"), scale=-1.3)  # ρ(W_hh) is never negative: frame 0
    assert s.active == 0 and s.alpha == 0.0
    assert summary(view(), scale=0.74).alpha == pytest.approx(0.7)


@pytest.mark.parametrize(("scale", "direction"), [(0.5, "shrinks"), (1.5, "grows")])
def test_backward_guide_flips_with_the_factor_per_step(scale, direction):
    """Counting ones (w_x = 1, identity, L = y_T): ∂L/∂h_k = w_rec^(T−k); the guide quotes both
    ends from the nodes and says vanishing below w_rec = 1, exploding above."""
    v = view(preset="counting", backward=True)
    s = summary(v, scale=scale, backward=True)
    h = {r.name: r for r in un.frame(v, scale).rows}["h"]
    first, last = float(np.linalg.norm(h.grads[-1])), float(np.linalg.norm(h.grads[0]))
    assert last == pytest.approx(scale ** (len(h.cols) - 1))  # w_rec^T at h₀
    assert f"is {number(first)} at" in s.guide and f"and {number(last)} at" in s.guide
    assert t(f"un.guide.{direction}", "en") in s.guide
    assert t("un.caption.backward", "en") in s.captions


def test_a_long_sequence_gets_a_window_kept_inside_it():
    v = view(source="random", steps=30)
    s = summary(v, start=489)  # a start left from a longer sequence
    n_steps = len(un.sequence(v))
    assert s.n_steps == n_steps == 30
    assert s.slider_hi == s.start == n_steps - figs.WINDOW + 1  # the last window, not beyond
    lo, hi = figs.window_range(n_steps + 1, s.start)
    assert s.window == t("un.caption.window", "en", lo=lo, hi=hi, n=n_steps)
    assert summary(v, start=5).start == 5
    short = summary(view(source="random", steps=figs.WINDOW))  # every step fits: no slider
    assert (short.slider_hi, short.window, short.start) == (None, None, 1)


def test_units_not_drawn_are_said():
    s = summary(view(preset="random", hidden=figs.MAX_CELLS + 1))
    assert t("un.caption.cells", "en", shown=figs.MAX_CELLS, n=figs.MAX_CELLS + 1) in s.captions
    assert not any("cells" in c for c in summary(view(preset="random", hidden=4)).captions)


def test_truncation_table_and_verdict_flip_when_k_reaches_T():
    """The worked example (T = 3), L = Σ y₃: k = 2 cuts h₂→h₃, ∂L/∂b_h loses the gradient from
    the first two steps; k = 3 cuts nothing and every error is 0%."""
    v2 = view(backward=True, trunc=2)
    cut = summary(v2, backward=True, k=2)
    table = cut.table
    errors = table[t("un.trunc.col.error", "en")]
    worst = max(errors, key=lambda e: float(e.rstrip("%")))
    weight = table[t("un.trunc.col.weight", "en")][errors.index(worst)]
    assert cut.verdict == t("un.trunc.verdict.changes", "en", error=worst, worst=weight)
    assert errors[3:] == ["0%", "0%"]  # W_hy, b_y: the forward pass is untouched
    cuts = sum(e.cut for e in un.frame(v2, 1.0).edges)
    assert t("un.trunc.caption", "en", k=2, T=3, cuts=cuts) in cut.captions
    whole = summary(view(backward=True, trunc=3), backward=True, k=3)
    assert set(whole.table[t("un.trunc.col.error", "en")]) == {"0%"}
    assert whole.verdict == t("un.trunc.verdict.none", "en", k=3, T=3)


def test_truncation_only_where_it_is_drawn():
    jordan = summary(view(arch="jordan", backward=True, trunc=2), backward=True, k=2)
    assert t("un.trunc.arch", "en", k=2) in jordan.captions and jordan.table is None
    forward = summary(view(trunc=2), k=2)  # the forward pass: nothing about truncation
    assert forward.table is None and len(forward.captions) == 1


def test_checked_falls_back_to_the_preset_and_says_why():
    fine = view(source="typed", text="1,0,1")
    assert un.checked(fine) == un.Checked(fine)
    bad = un.checked(view(source="typed", text="1, x"))
    assert isinstance(bad.error, InputError) and bad.error.key == "un.err.number"
    assert bad.view == view() and bad.refusal is None
    over = un.checked(view(preset="random", source="random", steps=500, hidden=64, arch="bidir"))
    assert over.refusal["work"] == f"{2 * 500 * 64 * len(un.SWEEP):,}"  # both ways: twice
    assert over.view.source == "preset" and un.over_budget(over.view) is None


def heat(fig) -> np.ndarray:
    """The heatmap's z as sent: a base64 typed array ("shape": "units, steps") or lists."""
    z = fig.to_dict()["data"][0]["z"]
    if not isinstance(z, dict):
        return np.array(z, dtype=float)
    shape = tuple(int(n) for n in z["shape"].split(","))
    return np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape)


def test_states_heatmap_and_csv_hold_the_diagrams_numbers():
    v = view(backward=True)
    now = un.frame(v, 1.0)
    forward = heat(un.states_figure(v, 1.0, 1, False, "en"))
    assert forward.tolist() == [[2.0, 6.0, 16.0]] * 2  # the tutorial's memories, per unit
    np.testing.assert_array_equal(forward, now.states)
    np.testing.assert_array_equal(heat(un.states_figure(v, 1.0, 1, True, "en")), now.grad_states)
    columns = un.states_columns(now)
    assert columns["dL_dh1"].tolist() == [8.0, 4.0, 2.0]  # ×2 per step back (W_hh = 1, 2 units)
    assert un.csv_name(v) == "unrolled_n_to_n_worked.csv"


# --- The diagram as a declared job --------------------------------------------------------------


def test_the_diagram_job_is_declared_and_portable():
    assert "unrolled.diagram" in jobs.names()
    assert jobs.declared("unrolled.diagram") is un.diagram_job
    work = un.diagram_work(un.View.of(**LONG), 0, 1, False, "en")
    assert work is not None and work.name == "unrolled.diagram"
    assert work.label == t("un.rb.progress", "en")
    sent = pickle.loads(pickle.dumps((work.name, work.kwargs)))  # what a Dask worker is sent
    ran = jobs.call(jobs.Work(*sent[:1], work.key, sent[1]), lambda fraction, note="": None)
    assert ran.to_dict() == jobs.call(work, lambda fraction, note="": None).to_dict()


def test_a_quick_diagram_is_no_job():
    v = view()
    assert un.work(v, 3) < un.CANCEL_FROM and un.diagram_work(v, 20, 1, False, "en") is None
    v = un.View.of(**LONG)
    assert un.work(v, 500) >= un.CANCEL_FROM


def test_a_jobs_key_names_typed_text_by_its_digest():
    text = ",".join(["1"] * 480)
    long = un.View.of(**dict(LONG, source="typed", text=text, hidden=64))
    other = un.View.of(**dict(LONG, source="typed", text=text[:-1] + "2", hidden=64))
    work, changed = (un.diagram_work(v, 0, 1, False, "en") for v in (long, other))
    assert text not in repr(work.key) and work.key != changed.key
    assert work.kwargs["view"].text == text  # the job itself gets the text
    assert un.diagram_work(long, 0, 1, True, "en").key != work.key  # backward: another figure


def old_page_figure(v: un.View, active: int, start: int, backward: bool, lang: str) -> dict:
    """What the page drew before the job was declared (its `diagram_view`): every frame of the
    preset's sweep, the slider's prefix in `lang`, frozen."""
    sweep = un.alphas(v.preset)
    drawn = [un.frame(v, float(a)) for a in sweep]
    prefix = t(f"un.slider.{v.preset}", lang)
    return serialise.freeze(
        figs.diagram_figure(drawn, sweep, active, start, backward, prefix, lang)
    ).to_dict()


@pytest.mark.parametrize(("backward", "lang"), [(False, "en"), (True, "zh")])
def test_the_job_returns_what_the_page_drew_and_reports_every_frame(backward, lang):
    v = un.View.of(**dict(LONG, backward=backward))
    active, start = un.nearest(un.alphas(v.preset), 1.2), 120
    reports = []
    got = jobs.call(un.diagram_work(v, active, start, backward, lang), lambda *r: reports.append(r))
    want = old_page_figure(v, active, start, backward, lang)
    assert json.dumps(got.to_dict(), sort_keys=True) == json.dumps(want, sort_keys=True)
    frames = len(un.alphas(v.preset))
    assert [fraction for fraction, _ in reports[:frames]] == [
        (i + 1) / frames for i in range(frames)
    ]
    assert reports[-1] == (1.0, t("un.rb.frame", lang, frame=frames, frames=frames))
    quick = un.diagram(view(), 20, 1, backward, lang)  # drawn in place: the same figure
    assert quick.to_dict() == old_page_figure(view(), 20, 1, backward, lang)


def test_a_cancel_stops_the_job_at_its_next_frame():
    class Cancelled(Exception):
        pass

    seen = []

    def progress(fraction, note):
        seen.append(fraction)
        if len(seen) == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        jobs.call(un.diagram_work(un.View.of(**LONG), 0, 1, False, "en"), progress)
    assert len(seen) == 3


# --- The setup's widgets and the shapes panel --------------------------------------------------


def test_setup_shows_only_the_widgets_the_choice_uses():
    assert un.setup_controls("preset", "worked", "n_to_n") == []
    assert dict(un.setup_controls("typed", "worked", "n_to_n")) == {"text": 0}
    assert dict(un.setup_controls("random", "counting", "enc_dec_init")) == {
        "steps": 0,
        "seed": 1,
        "dec_steps": 4,
    }
    random_stacked = dict(un.setup_controls("preset", "random", "stacked"))
    assert random_stacked == {"seed": 1, "hidden": 2, "act": 3, "layers": 3, "bidir": 4}
    assert dict(un.setup_controls("preset", "worked", "stacked"))["layers"] == 2  # column free


def test_shapes_quote_the_tutorials_networks_and_the_students():
    """Tutorial 002 §3.4: nn.RNN(5, 10, 2) on (6, 3, 5) → out (6, 3, 10), h_n (2, 3, 10);
    nn.LSTM(50, 100, 2) → out (10, 3, 100), h_n and c_n (2, 3, 100); the student's 3-layer
    bidirectional network of 3 units on 10 steps: h_n (6, 1, 3)."""
    v = view(arch="stacked", preset="random", hidden=3, layers=3, bidir=True)
    examples = un.shape_examples(v, 10)
    shown = [" ".join(un.shapes_text(title, example, "en")) for title, example in examples]
    assert "(6, 3, 10)" in shown[0] and "(2, 3, 10)" in shown[0]
    assert "(10, 3, 100)" in shown[1] and "(2, 3, 100)" in shown[1]
    assert "(6, 1, 3)" in shown[2] and "`h_n[5]`" in shown[2]
    assert "reverse, ends at the first step" in shown[2]
    assert "层数·方向数" in " ".join(un.shapes_text(*examples[2], "zh"))


# --- The gradient-flow section ----------------------------------------------------------------

FLOW = dict(
    flow_cell="rnn",
    rho=1.2,
    flow_hidden=8,
    flow_steps=40,
    init="orthogonal",
    flow_act="identity",
    clip=False,
    theta=1.0,
    leak=0.2,
)


def computed(c: flow.Chart) -> list:
    return [fn(*args) for fn, args in flow.sweeps(c)]


@pytest.mark.parametrize(("rho", "direction"), [(0.5, "shrinks"), (1.5, "grows")])
def test_flow_guide_flips_at_rho_one(rho, direction):
    """A linear RNN with orthogonal W_hh scaled to ρ: ‖∂L/∂h₀‖ = ρ^T exactly."""
    c = flow.chart(**dict(FLOW, rho=rho))
    swept = computed(c)
    note, guide = flow.texts(c, swept, "en")
    g0 = swept[0][0][c.at][0]
    assert g0 == pytest.approx(rho**40, rel=1e-9)
    assert f"‖∂L/∂h₀‖ = {number(g0)}" in guide and t(f"un.guide.{direction}", "en") in guide
    assert note  # the linear case's note
    spec = flow.figure(c, swept, "en").to_dict()
    assert spec["layout"]["sliders"][0]["active"] == c.at == rnn.flow_at(rho)


def test_clipping_adds_the_unclipped_curve_and_says_what_it_cut():
    c = flow.chart(**dict(FLOW, rho=1.5, clip=True, theta=2.0))
    assert c.args[4] == 2.0 and len(flow.sweeps(c)) == 2
    swept = computed(c)
    _, guide = flow.texts(c, swept, "en")
    assert "θ = 2" in guide and number(1.5**40) in guide
    names = [trace["name"] for trace in flow.figure(c, swept, "en").to_dict()["data"]]
    assert any("without clipping" in name for name in names)
    assert flow.chart(**dict(FLOW, theta=2.0)).args[4] is None  # θ only with clipping on


def test_ctrnn_chart_reads_its_own_sweep():
    c = flow.chart(**dict(FLOW, flow_cell="ctrnn", leak=0.5, rho=1.0))
    assert c.leaky and (c.key, c.to) == ("un_leak_chart", "leak")
    swept = computed(c)
    note, guide = flow.texts(c, swept, "en")
    assert note is None and "At α = 0.5 each unit keeps 0.5" in guide
    columns = flow.columns(swept[0], c)
    assert list(columns)[:3] == ["k", "norm_tanh_rnn", "norm_alpha_0.5"]
    np.testing.assert_array_equal(columns["norm_alpha_0.5"], swept[0][0][c.at])


def test_flow_csv_holds_the_charts_curves():
    c = flow.chart(**FLOW)
    sweep = computed(c)[0]
    columns = flow.columns(sweep, c)
    assert columns.keys() == tables.flow_table(sweep[0], 40, c.at).keys()
    np.testing.assert_array_equal(columns["norm_rho_1.2_yours"], sweep[0][c.at])


def test_a_typed_sequence_refused_reads_as_sentences_of_its_language():
    """No gap after the Chinese full stop (it was "无法读取输入的序列。 文本框是空的…")."""
    checked = un.checked(un.View.of(**{**BASE, "source": "typed", "text": ""}))
    assert checked.error is not None
    zh, en = (un.typed_error(checked.error, lang, str) for lang in ("zh", "en"))
    assert "。 " not in zh and zh.startswith("**无法读取输入的序列。**") and len(zh) > 14
    assert en.startswith("**The typed sequence could not be read.** ")
