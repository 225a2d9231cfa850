"""One job per session at a time (issue 17): a second job from the same session is refused with a
message naming the first and a Cancel for it, and starts once the first has ended; the jobs of
one run count as one; joining another session's job costs nothing. The pool's size and where its
work runs come from the environment; its threads never are the script thread."""

import threading
import time
import uuid

import pytest
from streamlit.testing.v1 import AppTest

from explorer.strings.jobs_cluster import STRINGS
from pool import cluster
from pool.local import Busy, Cancelled, Pool
from tests.jobs_helpers import running, task, wait_for_jobs


def _work(steps: int = 20, seconds: float = 0.01, release: threading.Event | None = None):
    def work(progress):
        for i in range(steps):
            if release is not None:
                release.wait(5)
            progress(i / steps)
            time.sleep(seconds)
        return steps

    return work


def test_a_session_that_started_a_job_cannot_start_another():
    pool, release = Pool(workers=2), threading.Event()
    first = pool.submit(task("a1", _work(release=release)), waiter="a", alongside=())
    with pytest.raises(Busy) as busy:
        pool.submit(task("a2", _work()), waiter="a", alongside=())
    assert busy.value.job is first and pool.find("a2") is None  # no second job
    assert pool.submit(task("a1", _work()), waiter="a", alongside=()) is first  # its own: fine
    pool.submit(task("b1", _work()), waiter="b", alongside=())  # another session: fine
    both = pool.submit(task("a3", _work()), waiter="a", alongside=("a1",))  # asked in the same run
    release.set()
    assert first.done.wait(5) and both.done.wait(5)
    assert pool.submit(task("a2", _work()), waiter="a", alongside=()).done.wait(5)  # once it ended


def test_joining_a_job_another_session_started_does_not_count():
    pool, release = Pool(workers=2), threading.Event()
    shared = pool.submit(task("shared", _work(release=release)), waiter="a", alongside=())
    assert pool.submit(task("shared", _work()), waiter="b", alongside=()) is shared
    own = pool.submit(task("b-own", _work(release=release)), waiter="b", alongside=())
    assert own is not shared
    pool.leave(shared, "a")  # the starter cancels: b still waits, and a is free again
    assert not shared.cancel.is_set()
    assert pool.submit(task("a-next", _work(release=release)), waiter="a", alongside=())
    release.set()
    assert shared.done.wait(5) and shared.result == 20


def test_a_cancelled_job_frees_its_session():
    pool = Pool(workers=1)
    job = pool.submit(task("long", _work(1000, 0.005)), waiter="a", alongside=())
    pool.leave(job, "a")
    assert pool.submit(task("next", _work(2)), waiter="a", alongside=()).done.wait(5)
    assert isinstance(job.error, Cancelled)


def test_jobs_never_run_in_the_calling_thread():
    pool, seen = Pool(workers=1), []
    job = pool.submit(task("where", lambda progress: seen.append(threading.current_thread())), "a")
    assert job.done.wait(5) and seen and seen[0] is not threading.current_thread()
    assert seen[0].name.startswith("explorer-job")


def test_pool_size_and_cluster_come_from_the_environment(monkeypatch):
    monkeypatch.delenv(cluster.WORKERS_ENV, raising=False)
    monkeypatch.delenv(cluster.ADDRESS_ENV, raising=False)
    assert cluster.workers_from_env() == (__import__("os").cpu_count() or 1)
    assert cluster.cluster_from_env() is None  # no address: jobs run in this process
    monkeypatch.setenv(cluster.WORKERS_ENV, "3")
    assert cluster.workers_from_env(default=8) == 3


def _app(tag: str) -> None:
    import time

    import streamlit as st

    import tests.jobs_helpers  # noqa: F401 - declares "tests.call"
    from explorer.training.jobs import Work
    from ui import jobs

    jobs.new_run()  # as the page frame does
    n = st.number_input("n", value=1, key="n")
    both = st.checkbox("both", key="both")
    seconds = st.session_state.get("seconds", 0.02)

    def work(progress):
        for i in range(100):
            progress(i / 100)
            time.sleep(seconds)
        return n

    keys = [(tag, n)] + ([(tag, n, "gru")] if both else [])
    for key in keys:
        result = jobs.run(Work("tests.call", key, {"fn": work}, label=f"job {key[1:]}"))
        if result is not None:
            st.write(f"result {result}")


def _open(tag: str) -> AppTest:
    at = AppTest.from_function(_app, args=(tag,), default_timeout=30)
    return at.run()


def _texts(at) -> list[str]:
    return [e.proto.text for e in at.get("progress")]


def test_a_second_job_from_the_page_says_which_to_wait_for_and_starts_after_it():
    tag = uuid.uuid4().hex
    at = _open(tag)
    assert running(at) and any("job (1,)" in t for t in _texts(at))
    at.number_input(key="n").set_value(2).run()  # the student asks for another while it runs
    texts = _texts(at)
    assert any("One job at a time" in t and "job (1,)" in t and "job (2,)" in t for t in texts)
    from ui.jobs import pool

    assert pool().find((tag, 2)) is None  # no second job
    wait_for_jobs(at)  # the first ends, the page reruns, and the second starts ...
    assert pool().find((tag, 2)) is not None
    assert any("result 2" in m.value for m in at.markdown)  # ... and ends


def test_cancel_on_the_message_cancels_the_first_job_and_starts_the_second():
    tag = uuid.uuid4().hex
    at = _open(tag)
    at.session_state["seconds"] = 0.05
    first = (tag, 1)
    at.number_input(key="n").set_value(2).run()
    cancel = next(b for b in at.button if b.key.startswith("_job_cancel_busy_"))
    cancel.click().run()
    at.run()
    from ui.jobs import pool

    assert pool().find(first) is None or pool().find(first).cancel.is_set()
    assert running(at) and any("job (2,)" in t for t in _texts(at))
    assert not any("One job at a time" in t for t in _texts(at))


def test_the_jobs_of_one_run_count_as_one_and_another_session_may_join():
    tag = uuid.uuid4().hex
    at = _open(tag)
    at.checkbox(key="both").check().run()  # an LSTM and a GRU from one run: both start
    assert not any("One job at a time" in t for t in _texts(at))
    other = _open(tag)  # another student joins the running job, then asks for their own
    other.number_input(key="n").set_value(3).run()
    assert not any("One job at a time" in t for t in _texts(other)), _texts(other)
    wait_for_jobs(at)
    wait_for_jobs(other)
    assert any("result 1" in m.value for m in at.markdown)
    assert any("result 3" in m.value for m in other.markdown)


def test_the_message_is_in_chinese_for_a_chinese_page():
    at = AppTest.from_function(_app, args=(uuid.uuid4().hex,), default_timeout=30)
    at.session_state["lang"] = "zh"
    at.run()
    at.number_input(key="n").set_value(2).run()
    assert any("同一时间只能运行一个任务" in t and "job (1,)" in t for t in _texts(at)), _texts(at)
    assert STRINGS["jobs2.busy"][1].count("{") == 2
    wait_for_jobs(at)
