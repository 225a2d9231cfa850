"""Cancel clicked at "100% done": the job finished before the Cancel (measured: 3 of 4 trials), so
the page shows the result and says so, in both languages, instead of silently ignoring the click."""

import threading
import uuid

import pytest
from streamlit.testing.v1 import AppTest

from tests.jobs_helpers import GATES, gated_app, running, wait_for_jobs
from ui.jobs import pool


def _open(lang: str):
    tag = uuid.uuid4().hex
    GATES[tag] = threading.Event()
    at = AppTest.from_function(gated_app, args=(tag,), default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    assert running(at)
    return at, tag


def _cancel(at) -> None:
    next(b for b in at.button if b.key.startswith("_job_cancel_")).click().run()


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "finished before Cancel"), ("zh", "在取消之前已经完成")]
)
@pytest.mark.parametrize("when", ["after it finished", "after its last report"])
def test_a_cancel_that_came_too_late_shows_the_result_and_says_so(lang, words, when):
    at, tag = _open(lang)
    job = pool().find(("gated", tag))
    if when == "after it finished":
        GATES[tag].set()
        assert job.done.wait(10)
        _cancel(at)
    else:  # the click reaches the job at 100 %: no report left to stop at
        _cancel(at)
        GATES[tag].set()
        assert job.done.wait(10)
    wait_for_jobs(at)
    texts = [info.value for info in at.info]
    assert any(words in text for text in texts), texts
    assert any("shown: the result" in m.value for m in at.markdown)
    at.run()  # still said beside the result on the next run
    assert any(words in info.value for info in at.info)
    assert any("shown: the result" in m.value for m in at.markdown)
