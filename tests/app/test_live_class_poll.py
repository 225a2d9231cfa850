"""A following student's page polls the class every second but writes to the database only every
few seconds (`python -m benchmarks class` measures the poll's cost), and at once when the student
switches between following and exploring (the teacher's count says so right away)."""

from streamlit.testing.v1 import AppTest

from classroom.store import ClassStore
from tests.apptest_helpers import APP, assert_ok
from ui import live_class


def test_a_students_polls_write_their_check_in_every_few_seconds(monkeypatch):
    store = ClassStore()  # the SQLite file of this test run (RNNX_DATA_DIR, tests/conftest.py)
    handle = store.open_class("poll")
    store.show(handle.code, handle.teacher_key, "", {})
    writes = []
    seen = ClassStore.seen
    monkeypatch.setattr(
        ClassStore, "seen", lambda self, *args: (writes.append(args), seen(self, *args))[1]
    )
    monkeypatch.setattr(live_class, "SEEN_SECONDS", 3600.0, raising=False)
    monkeypatch.setattr(live_class, "_client", lambda: "local")  # AppTest's address is a mock

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["class"] = handle.code
    at.run()
    for _ in range(3):  # three more polls (each run of the app runs the strip once)
        at.run()
    assert_ok(at)
    assert len(writes) == 1 and writes[0][2] is True  # one check-in, following
    assert store.class_size(handle.code) == (1, 1)

    at.button(key="lc_follow").click().run()  # "Explore on my own"
    assert_ok(at)
    assert len(writes) == 2 and writes[1][2] is False
    assert store.class_size(handle.code) == (1, 0)  # the teacher sees it at once


def test_a_switch_lost_on_a_busy_server_is_asked_for_again(monkeypatch):
    """Under load a poll's app rerun can go missing (`python -m benchmarks class`); the student
    must not count the teacher's view as opened until their page has switched to it."""
    import streamlit

    store = ClassStore()
    handle = store.open_class("lost")
    store.show(handle.code, handle.teacher_key, "", {})
    monkeypatch.setattr(live_class, "_client", lambda: "local")
    monkeypatch.setattr(live_class, "GLANCE_SECONDS", 0.0)  # each run reads the class afresh
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["class"] = handle.code
    at.run()
    assert_ok(at)

    view = store.show(handle.code, handle.teacher_key, "gradient_decay", {"gd_w_rec": "0.5"})
    with monkeypatch.context() as lost:  # this run is a poll whose switch never arrives
        lost.setattr(streamlit, "switch_page", lambda *args, **kwargs: None)
        at.run()
    assert_ok(at)
    assert at.session_state[live_class.SESSION].revision != view  # not opened: ask again

    at.run()  # the next run is still home's: the poll switches again, and this time it arrives
    assert_ok(at)
    assert at.session_state[live_class.SESSION].revision == view
    assert at.query_params.get("gd_w_rec") == "0.5"
