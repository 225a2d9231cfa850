"""Presenter mode without a browser (issue 18), on every page: the frame's bar links every page
and has an exit, the charts are told to grow, the controls fold into an expander; the exit
button turns it all off and drops ?present=1 from the link."""

from __future__ import annotations

import json

import pytest

from tests.apptest_helpers import charts, open_page
from ui import present
from ui.views import available

PAGES = [view.page for view in available()]


def _sizes(at) -> list[tuple]:
    return [
        (head["scale"], head["tall"])
        for head in (json.loads(c.proto.bytes.split(b"\n", 1)[0]) for c in charts(at))
    ]


def _page_links(at) -> list[str]:
    return [e.proto.label for e in at.get("page_link")]


@pytest.mark.parametrize("page", PAGES)
def test_presenter_mode_on_every_page(page):
    at = open_page(page, query={"present": "1"})
    assert at.session_state[present.KEY] is True
    links = _page_links(at)
    assert len(links) == 1 + len(PAGES), links  # home and every view, above the page
    assert at.button(key="pr_exit").label.endswith("Exit presenter mode")
    assert any("← / →" in c.value for c in at.caption)  # the keys, said where the teacher looks
    sizes = _sizes(at)
    assert sizes and all(s == (present.CHART_SCALE, present.CHART_TALL) for s in sizes), sizes
    folded = [e for e in at.expander if e.label.startswith("⚙")]
    assert folded, "the controls fold into an expander"
    assert any(w.key and not w.key.startswith("pr_") for e in folded for w in _widgets_in(e))

    at.button(key="pr_exit").click().run()  # the way out
    assert at.session_state[present.KEY] is False
    assert "present" not in at.query_params
    assert not at.get("button") or all(b.key != "pr_exit" for b in at.button)
    assert all(s == (1, 1) for s in _sizes(at))
    assert not [e for e in at.expander if e.label.startswith("⚙")]


def _widgets_in(element) -> list:
    kinds = ("slider", "number_input", "radio", "selectbox", "multiselect", "select_slider")
    return [w for kind in kinds for w in element.get(kind)]


def test_normal_mode_has_no_bar_and_charts_at_their_size():
    at = open_page("pages/gradient_decay.py")
    assert all(b.key != "pr_exit" for b in at.button)
    assert _sizes(at) == [(1, 1)]
    assert at.number_input(key="gd_w_rec").value == 2.0  # the controls are on the page


def test_presenter_mode_strings_in_chinese():
    at = open_page("pages/gradient_decay.py", query={"present": "1", "lang": "zh"})
    assert at.button(key="pr_exit").label.endswith("退出演示模式")
    assert any(e.label == "⚙ 控件" for e in at.expander)


def test_presenter_bar_switches_the_language_without_the_sidebar():
    at = open_page("pages/gradient_decay.py", query={"present": "1"})
    assert at.button(key="pr_lang").label == "简体中文"
    at.button(key="pr_lang").click().run()
    assert at.session_state["lang"] == "zh" and at.query_params.get("lang") in ("zh", ["zh"])
    assert at.button(key="pr_exit").label.endswith("退出演示模式")
    assert at.button(key="pr_lang").label == "English"
