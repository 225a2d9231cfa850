"""A window over a long series as UI state: settings `window` (start, end; 1-based, inclusive)
and `step` (inside it), kept valid for the series shown, and moved by a box dragged on a chart."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from explorer.figures.gates import GAIN_FRAMES_MAX_STEPS, cell_from_click, window_from_box
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


def from_box(settings_cls, chart_key: str, steps: int, limit: int) -> Callable[[], None]:
    """An `on_select` callback for the chart `chart_key` (x = step): a box dragged across it
    becomes the window (at most `limit` steps), the step its first."""

    def use_box() -> None:
        chart = st.session_state.get(chart_key)
        box = window_from_box(chart and chart.get("selection"), steps, limit)
        if box is not None:
            set_values(settings_cls, window=box, step=box[0])

    return use_box


def from_click(settings_cls, lo: int, hi: int, units: int) -> Callable[[dict], None]:
    """An `on_change` callback for a gate-heatmap chart over the window lo..hi (0-based): a click
    on a cell picks its unit (`unit`; not on the input panel) and its step (`step`)."""

    def use_click(chart) -> None:
        cell = cell_from_click(chart.get("click"), lo, hi, units)
        if cell is not None:
            unit, step = cell
            set_values(settings_cls, step=step, **({} if unit is None else {"unit": unit}))

    return use_click


def lines_talk(settings_cls, hand: bool, steps: int, width: int) -> dict:
    """How the unit-lines chart talks back (keyword arguments of `ui.plot`): its step slider (a
    window wider than one step) writes `step`; the hand-wired cell's gain slider (a sequence of
    at most GAIN_FRAMES_MAX_STEPS steps: the frames are precomputed) writes `gain`."""
    sliders = ("step",) * (width > 1) + ("gain",) * (hand and steps <= GAIN_FRAMES_MAX_STEPS)
    if sliders == ("step",):
        return {"slider_to": "step"}
    return {"events": ("slider",), "on_change": from_sliders(settings_cls, sliders)}


def from_sliders(settings_cls, sliders: tuple[str, ...]) -> Callable[[dict], None]:
    """An `on_change` callback for a chart with several sliders: the released slider (its index
    in `sliders`) writes its label into that setting."""

    def use_slider(chart) -> None:
        released = chart.slider or {}
        index = released.get("slider", 0)
        if isinstance(index, int) and 0 <= index < len(sliders):
            value = settings_cls.PARAMS[sliders[index]].parse(str(released.get("label", "")))
            if value is not None:
                set_values(settings_cls, **{sliders[index]: value})

    return use_slider
