"""The language of this session: chosen in the sidebar or by `?lang=`."""

from __future__ import annotations

import streamlit as st

from explorer import i18n


def lang() -> str:
    """'en' or 'zh'."""
    return i18n.normalize_lang(st.session_state.get("lang", i18n.DEFAULT_LANG))


def tr(key: str, /, **values) -> str:
    """`explorer.i18n.t` in the current language."""
    return i18n.t(key, lang(), **values)


def count(n: int, key: str) -> str:
    """'1 feature' / '3 features' in the current language (`<key>.one`, `<key>.many`)."""
    return i18n.count(n, key, lang())


def labels(prefix: str):
    """An option formatter `option -> tr(f"{prefix}.{option}")` in the current language, fixed
    now: Streamlit may call it later, outside this script run, where the session is not known."""
    fixed = lang()
    return lambda option: i18n.t(f"{prefix}.{option}", fixed)
