"""The class store on both databases: what a teacher and students do, and what they cannot."""

from __future__ import annotations

import multiprocessing

import pytest
import sqlalchemy as sa

from classroom import store as cs
from classroom.store import ClassStore, TooManyGuesses, UnknownClass, WrongKey


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_students_follow_the_view_the_teacher_shows(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("RNN, week 3")
    assert len(handle.code) == cs.CODE_LENGTH and set(handle.code) <= set(cs.CODE_ALPHABET)
    first = store.follow(handle.code)
    assert (first.page, first.query, first.revision, first.title) == ("", {}, 0, "RNN, week 3")

    r1 = store.show(handle.code, handle.teacher_key, "gradient_decay", {"gd_w": "0.9"})
    view = store.follow(handle.code)
    assert (view.page, view.query, view.revision) == ("gradient_decay", {"gd_w": "0.9"}, r1)
    # the same view again is no news for the students; a new setting is
    assert store.show(handle.code, handle.teacher_key, "gradient_decay", {"gd_w": "0.9"}) == r1
    r2 = store.show(handle.code, handle.teacher_key, "gradient_decay", {"gd_w": "0.5"})
    assert r2 == r1 + 1 and store.follow(handle.code).query == {"gd_w": "0.5"}


def test_a_wrong_teacher_key_raises_and_changes_nothing(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("t")
    store.show(handle.code, handle.teacher_key, "unrolled", {"un_a": "1"})
    poll = store.ask(handle.code, handle.teacher_key, "un.q1")
    before = store.follow(handle.code)
    other = store.open_class("another class")
    for wrong in ["", "x" * 32, other.teacher_key, handle.teacher_key[:-1]]:
        with pytest.raises(WrongKey):
            store.show(handle.code, wrong, "race", {"op_lr": "9"})
        with pytest.raises(WrongKey):
            store.ask(handle.code, wrong, "un.q2")
        with pytest.raises(WrongKey):
            store.tally(handle.code, wrong, poll)
        with pytest.raises(WrongKey):
            store.reveal(handle.code, wrong, poll)
        with pytest.raises(WrongKey):
            store.close_class(handle.code, wrong)
    assert store.follow(handle.code) == before
    # a teacher's key opens their own class only
    with pytest.raises(WrongKey):
        store.show(other.code, handle.teacher_key, "race", {})


def test_the_teacher_key_is_secret_and_only_its_hash_is_stored(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("t")
    assert len(handle.teacher_key) >= 32  # token_urlsafe(24): 192 bits
    with store.engine.connect() as conn:
        dump = repr(conn.execute(sa.select(cs.classes)).all())
    assert handle.teacher_key not in dump and handle.code in dump
    assert store.open_class("t").teacher_key != handle.teacher_key


def test_an_unknown_code_follows_nothing_and_cannot_be_joined(store_url):
    store = ClassStore(store_url)
    assert store.follow("NOPE42") is None
    with pytest.raises(UnknownClass):
        store.join("NOPE42", "ann", client="laptop-1")


def test_guessing_codes_is_refused_after_a_few_misses(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("t")
    for i in range(cs.MAX_MISSES):
        with pytest.raises(UnknownClass):
            store.join(f"ZZZZZ{i}", client="guesser")
    with pytest.raises(TooManyGuesses):  # even the right code, for this client, for a while
        store.join(handle.code, client="guesser")
    assert store.join(handle.code, client="honest-student")  # others are not locked out


def test_answers_count_one_per_student_the_last_one_wins(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("t")
    poll = store.ask(handle.code, handle.teacher_key, "gd.q.explode")
    ann, bo, cy = (store.join(handle.code, name) for name in ["ann", "bo", "cy"])
    store.answer(handle.code, poll, ann, "larger")
    store.answer(handle.code, poll, bo, "larger")
    store.answer(handle.code, poll, cy, "smaller")
    store.answer(handle.code, poll, bo, "smaller")  # bo changes their mind
    assert store.tally(handle.code, handle.teacher_key, poll) == {"larger": 1, "smaller": 2}
    assert store.my_answer(poll, bo) == "smaller"
    # a new question starts from nothing; the old tally stays
    second = store.ask(handle.code, handle.teacher_key, "gd.q.rate")
    assert store.follow(handle.code).poll == second
    assert store.tally(handle.code, handle.teacher_key, second) == {}
    assert store.tally(handle.code, handle.teacher_key, poll) == {"larger": 1, "smaller": 2}


def test_a_student_cannot_answer_for_another_class_or_poll(store_url):
    store = ClassStore(store_url)
    mine, theirs = store.open_class("mine"), store.open_class("theirs")
    poll = store.ask(theirs.code, theirs.teacher_key, "q")
    me = store.join(mine.code, "me")
    with pytest.raises(UnknownClass):  # their poll is not in my class
        store.answer(mine.code, poll, me, "x")
    with pytest.raises(UnknownClass):  # I am not in their class
        store.answer(theirs.code, poll, me, "x")
    assert store.tally(theirs.code, theirs.teacher_key, poll) == {}


def test_reveal_is_seen_by_the_students(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("t")
    poll = store.ask(handle.code, handle.teacher_key, "gd.q.explode")
    asked = store.follow(handle.code)
    assert (asked.poll, asked.question, asked.revealed) == (poll, "gd.q.explode", False)
    store.reveal(handle.code, handle.teacher_key, poll)
    revealed = store.follow(handle.code)
    assert revealed.revealed and revealed.revision > asked.revision


@pytest.mark.parametrize(
    "hostile",
    [
        "**bold** <script>alert(1)</script> [x](javascript:alert(1))",
        "a\x00b\x1b[31m",
        "名字" * 200,
        "ab\ud83dcd",  # a lone surrogate
    ],
)
def test_hostile_titles_nicknames_and_answers_are_kept_as_plain_bounded_text(store_url, hostile):
    store = ClassStore(store_url)
    handle = store.open_class(hostile)
    student = store.join(handle.code, hostile)
    poll = store.ask(handle.code, handle.teacher_key, "q")
    store.answer(handle.code, poll, student, hostile)
    title = store.follow(handle.code).title
    nickname = store.nickname(handle.code, student)
    (answer,) = store.tally(handle.code, handle.teacher_key, poll)
    for text, limit in [
        (title, cs.MAX_TITLE),
        (nickname, cs.MAX_NICKNAME),
        (answer, cs.MAX_ANSWER),
    ]:
        assert 0 < len(text) <= limit and "\x00" not in text and "\x1b" not in text
        text.encode("utf-8")  # storable and sendable: no lone surrogate
    if hostile.startswith("**"):  # markup is kept as the characters typed (shown as text)
        assert title == hostile and nickname == hostile[: cs.MAX_NICKNAME].strip()


def test_an_anonymous_student_gets_a_name(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("t")
    student = store.join(handle.code)
    assert store.nickname(handle.code, student).startswith("student-")


def test_a_class_ends_when_closed_or_after_twelve_hours(store_url):
    clock = Clock()
    store = ClassStore(store_url, clock=clock)
    closed, expiring = store.open_class("closed"), store.open_class("expiring")
    store.close_class(closed.code, closed.teacher_key)
    assert store.follow(closed.code) is None
    with pytest.raises(UnknownClass):
        store.join(closed.code, "late")
    clock.now += cs.LIFETIME - 1
    assert store.follow(expiring.code) is not None
    clock.now += 2
    assert store.follow(expiring.code) is None
    with pytest.raises(UnknownClass):
        store.show(expiring.code, expiring.teacher_key, "race", {})


def test_who_follows_and_who_explores_is_counted(store_url):
    clock = Clock()
    store = ClassStore(store_url, clock=clock)
    handle = store.open_class("t")
    students = [store.join(handle.code, f"s{i}") for i in range(5)]
    store.seen(handle.code, students[0], following=False)
    assert store.class_size(handle.code) == (5, 4)
    clock.now += cs.FOLLOWING_WINDOW + 1  # everyone closed the tab...
    store.seen(handle.code, students[1], following=True)  # ...but one
    assert store.class_size(handle.code) == (1, 1)


def test_a_class_and_its_answers_survive_a_restart(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("t")
    store.show(handle.code, handle.teacher_key, "race", {"op_lr": "0.1"})
    poll = store.ask(handle.code, handle.teacher_key, "q")
    store.answer(handle.code, poll, store.join(handle.code, "ann"), "7")
    store.engine.dispose()

    again = ClassStore(store_url)  # a new process would do the same
    assert again.version() == len(cs.MIGRATIONS)
    assert again.follow(handle.code).query == {"op_lr": "0.1"}
    assert again.tally(handle.code, handle.teacher_key, poll) == {"7": 1}


def _answer_many(url: str, code: str, poll: int, students: list[str], value: str) -> None:
    store = ClassStore(url)
    for student in students:
        store.answer(code, poll, student, value)
        store.answer(code, poll, student, value)  # twice: still one answer each


def test_sixty_answers_from_four_processes_are_counted_exactly(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("t")
    poll = store.ask(handle.code, handle.teacher_key, "q")
    students = [store.join(handle.code, f"s{i}") for i in range(60)]
    groups = [students[i::4] for i in range(4)]
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_answer_many, args=(store_url, handle.code, poll, group, str(i)))
        for i, group in enumerate(groups)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert store.tally(handle.code, handle.teacher_key, poll) == {str(i): 15 for i in range(4)}
