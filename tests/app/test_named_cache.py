"""ui.compute's Named: a big argument (a training's results) is named for the cache by something small
(its Works) and never hashed; every other argument is, and each function has its own cache."""

import plotly.graph_objects as go
import pytest

from ui.charts import figure
from ui.compute import Named, compute, shared


class Unhashable:
    """Stands for a value Streamlit must not hash (hashing it would fail the call)."""

    def __init__(self, n: int):
        self.n = n

    def __reduce__(self):
        raise AssertionError("the named value was hashed")


def total(value: Unhashable, extra: int) -> int:
    return value.n + extra


def doubled(value: Unhashable, extra: int) -> int:
    return 2 * value.n + extra


def bars(value: Unhashable, lang: str) -> go.Figure:
    return go.Figure(go.Bar(y=[value.n]), layout=dict(title=lang))


@pytest.mark.filterwarnings("ignore")
def test_the_name_is_the_key_and_the_value_is_never_hashed():
    name = ("test_named_cache", 1)
    assert compute(total, Named(name, Unhashable(3)), 1) == 4
    # the same name stands for the same value: the cached result, whatever value comes with it
    assert compute(total, Named(name, Unhashable(100)), 1) == 4
    assert compute(total, Named(name, Unhashable(100)), 2) == 102  # other arguments count
    assert compute(total, Named(("test_named_cache", 2), Unhashable(100)), 1) == 101
    assert compute(doubled, Named(name, Unhashable(5)), 1) == 11  # its own cache
    fig = figure(bars, Named(name, Unhashable(7)), "en").to_dict()
    assert fig["data"][0]["y"] == [7] and fig["layout"]["title"]["text"] == "en"
    assert figure(bars, Named(name, Unhashable(8)), "en").to_dict()["data"][0]["y"] == [7]


@pytest.mark.filterwarnings("ignore")
def test_a_shared_result_is_named_too():
    """`ui.shared` (one read-only result for every session: a trained model's states) keys a
    Named argument by its name as well."""
    name = ("test_named_cache", "shared")
    assert shared(total, Named(name, Unhashable(3)), 1) == 4
    assert shared(total, Named(name, Unhashable(50)), 1) == 4
