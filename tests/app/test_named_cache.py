"""ui.named: a big argument (a training's results) is named for the cache by something small
(its Works) and never hashed; every other argument is, and each function has its own cache."""

import plotly.graph_objects as go
import pytest

from ui import named
from ui.named import Named


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
    assert named.compute(total, Named(name, Unhashable(3)), 1) == 4
    # the same name stands for the same value: the cached result, whatever value comes with it
    assert named.compute(total, Named(name, Unhashable(100)), 1) == 4
    assert named.compute(total, Named(name, Unhashable(100)), 2) == 102  # other arguments count
    assert named.compute(total, Named(("test_named_cache", 2), Unhashable(100)), 1) == 101
    assert named.compute(doubled, Named(name, Unhashable(5)), 1) == 11  # its own cache
    fig = named.figure(bars, Named(name, Unhashable(7)), "en").to_dict()
    assert fig["data"][0]["y"] == [7] and fig["layout"]["title"]["text"] == "en"
    assert named.figure(bars, Named(name, Unhashable(8)), "en").to_dict()["data"][0]["y"] == [7]
