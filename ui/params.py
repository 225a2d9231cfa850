"""A page's settings, declared once.

A page declares its settings as a frozen dataclass whose fields are Params: each knows its widget,
bounds, URL form and default (the nanoGPT `GPTConfig` shape). `ui.page` draws nothing by itself;
the page draws each widget with `controls.<field>(where)`, and reads the typed, hashable settings
object (a cache key) that the frame gives it.

    @ui.settings("gd")
    class Settings:
        w_x: float = ui.slider(1.0, -3.0, 3.0, step=0.05)
        seq_len: int = ui.slider(10, 2, 1000)

The widget key is `<prefix>_<field>` (also the URL key); the label is the string `<prefix>.<field>`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from typing import Any

MAX_URL_VALUE = 20_000  # no URL value longer than this is even parsed


@dataclasses.dataclass(frozen=True)
class Param:
    """One setting: its widget, its bounds, its default and how it reads from a URL.

    The type comes from `default` (bool, int, float, str, or a tuple of those). Numbers are
    clamped to [lo, hi]; with `options`, a value must be one of them (numbers snap to the nearest).
    A text longer than `max_chars` is refused. Anything refused in a URL is ignored (and said).
    """

    default: Any
    widget: str = "slider"  # slider number select radio multiselect toggle text text_area pin
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    options: Sequence | None = None
    max_chars: int | None = None
    label: str | None = None  # string key; default "<prefix>.<field>"
    help: str | None = None  # string key
    option_labels: str | Callable | None = None  # string-key prefix, or a function
    format: str | None = None  # printf format of a number input, e.g. "%.2f"
    horizontal: bool = False
    key: str = ""  # "<prefix>_<field>" (set by `settings`) unless given
    # option → what a link cannot carry when this option is chosen (ui.sharing.NOT_CARRIED),
    # e.g. (("upload", "upload"),): the file stays in this browser
    local: tuple = ()
    parts: tuple = ()  # a pin: the names of the fields it keeps; part_params: their Params
    part_params: tuple = ()

    # --- URL form ---------------------------------------------------------------------------

    def parse(self, raw: str) -> Any:
        """The value `raw` stands for, or None when it is not valid for this widget."""
        raw = str(raw)
        if len(raw) > MAX_URL_VALUE:
            return None
        if self.widget == "pin":  # the pinned fields' own URL forms, joined by ";"
            pieces = raw.split(";")
            if raw == "" or len(pieces) != len(self.part_params):
                return () if raw == "" else None
            values = [part.parse(p) for part, p in zip(self.part_params, pieces, strict=True)]
            if any(value is None for value in values):
                return None
            return tuple(tuple(v) if isinstance(v, list) else v for v in values)
        if isinstance(self.default, tuple) and self.widget != "multiselect":  # a range (lo, hi)
            items = [self._parse_one(part) for part in raw.split(",") if part != ""]
            if len(items) != len(self.default) or any(item is None for item in items):
                return None
            return tuple(sorted(items))
        if self.widget == "multiselect":
            items = [self._parse_one(part) for part in raw.split(",") if part != ""]
            return None if any(item is None for item in items) else list(dict.fromkeys(items))
        return self._parse_one(raw)

    def _parse_one(self, raw: str) -> Any:
        like = self.default[0] if isinstance(self.default, tuple) and self.default else self.default
        if self.widget == "multiselect":
            like = str(self.options[0]) if self.options else ""
        text = raw.strip()
        if isinstance(like, bool):
            return {"1": True, "true": True, "0": False, "false": False}.get(text.lower())
        if isinstance(like, (int, float)):
            return self._parse_number(text, like)
        if self.max_chars is not None and len(text) > self.max_chars:
            return None
        if self.options is not None and text not in [str(o) for o in self.options]:
            return None
        return text

    def _parse_number(self, text: str, like: float) -> float | None:
        try:
            value = float(text)
        except ValueError:
            return None
        if not math.isfinite(value):
            return None
        if self.options is not None:  # stops of a select slider: the nearest one
            if value > 0 and all(o > 0 for o in self.options):  # log-spaced rates
                return min(self.options, key=lambda o: abs(math.log(o / value)))
            return min(self.options, key=lambda o: abs(o - value))
        if self.lo is not None:
            value = max(value, self.lo)
        if self.hi is not None:
            value = min(value, self.hi)
        return int(round(value)) if isinstance(like, int) else value

    def out_of_range(self, raw: str) -> bool:
        """`raw` asks for a number this setting cannot have, below its lowest or above its
        highest (a link's 99 for a w_rec that ends at 3): `parse` clamps it. A number between
        two stops of a select slider snaps to the nearest, and is not out of range."""
        bounds = (self.lo, self.hi)
        numeric = [o for o in self.options or () if isinstance(o, (int, float))]
        if numeric and not isinstance(numeric[0], bool):
            bounds = (min(numeric), max(numeric))
        asked = []
        for part in str(raw).replace(";", ",").split(","):
            try:
                asked.append(float(part))
            except ValueError:
                continue
        lo = -math.inf if bounds[0] is None else bounds[0]
        hi = math.inf if bounds[1] is None else bounds[1]
        return any(not lo <= value <= hi for value in asked if math.isfinite(value))

    def format_url(self, value: Any) -> str:
        if self.widget == "pin":  # () (nothing pinned): ""
            return ";".join(
                p.format_url(v) for p, v in zip(self.part_params, value or (), strict=bool(value))
            )
        if isinstance(value, (tuple, list)):
            return ",".join(self.format_url(v) for v in value)
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, float):
            return f"{value:.6g}"
        return str(value)

    def is_default(self, value: Any) -> bool:
        if isinstance(self.default, tuple):
            return tuple(value) == self.default
        return value == self.default


def _field(default, **param) -> Any:
    return dataclasses.field(default=default, metadata={"param": Param(default, **param)})


def slider(default, lo, hi, *, step=None, **kw) -> Any:
    """A slider; a tuple default makes a range slider."""
    return _field(default, widget="slider", lo=lo, hi=hi, step=step, **kw)


def number(default, lo, hi, *, step=None, **kw) -> Any:
    """A number input."""
    return _field(default, widget="number", lo=lo, hi=hi, step=step, **kw)


def select(default, options, *, widget="select", local=None, **kw) -> Any:
    """One of `options`: a select box, or `widget="radio"` / `"select_slider"`. `local`:
    option → what a link cannot carry while it is chosen (e.g. {"upload": "upload"})."""
    local = tuple((local or {}).items())
    return _field(default, widget=widget, options=tuple(options), local=local, **kw)


def multiselect(default, options, **kw) -> Any:
    """Several of `options` (a tuple default)."""
    return _field(tuple(default), widget="multiselect", options=tuple(options), **kw)


def toggle(default: bool, **kw) -> Any:
    return _field(bool(default), widget="toggle", **kw)


def text(default: str, *, max_chars: int, area: bool = False, **kw) -> Any:
    return _field(default, widget="text_area" if area else "text", max_chars=max_chars, **kw)


def pin(*fields: str) -> Any:
    """What "Pin to compare" kept (ui.pins): the values of `fields` when the student pinned, or
    () when nothing is pinned. No widget; in the URL as the fields' own URL forms joined by ";"
    (`gd_pin=1;0.5;10`), so that a link brings the pinned curve back. Name the field `pin`."""
    return _field((), widget="pin", parts=tuple(fields))


def settings(prefix: str):
    """Make a class a frozen settings dataclass whose Params carry keys `<prefix>_<field>`."""

    def wrap(cls):
        cls = dataclasses.dataclass(frozen=True)(cls)
        params = {}
        for f in dataclasses.fields(cls):
            param = f.metadata["param"]
            label = param.label or f"{prefix}.{f.name}"
            key = param.key or f"{prefix}_{f.name}"
            params[f.name] = dataclasses.replace(param, key=key, label=label)
        for name, param in params.items():  # a pin reads and writes its fields' URL forms
            if param.parts:
                parts = tuple(params[part] for part in param.parts)
                params[name] = dataclasses.replace(param, part_params=parts)
        cls.PARAMS = params  # field name → Param (with its key)
        cls.PREFIX = prefix
        return cls

    return wrap


def params_of(settings_cls) -> list[Param]:
    return list(settings_cls.PARAMS.values())
