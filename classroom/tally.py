"""The class's answers as bars for the teacher's screen (no Streamlit): one bar per option of a
choice question, or a histogram of the numbers typed for a number question."""

from __future__ import annotations

import math

BINS = 8  # at most this many bars for numbers


def bars(options: tuple[str, ...], tally: dict[str, int]) -> list[tuple[str, int]]:
    """(label, count) in the order the teacher reads them.

    A choice question: every option, in its own order, answered or not (an empty bar says "no
    one chose it"). A number question: each value if there are few, else BINS ranges of equal
    width on a log scale when every answer is positive and they span more than a factor of 100,
    on a linear scale otherwise; answers that are not numbers are left out.
    """
    if options:
        return [(option, int(tally.get(option, 0))) for option in options]
    numbers: list[tuple[float, int]] = []
    for value, count in tally.items():
        try:
            number = float(value)
        except ValueError:
            continue
        if math.isfinite(number):
            numbers.append((number, int(count)))
    numbers.sort()
    if len(numbers) <= BINS:
        return [(f"{value:.3g}", count) for value, count in numbers]
    low, high = numbers[0][0], numbers[-1][0]
    log = low > 0 and high / low > 100
    scale = (lambda v: math.log10(v)) if log else (lambda v: v)
    unscale = (lambda v: 10**v) if log else (lambda v: v)
    lo, hi = scale(low), scale(high)
    width = (hi - lo) / BINS
    counts = [0] * BINS
    for value, count in numbers:
        counts[min(int((scale(value) - lo) / width), BINS - 1)] += count
    edges = [unscale(lo + i * width) for i in range(BINS + 1)]
    return [(f"{edges[i]:.3g} – {edges[i + 1]:.3g}", counts[i]) for i in range(BINS)]
