"""Settings that live in the URL (`?key=value`) and in this session.

Order of precedence for a widget's value: the URL (on the page's first run), then what this
session last had (Streamlit drops a widget's state when it is not drawn in a run, or when you
visit another page), then the default.
"""

from __future__ import annotations

import contextvars
import dataclasses

import streamlit as st

from explorer import i18n
from ui import safe, sharing
from ui.lang import tr
from ui.params import Param

MEMORY_KEY = "_remembered"  # key → the last value this session had, across pages and reruns
_CURRENT = contextvars.ContextVar("ui_settings", default=None)  # the settings of the body running


def current_settings():
    """The settings class of the page body (or section) now running, or None."""
    return _CURRENT.get()


def running(settings_cls):
    """Mark `settings_cls` as the running body's settings: `token = running(...)`, then
    `_CURRENT.reset(token)`. `ui.slider_sets("w_rec")` finds its Param here."""
    return _CURRENT.set(settings_cls)


def done(token) -> None:
    _CURRENT.reset(token)


def _memory() -> dict:
    return st.session_state.setdefault(MEMORY_KEY, {})


def init(params: list[Param], from_url: bool = False) -> None:
    """Give each widget key its starting value, before the widgets are drawn. `from_url`: the
    URL alone decides, as on a first visit (a live class's student opening the teacher's view)."""
    memory = _memory()
    for param in params:
        if from_url:
            st.session_state.pop(param.key, None)
            memory.pop(param.key, None)
        if param.key in st.session_state:
            continue
        raw = st.query_params.get(param.key)
        value = param.parse(raw) if raw is not None else None
        if value is not None and param.out_of_range(raw):  # e.g. out of range: say so, once
            shown, now = safe.md(raw, limit=40), safe.md(param.format_url(value), limit=40)
            st.warning(tr("url.changed", key=param.key, value=shown, now=now))
        if value is None:
            value = memory.get(param.key, param.default)
            if raw is not None:  # a hand-edited or stale link: say so, then carry on
                shown, default = safe.md(raw, limit=40), safe.md(param.format_url(value), limit=40)
                st.warning(tr("url.bad_param", key=param.key, value=shown, default=default))
        st.session_state[param.key] = value


def restore(params: list[Param]) -> None:
    """Before the widgets are drawn: put back any widget value Streamlit dropped (a widget not
    drawn in the last run), and repair one the browser sent in a form the widget cannot have."""
    memory = _memory()
    for param in params:
        if param.key not in st.session_state:
            st.session_state[param.key] = memory.get(param.key, param.default)
            continue
        value = st.session_state[param.key]
        fixed = repaired(param, value, lambda p=param: memory.get(p.key, p.default))
        if fixed is not value:
            st.session_state[param.key] = fixed


def repaired(param: Param, value, fallback):
    """`value` if the widget can have it, else what it stands for, else `fallback()`.

    Streamlit keeps a choice widget's value as its *label*: after a language switch the browser
    sends the old language's label, which no option has in the new one. Map a label of any
    language back to its option. An emptied number box sends None: keep the last value."""
    if param.options is None:
        return fallback() if value is None and param.widget == "number" else value
    if param.widget == "multiselect":
        items = [_option(param, item) for item in value or ()]
        if all(item is not None for item in items):
            return value if items == list(value) else items
        return fallback()
    option = _option(param, value)
    return value if option == value else (option if option is not None else fallback())


def _option(param: Param, value):
    if value in param.options:
        return value
    if isinstance(param.option_labels, str):
        for option in param.options:
            if any(value == i18n.t(f"{param.option_labels}.{option}", la) for la in i18n.LANGS):
                return option
    return None


def read(settings_cls):
    """The typed settings object (frozen, hashable: a cache key) from this session's values."""
    values = {}
    for name, param in settings_cls.PARAMS.items():
        value = st.session_state.get(param.key, param.default)
        values[name] = tuple(value) if isinstance(value, list) else value
    return settings_cls(**values)


def publish(params: list[Param]) -> None:
    """Write the widgets' current values to the URL (and this session's memory); note what
    the chosen options keep out of the link (a Param's `local`)."""
    memory = _memory()
    for param in params:
        if param.key not in st.session_state:
            continue
        value = st.session_state[param.key]
        memory[param.key] = value
        if param.local and (lost := dict(param.local).get(value)):
            sharing.not_carried(lost)
        if param.is_default(value):
            if param.key in st.query_params:  # defaults stay out of the link
                del st.query_params[param.key]
            continue
        text = param.format_url(value)
        if st.query_params.get(param.key) != text:
            st.query_params[param.key] = text


def set_values(settings_cls, **values) -> None:
    """Change settings from code (a click on a chart, a reset): call from a callback, or
    before the widgets are drawn."""
    for name, value in values.items():
        st.session_state[settings_cls.PARAMS[name].key] = value


def replace(settings, **changes):
    return dataclasses.replace(settings, **changes)
