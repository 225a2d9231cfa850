"""A live class in Chromium: one teacher, three students, on a real server and database.

The teacher opens the teacher link; students open the join link on the home page. They follow the
teacher's page and settings (their URL says so, the class code kept, the key never); one explores
on their own and comes back; the teacher asks a question, the students answer, the teacher sees
the tally and reveals, and the class's charts go to the answer.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from classroom.store import ClassStore
from deploy.launch import StreamlitServer
from explorer import i18n
from tests.browser import streamlit_pw as sp

ROOT = Path(__file__).resolve().parents[2]
W_REC = ".st-key-gd_w_rec input"  # the w_rec number box
FOLLOW = 30_000  # ms: correctness here; the 2 s lag is measured by `python -m benchmarks class`


@pytest.fixture(scope="module")
def server_url():
    with StreamlitServer(ROOT / "app.py").start(timeout=90) as server:
        yield server.url


def _url(page):
    """The address bar (Streamlit changes it with the History API: read it from the page)."""
    return urlsplit(page.evaluate("location.href"))


def _query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(_url(page).query).items()}


def _wait_url(page, predicate, timeout=FOLLOW) -> None:
    deadline = time.monotonic() + timeout / 1000
    while not predicate(_url(page)):
        assert time.monotonic() < deadline, f"the address stayed {_url(page).geturl()}"
        page.wait_for_timeout(100)  # poll the address bar (no event tells of a replaceState)


@pytest.mark.browser
def test_a_teacher_leads_three_students(browser, server_url, screenshots):
    store = ClassStore()  # the same SQLite file as the server's (RNNX_DATA_DIR, tests/conftest)
    handle = store.open_class("RNN <b>week</b> 3")
    contexts = [browser.new_context(viewport={"width": 1366, "height": 900}) for _ in range(4)]
    teacher, *students = (context.new_page() for context in contexts)
    try:
        sp.open_app(
            teacher, f"{server_url}/gradient_decay?class={handle.code}&teach={handle.teacher_key}"
        )
        assert "teach" not in _query(teacher) and _query(teacher)["class"] == handle.code
        teacher.get_by_text(re.compile("You lead")).first.wait_for(timeout=FOLLOW)
        assert teacher.get_by_text("RNN <b>week</b> 3").count() >= 1  # a title is text, not HTML

        for student in students:  # the join link opens home; the teacher is on gradient decay
            student.goto(f"{server_url}/?class={handle.code}", wait_until="commit")
        for student in students:
            _wait_url(student, lambda url: url.path.endswith("/gradient_decay"))
            student.get_by_text(re.compile("Following the teacher")).first.wait_for(timeout=FOLLOW)
            assert _query(student)["class"] == handle.code and "teach" not in _query(student)

        # the teacher types a value: every follower's page and URL get it
        box = teacher.locator(W_REC)
        box.fill("0.5")
        box.press("Enter")
        _wait_url(teacher, lambda url: "gd_w_rec=0.5" in url.query)
        for student in students:
            _wait_url(student, lambda url: "gd_w_rec=0.5" in url.query)
            sp.wait_rendered(student)
            assert student.locator(W_REC).input_value() == "0.50"

        # one student explores on their own: the teacher's next change passes them by
        explorer_page = students[0]
        explorer_page.get_by_role("button", name="Explore on my own").click()
        explorer_page.get_by_text(re.compile("Exploring on your own")).first.wait_for(
            timeout=FOLLOW
        )
        students[1].get_by_text(re.compile("2 of 3 following")).first.wait_for(timeout=FOLLOW)
        teacher.locator(W_REC).fill("0.9")
        teacher.locator(W_REC).press("Enter")
        for student in students[1:]:
            _wait_url(student, lambda url: "gd_w_rec=0.9" in url.query)
        assert "gd_w_rec=0.5" in _url(explorer_page).query
        teacher.get_by_text(re.compile(r"3 students here, 2 following you")).first.wait_for(
            timeout=FOLLOW
        )
        explorer_page.get_by_role("button", name="Back to the teacher").click()
        _wait_url(explorer_page, lambda url: "gd_w_rec=0.9" in url.query)

        # the teacher asks a guided question; the students answer; the teacher sees the tally
        teacher.get_by_role("button", name=re.compile("Predict, then ch")).click()
        teacher.get_by_role("button", name=re.compile("Ask the class")).first.click()
        question = i18n.t("q.gd.direction", "en")
        for student, option in zip(students, ["larger", "smaller", "smaller"], strict=True):
            box = student.locator(".st-key-lc_poll")
            box.get_by_text(question[:30]).first.wait_for(timeout=FOLLOW)
            box.get_by_text(i18n.t(f"q.gd.direction.opt.{option}", "en"), exact=True).click()
            box.get_by_role("button", name="Send my answer").click()
            box.get_by_text(re.compile("Your answer")).first.wait_for(timeout=FOLLOW)
        teacher.get_by_text("3 of 3 answered").first.wait_for(timeout=FOLLOW)
        teacher.get_by_text(re.compile(r"smaller: 2")).first.wait_for(timeout=FOLLOW)
        teacher.screenshot(path=screenshots / "live_class_teacher_tally.png")
        students[0].screenshot(path=screenshots / "live_class_student_answered.png")
        # reveal: everyone's chart goes to the answer (the question's proving settings)
        teacher.get_by_role("button", name="Reveal the answer").click()
        for student in students:
            student.get_by_text(re.compile("Answer: smaller")).first.wait_for(timeout=FOLLOW)
            _wait_url(student, lambda url: "gd_seq_len=50" in url.query)
        assert students[0].get_by_text(re.compile("Not this time")).count() == 1  # said larger
        assert students[1].get_by_text(re.compile("✓ Right")).count() == 1
        students[1].screenshot(path=screenshots / "live_class_student_revealed.png")
    finally:
        for context in contexts:
            context.close()
    assert store.follow(handle.code).query.get("gd_w_rec") == "0.9"
    assert i18n.t("lc.title", "en")
