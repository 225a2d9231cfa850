"""The number formats a student reads: plain zeros, counts, values side by side."""

from explorer import i18n
from explorer.figures import gradient_decay as gd


def test_zero_is_never_minus_zero():
    assert i18n.number(-0.0) == "0" and i18n.number(0.0) == "0"


def test_counts_are_singular_for_one():
    assert i18n.count(1, "wd.feature") == "1 feature"
    assert i18n.count(1200, "wd.step") == "1,200 steps"
    assert i18n.count(1, "wd.sequence", "zh") == "1 条序列"


def test_values_beside_each_other_drop_float_leftovers_only():
    assert i18n.beside([3.0, 5.7354e-39, 6.99977, 0.000136194]) == [
        "3",
        "0",
        "6.99977",
        "0.000136194",
    ]
    assert i18n.beside([1e-40, 2e-40]) == ["1e-40", "2e-40"]  # small but comparable: shown


def test_decay_notice_cases():
    assert "1024 times smaller" in gd.notice_text(1.0, 0.5, 10, -8.9, -0.0087, "en")
    assert "stored as 0" in gd.notice_text(1.0, 0.05, 1000, -8.9, 0.0, "en")
    assert "1024 times larger" in gd.notice_text(1.0, 2.0, 10, -8.9, -9113.6, "en")
    assert "error at the output is 0" in gd.notice_text(1.0, 1.0, 10, 0.0, 0.0, "en")
