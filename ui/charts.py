"""The chart element: Plotly figures with the app's config."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from explorer.figures import serialise
from ui.compute import cached

PLOT_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def plot(fig, key: str, **kwargs):
    """Draw a figure (a `go.Figure` or a frozen one) with the app's config (PNG export from the
    mode bar works offline)."""
    return st.plotly_chart(fig, key=key, config=PLOT_CONFIG, width="stretch", theme=None, **kwargs)


def figure(builder: Callable, /, *args, max_entries: int = 32, **kwargs):
    """`builder(*args, **kwargs)` built and serialised once per arguments, shared by every
    session (never mutated). Arguments must be hashable values; `builder` a named function."""
    return cached("figure", builder, max_entries, _serialised)(*args, **kwargs)


def _serialised(builder: Callable) -> Callable:
    @functools.wraps(builder)
    def build(*args, **kwargs):
        fig = builder(*args, **kwargs)
        return fig if isinstance(fig, serialise.FrozenFigure) else serialise.freeze(fig)

    return build
