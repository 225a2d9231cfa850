"""String tables, one module per page: `STRINGS = {key: (english, chinese)}`.

Keys are prefixed by the page (`ls.` loss surface, `gd.` gradient decay, ...); `common` holds the
frame's. Every module here is discovered by `explorer.i18n` automatically.
"""
