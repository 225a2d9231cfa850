"""Safe text: anything a user typed, uploaded or put in a link, made inert before Streamlit
renders it as markdown (`st.markdown`, `st.info`, `st.warning`, `st.error`, `st.caption`...).

Markdown would turn `![](//host/x.png)` into an image the browser fetches, `[x](//host)` into a
link, `$…$` into a formula and `:red[…]` into coloured text. `md()` backslash-escapes every ASCII
punctuation mark (CommonMark allows it for all of them, so the text reads exactly as typed),
folds line breaks into spaces and drops control characters.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"[\r\n\t\v\f\u0085\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def md(text: object, limit: int | None = 200) -> str:
    """`text` as markdown that shows exactly these characters, on one line, at most `limit`."""
    text = _CONTROL.sub("", _BREAKS.sub(" ", str(text)))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _PUNCTUATION.sub(r"\\\1", text)
