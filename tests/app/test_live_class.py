"""The live class's sidebar and links in AppTest: open a class, join by code, the messages.

The whole class in a browser (a teacher and three students) is tests/browser/test_live_class.py.
"""

from __future__ import annotations

import pytest

from classroom.store import ClassStore
from explorer import i18n
from tests.apptest_helpers import assert_ok, open_page
from ui import live_class


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_opening_a_class_gives_a_code_a_link_and_keeps_the_key_out_of_the_url():
    at = open_page("pages/home.py")
    at.sidebar.text_input[0].input("**Week 3** <i>RNN</i>")
    at.sidebar.button[0].click().run()  # "Open a class" (the join form's button is the second)
    assert_ok(at)
    seat = at.session_state[live_class.SESSION]
    assert seat.teacher_key and at.query_params["class"] == seat.code
    assert not any(seat.teacher_key in str(v) for v in at.query_params.values())
    view = ClassStore().follow(seat.code)
    assert view.title == "**Week 3** <i>RNN</i>"  # stored as typed; shown escaped
    shown = " ".join(m.value for m in at.markdown)
    assert "\\*\\*Week 3\\*\\*" in shown  # the title's markup is escaped, not rendered


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_unknown_code_in_a_link_says_so_in_the_pages_language(lang):
    at = open_page("pages/home.py", query={"class": "ZZZZZZ", "lang": lang})
    assert_ok(at)
    expected = i18n.t("lc.error.unknown", lang, code="ZZZZZZ")
    assert expected in _warnings(at), _warnings(at)
    assert (
        live_class.SESSION not in at.session_state or at.session_state[live_class.SESSION] is None
    )
    assert "class" not in at.query_params


def test_a_wrong_teacher_key_joins_as_a_student_and_says_so():
    handle = ClassStore().open_class("t")
    at = open_page("pages/home.py", query={"class": handle.code, "teach": "not-the-key"})
    assert_ok(at)
    assert i18n.t("lc.error.key", "en", code=handle.code) in _warnings(at)
    seat = at.session_state[live_class.SESSION]
    assert seat.teacher_key is None and seat.student
    assert "teach" not in at.query_params


def test_the_teacher_link_leads_the_class_and_shows_the_page_to_it():
    store = ClassStore()
    handle = store.open_class("t")
    at = open_page(
        "pages/gradient_decay.py", query={"class": handle.code, "teach": handle.teacher_key}
    )
    assert_ok(at)
    assert at.session_state[live_class.SESSION].teacher_key == handle.teacher_key
    assert "teach" not in at.query_params
    at.number_input(key="gd_w_rec").set_value(0.5).run()
    view = store.follow(handle.code)
    assert (view.page, view.query.get("gd_w_rec")) == ("gradient_decay", "0.5")
