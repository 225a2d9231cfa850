"""The string table: every key in both languages, the same placeholders, no Chinese in English."""

import string

import pytest

from explorer import i18n
from tests.apptest_helpers import HAN


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.TABLE))
def test_every_key_has_both_languages(key):
    english, chinese = i18n.TABLE[key]
    assert english.strip() and chinese.strip(), key
    assert not HAN.search(english), f"{key}: Chinese characters in the English text"
    assert _fields(english) == _fields(chinese), f"{key}: placeholders differ"
    if english != chinese:  # identical texts are formulas/numbers, language-neutral by design
        assert HAN.search(chinese), f"{key}: the Chinese text has no Chinese characters"


def test_lookup_and_language_normalisation():
    assert i18n.t("nav.home", "zh") == "首页"
    assert i18n.t("nav.home", "en") == "Home"
    for raw in ("zh", "zh-CN", "ZH", "中文"):
        assert i18n.normalize_lang(raw) == "zh"
    for raw in ("en", "fr", "", None, "<script>"):
        assert i18n.normalize_lang(raw) == "en"


def test_numbers_are_compact_and_never_nan_text():
    assert i18n.number(float("inf")) == "∞"
    assert i18n.number(float("-inf")) == "-∞"
    assert i18n.number(0.5) == "0.5"
    assert i18n.number(1.2e7) == "1.2e+07"
    assert i18n.number(1024.0) == "1024"
    assert i18n.number(3e-5) == "3e-05"


def test_sentences_leave_no_gap_after_a_chinese_full_stop():
    from explorer.i18n import sentences

    assert (
        sentences(["得分 21%。", "第一条出错的序列：#3。"], "zh")
        == "得分 21%。第一条出错的序列：#3。"
    )
    assert sentences(["Score 21%.", "", "First failing sequence: #3."], "en") == (
        "Score 21%. First failing sequence: #3."
    )
