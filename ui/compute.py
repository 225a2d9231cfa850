"""Caching at the boundary: the page calls `explorer` through these, never `st.cache_*` itself.

- `compute(fn, *args)`: `fn(*args)` once per argument set, a copy to each caller (a pickle, as
  `st.cache_data` did): small results, or results a page may change.
- `shared(fn, *args)`: `fn(*args)` once per argument set, one result shared by every session, its
  NumPy arrays made read-only so no session can change another's; `@keep(max_entries=…)` is the
  same as a decorator.
Arguments are values: settings objects, numbers, strings, tuples, enums; an array is keyed by
its dtype, shape and a digest of its bytes. `f(1)`, `f(1.0)` and `f(True)` are three entries.
A value too big to key on every rerun (a training's results, a trained model) is passed as
`Named(name, value)`: `name` is small and determines the value (the training's Works, the job's
key); the key holds the name only and the function gets the value.
`Memo` is a cache a page hands to a view model (`memo(fn, *args)` is `compute(fn, *args)`).
The caches are the app's own (`ui.lru.LRU`), one per function, process-wide like Streamlit's, and
public API only; an exception is never cached. `clear()` empties them all.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import inspect
import pickle
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from ui.lru import LRU

_WRAPPERS: dict[tuple, Callable] = {}


@dataclasses.dataclass(frozen=True, eq=False)
class Named:
    """A big argument and the small `name` that stands for it in the cache key."""

    name: Any
    value: Any


@dataclasses.dataclass(frozen=True)
class Memo:
    """A cache a page hands to a view model (`explorer.views`): each costly step `fn(*args)` of
    the view model is kept on its own arguments. Frozen: it can be a cached argument itself."""

    max_entries: int = 64  # per step function

    def __call__(self, fn: Callable, /, *args) -> Any:
        return compute(fn, *args, max_entries=self.max_entries)


def key(value: Any) -> Any:
    """`value` as a hashable cache key that keeps its type: 1, 1.0 and True differ, like
    Streamlit's hasher; a `Named` is its name. TypeError for what cannot be keyed by value."""
    if isinstance(value, Named):
        return Named, key(value.name)
    if value is None or isinstance(value, (bool, int, str, bytes, complex)):
        return type(value), value
    if isinstance(value, float):
        return type(value), float.hex(value)  # -0.0 is not 0.0, nan is nan
    if isinstance(value, enum.Enum):
        return type(value), value.name
    if isinstance(value, (tuple, list)):
        return type(value), tuple(map(key, value))
    if isinstance(value, (set, frozenset)):
        return type(value), tuple(sorted(map(key, value), key=repr))
    if isinstance(value, dict):
        return dict, tuple((key(k), key(v)) for k, v in value.items())
    if isinstance(value, (np.ndarray, np.generic)) and not value.dtype.hasobject:  # else: refused
        digest = hashlib.blake2b(np.ascontiguousarray(value).data).hexdigest()
        return type(value), value.dtype.str, np.shape(value), digest
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return type(value), tuple(key(getattr(value, f.name)) for f in fields)
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
        return type(value), value.__module__, value.__qualname__
    if type(value).__hash__ not in (None, object.__hash__):  # hashed by value (a Path, a date)
        return type(value), value
    raise TypeError(f"{type(value).__name__} cannot be a cache argument: pass a value or Named")


def cached(kind: str, fn: Callable, max_entries: int, wrap=lambda fn: fn) -> Callable:
    """The cached `fn` ("data": a copy to each caller; "resource", "figure": shared), made once
    per function *name* (its module, file and qualified name).

    A page file runs again on every rerun, so its functions are new objects each time: keyed by
    object, this table would grow by one entry per rerun, and each session would have its own
    cache. Arguments named `_…` are not part of the key (Streamlit's rule)."""
    code = getattr(fn, "__code__", None)  # pages all run as "__main__": their file tells them apart
    name = (kind, fn.__module__, getattr(code, "co_filename", ""), fn.__qualname__, max_entries)
    if name not in _WRAPPERS:
        _WRAPPERS[name] = _cached(fn, wrap(fn), LRU(max_entries), copied=kind == "data")
    return _WRAPPERS[name]


def _cached(fn: Callable, made: Callable, cache: LRU, copied: bool) -> Callable:
    signature = inspect.signature(fn)

    def make(args, kwargs):
        args = [a.value if isinstance(a, Named) else a for a in args]
        kwargs = {k: v.value if isinstance(v, Named) else v for k, v in kwargs.items()}
        value = made(*args, **kwargs)
        return pickle.dumps(value, pickle.HIGHEST_PROTOCOL) if copied else value

    @functools.wraps(fn)
    def run(*args, **kwargs):
        bound = signature.bind(*args, **kwargs).arguments  # f(1) and f(x=1): one entry
        k = tuple((n, key(v)) for n, v in bound.items() if not n.startswith("_"))
        value = cache.get(k, lambda: make(args, kwargs))
        return pickle.loads(value) if copied else value  # our own pickle, never user input

    run.cache = cache
    return run


def clear() -> None:
    """Empty every cache (a benchmark's cold start)."""
    for wrapper in _WRAPPERS.values():
        wrapper.cache.clear()


def compute(fn: Callable, /, *args, max_entries: int = 64, **kwargs) -> Any:
    """`fn(*args, **kwargs)`, cached per arguments (a copy for each caller)."""
    return cached("data", fn, max_entries)(*args, **kwargs)


def shared(fn: Callable, /, *args, max_entries: int = 32, **kwargs) -> Any:
    """`fn(*args, **kwargs)`, cached per arguments and shared read-only by every session."""
    return cached("resource", fn, max_entries, _frozen)(*args, **kwargs)


def keep(*, max_entries: int = 32) -> Callable:
    """`shared` as a decorator: `@ui.keep(max_entries=8) def cell(recipe, _payload=None)` caches
    and shares the function's results read-only. Arguments named `_…` are not part of the key
    (an upload's bytes, named by a digest in another argument): called without them, it gives
    what is cached, or the function decides (e.g. LookupError: a download that came too late)."""
    return lambda fn: cached("resource", fn, max_entries, _frozen)


def _frozen(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def run(*args, **kwargs):
        return freeze_arrays(fn(*args, **kwargs))

    return run


def freeze_arrays(value: Any) -> Any:
    """Mark every NumPy array in `value` (dicts, lists, tuples, dataclasses) read-only."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, dict):
        for item in value.values():
            freeze_arrays(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            freeze_arrays(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            freeze_arrays(getattr(value, f.name))
    return value
