"""Hostile links: values that would become markdown, and values longer than their widgets allow.

A shared link's values are user-supplied. Whatever the app shows of them (the "bad link value"
warning) must read as typed and never become an image, a link, a formula or coloured text; a
value longer than its widget accepts is refused like any other bad value.
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

import ui
from tests.apptest_helpers import open_page
from ui.params import MAX_URL_VALUE
from ui.safe import JOINER, md

HOSTILE = [
    "\n\n![](//e.vil/p.png)",
    "![x](http://e.vil/p.png)",
    "[click](https://e.vil/login)",
    "<https://e.vil/x>",
    "see www.example.com today, www.e.vil",
    "go to http://e.vil now, or HTTPS://E.VIL/x",
    "mail me@example.com, xmpp:me@e.vil or mailto:me@e.vil",
    "$x^2$ and $$\\int x$$",
    ":red[x] :material/home: :smile: :+1: :small[x]",
    "<img src=//e.vil/p.png onerror=alert(1)>",
    "`code` ```fence```",
    "line one\nline two\r\n# heading\n- item\n1. item\n> quote",
    "    four spaces indent",
    "a\\![](//e.vil/p.png)",  # a backslash of its own before the image
    "&#33;[](//e.vil/p.png) &lt;b&gt;",
    "**bold** _it_ ~~gone~~ | a | b |",
    "[ref]: //e.vil/p.png\n![ref]",
    "\u2028![](//e.vil/p.png)\x00\x1b[31m",
]
# Markdown-it (CommonMark with GFM's autolinks and tables) stands in for the browser's parser.
PARSER = MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table", "strikethrough"])
ACTIVE = {"image", "link_open", "html_inline", "html_block", "code_inline", "fence", "code_block"}
# What the browser's remark-gfm turns into links in the *parsed* text, escapes already undone
# (mdast-util-gfm-autolink-literal): markdown-it does not do this, so it is checked here.
GFM_AUTOLINK = re.compile(r"(?i)https?://|www\.|[-.\w+]@[-\w]")


def _tokens(body: str):
    for token in PARSER.parse(body):
        yield token
        yield from token.children or []


def _rendered_text(body: str) -> str:
    return "".join(t.content for t in _tokens(body) if t.type == "text")


def _warning_body(text: str) -> str:
    def script(text: str) -> None:
        import streamlit as st

        from ui.safe import md

        st.warning(f"value = {md(text)}")

    at = AppTest.from_function(script, args=(text,)).run()
    assert not at.exception
    return at.warning[0].proto.body


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_a_warning_shows_as_typed_and_nothing_active(text):
    body = _warning_body(text)
    active = [t.type for t in _tokens(body) if t.type in ACTIVE]
    assert not active, f"{text!r} → {body!r} parses to {active}"
    # Streamlit's own extensions ($…$ formulas, :color[…], :emoji:) start on an unescaped
    # '$' or ':'; md() leaves none.
    unescaped = [c for i, c in enumerate(body) if c in "$:[]" and body[i - 1 : i] != "\\"]
    assert unescaped == [], body
    assert not GFM_AUTOLINK.search(_rendered_text(body)), body
    # The reader sees the characters typed, on one line (control characters dropped; the word
    # joiners that break autolinks are invisible).
    shown = _rendered_text(body).removeprefix("value = ").replace(JOINER, "")
    expected = " ".join("".join(c for c in text if c.isprintable() or c in "\n\r\u2028").split())
    assert " ".join(shown.split()) == expected


def test_md_cuts_long_text_before_escaping():
    out = md("[" * 500, limit=40)
    assert out == "\\[" * 39 + "…"  # never a dangling backslash that would escape the "…"


def test_param_refuses_values_longer_than_its_widget():
    text = ui.Param("hello", widget="text", max_chars=2000, key="gt_text")
    assert text.parse("a" * 2000) == "a" * 2000
    assert text.parse("a" * 2001) is None
    number = ui.Param(1, widget="slider", lo=0, hi=10, key="n")  # still capped for every value
    assert number.parse("5") == 5
    assert number.parse("0" * (MAX_URL_VALUE + 1) + "5") is None


def _warnings(at: AppTest) -> list[str]:
    return [w.proto.body for w in at.warning]


def test_image_link_value_is_refused_and_shown_inert_on_the_gate_page():
    at = open_page("pages/gates.py", query={"gt_gain": "\n\n![](//e.vil/p.png)"})
    warnings = [w for w in _warnings(at) if "gt_gain" in w]
    assert len(warnings) == 1, _warnings(at)
    assert not [t.type for t in _tokens(warnings[0]) if t.type in ACTIVE]
    assert "![](//e.vil/p.png)" in _rendered_text(warnings[0])
    assert not GFM_AUTOLINK.search(_rendered_text(warnings[0]))
    assert at.session_state["gt_gain"] == 1.0


@pytest.mark.parametrize(
    ("page", "key", "length", "default"),
    [
        ("pages/gates.py", "gt_text", 2001, "hello world"),
        ("pages/gates.py", "gt_paste", 120_000, "0 1 1 0 1 0 0 1 1 1 0 1"),
        ("pages/unrolled.py", "un_text", 2001, "1,1,2"),
    ],
)
def test_url_value_longer_than_its_widget_is_refused_with_the_warning(page, key, length, default):
    at = open_page(page, query={key: "7" * length})
    warnings = [w for w in _warnings(at) if f"“{key}”" in w]
    assert len(warnings) == 1, _warnings(at)
    assert len(warnings[0]) < 400  # the warning quotes the start of the value, not all of it
    assert at.session_state[key] == default


def test_a_value_the_widget_accepts_is_kept():
    at = open_page("pages/gates.py", query={"gt_text": "x" * 2000})
    assert at.session_state["gt_text"] == "x" * 2000
    assert not [w for w in _warnings(at) if "gt_text" in w]
