"""Every user-facing string in English and 简体中文.

The tables live in `explorer/strings/<page>.py`, one module per page, each a dict
`STRINGS = {key: (english, chinese)}`; they are merged here and checked for clashes.
Formulas (LaTeX) are language-neutral and may appear in both texts unchanged.
"""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np

from explorer import strings as _strings_pkg

LANGS: tuple[str, ...] = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANG = "en"


def _load_tables() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(_strings_pkg.__path__):
        module = importlib.import_module(f"{_strings_pkg.__name__}.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in table:
                raise KeyError(f"string key {key!r} defined twice (second time in {info.name})")
            table[key] = pair
    return table


TABLE: dict[str, tuple[str, str]] = _load_tables()


def normalize_lang(value) -> str:
    """'zh', 'zh-CN', 'ZH', '中文' → 'zh'; anything else → 'en'."""
    text = str(value or "").strip().lower()
    return "zh" if text.startswith("zh") or text.startswith("中") else DEFAULT_LANG


def beside(values, digits: int = 6) -> list[str]:
    """Numbers printed side by side, `digits` significant digits each; one smaller than
    10^-digits of the largest reads "0": at that precision it cannot show beside the others, and
    where the tutorial writes 0 the float is a leftover such as 5.7354e-39 (exports keep it)."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.abs(values[np.isfinite(values)])
    floor = float(finite.max(initial=0.0)) * 10.0**-digits
    return [number(float(v), digits) if abs(v) >= floor and v != 0 else "0" for v in values]


def count(n: int, key: str, lang: str = DEFAULT_LANG) -> str:
    """'1 feature', '1,200 features': the string `<key>.one` when n == 1, else `<key>.many`."""
    return t(f"{key}.one" if n == 1 else f"{key}.many", lang, n=f"{n:,}")


def sentences(parts, lang: str = DEFAULT_LANG) -> str:
    """Sentences one after another: a space between them in English, none in Chinese (its
    full stop 。 is a full-width character: "。 " leaves a gap in the line)."""
    return ("" if normalize_lang(lang) == "zh" else " ").join(p for p in parts if p)


def t(key: str, lang: str = DEFAULT_LANG, /, **values) -> str:
    """The text for `key` in `lang`, formatted with `values` (str.format syntax)."""
    english, chinese = TABLE[key]
    text = chinese if normalize_lang(lang) == "zh" else english
    return text.format(**values) if values else text


def number(value: float, digits: int = 3) -> str:
    """A compact, language-neutral number: 0.5, 1.2e+07, inf, -inf."""
    if value != value:  # NaN never reaches the UI; show it plainly if it ever does
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "-∞"
    if value == 0:  # also -0.0: a student reads "0", never "-0"
        return "0"
    size = abs(value)
    if size >= 1e5 or size < 1e-3:
        return f"{value:.{digits}g}"  # 1.2e+07, 3e-05
    if size >= 10**digits:
        return f"{value:.0f}"  # 1024, not 1.02e+03
    return f"{value:.{digits}g}"
