"""Why gates work, the memory task: train the cells (shared jobs), accuracy against T, losses,
attention weights."""

import streamlit as st

import ui


def finished(s) -> tuple | None:
    """The recipe of the finished training for these settings, or None (nothing is started)."""
    return None


def trained_gradients(recipe: tuple, steps: int, seed: int) -> dict:
    return {}


def trained_cells(recipe: tuple) -> dict:
    return {}


def section(s, controls) -> None:
    st.subheader(ui.tr("wg.task.header"))
