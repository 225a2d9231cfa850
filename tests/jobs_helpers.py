"""AppTest and `ui.jobs`: a page shows a progress bar while its job runs in the shared pool; in a
browser a fragment polls and reruns the page when the job ends, AppTest reruns by hand."""

from __future__ import annotations

import time


def running(at) -> bool:
    """Whether the page shows a job in progress (its Cancel button)."""
    return any((b.key or "").startswith("_job_cancel_") for b in at.button)


def wait_for_jobs(at, timeout: float = 60.0):
    """Rerun `at` until no job of its page is in progress, then once more: a job that ends
    during a run makes the progress fragment ask for a rerun, which AppTest does not wait for
    (its elements, download buttons included, would be those of an interrupted run)."""
    deadline = time.monotonic() + timeout
    while running(at):
        assert time.monotonic() < deadline, "the job did not finish in time"
        time.sleep(0.1)
        at.run()
    time.sleep(0.3)  # let a rerun that the fragment asked for end before the last run
    return at.run()


GATES: dict = {}  # tag → threading.Event: an AppTest app's job waits for its test to set it


def gated_app(tag: str) -> None:
    """An app with one job that reports 50 %, 100 %, then waits for `GATES[tag]` to finish."""
    import streamlit as st

    from tests.jobs_helpers import GATES
    from ui import jobs

    def work(progress):
        progress(0.5)
        progress(1.0)
        assert GATES[tag].wait(30)
        return "the result"

    result = jobs.run(("gated", tag), work, label="Training")
    if result is not None:
        st.write(f"shown: {result}")
