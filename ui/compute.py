"""Caching at the boundary: the page calls `explorer` through these, never `st.cache_*` itself.

- `compute(fn, *args)`: `fn(*args)` once per argument set, the result copied to each caller
  (`st.cache_data`): small results, or results a page may change.
- `shared(fn, *args)`: `fn(*args)` once per argument set, one result shared by every session
  (`st.cache_resource`), its NumPy arrays made read-only so no session can change another's;
  `@keep(max_entries=…)` is the same as a decorator.
Arguments must be hashable values (settings objects, numbers, strings, digests of big arrays).
A value too big to hash on every rerun (a training's results, a trained model) is passed as
`Named(name, value)`: `name` is small and determines the value (the training's Works, the job's
key); the cache hashes the name only (Streamlit's `hash_funcs`) and the function gets the value.
`Memo` is a cache a page hands to a view model (`memo(fn, *args)` is `compute(fn, *args)`).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import streamlit as st

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


def _unnamed(fn: Callable) -> Callable:
    """`fn` called with every `Named` argument replaced by its value."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        args = [a.value if isinstance(a, Named) else a for a in args]
        kwargs = {k: v.value if isinstance(v, Named) else v for k, v in kwargs.items()}
        return fn(*args, **kwargs)

    return run


_BY_NAME = {Named: lambda named: named.name}  # the cache key holds the name, never the value


def cached(kind: str, fn: Callable, max_entries: int, wrap=lambda fn: fn) -> Callable:
    """The `st.cache_data`/`st.cache_resource` wrapper of `fn`, made once per function *name*
    (its file and qualified name).

    A page file runs again on every rerun, so its functions are new objects each time: keyed by
    object, this table would grow by one entry per rerun. Streamlit's own cache is keyed by the
    function's module, name and source, so every session shares one cache either way."""
    code = getattr(fn, "__code__", None)  # pages all run as "__main__": their file tells them apart
    name = (kind, fn.__module__, getattr(code, "co_filename", ""), fn.__qualname__, max_entries)
    if name not in _WRAPPERS:
        decorator = st.cache_data if kind == "data" else st.cache_resource  # figure: resource
        _WRAPPERS[name] = decorator(
            _unnamed(wrap(fn)), max_entries=max_entries, show_spinner=False, hash_funcs=_BY_NAME
        )
    return _WRAPPERS[name]


def compute(fn: Callable, /, *args, max_entries: int = 64, **kwargs) -> Any:
    """`fn(*args, **kwargs)`, cached per arguments (a copy for each caller)."""
    return cached("data", fn, max_entries)(*args, **kwargs)


def shared(fn: Callable, /, *args, max_entries: int = 32, **kwargs) -> Any:
    """`fn(*args, **kwargs)`, cached per arguments and shared read-only by every session."""
    return cached("resource", fn, max_entries, _frozen)(*args, **kwargs)


def keep(*, max_entries: int = 32) -> Callable:
    """`shared` as a decorator: `@ui.keep(max_entries=8) def loaded(recipe, _raw=None)` caches
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
