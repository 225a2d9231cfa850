"""A cache a page hands to a view model (`explorer.views`): `memo(fn, *args)` is
`ui.compute(fn, *args)`, so each costly step of the view model (a race, a surface) is kept on
its own arguments. A frozen dataclass: it can be an argument of `ui.figure`/`ui.shared` itself
(Streamlit hashes it by its fields)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ui.compute import compute


@dataclass(frozen=True)
class Memo:
    max_entries: int = 64  # per step function

    def __call__(self, fn: Callable, /, *args) -> Any:
        return compute(fn, *args, max_entries=self.max_entries)
