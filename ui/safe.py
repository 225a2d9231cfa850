"""Safe text: anything a user typed, uploaded or put in a link, made inert before Streamlit
renders it as markdown (`st.markdown`, `st.info`, `st.warning`, `st.error`, `st.caption`...).

Markdown would turn `![](//host/x.png)` into an image the browser fetches, `[x](//host)` into a
link, `$…$` into a formula and `:red[…]` into coloured text. `md()` backslash-escapes every ASCII
punctuation mark (CommonMark allows it for all of them, so the text reads exactly as typed),
folds line breaks into spaces and drops control characters.

Escaping is not enough for GFM's autolinks: the browser's markdown (remark-gfm) finds
`http://…`, `https://…`, `www.…` and `name@host.tld` in the text *after* parsing, escapes
undone, and makes them links. `md()` puts an invisible WORD JOINER (U+2060) where those patterns
need two characters side by side: `http⁠://`, `www⁠.`, `name⁠@host`. The text looks the same.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"[\r\n\t\v\f\u0085\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Where remark-gfm's autolink literals would start: a scheme before ':', 'www' before '.', '@'.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)")
JOINER = "\u2060"  # WORD JOINER: zero width, never a line break, not a word character


def md(text: object, limit: int | None = 200) -> str:
    """`text` as markdown that shows exactly these characters, on one line, at most `limit`."""
    text = _CONTROL.sub("", _BREAKS.sub(" ", str(text)))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(JOINER, text))
