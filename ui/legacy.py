"""The old URL-state API, kept only until every page declares its settings (`ui.params`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui.frame import ensure_frame
from ui.lang import tr
from ui.state import MEMORY_KEY


@dataclass(frozen=True)
class LegacyParam:
    """A widget value that is mirrored in the URL query (`?key=value`).

    The type comes from `default` (bool, int, float, str, or a tuple/list of those). Numbers are
    clamped to [lo, hi]; strings must be one of `options`. Anything else in a URL is ignored.
    """

    key: str
    default: Any
    lo: float | None = None
    hi: float | None = None
    options: Sequence | None = None
    max_chars: int | None = None

    def parse(self, raw: str) -> Any:
        """The value `raw` stands for, or None when it is not valid for this widget."""
        if len(str(raw)) > min(self.max_chars or 20_000, 20_000):
            return None
        if isinstance(self.default, (tuple, list)):
            parts = [part for part in str(raw).split(",") if part != ""]
            items = [self._parse_one(part, self.default[0]) for part in parts]
            if any(item is None for item in items):
                return None
            if isinstance(self.default, tuple):  # a fixed-size range, e.g. (lo, hi)
                if len(items) != len(self.default):
                    return None
                return tuple(sorted(items))
            return items
        return self._parse_one(raw, self.default)

    def _parse_one(self, raw: str, like: Any) -> Any:
        text = str(raw).strip()
        if isinstance(like, bool):
            return {"1": True, "true": True, "0": False, "false": False}.get(text.lower())
        if isinstance(like, (int, float)):
            try:
                value = float(text)
            except ValueError:
                return None
            if not math.isfinite(value):
                return None
            if self.options is not None:  # a select_slider of numbers: the nearest stop
                if value > 0 and all(o > 0 for o in self.options):  # log-spaced rates
                    return min(self.options, key=lambda o: abs(math.log(o / value)))
                return min(self.options, key=lambda o: abs(o - value))
            if self.lo is not None:
                value = max(value, self.lo)
            if self.hi is not None:
                value = min(value, self.hi)
            return int(round(value)) if isinstance(like, int) else value
        if self.options is not None and text not in [str(o) for o in self.options]:
            return None
        return text

    def format(self, value: Any) -> str:
        if isinstance(value, (tuple, list)):
            return ",".join(self.format(v) for v in value)
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, float):
            return f"{value:.6g}"
        return str(value)


def init_params(params: Sequence[LegacyParam]) -> None:
    """Give each widget key its starting value, before the widgets are drawn.

    Order of precedence: the URL, then what this session last had on this page (Streamlit drops
    a widget's state when you visit another page), then the default.
    """
    ensure_frame()
    memory = st.session_state.setdefault(MEMORY_KEY, {})
    for param in params:
        if param.key in st.session_state:
            continue
        raw = st.query_params.get(param.key)
        value = param.parse(raw) if raw is not None else None
        if value is None:
            value = memory.get(param.key, param.default)
            if raw is not None:  # a hand-edited or stale link: say so, then carry on
                shown = str(raw)[:40].replace("`", "'")
                st.warning(tr("url.bad_param", key=param.key, value=f"`{shown}`", default=value))
        st.session_state[param.key] = value


def publish_params(params: Sequence[LegacyParam]) -> None:
    """Write the widgets' current values to the URL (and this session's memory)."""
    memory = st.session_state.setdefault(MEMORY_KEY, {})
    for param in params:
        if param.key not in st.session_state:
            continue
        value = st.session_state[param.key]
        memory[param.key] = value
        if value == param.default or (
            isinstance(param.default, tuple) and tuple(value) == param.default
        ):
            if param.key in st.query_params:  # defaults stay out of the link
                del st.query_params[param.key]
            continue
        text = param.format(value)
        if st.query_params.get(param.key) != text:
            st.query_params[param.key] = text
