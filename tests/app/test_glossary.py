"""Each page shows its "Terms": the symbols and words it uses, defined, in the page's language."""

from tests.apptest_helpers import open_page


def _terms(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("- **")]


def test_gradient_decay_defines_xi():
    """ξ is in the page's first formula: the Terms popover beside the goal says what it is."""
    shown = _terms(open_page("pages/gradient_decay.py"))
    assert len(shown) == 1 and "- **ξ (xi)**: The loss" in shown[0], shown
    assert "mean squared error" in shown[0] and "**BPTT**" in shown[0]


def test_why_gates_has_its_terms_in_chinese_beside_its_goal():
    at = open_page("pages/why_gates.py", query={"lang": "zh"})
    assert any(m.value.startswith("**目标：** 看清楚门控为什么") for m in at.markdown)
    shown = _terms(at)
    assert len(shown) == 1 and "- **logit**：模型给一个答案的原始分数" in shown[0], shown
    assert "**留出**：不参与训练" in shown[0]
