"""Caching at the boundary: the page calls `explorer` through these, never `st.cache_*` itself.

- `compute(fn, *args)`: `fn(*args)` once per argument set, the result copied to each caller
  (`st.cache_data`): small results, or results a page may change.
- `shared(fn, *args)`: `fn(*args)` once per argument set, one result shared by every session
  (`st.cache_resource`), its NumPy arrays made read-only so no session can change another's.
Arguments must be hashable values (settings objects, numbers, strings, digests of big arrays).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import streamlit as st


@functools.cache
def _data(fn: Callable, max_entries: int) -> Callable:
    return st.cache_data(fn, max_entries=max_entries, show_spinner=False)


@functools.cache
def _resource(fn: Callable, max_entries: int) -> Callable:
    return st.cache_resource(_frozen(fn), max_entries=max_entries, show_spinner=False)


def compute(fn: Callable, /, *args, max_entries: int = 64, **kwargs) -> Any:
    """`fn(*args, **kwargs)`, cached per arguments (a copy for each caller)."""
    return _data(fn, max_entries)(*args, **kwargs)


def shared(fn: Callable, /, *args, max_entries: int = 32, **kwargs) -> Any:
    """`fn(*args, **kwargs)`, cached per arguments and shared read-only by every session."""
    return _resource(fn, max_entries)(*args, **kwargs)


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
