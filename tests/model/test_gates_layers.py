"""Two-layer gates (issue "Deep and leaky"): a random or uploaded 2-layer LSTM / GRU, each
layer's gates, equal to torch's nn.LSTM/GRU(…, num_layers=2); the .npz reader takes the `_l1`
keys from its fixed list, checked like the first layer's."""

import io
import zipfile

import numpy as np
import pytest

from explorer.cells import recipes as cells
from explorer.cells import stacked
from explorer.errors import InputError
from explorer.inputs import weights

torch = pytest.importorskip("torch")
torch.set_num_threads(1)


def torch_out(kind, params, x):
    net = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind](x.shape[1], 4, 2).double()
    net.load_state_dict({k: torch.from_numpy(np.asarray(v)) for k, v in params.items()
                         if k in net.state_dict()})  # fmt: skip
    with torch.no_grad():
        return net(torch.from_numpy(x))[0].numpy()


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_random_two_layer_cell_is_torch(kind):
    cell = cells.cell(("random", kind, 3, 4, 5, 1.0, 1.0, False, 2))
    assert cell.layers == 2 and cell.inputs == 3 and cell.hidden == 4
    x = np.random.default_rng(0).standard_normal((9, 3))
    first = cells.run(cell, x)
    second = cells.run_second(cell, first)
    np.testing.assert_allclose(second["h"], torch_out(kind, cell.params, x), atol=1e-10, rtol=0)
    out = stacked.stacked_forward(kind, cell.params, x, 2)[0]
    np.testing.assert_allclose(second["h"], out, atol=1e-12, rtol=0)
    gates = ("i", "f", "g", "o", "c", "h") if kind == "lstm" else ("r", "z", "n", "h")
    assert set(second) == set(gates)
    assert not np.allclose(second["h"], first["h"])


def test_one_layer_recipe_is_unchanged():
    old = cells.cell(("random", "lstm", 3, 4, 5, 1.0, 1.0, True))
    same = cells.cell(("random", "lstm", 3, 4, 5, 1.0, 1.0, True, 1))
    assert old.layers == same.layers == 1
    assert old.params.keys() == same.params.keys()
    assert all(np.array_equal(old.params[k], same.params[k]) for k in old.params)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_uploaded_two_layer_npz_round_trips(kind):
    cell = cells.cell(("random", kind, 2, 4, 1, 1.0, 1.0, False, 2))
    raw = cell.npz()
    found = cells.cell(cells.file_recipe(raw), raw)
    assert found.error is None and found.kind == kind and found.layers == 2
    x = np.random.default_rng(1).standard_normal((6, 2))
    second = cells.run_second(found, cells.run(found, x))
    np.testing.assert_allclose(second["h"], torch_out(kind, found.params, x), atol=1e-10, rtol=0)


def npz(params) -> bytes:
    return weights.weights_bytes(params)


def test_half_a_second_layer_is_refused():
    params = cells.cell(("random", "gru", 2, 3, 0, 1.0, 1.0, False, 2)).params
    del params["bias_hh_l1"]
    with pytest.raises(InputError) as err:
        weights.parse_weights(npz(params))
    assert err.value.key == "gt.err.weights_missing" and "bias_hh_l1" in str(err.value)


@pytest.mark.parametrize("key", ["weight_ih_l1", "weight_hh_l1", "bias_ih_l1"])
def test_second_layer_of_the_wrong_shape_is_refused(key):
    params = cells.cell(("random", "lstm", 2, 3, 0, 1.0, 1.0, False, 2)).params
    params[key] = np.zeros(params[key].shape[:-1] + (params[key].shape[-1] + 1,))
    with pytest.raises(InputError) as err:
        weights.parse_weights(npz(params))
    assert err.value.key == "gt.err.weights_shape" and key in str(err.value)


def test_second_layer_member_declaring_too_much_is_refused_unread():
    """A `_l1` member is bounded like every known member: its declared size is checked first."""
    params = cells.cell(("random", "lstm", 2, 3, 0, 1.0, 1.0, False, 2)).params
    del params["weight_hh_l1"]  # written below, claiming one byte more than it may
    buffer = io.BytesIO(npz(params))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("weight_hh_l1.npy", b"\0" * (weights._member_limit("weight_hh_l1") + 1))
    with pytest.raises(InputError) as err:
        weights.parse_weights(buffer.getvalue())
    assert err.value.key == "gt.err.weights_member"


def test_non_finite_second_layer_is_refused():
    params = cells.cell(("random", "gru", 2, 3, 0, 1.0, 1.0, False, 2)).params
    params["weight_hh_l1"][0, 0] = np.nan
    with pytest.raises(InputError) as err:
        weights.parse_weights(npz(params))
    assert err.value.key == "gt.err.weights_finite"
