"""The unrolled page's stacked architecture: its numbers are torch's nn.RNN(…, layers,
bidirectional), forward and backward (∂L/∂x and ∂L/∂h_0 of every layer by torch autograd)."""

import numpy as np
import pytest

from explorer.cells import stacked
from explorer.cells import unrolled as unrolling
from explorer.inputs import presets
from explorer.views import unrolled as un

torch = pytest.importorskip("torch")
torch.set_num_threads(1)


def diagram(layers, bidirectional, preset="random", act="tanh", loss="last", alpha=1.0):
    view = un.View("stacked", preset, hidden=3, act=act, seed=4, loss_at=loss, layers=layers,
                   bidirectional=bidirectional)  # fmt: skip
    setup = view.setup()
    w = presets.preset_weights(preset, setup, view.seed)
    w |= presets.stack_weights(preset, setup, view.seed, layers, bidirectional)
    x = un.sequence(view)
    return un.frame(view, alpha), unrolling.scaled(w, alpha), x


@pytest.mark.parametrize("layers", [1, 2, 3])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("loss", ["last", "every"])
def test_stacked_diagram_is_torch(layers, bidirectional, loss):
    now, w, x = diagram(layers, bidirectional, loss=loss, alpha=0.8)
    rows = {r.name: r for r in now.rows}
    dirs = 2 if bidirectional else 1
    params = unrolling.stack_params(w, layers, bidirectional)
    net = torch.nn.RNN(2, 3, layers, bidirectional=bidirectional).double()
    net.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in params.items()})
    xt = torch.from_numpy(x[:, None].copy()).requires_grad_(True)
    h0 = torch.zeros(layers * dirs, 1, 3, dtype=torch.float64, requires_grad=True)
    out, h_n = net(xt, h0)
    W_hy = w["bi_W_hy"] if bidirectional else w["W_hy"]
    y = out[:, 0] @ torch.from_numpy(W_hy) + torch.from_numpy(w["b_y"])
    (y[-1].sum() if loss == "last" else y.sum()).backward()
    np.testing.assert_allclose(rows["y"].values, y.detach().numpy(), atol=1e-10, rtol=0)
    np.testing.assert_allclose(rows["h"].values[1:], out[:, 0, :3].detach().numpy(), atol=1e-10)
    np.testing.assert_allclose(rows["x"].grads, xt.grad[:, 0].numpy(), atol=1e-10, rtol=0)
    for layer, d in stacked.h_n_rows(layers, bidirectional):
        name = ("h" if d == 0 else "hb") + ("" if layer == layers - 1 else str(layer + 1))
        got = rows[name].grads[-1 if d else 0]  # ∂L/∂(initial state): h→ at column 0, h← at T+1
        np.testing.assert_allclose(got, h0.grad[layer * dirs + d, 0].numpy(), atol=1e-10, rtol=0)
        assert rows[name].level == layer + 1
    assert rows["y"].level == layers + 1
    assert now.states.shape == (layers * dirs * 3, len(x))


def test_one_layer_is_the_n_to_n_diagram():
    now, _, _ = diagram(1, False, preset="worked", act="identity")
    view = un.View("n_to_n", "worked")
    flat = {r.name: r for r in un.frame(view, 1.0).rows}
    for row in now.rows:
        np.testing.assert_array_equal(row.values, flat[row.name].values)
    h = {r.name: r for r in now.rows}["h"].values
    np.testing.assert_array_equal(h[1:], [[2, 2], [6, 6], [16, 16]])  # tutorial 002's memories


def test_budget_counts_every_layer_and_direction():
    one = un.View("stacked", "random", hidden=8, act="tanh", layers=1)
    six = un.View("stacked", "random", hidden=8, act="tanh", layers=3, bidirectional=True)
    assert un.work(six, 100) == 6 * un.work(one, 100)
