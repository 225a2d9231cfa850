"""A trained result found again by its key: the shared pool's finished job (ui/jobs.py).

A page that trains with `jobs.run(work)` gets the result on the run that finishes it; a download
clicked later, or another page the student opens it in (the gate inspector), finds it again here
by `work.key`, for as long as the pool keeps the finished job (its last `KEEP_FINISHED`). Nothing
is written anywhere: once the pool has let it go, `result` raises LookupError and the caller says
so (the page that trained it trains it again on the next visit).

What a page computes from a trained result is cached by the result's key (`shared`): hashing
the model itself on every rerun would cost ~14 ms for a 64-unit character model.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from ui import jobs
from ui.compute import cached, freeze_arrays
from ui.downloads import csv_bytes, later

result = jobs.result  # the finished job `key`'s result, or LookupError (ui/jobs.py)


def shared(fn: Callable, key: Hashable, result: Any, /, *args, max_entries: int = 8) -> Any:
    """`fn(result, *args)` for the trained `result` that `key` names, cached per (key, args) and
    shared read-only by every session (the arguments hashable; the result is not hashed)."""
    return cached("trained", fn, max_entries, _by_key)(key, args, _result=result)


def _by_key(fn: Callable) -> Callable:
    def run(key: Hashable, args: tuple, _result: Any = None) -> Any:
        return freeze_arrays(fn(_result, *args))

    run.__module__, run.__qualname__ = fn.__module__, f"{fn.__qualname__}.by_key"
    return run


def csv_later(key: Hashable, columns: Callable[..., dict], /, *args) -> Callable[[], bytes]:
    """A CSV download's data, built when its button is clicked: `columns(result(key), *args)` (the
    arguments small, plain values); once the pool has let the result go, the file says so."""
    return later(_csv, key, columns, *args)


def _csv(key: Hashable, columns: Callable[..., dict], *args) -> bytes:
    return csv_bytes(columns(result(key), *args))
