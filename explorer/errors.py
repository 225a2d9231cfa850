"""The one error type for input the app refuses: uploads, pasted or typed text, weights files.

`InputError(key, **values)`: `key` names a message in the strings table, `values` fill it.
`str(err)` is the English message; `err.message(lang, escape)` the message in `lang`, with every
string value passed through `escape` first (the UI gives its markdown escaper: the values are
what the user typed, the template is ours).
"""

from __future__ import annotations

from collections.abc import Callable

from explorer import i18n


class InputError(ValueError):
    """Refused user input, with a message in both languages."""

    def __init__(self, key: str, /, **values):
        self.key = key
        self.values = values
        super().__init__(i18n.t(key, "en", **values))

    def __reduce__(self):  # pickled by ui.compute's copies: rebuilt from its key and values
        return (_rebuild, (self.key, self.values))

    def message(self, lang: str, escape: Callable[[str], str] | None = None) -> str:
        values = self.values
        if escape is not None:
            values = {k: escape(v) if isinstance(v, str) else v for k, v in values.items()}
        return i18n.t(self.key, lang, **values)


def _rebuild(key: str, values: dict) -> InputError:
    return InputError(key, **values)
