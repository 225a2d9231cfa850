"""Stacked and bidirectional RNN / LSTM / GRU against torch (tutorial 002 §3.4)."""

import numpy as np
import pytest

from explorer.cells import stacked

torch = pytest.importorskip("torch")
torch.set_num_threads(1)

MODULES = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def torch_net(kind, n_inputs, hidden, num_layers, bidirectional, seed):
    torch.manual_seed(seed)
    net = MODULES[kind](n_inputs, hidden, num_layers, bidirectional=bidirectional).double()
    params = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    return net, params


def torch_run(net, kind, x):
    """torch's (out, h_n[, c_n]) for a (T, B, D) batch."""
    with torch.no_grad():
        out, state = net(torch.from_numpy(x))
    if kind == "lstm":
        return out.numpy(), state[0].numpy(), state[1].numpy()
    return out.numpy(), state.numpy()


@pytest.mark.parametrize("kind", stacked.KINDS)
@pytest.mark.parametrize("num_layers", [1, 2, 3])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_equals_torch(kind, num_layers, bidirectional):
    net, params = torch_net(kind, 3, 4, num_layers, bidirectional, seed=num_layers)
    x = np.random.default_rng(7).standard_normal((5, 2, 3))  # (T, B, D)
    expected = torch_run(net, kind, x)
    for b in range(x.shape[1]):
        got = stacked.stacked_forward(kind, params, x[:, b], num_layers, bidirectional)
        assert len(got) == (3 if kind == "lstm" else 2)
        for ours, theirs in zip(got, expected, strict=True):
            assert ours.shape == theirs[:, b].shape
            np.testing.assert_allclose(ours, theirs[:, b], atol=1e-10, rtol=0)


def test_initial_states_as_torch():
    net, params = torch_net("lstm", 2, 3, 2, True, seed=3)
    rng = np.random.default_rng(1)
    x, h0, c0 = (
        rng.standard_normal((4, 2)),
        rng.standard_normal((4, 3)),
        rng.standard_normal((4, 3)),
    )
    with torch.no_grad():
        out, (h_n, c_n) = net(*(torch.from_numpy(a) for a in (x[:, None],)),
                              (torch.from_numpy(h0[:, None]), torch.from_numpy(c0[:, None])))  # fmt: skip
    got = stacked.stacked_forward("lstm", params, x, 2, True, h0=h0, c0=c0)
    for ours, theirs in zip(got, (out[:, 0], h_n[:, 0], c_n[:, 0]), strict=True):
        np.testing.assert_allclose(ours, theirs.numpy(), atol=1e-10, rtol=0)


@pytest.mark.parametrize("example", ["rnn", "lstm"])
def test_the_tutorials_two_examples(example):
    """nn.RNN(5, 10, 2) on (6, 3, 5) and nn.LSTM(50, 100, num_layers=2) on (10, 3, 50): every
    batch item equals torch, and the shapes are the ones the tutorial asks about."""
    kind, n_in, hidden, layers, seq_len, batch = stacked.TUTORIAL_EXAMPLES[example]
    net, params = torch_net(kind, n_in, hidden, layers, False, seed=0)
    x = np.random.default_rng(0).standard_normal((seq_len, batch, n_in))
    expected = torch_run(net, kind, x)
    described = stacked.shapes(kind, n_in, hidden, layers, seq_len, batch)
    assert [s.sizes for s in described[1:]] == [e.shape for e in expected]
    if example == "rnn":
        assert [s.sizes for s in described[1:]] == [(6, 3, 10), (2, 3, 10)]
    else:
        assert [s.sizes for s in described[1:]] == [(10, 3, 100), (2, 3, 100), (2, 3, 100)]
    assert described[2].axes == ("layers·directions", "batch", "hidden")
    for b in range(batch):
        got = stacked.stacked_forward(kind, params, x[:, b], layers)
        for ours, theirs in zip(got, expected, strict=True):
            np.testing.assert_allclose(ours, theirs[:, b], atol=1e-10, rtol=0)


@pytest.mark.parametrize("num_layers", [1, 2, 3])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_which_slice_of_out_is_which_row_of_h_n(num_layers, bidirectional):
    params = stacked.random_params("gru", 3, 4, num_layers, bidirectional, seed=2)
    x = np.random.default_rng(3).standard_normal((6, 3))
    out, h_n = stacked.stacked_forward("gru", params, x, num_layers, bidirectional)
    found = stacked.matches(4, num_layers, 6, bidirectional)
    assert len(found) == (2 if bidirectional else 1)
    for m in found:
        np.testing.assert_array_equal(out[m.step, m.lo : m.hi], h_n[m.row])
    # the other rows are earlier layers' final states: never in out
    others = set(range(len(h_n))) - {m.row for m in found}
    assert all(not np.allclose(h_n[r], out[t, lo : lo + 4]) for r in others
               for t in range(6) for lo in (0, 4)[: 1 + bidirectional])  # fmt: skip
    assert stacked.h_n_rows(num_layers, bidirectional)[found[-1].row] == (
        num_layers - 1, 1 if bidirectional else 0)  # fmt: skip


def test_random_params_fit_torch():
    params = stacked.random_params("lstm", 5, 6, 3, True, seed=0)
    net = torch.nn.LSTM(5, 6, 3, bidirectional=True).double()
    theirs = net.state_dict()
    assert set(params) == set(theirs)
    assert all(params[k].shape == tuple(theirs[k].shape) for k in params)
    net.load_state_dict({k: torch.from_numpy(v) for k, v in params.items()})


@pytest.mark.parametrize("example", ["rnn", "lstm"])
def test_the_shapes_panel_measures_the_tutorials_shapes(example):
    """The panel's shapes are measured on the arrays; out's slice and h_n's row are the same
    numbers (difference 0) for every batch item."""
    kind, n_in, hidden, layers, seq_len, batch = stacked.TUTORIAL_EXAMPLES[example]
    found = stacked.run_example(kind, n_in, hidden, layers, seq_len, batch)
    named = stacked.shapes(kind, n_in, hidden, layers, seq_len, batch)
    assert found.measured == named
    assert [m.sizes for m in found.measured][0] == (seq_len, batch, n_in)
    assert [(m.step, m.lo, m.hi, m.row) for m, _ in found.matches] == [(seq_len - 1, 0, hidden, 1)]
    assert all(diff == 0.0 for _, diff in found.matches)
    assert found.call.startswith(f"nn.{kind.upper()}({n_in}, {hidden}, num_layers=2")


def test_bidirectional_example_has_both_matches():
    found = stacked.run_example("gru", 2, 3, 3, 5, 2, bidirectional=True)
    assert [m.sizes for m in found.measured] == [(5, 2, 2), (5, 2, 6), (6, 2, 3)]
    assert [(m.step, m.lo, m.hi, m.row) for m, _ in found.matches] == [(4, 0, 3, 4), (0, 3, 6, 5)]
    assert all(diff == 0.0 for _, diff in found.matches)
