"""CSV downloads, written when the button is clicked."""

from __future__ import annotations

import csv
import functools
import io
import math
from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from explorer import i18n
from ui.lang import lang, tr


def csv_bytes(columns: Mapping[str, Sequence]) -> bytes:
    """Columns of equal length → CSV bytes (UTF-8, header row, full float precision, quoted)."""
    names = list(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in zip(*(columns[name] for name in names), strict=True):
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def _cell(value) -> str:
    if hasattr(value, "item"):  # NumPy scalars (np.float64 is a float: unwrap it first)
        value = value.item()
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    return str(value)


def download_csv(
    columns: Mapping[str, Sequence] | bytes | Callable[[], bytes], filename: str, key: str
) -> None:
    """A CSV download button. Give the columns, the bytes, or (for big tables) a function that
    returns the bytes: it runs only when the button is clicked, not on every rerun. A function
    must capture only small, plain values (settings, digests): the button keeps it for the
    session's lifetime, and big arrays in it would be held per student."""
    data = columns if isinstance(columns, bytes) or callable(columns) else csv_bytes(columns)
    st.download_button(
        tr("download.csv"), data, file_name=filename, mime="text/csv", key=key, on_click="ignore"
    )  # a download changes nothing on the page: no rerun (it would redraw every chart)


def later(build: Callable[..., bytes], /, *args) -> Callable[[], bytes]:
    """A download's data built when its button is clicked: `build(*args)`. The arguments must be
    small, plain values (settings, recipes, digests: the button keeps them for the session's
    lifetime) from which `build` finds the data again in the shared caches; when they have let
    it go (`build` raises LookupError), the file says so, in the session's language."""
    return functools.partial(_later, lang(), build, args)


def _later(language: str, build: Callable[..., bytes], args: tuple) -> bytes:
    try:
        return build(*args)
    except LookupError:
        return (i18n.t("rb.download.expired", language) + "\n").encode("utf-8")
