"""One view model per page: a page's settings in; figures, numbers, verdicts and jobs out.

A view model's costly steps (a race, a surface on a grid) go through `memo(fn, *args)`, a
parameter: by default `direct` (the step is computed), a page passes a cache (`ui.compute.Memo`) so that
each step is kept on its own arguments and a change of something else does not redo it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def direct(fn: Callable, /, *args) -> Any:
    """`fn(*args)`: a view model's step, not cached."""
    return fn(*args)
