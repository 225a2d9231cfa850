"""Built-in texts (explorer/inputs/texts.py): the quotes and brackets languages, Python's own source."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from explorer import i18n
from explorer.inputs import texts
from explorer.training import charmodel as cm


@pytest.mark.parametrize("text_id", list(texts.TEXTS))
def test_every_text_has_its_length_is_seeded_and_named_in_both_languages(text_id):
    entry = texts.TEXTS[text_id]
    a = texts.builtin(text_id, 5_000, seed=1)
    assert len(a) == 5_000 and a == texts.builtin(text_id, 5_000, seed=1)
    assert len(texts.builtin(text_id)) == entry.length
    assert texts.builtin(text_id, 0) == ""
    assert entry.truth(a).shape == (5_000,)
    for regex in entry.hypotheses:  # every suggested hypothesis is accepted and marks something
        assert cm.pattern_mask(a[: cm.MAX_MASK_CHARS], regex).any()
    for key in (entry.name, entry.help, entry.truth_name):
        english, chinese = i18n.TABLE[key]
        assert english and chinese and english != chinese


def test_quoted_words_are_upper_case_and_the_rest_lower_case():
    text = texts.quotes(20_000, seed=3)
    assert text != texts.quotes(20_000, seed=4)
    inside = texts.inside_quotes(text)
    letters = np.array([c.isalpha() for c in text])
    upper = np.array([c.isupper() for c in text])
    assert np.all(upper[inside & letters]) and not np.any(upper[~inside & letters])
    spans = re.findall(r'"([^"]*)"', text)
    assert len(spans) > 300 and all(2 <= len(s.split(" ")) <= 6 for s in spans)
    assert 0.2 < np.mean(inside) < 0.5  # both sides of the hypothesis are well represented


def test_inside_quotes_mask():
    got = texts.inside_quotes('a "bc" d "e')
    assert "".join("1" if m else "0" for m in got) == "00011000001"


def test_brackets_close_before_every_line_end_and_nest_to_depth_four():
    text = texts.brackets(20_000, seed=0)
    level = texts.depth(text)
    assert set(text) <= set("()abcdefgh \n")
    assert np.all(level >= 0) and level.max() == 4
    ends = np.array([c == "\n" for c in text])
    assert ends.sum() > 100 and np.all(level[ends] == 0)
    # between two line ends the brackets balance: every ")" closes an open "("
    for line in text.split("\n")[:-1]:
        assert line.count("(") == line.count(")")


def test_python_source_is_read_from_the_standard_library():
    import textwrap

    text = texts.python(20_000, seed=0)
    assert text.startswith(Path(textwrap.__file__).read_text(encoding="utf-8")[:200])
    assert "def " in text and "    " in text
    assert texts.python(20_000, seed=1) != text  # the seed starts at another module
    assert len(texts.python(2_000_000)) == 2_000_000  # wraps around when the modules are short


def test_python_source_falls_back_when_python_ships_without_source(monkeypatch):
    def no_source(_module):
        raise OSError("could not get source code")

    monkeypatch.setattr(texts.inspect, "getsource", no_source)
    text = texts.python(1_000)
    assert text.startswith(texts.FALLBACK_SOURCE) and len(text) == 1_000
    assert texts.standard_library_source(("no_such_module_here",)) == texts.FALLBACK_SOURCE


def test_indentation_is_the_leading_spaces_of_each_line():
    got = texts.indentation("a\n  b\n\n    c")
    assert got.tolist() == [0, 0, 2, 2, 2, 2, 0, 4, 4, 4, 4, 4]
