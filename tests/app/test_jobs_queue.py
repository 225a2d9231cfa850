"""The queue message on the page: how many are ahead and, once jobs have finished, how long the
wait will be (pool.waiting, from the pool's measured durations), in both languages."""

import threading
import uuid

import pytest
from streamlit.testing.v1 import AppTest

from tests.jobs_helpers import GATES, gated_app, task, wait_for_jobs
from ui.jobs import pool


def _hold_every_worker(release: threading.Event) -> list:
    """Jobs that keep every worker of the server's pool busy until `release`."""
    began = [threading.Event() for _ in range(pool().workers)]

    def hold(event):
        def work(progress):
            event.set()
            assert release.wait(30)
            return None

        return work

    held = [pool().submit(task(("hold", uuid.uuid4().hex), hold(b)), waiter="t") for b in began]
    assert all(b.wait(10) for b in began)
    return held


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["0 ahead in the queue", "starts in about"]), ("zh", ["前面还有 0 个任务", "后开始"])],
)
def test_a_queued_job_says_how_long_it_will_wait(lang, words):
    assert pool().submit(task(("quick", uuid.uuid4().hex), lambda p: 1), waiter="t").done.wait(10)
    release = threading.Event()
    held = _hold_every_worker(release)
    tag = uuid.uuid4().hex
    GATES[tag] = threading.Event()
    at = AppTest.from_function(gated_app, args=(tag,), default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    texts = [p.proto.text for p in at.get("progress")]
    try:
        assert any(all(w in t for w in words) for t in texts), texts
    finally:
        release.set()
        GATES[tag].set()
    assert all(job.done.wait(10) for job in held)
    wait_for_jobs(at)
