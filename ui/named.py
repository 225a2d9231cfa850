"""Caching by name, for values too big to hash on every rerun: a training's results, a chart's
sweeps. Wrap such an argument as `Named(name, value)`, where `name` is small and determines the
value (the training's Works, the settings the sweeps were computed from); the cache key then
holds the name and never hashes the value. The other arguments are hashed as `ui.figure` and
`ui.compute` hash them:

    named.figure(vm.accuracy_chart, Named(works, results), lang)

`fn` must be a module's own function (explorer's view models): each gets its own cache.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from ui.charts import figure as cached_figure
from ui.compute import compute as cached_compute


@dataclass(frozen=True, eq=False)
class Named:
    """A big argument and the small `name` that stands for it in the cache key."""

    name: Hashable
    value: Any


def figure(builder: Callable, /, *args, max_entries: int = 32):
    """`builder(*args)` with every `Named` argument replaced by its value, as `ui.figure`."""
    names, values = _split(args)
    return cached_figure(_by_name(builder), names, max_entries=max_entries, _values=values)


def compute(fn: Callable, /, *args, max_entries: int = 64) -> Any:
    """`fn(*args)` with every `Named` argument replaced by its value, as `ui.compute`."""
    names, values = _split(args)
    return cached_compute(_by_name(fn), names, max_entries=max_entries, _values=values)


def _split(args: tuple) -> tuple[tuple, dict]:
    """(the arguments with each Named as its name, {position: value} of the Named ones)."""
    names = tuple(arg.name if isinstance(arg, Named) else arg for arg in args)
    return names, {i: arg.value for i, arg in enumerate(args) if isinstance(arg, Named)}


_CALLERS: dict[tuple, Callable] = {}


def _by_name(fn: Callable) -> Callable:
    """`fn` called as `caller(names, _values)` (Streamlit never hashes an argument named `_…`),
    one caller per function, under the function's own module and name: its own cache."""
    key = (fn.__module__, fn.__qualname__)
    if key not in _CALLERS:

        def caller(names: tuple, _values: dict) -> Any:
            return fn(*(_values.get(i, name) for i, name in enumerate(names)))

        caller.__module__, caller.__qualname__ = fn.__module__, fn.__qualname__
        _CALLERS[key] = caller
    return _CALLERS[key]
