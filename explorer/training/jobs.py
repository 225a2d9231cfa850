"""Jobs by declaration: the long computations a page may ask for, each registered by name.

A job function is declared with `@job("name")` in the module that owns it; its signature is
`fn(progress, **kwargs) -> result`, where `progress(fraction, note)` reports (0…1 and a short note)
and is where a cancelled job stops. A view model asks for one with `Work(name, key, kwargs, label)`:
plain data, so the pool can run it in this process or send it to a Dask worker, which imports
explorer and calls `call(work, progress)` (nothing is pickled but the name and the arguments).

`key` names the work for sharing: two students asking for the same key share one job, so it must
name every argument that changes the result (a text by its digest, not the text itself).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

# The modules that declare jobs: imported on first use (a Dask worker imports them too).
PROVIDERS = (
    "explorer.training.next_step",
    "explorer.training.charmodel",
    "explorer.training.memory_task",
    "explorer.views.unrolled",
)
_REGISTRY: dict[str, Callable[..., Any]] = {}


def job(name: str) -> Callable[[Callable], Callable]:
    """Declare `fn(progress, **kwargs)` as the job `name` (a decorator; returns `fn` unchanged)."""

    def declare(fn: Callable) -> Callable:
        if _REGISTRY.get(name, fn) is not fn:
            raise ValueError(f"job {name!r} is declared twice")
        _REGISTRY[name] = fn
        return fn

    return declare


@dataclass(frozen=True)
class Work:
    """One job asked for: the declared function's `name`, the `key` that names its result (shared
    by every student who asks for it), its keyword arguments, the progress bar's `label`, and
    whether it trains a model (a share link then says it carries the settings, not the model)."""

    name: str
    key: Hashable
    kwargs: dict = field(compare=False, hash=False)
    label: str = field(default="", compare=False, hash=False)
    trains: bool = field(default=False, compare=False, hash=False)


def declared(name: str) -> Callable[..., Any]:
    """The function declared as `name` (its provider modules imported first)."""
    if name not in _REGISTRY:
        for module in PROVIDERS:
            importlib.import_module(module)
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no job is declared as {name!r}") from None


def names() -> list[str]:
    """Every declared job's name."""
    for module in PROVIDERS:
        importlib.import_module(module)
    return sorted(_REGISTRY)


def call(work: Work, progress: Callable[[float, str], None]) -> Any:
    """Run `work` here: its declared function with its arguments."""
    return declared(work.name)(progress, **work.kwargs)
