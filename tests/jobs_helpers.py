"""AppTest and `ui.jobs`: a page shows a progress bar while its job runs in the shared pool; in a
browser a fragment polls and reruns the page when the job ends, AppTest reruns by hand.

The tests' own declared jobs (explorer/training/jobs.py): "tests.call" runs `fn(progress)` (a
test's closure: in this process only), "tests.steps" reports `steps` times and returns `steps`,
"tests.gated" reports 50 %, 100 %, then waits for `GATES[tag]`, "tests.spin" works two minutes
(tests/browser/jobs_app.py)."""

from __future__ import annotations

import threading
import time

from explorer.training.jobs import Work, job


@job("tests.call")
def call_job(progress, *, fn):
    return fn(progress)


def task(key, fn, label: str = "") -> Work:
    """A Work that runs the test's closure `fn(progress)` under `key` (in this process)."""
    return Work("tests.call", key, {"fn": fn}, label=label)


@job("tests.steps")
def steps_job(progress, *, steps: int, seconds: float = 0.01, release=None, note: str = ""):
    """`steps` reports, `seconds` apart (each after `release`, if given); returns `steps`."""
    for i in range(steps):
        if release is not None:
            release.wait(5)
        progress(i / steps, note)
        time.sleep(seconds)
    return steps


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


@job("tests.spin")
def spin_job(progress, *, busy: bool, seconds: float = 120.0) -> str:
    """`seconds` of work, reporting every 0.05 s: spinning the CPU if `busy`, else sleeping."""
    began = time.monotonic()
    while (spent := time.monotonic() - began) < seconds:
        step = time.monotonic() + 0.05
        while busy and time.monotonic() < step:
            pass
        if not busy:
            time.sleep(0.05)
        progress(spent / seconds, "working")
    return "done"


GATES: dict[str, threading.Event] = {}  # tag → an AppTest app's job waits for its test to set it


@job("tests.gated")
def gated_job(progress, *, tag: str) -> str:
    progress(0.5)
    progress(1.0)
    assert GATES[tag].wait(30)
    return "the result"


def gated_app(tag: str) -> None:
    """An app with one job that reports 50 %, 100 %, then waits for `GATES[tag]` to finish."""
    import streamlit as st

    import tests.jobs_helpers  # noqa: F401 - declares "tests.gated"
    from explorer.training.jobs import Work
    from ui import jobs

    jobs.new_run()  # as the page frame does
    result = jobs.run(Work("tests.gated", ("gated", tag), {"tag": tag}, label="Training"))
    if result is not None:
        st.write(f"shown: {result}")
