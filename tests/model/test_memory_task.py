"""The memory task (explorer.training.memory_task): its data, its NumPy-BPTT layers against nn.RNN / nn.GRU,
and the trained result with a fixed seed: the plain RNN at chance where the LSTM holds."""

import numpy as np
import pytest
import torch

from explorer.cells import memory_layers
from explorer.gradients import flow as gradient_flow
from explorer.training import memory_task as mt
from explorer.training.jobs import Work, call


def test_only_the_first_step_carries_the_answer():
    x, bits = mt.sequences(30, 64, np.random.default_rng(0))
    assert x.shape == (64, 30, 3) and bits.shape == (64,)
    np.testing.assert_array_equal(x[:, 0, 0], 2 * bits - 1)  # b = ±1 at step 1
    np.testing.assert_array_equal(x[:, 0, 1], 1.0)  # the cue marker
    assert np.all(x[:, 1:, :2] == 0.0)  # after step 1: nothing but the distractor channel
    assert 0.4 < np.std(x[:, :, 2]) < 0.6  # σ = 0.5
    again, _ = mt.sequences(30, 64, np.random.default_rng(0))
    np.testing.assert_array_equal(x, again)
    a, b = mt.held_out(20), mt.held_out(20)
    np.testing.assert_array_equal(a[0], b[0])
    assert 0.4 < a[1].mean() < 0.6  # a balanced held-out set: chance is 50%


@pytest.mark.parametrize("kind", ["rnn", "gru"])
def test_numpy_layers_equal_torch_modules(kind):
    """Values and all four parameter gradients against nn.RNN (tanh) / nn.GRU, float64."""
    torch.manual_seed(1)
    module = (torch.nn.RNN if kind == "rnn" else torch.nn.GRU)(3, 5, batch_first=True).double()
    x = torch.randn(4, 11, 3, dtype=torch.float64)
    upstream = torch.randn(4, 11, 5, dtype=torch.float64)  # a loss that reads every state
    (module(x)[0] * upstream).sum().backward()
    names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
    ours = [getattr(module, n).detach().clone().requires_grad_() for n in names]
    states = memory_layers.layer(kind).apply(x, *ours)
    (states * upstream).sum().backward()
    with torch.no_grad():
        np.testing.assert_allclose(states.numpy(), module(x)[0].numpy(), rtol=0, atol=1e-12)
    for name, p in zip(names, ours, strict=True):
        want = getattr(module, name).grad.numpy()
        np.testing.assert_allclose(p.grad.numpy(), want, rtol=1e-10, atol=1e-12)


def test_the_gru_layer_runs_the_gate_inspectors_gru():
    """One GRU forward: the memory task's layer returns `gru.gru_forward`'s states bit for bit,
    and gru_forward runs a batch (with its own h_0 per sequence) as nn.GRU does."""
    from explorer.cells import gru

    torch.manual_seed(2)
    module = torch.nn.GRU(3, 5, batch_first=True).double()
    params = {k: v.detach().numpy() for k, v in module.state_dict().items()}
    x = torch.randn(4, 11, 3, dtype=torch.float64)
    h0 = torch.randn(1, 4, 5, dtype=torch.float64)
    ours = gru.gru_forward(x.numpy(), params, h0=h0[0].numpy())
    with torch.no_grad():
        np.testing.assert_allclose(ours["h"], module(x, h0)[0].numpy(), rtol=0, atol=1e-12)
        layer = memory_layers.layer("gru").apply(x, *(torch.from_numpy(v) for v in params.values()))
    np.testing.assert_array_equal(layer.numpy(), gru.gru_forward(x.numpy(), params)["h"])
    assert {k: v.shape for k, v in ours.items()} == dict.fromkeys("rznh", (4, 11, 5))


@pytest.fixture(scope="module")
def at_50():
    """T = 50 at the defaults, seed 0 (measured: RNN 0.498, LSTM 1.000, attention 1.000)."""
    return {kind: mt.train_memory(kind, 50, seed=0) for kind in ("rnn", "lstm", "attention")}


def test_rnn_at_chance_where_lstm_and_attention_hold(at_50):
    assert at_50["rnn"].accuracy <= 0.6
    assert at_50["rnn"].losses[-20:].mean() > 0.65  # ln 2 ≈ 0.693: it never leaves chance
    assert len(at_50["rnn"].losses) == 300  # the whole budget, never solved
    assert at_50["lstm"].accuracy >= 0.9
    assert at_50["attention"].accuracy >= 0.9
    assert len(at_50["attention"].losses) < 150  # solved, and training stopped early


def test_result_layout_and_numpy_replay(at_50):
    for kind, result in at_50.items():
        H = 16
        assert (result.kind, result.T) == (kind, 50)
        for p in (result.params, result.init_params):
            assert p["weight_hh_l0"].shape == ((4 if kind != "rnn" else 1) * H, H)
            assert p["readout_weight"].shape == (H,) and np.ndim(p["readout_bias"]) == 0
            assert p["weight_ih_l0"].dtype == np.float64
        x, bits = mt.held_out(50)
        out = mt.replay(result.params, kind, x[:128])
        assert out["states"].shape == (128, 50, H)
        agree = np.mean((out["logits"] > 0) == (bits[:128] == 1))
        if kind != "rnn":
            assert agree >= 0.9
        flow = gradient_flow.state_gradients(mt.cell_kind(kind), result.params, x[0])
        assert flow["h"].shape == (51,)


def test_attention_weights_are_a_distribution_over_the_steps(at_50):
    """Measured (T = 50, seed 0): the trained weights are spread, not a spike on step 1 (mean
    weight 0.0007 on step 1, ≈ 0.02 on the last steps): with forget bias 3 its LSTM carries the
    bit itself, and the attention gave the gradient a one-hop way to step 1 while it learned."""
    x, _ = mt.held_out(50)
    weights = mt.replay(at_50["attention"].params, "attention", x[:64])["weights"]  # (64, 50)
    assert weights.shape == (64, 50) and np.all(weights > 0)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)


def test_attention_spikes_on_step_one_when_its_lstm_cannot_carry_the_bit():
    """Forget bias −2 (f ≈ 0.12: the LSTM forgets within a few steps), T = 100: the only way to
    the answer is to look back at step 1, and the trained weights do (measured: mean weight 0.99
    on step 1). With forget bias 1 the same happens at T = 200 (0.47 on step 1)."""
    result = mt.train_memory("attention", 100, forget_bias=-2.0, seed=0)
    assert result.accuracy >= 0.95
    x, _ = mt.held_out(100)
    weights = mt.replay(result.params, "attention", x[:64])["weights"]
    assert np.all(np.argmax(weights, axis=1) == 0)
    assert weights[:, 0].mean() > 0.5


def test_training_is_deterministic_for_a_seed():
    a, b = (mt.train_memory("gru", 10, steps=30, seed=3) for _ in range(2))
    np.testing.assert_array_equal(a.losses, b.losses)
    np.testing.assert_array_equal(a.params["weight_hh_l0"], b.params["weight_hh_l0"])
    c = mt.train_memory("gru", 10, steps=30, seed=4)
    assert not np.array_equal(a.losses, c.losses)


def test_attention_answer_gradient_matches_torch():
    """answer_gradients for the attention LSTM (L = the logit) against torch autograd: at h_0, c_0
    (the total, through all steps and the attention) and at h_T; the NumPy replay's logit too."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        model = mt._model("attention", 16, 3.0).double()
    params = mt._arrays(model, "attention")
    x = mt.held_out(30)[0][:1]  # (1, 30, 3)
    h0 = torch.zeros(1, 1, 16, dtype=torch.float64, requires_grad=True)
    c0 = torch.zeros(1, 1, 16, dtype=torch.float64, requires_grad=True)
    states, _ = model.cell(torch.from_numpy(x), (h0, c0))  # (1, T, H)
    states.retain_grad()
    weights = torch.softmax(model.att_v(torch.tanh(model.att_W(states)))[..., 0], dim=1)
    logit = model.readout((weights[..., None] * states).sum(dim=1))[0, 0]
    logit.backward()
    ours = mt.answer_gradients(params, "attention", x[0])
    assert ours["h"][0] == pytest.approx(float(h0.grad.norm()), rel=1e-8)
    assert ours["c"][0] == pytest.approx(float(c0.grad.norm()), rel=1e-8)
    assert ours["h"][-1] == pytest.approx(float(states.grad[0, -1].norm()), rel=1e-8)
    assert mt.replay(params, "attention", x)["logits"][0] == pytest.approx(logit.item(), rel=1e-10)
    # At T = 200 (measured at this initialisation: 0.075 against 0.0051) the attention's one hop
    # reaches step 1 better than the way back through 199 steps of the same LSTM read from h_T.
    x = mt.held_out(200)[0][0]
    one_hop = mt.answer_gradients(params, "attention", x)["h"][1]
    assert one_hop > 10 * mt.answer_gradients(params, "lstm", x)["h"][1]


def test_job_reports_progress_and_its_frozen_result_replays():
    """As the page runs it: a pool job with progress notes; the pool freezes every array."""
    from explorer.gradients import flow as gf

    seen = []
    kwargs = dict(kind="gru", lengths=(12,), steps=25, hidden=16, seed=2, start="app")
    found = call(Work("memory_task.train", "k", kwargs), lambda f, note: seen.append((f, note)))
    result = found["runs"][12]
    assert [f for f, _ in seen] == pytest.approx([(i + 1) / 25 for i in range(len(seen))])
    assert "BCE" in seen[-1][1] and len(result.losses) == len(seen)
    for p in (result.params, result.init_params):
        for value in p.values():
            if isinstance(value, np.ndarray):  # (readout_bias is a float)
                value.flags.writeable = False
    x = mt.held_out(12)[0][:3]
    assert mt.replay(result.params, "gru", x)["logits"].shape == (3,)
    assert mt.answer_gradients(result.params, "gru", x[0])["h"].shape == (13,)
    assert gf.connectivity("gru", result.params, x[0]).shape == (12, 12)


def test_budget_lets_the_defaults_through_and_refuses_a_huge_request():
    for kind in mt.KINDS:
        for T in mt.DEFAULT_TS:
            assert mt.over_budget(kind, T) is None
    refusal = mt.over_budget("gru", 1000, steps=2000, hidden=64)
    assert refusal is not None and refusal["seconds"] > refusal["budget"]
    assert mt.over_budget("gru", 1000, steps=refusal["max_steps"], hidden=64) is None
