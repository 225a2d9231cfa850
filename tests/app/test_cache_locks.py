"""A long-lived server's caches stay bounded: a cached function that has seen many argument sets
(every race-map click a new start, every slider move a new value) keeps no lock for each of them
(issue #26: the 60-minute soak's server held 9,000 more `_thread.lock`s at its end)."""

import gc

import plotly.graph_objects as go
import pytest

from ui.charts import figure
from ui.compute import compute, shared

ARGUMENT_SETS = 300
MAX_ENTRIES = 8


def square(x: int) -> int:
    return x * x


def square_list(x: int) -> list[int]:
    return [x * x]


def bar(x: int) -> go.Figure:
    return go.Figure(go.Bar(y=[x]))


def _locks() -> int:
    gc.collect()
    return sum(type(o).__name__ == "lock" for o in gc.get_objects())


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize(
    ("call", "fn"),
    [(compute, square), (shared, square_list), (figure, bar)],
    ids=["compute", "shared", "figure"],
)
def test_many_argument_sets_leave_no_lock_each(call, fn):
    call(fn, -1, max_entries=MAX_ENTRIES)  # the cache exists
    before = _locks()
    for x in range(ARGUMENT_SETS):
        call(fn, x, max_entries=MAX_ENTRIES)
    grew = _locks() - before
    assert grew <= 2, f"{grew} more locks after {ARGUMENT_SETS} argument sets"


@pytest.mark.filterwarnings("ignore")
def test_the_results_are_still_cached_and_right():
    calls = []

    def counted(x: int) -> int:
        calls.append(x)
        return x + 1

    results = [compute(counted, x % 4, max_entries=MAX_ENTRIES) for x in range(40)]
    assert results == [x % 4 + 1 for x in range(40)]
    assert sorted(calls) == [0, 1, 2, 3]  # each computed once: the cache still works
