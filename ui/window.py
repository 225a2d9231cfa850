"""A window over a long series as UI state: settings `window` (start, end; 1-based, inclusive)
and `step` (inside it), kept valid for the series shown, and moved by a box dragged on a chart."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from explorer.figures.gates import GAIN_FRAMES_MAX_STEPS
from explorer.views.gates import cell_from_click, window_from_box
from ui.charts import ChartEvent, slider_sets
from ui.state import set_values

_SERIES = "_window_series"  # settings prefix → the series this session's window was about


def keep_inside(settings, steps: int, limit: int, series: Hashable) -> tuple[int, int, int, bool]:
    """(start, end, step, clipped): the window inside 1..steps and at most `limit` long, the step
    inside the window; a new `series` (say, a digest) starts at its beginning, while a link or a
    rerun keeps the window it names. Sets the widgets' values: call before they are drawn."""
    cls, seen = type(settings), st.session_state.setdefault(_SERIES, {})
    (start, end), step = settings.window, settings.step
    if seen.get(cls.PREFIX, series) != series:
        start, end, step = 1, limit, 1
    seen[cls.PREFIX] = series
    start = min(max(int(start), 1), steps)
    end = min(max(int(end), start), steps)
    clipped = end - start + 1 > limit
    end = start + limit - 1 if clipped else end
    step = min(max(int(step), start), end)
    set_values(cls, window=(start, end), step=step)
    return start, end, step, clipped


def box_sets_window(settings_cls, steps: int, limit: int) -> Callable[[ChartEvent], None]:
    """An `on_event` for a chart over the steps (x = step), hearing "box": a box dragged across
    it becomes the window (at most `limit` steps), the step its first."""

    def use_box(event: ChartEvent) -> None:
        box = window_from_box(event.selection, steps, limit) if event.kind == "selection" else None
        if box is not None:
            set_values(settings_cls, window=box, step=box[0])

    return use_box


def click_sets_cell(settings_cls, lo: int, hi: int, units: int) -> Callable[[ChartEvent], None]:
    """An `on_event` for a gate-heatmap chart over the window lo..hi (0-based), hearing "click":
    a click on a cell picks its unit (`unit`; not on the input panel) and its step (`step`)."""

    def use_click(event: ChartEvent) -> None:
        cell = cell_from_click(event.point, lo, hi, units) if event.kind == "click" else None
        if cell is not None:
            unit, step = cell
            set_values(settings_cls, step=step, **({} if unit is None else {"unit": unit}))

    return use_click


def lines_talk(settings_cls, hand: bool, steps: int, width: int) -> dict:
    """How the unit-lines chart talks back (keyword arguments of `ui.plot`): its step slider (a
    window wider than one step) sets `step`; the hand-wired cell's gain slider (a sequence of
    at most GAIN_FRAMES_MAX_STEPS steps: the frames are precomputed) sets `gain`."""
    sliders = ("step",) * (width > 1) + ("gain",) * (hand and steps <= GAIN_FRAMES_MAX_STEPS)
    return {"on_event": slider_sets(*sliders, settings=settings_cls)} if sliders else {}
