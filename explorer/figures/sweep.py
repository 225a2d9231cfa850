"""The values a chart's slider steps through: one `Sweep` shared by the figure that draws the
slider and the view model (or page) that reads the released step back.

A step has a number (its value: what the browser sends back when the slider is let go on it) and
a label (what the slider shows; also the name of the frame it plays, after an optional prefix).
The label is for people only: nothing parses it.

    rho = Sweep(RHO_SWEEP)                  # labels "0.00", "0.05", …
    active = rho.nearest(settings.rho)      # a typed 0.33 is shown at the step 0.35
    rho.steps(...)                          # the Plotly slider's steps, each with its number
    rho.parse(event.value)                  # the released step's value (None: not a number)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import numpy as np


def _number(value) -> float:
    """A step's value as a plain float, to 12 significant digits (np.linspace's 0.7500000000000001
    is 0.75, as its label says), never -0.0."""
    number = float(f"{float(value):.12g}") + 0.0
    if not math.isfinite(number):
        raise ValueError(f"a sweep's value must be finite, not {value!r}")
    return number


@dataclasses.dataclass(frozen=True)
class Sweep:
    """The steps of one slider: `values` (numbers, in the slider's order), their `labels`
    (default: each value formatted with `fmt`, e.g. ".2f", or "d" for whole numbers), and `frame`, the prefix of the frame name each
    step plays (frame name = frame + label). Hashable: a cache key like any setting."""

    values: tuple[float, ...]
    labels: tuple[str, ...] = ()
    frame: str = ""
    fmt: str = ".2f"

    def __post_init__(self) -> None:
        values = tuple(_number(v) for v in np.ravel(np.asarray(self.values, dtype=np.float64)))
        if not values:
            raise ValueError("a sweep has at least one step")
        whole = self.fmt.endswith("d")  # "d": whole numbers (steps, iterations)
        labels = tuple(str(s) for s in self.labels) or tuple(
            format(int(v) if whole else v, self.fmt) for v in values
        )
        if len(labels) != len(values):
            raise ValueError(f"{len(labels)} labels for {len(values)} values")
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "labels", labels)

    def __len__(self) -> int:
        return len(self.values)

    @property
    def frames(self) -> tuple[str, ...]:
        """The name of the frame each step plays."""
        return tuple(self.frame + label for label in self.labels)

    def nearest(self, value: float) -> int:
        """The index of the step nearest `value` (a typed value between two steps is shown at the
        nearer; halfway, at the one that comes first; beyond the ends, at the end)."""
        value = float(value)
        if math.isnan(value):
            raise ValueError("no step is nearest NaN")
        return int(np.argmin(np.abs(np.asarray(self.values) - value)))

    def snap(self, value: float) -> float:
        """The value of the step nearest `value`: what the chart shows for it."""
        return self.values[self.nearest(value)]

    def parse(self, raw) -> float | None:
        """The step an event's value names (a number, or a number's text), as that step's value;
        None when `raw` is not a finite number (nothing to set)."""
        number = as_number(raw)
        return None if number is None else self.snap(number)

    def index(self, raw) -> int | None:
        """The index of the step an event's value names, or None (see `parse`)."""
        number = as_number(raw)
        return None if number is None else self.nearest(number)

    def steps(self, method: str, args: Callable[[int], list]) -> list[dict]:
        """Plotly slider steps: each shows its label and carries its number as `value` (Plotly
        keeps a step's value as text; the chart element sends it back as a number)."""
        return [
            dict(label=label, value=repr(value), method=method, args=args(i))
            for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True))
        ]


def as_number(raw) -> float | None:
    """`raw` (from the browser: a number, a number's text, anything) as a finite float, or None."""
    if isinstance(raw, bool) or raw is None:
        return None
    try:
        number = float(raw.strip() if isinstance(raw, str) else raw)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
