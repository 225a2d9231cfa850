"""Every symbol and term is defined where a student meets it: the page's "Terms" popover lists
a definition, in both languages, of each symbol or word (ξ, θ, Δ₀, nats, logit, ...) that the
page's strings use."""

from __future__ import annotations

import pathlib
import re

import pytest

from explorer import i18n
from explorer.lessons import glossary

ROOT = pathlib.Path(__file__).resolve().parents[2]
HAN = re.compile("[\u4e00-\u9fff]")


def _pages() -> dict[str, list[pathlib.Path]]:
    """settings prefix → the page file and its view model's files (views/<page>*.py)."""
    found = {}
    for page in sorted((ROOT / "pages").glob("*.py")):
        match = re.search(r'ui\.settings\("(\w+)"\)', page.read_text(encoding="utf-8"))
        if match:
            views = sorted((ROOT / "explorer" / "views").glob(f"{page.stem}*.py"))
            found[match.group(1)] = [page, *views]
    return found


PAGES = _pages()


def _strings_of(prefix: str) -> dict[str, tuple[str, str]]:
    """The strings a page reads: keys under its prefixes, and every key its files name."""
    named = set()
    for path in PAGES[prefix]:
        named |= set(re.findall(r"[\"']([a-z_0-9]+(?:\.[a-z_0-9]+)+)[\"']", path.read_text()))
    return {
        key: pair
        for key, pair in i18n.TABLE.items()
        if key in named or key.startswith(glossary.STRINGS_OF[prefix])
    }


def test_every_page_with_settings_has_a_glossary():
    assert set(PAGES) == set(glossary.TERMS) == set(glossary.STRINGS_OF)


@pytest.mark.parametrize("prefix", sorted(glossary.TERMS))
def test_every_listed_term_is_defined_in_both_languages(prefix):
    for term in glossary.terms(prefix):
        for key in (f"gl.{term}", f"gl.{term}.def"):
            english, chinese = i18n.TABLE[key]
            assert english.strip() and chinese.strip(), key
        assert HAN.search(i18n.TABLE[f"gl.{term}.def"][1]), term  # translated, not copied
    for lang in i18n.LANGS:
        text = glossary.markdown(prefix, lang)
        assert text.count("\n- ") == len(glossary.terms(prefix)) - 1, text


@pytest.mark.parametrize("prefix", sorted(glossary.TERMS))
def test_a_symbol_or_term_a_page_uses_is_in_its_glossary(prefix):
    strings = _strings_of(prefix)
    assert len(strings) > 10, prefix  # the page's strings were found
    missing = {}
    for key, (english, chinese) in strings.items():
        for needle, term in glossary.NEEDS.items():
            used = needle.lower() in english.lower() or needle in chinese
            if used and term not in glossary.terms(prefix):
                missing.setdefault(needle, key)
    assert not missing, f"{prefix}: used but not in its glossary (symbol: first key) {missing}"


def test_one_name_for_the_loss_surface():
    """The page says "Loss surface": its chart and goal say the same (not "Cost"/"error")."""
    for key, (english, chinese) in i18n.TABLE.items():
        assert not re.search(r"(cost|error) surface", english, re.IGNORECASE), key
        assert "代价曲面" not in chinese and "误差曲面" not in chinese, key
