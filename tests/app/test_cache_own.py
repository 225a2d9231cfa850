"""ui.compute's own cache (it replaced `st.cache_*`, issue #26): what a page relies on.

Each caller of `compute` may change its copy; `shared` results are one read-only value; two
sessions asking for the same new chart wait for one computation; a failure is not remembered
(the next rerun tries again); the least recently used entry goes first; `_…` arguments are not
keys; 1, 1.0 and True are three argument sets."""

import threading

import numpy as np
import pytest

from explorer.errors import InputError
from ui.compute import clear, compute, keep, shared


def listed(x):
    return [x, x]


def test_each_caller_of_compute_gets_its_own_copy():
    first = compute(listed, 7)
    first.append("changed by one page")
    assert compute(listed, 7) == [7, 7]  # the next caller is not affected


def refused(x):
    return InputError("pz.error.value", knob="w_x", value=x)


def test_a_copied_input_error_still_speaks_both_languages():
    """A refusal is a result a page shows (the puzzles' wiring check): the copy is rebuilt."""
    err = compute(refused, "abc")
    assert isinstance(err, InputError)
    assert err.message("zh") == refused("abc").message("zh") != err.message("en")


def arrays(n):
    return {"x": np.arange(n, dtype=float)}


def test_shared_results_are_one_read_only_value():
    a, b = shared(arrays, 3), shared(arrays, 3)
    assert a is b
    with pytest.raises(ValueError, match="read-only"):
        a["x"][0] = 99.0


class Looked:
    """An argument that tells when thread "second" has looked it up in the cache."""

    def __init__(self):
        self.looked_up = threading.Event()

    def __hash__(self):
        if threading.current_thread().name == "second":
            self.looked_up.set()
        return 1

    def __eq__(self, other):
        return other is self


def test_two_sessions_asking_for_the_same_new_value_compute_it_once():
    arg, started, release, calls = Looked(), threading.Event(), threading.Event(), []

    def slow(a):
        calls.append(a)
        started.set()
        release.wait()
        return ["made"]

    got = {}
    first = threading.Thread(target=lambda: got.setdefault("first", compute(slow, arg)))
    second = threading.Thread(target=lambda: got.setdefault("second", compute(slow, arg)))
    second.name = "second"
    first.start()
    assert started.wait(timeout=60)  # the first session is computing
    second.start()
    try:  # the second one asked meanwhile
        assert arg.looked_up.wait(timeout=60), "the second session never looked the key up"
    finally:
        release.set()
    first.join()
    second.join()
    assert got == {"first": ["made"], "second": ["made"]}
    assert len(calls) == 1


def test_a_failure_is_not_cached():
    calls = []

    def flaky(x):
        calls.append(x)
        if len(calls) == 1:
            raise RuntimeError("the first try fails")
        return x

    with pytest.raises(RuntimeError):
        compute(flaky, 5)
    assert compute(flaky, 5) == 5  # tried again, not the remembered failure
    assert compute(flaky, 5) == 5 and len(calls) == 2  # now it is kept


def test_the_least_recently_used_entry_goes_first():
    calls = []

    def counted(x):
        calls.append(x)
        return x

    for x in (1, 2, 1, 3):  # 1 is used again after 2: 2 is the least recently used
        compute(counted, x, max_entries=2)
    assert calls == [1, 2, 3]
    compute(counted, 1, max_entries=2)  # still kept
    assert calls == [1, 2, 3]
    compute(counted, 2, max_entries=2)  # was dropped
    assert calls == [1, 2, 3, 2]


@keep(max_entries=4)
def loaded(recipe, _raw=None):
    if _raw is None:
        raise LookupError(recipe)
    return len(_raw)


def test_underscore_arguments_are_not_part_of_the_key():
    with pytest.raises(LookupError):
        loaded(("upload", "d1"))  # nothing cached yet, no bytes: the function decides
    assert loaded(("upload", "d1"), b"abc") == 3
    assert loaded(("upload", "d1")) == 3  # cached: the bytes are not needed again
    assert loaded(("upload", "d1"), _raw=b"other bytes") == 3
    assert loaded(("upload", "d2"), b"ab") == 2  # the recipe is the key


def kind(x):
    return type(x).__name__


def test_values_of_different_types_are_different_argument_sets():
    assert [compute(kind, v) for v in (1, 1.0, True, np.float64(1))] == [
        "int",
        "float",
        "bool",
        "float64",
    ]
    assert [compute(kind, (v,)) for v in (1, 1.0)] == ["tuple", "tuple"]
    first = compute(listed, (1,))
    assert [type(v[0][0]) for v in (first, compute(listed, (1.0,)))] == [int, float]


def total(a):
    return float(np.sum(a))


def test_arrays_are_keyed_by_their_values():
    assert compute(total, np.ones(3)) == 3.0
    assert compute(total, np.ones(3) * 2) == 6.0  # same shape, other values
    assert compute(total, np.ones(4)) == 4.0
    assert compute(kind, np.ones(2, dtype=np.int64)) == "ndarray"
    assert compute(total, [1, 2]) == 3.0  # a list is a value too


def test_an_argument_that_cannot_be_a_key_is_refused_clearly():
    with pytest.raises(TypeError, match="cache argument"):
        compute(kind, object())


def test_clear_empties_the_caches():
    calls = []

    def counted(x):
        calls.append(x)
        return x

    compute(counted, 1)
    clear()
    compute(counted, 1)
    assert calls == [1, 1]
