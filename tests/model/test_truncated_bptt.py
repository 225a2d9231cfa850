"""Truncated BPTT (issue 29) against torch's usual practice, `h = h.detach()` every k steps, for
the Elman RNN, the unrolled diagram's presets and a random RNN; the diagram's cut arrows and the
sentence under its table."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from explorer.cells import rnn
from explorer.cells import unrolled as unrolling
from explorer.figures import unrolled as figs
from explorer.gradients import truncation
from explorer.i18n import t
from explorer.inputs import presets
from explorer.views import unrolled as un
from explorer.views import unrolled_text as un_text

TOL = 1e-10
ACTS = {"tanh": torch.tanh, "relu": torch.relu, "identity": lambda a: a, "sigmoid": torch.sigmoid}


def torch_truncated(x, W_xh, W_hh, b_h, W_hy, b_y, act, dY, k):
    """Tutorial 000's loop in torch, the hidden state detached every k steps (None: never);
    L = Σ_t ⟨dY_t, y_t⟩. Every weight's gradient, ∂L/∂x and ∂L/∂h_t (retain_grad)."""
    leaf = {
        n: torch.tensor(np.asarray(v, dtype=np.float64), requires_grad=True)
        for n, v in dict(x=x, W_xh=W_xh, W_hh=W_hh, b_h=b_h, W_hy=W_hy, b_y=b_y).items()
    }
    h = torch.zeros(W_hh.shape[0], dtype=torch.float64)
    hs, loss = [], 0.0
    for step in range(x.shape[0]):
        if k and step and step % k == 0:
            h = h.detach()  # torch's truncation: no gradient into the previous chunk
        h = ACTS[act](leaf["x"][step] @ leaf["W_xh"] + h @ leaf["W_hh"] + leaf["b_h"])
        h.retain_grad()
        hs.append(h)
        loss = loss + (torch.tensor(dY[step]) * (h @ leaf["W_hy"] + leaf["b_y"])).sum()
    loss.backward()
    out = {n: leaf[n].grad.numpy() for n in leaf}
    out["dH"] = np.stack([h.grad.numpy() for h in hs])
    return out


def random_net(T=9, D=3, H=4, n_out=2, seed=3):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((T, D)),
        rng.standard_normal((D, H)) * 0.7,
        rng.standard_normal((H, H)) * 0.6,
        rng.standard_normal(H) * 0.3,
        rng.standard_normal((H, n_out)),
        rng.standard_normal(n_out) * 0.3,
    ), rng.standard_normal((T, n_out))


def preset_net(preset: str, alpha: float = 1.0):
    setup = presets.preset_setup(preset, 5, "tanh")
    w = unrolling.scaled(presets.preset_weights(preset, setup, seed=4), alpha)
    x = presets.preset_sequence(preset, setup, seed=4)
    args = (x, w["W_xh"], w["W_hh"], w["b_h"], w["W_hy"], w["b_y"])
    return args, setup.act


@pytest.mark.parametrize("act", ["tanh", "relu", "sigmoid", "identity"])
@pytest.mark.parametrize("k", [1, 2, 3, 4, 8])
def test_random_rnn_equals_torch_detaching_every_k_steps(act, k):
    args, dY = random_net()
    mine = rnn.bptt_truncated(*args, k, act=act, dY=dY)
    ref = torch_truncated(*args, act, dY, k)
    for name in truncation.GRAD_NAMES:
        np.testing.assert_allclose(getattr(mine, name), ref[name], rtol=TOL, atol=TOL)
    np.testing.assert_allclose(mine.dX, ref["x"], rtol=TOL, atol=TOL)
    np.testing.assert_allclose(mine.dH[1:], ref["dH"], rtol=TOL, atol=TOL)
    full = torch_truncated(*args, act, dY, None)
    assert not np.allclose(full["W_hh"], ref["W_hh"])  # the cut is real: torch's full differs


@pytest.mark.parametrize("preset", presets.PRESETS)
@pytest.mark.parametrize("loss_at", un.LOSSES)
@pytest.mark.parametrize("k", [1, 2, 3, 7])
def test_the_views_presets_equal_torch(preset, loss_at, k):
    args, act = preset_net(preset, alpha=0.9)
    dY = unrolling.upstream(len(args[0]), args[4].shape[1], loss_at)
    mine = rnn.bptt_truncated(*args, k, act=act, dY=dY)
    ref = torch_truncated(*args, act, dY, k)
    for name in truncation.GRAD_NAMES:
        np.testing.assert_allclose(getattr(mine, name), ref[name], rtol=TOL, atol=TOL)


@pytest.mark.parametrize("preset", presets.PRESETS)
def test_k_at_least_T_is_full_bptt_exactly(preset):
    args, act = preset_net(preset)
    dY = unrolling.upstream(len(args[0]), args[4].shape[1], "every")
    full = rnn.elman_bptt(*args, act=act, dY=dY)
    for k in (len(args[0]), len(args[0]) + 5):
        cut = rnn.bptt_truncated(*args, k, act=act, dY=dY)
        for name, value in vars(full).items():
            assert np.array_equal(getattr(cut, name), value), name
    with pytest.raises(ValueError):
        rnn.bptt_truncated(*args, 0, act=act, dY=dY)


def view(preset="worked", k=2, arch="n_to_n", loss_at="last"):
    setup = presets.preset_setup(preset, 5, "tanh")
    return un.View(arch, preset, hidden=setup.n_hidden, act=setup.act, loss_at=loss_at, trunc=k)


@pytest.mark.parametrize("arch", un.TRUNCATABLE)
@pytest.mark.parametrize("preset", presets.PRESETS)
def test_the_table_holds_torchs_gradients(arch, preset):
    v = view(preset, 3, arch, "every")
    tr = un.truncation(v, 0.7)
    setup = v.setup()
    w = unrolling.scaled(presets.preset_weights(preset, setup, 0), 0.7)
    x = un.sequence(v)
    xs = np.tile(x[0], (len(x), 1)) if arch == "one_to_n_every" else x.copy()
    if arch == "one_to_n_first":
        xs[1:] = 0.0
    dY = unrolling.upstream(len(x), setup.n_out, "every")
    if arch == "n_to_1":
        dY[:-1] = 0.0
    args = (xs, w["W_xh"], w["W_hh"], w["b_h"], w["W_hy"], w["b_y"])
    cut, full = torch_truncated(*args, setup.act, dY, 3), torch_truncated(*args, setup.act, dY, 0)
    for name in truncation.GRAD_NAMES:
        np.testing.assert_allclose(tr.truncated[name], cut[name], rtol=TOL, atol=TOL)
        np.testing.assert_allclose(tr.full[name], full[name], rtol=TOL, atol=TOL)
        gap, size = np.linalg.norm(cut[name] - full[name]), np.linalg.norm(full[name])
        expected = gap / size if size else 0.0  # no gradient either way (an input of 0): exact
        assert tr.errors[name] == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_tutorial_002_worked_example_by_hand():
    """L = Σ y_3 with every weight 1: ∂L/∂a_3 = (2, 2), (4, 4), (8, 8) back to step 1, so full
    BPTT gives ∂L/∂b_h = (14, 14); detached after step 2 (k = 2) only step 3's (2, 2) is left."""
    tr = un.truncation(view("worked", 2), 1.0)
    assert tr.full["b_h"].tolist() == [14.0, 14.0] and tr.truncated["b_h"].tolist() == [2.0, 2.0]
    assert tr.errors["b_h"] == pytest.approx(12 / 14) and tr.cuts == 1
    table = un_text.truncation_table(tr, "en")
    assert table["relative error"][2] == "85.7%" and table["relative error"][3:] == ["0%", "0%"]
    assert table["∂L/∂W, truncated (k = 2)"][2] == "(2, 2)"


def test_the_sentence_flips_when_the_numbers_cross():
    changes, none = un.truncation(view("worked", 2), 1.0), un.truncation(view("worked", 3), 1.0)
    exact = un.truncation(view("worked", 1), 0.0)  # α = 0: the cut arrows carried nothing
    for lang in ("en", "zh"):
        said = un_text.truncation_text(changes, lang)
        assert "85.7%" in said and "b_h" in said  # the table's largest error, the same number
        assert said == t("un.trunc.verdict.changes", lang, error="85.7%", worst="b_h")
        assert un_text.truncation_text(none, lang) == t("un.trunc.verdict.none", lang, k=3, T=3)
        assert un_text.truncation_text(exact, lang) == t("un.trunc.verdict.exact", lang, cuts=2)
    assert "changes the gradient" in un_text.truncation_text(changes, "en")
    assert "leaves every gradient exact" in un_text.truncation_text(none, "en")
    assert "leaves every gradient exact" in un_text.truncation_text(exact, "en")
    assert exact.cuts == 2 and max(exact.errors.values()) == 0.0


def test_an_overflowed_gradient_is_no_percentage():
    huge = "1e307 1e307; 1e307 1e307; 1e307 1e307"
    v = un.View("n_to_n", "worked", source="typed", text=huge, hidden=2, act="identity", trunc=1)
    tr = un.truncation(v, 2.0)  # h overflows: ∂L/∂W_hh = Σ h_{t-1}ᵀ ∂L/∂a_t is ∞
    assert truncation.verdict(tr)["kind"] == "overflow"
    assert "—" in un_text.truncation_table(tr, "en")["relative error"]


def test_the_diagram_cuts_the_arrow_into_every_chunk():
    """Counting ones (T = 10), k = 3: chunks 1–3, 4–6, 7–9, 10; the arrows h₃→h₄, h₆→h₇, h₉→h₁₀
    are cut (grey, ✂), the others keep their factors; k ≥ T draws full BPTT."""
    v = view("counting", 3, loss_at="every")
    diagram = un.frame(v, 1.0)
    cut = [e.dst[1] for e in diagram.edges if e.cut]
    assert cut == [4, 7, 10]
    fig = figs.diagram_figure([diagram], np.array([1.0]), 0, 1, True, "w = ", "en")
    factors = next(tr for tr in fig.data if tr.type == "scatter" and "✂" in (tr.text or ()))
    assert list(factors.text).count("✂") == 3
    grey = [a for a in fig.layout.annotations if a.arrowcolor == figs.CUT_COLOUR]
    assert len(grey) == 3
    h = next(r for r in diagram.rows if r.name == "h")
    assert h.grads[3].tolist() == [1.0]  # ∂L/∂h₃: only y₃'s own 1 (nothing from step 4 on)
    full = un.frame(view("counting", 0, loss_at="every"), 1.0)
    whole = un.frame(view("counting", 10, loss_at="every"), 1.0)
    assert not any(e.cut for e in whole.edges)
    assert np.array_equal(whole.grad_states, full.grad_states)


class Settings:
    def __init__(self, **kw):
        base = dict(preset="worked", arch="n_to_n", source="preset", text="", steps=20)
        base |= dict(seed=0, hidden=8, act="tanh", backward=True, loss="last", dec_steps=4)
        vars(self).update(base | {"trunc": 2} | kw)
        vars(self).update(base | kw)


def test_the_view_keeps_k_only_where_it_is_drawn():
    assert un.View.of(**vars(Settings())).trunc == 2
    assert un.View.of(**vars(Settings(backward=False))).trunc == 0  # the forward pass has no cut
    assert un.View.of(**vars(Settings(arch="jordan"))).trunc == 0
    assert un.truncation(un.View.of(**vars(Settings(arch="jordan"))), 1.0) is None
