"""The shared job pool: bounded, shared by key, cancelled when nobody waits, nothing half-kept."""

import threading
import time

import pytest

from ui.jobs import Cancelled, Pool


def slow(steps: int, release: threading.Event | None = None, seconds: float = 0.01):
    def work(progress):
        for i in range(steps):
            if release is not None:
                release.wait(5)
            progress(i / steps, f"step {i}")
            time.sleep(seconds)
        return {"steps": steps}

    return work


def test_same_key_is_one_job_shared_by_every_waiter():
    pool = Pool(workers=2)
    calls = []

    def work(progress):
        calls.append(1)
        time.sleep(0.05)
        return 42

    jobs = [pool.submit(("train", 1), work, waiter=f"s{i}") for i in range(30)]
    assert all(job is jobs[0] for job in jobs)
    assert jobs[0].done.wait(5) and jobs[0].result == 42
    assert calls == [1]  # 30 students, one training
    assert len(jobs[0].waiters) == 30


def test_at_most_workers_run_at_once_and_the_rest_queue_in_order():
    pool = Pool(workers=2)
    release = threading.Event()
    jobs = [pool.submit(("job", i), slow(3, release), waiter="s") for i in range(5)]
    time.sleep(0.2)
    assert sum(job.started for job in jobs) == 2
    assert [pool.position(job) for job in jobs] == [0, 0, 0, 1, 2]
    release.set()
    assert all(job.done.wait(5) for job in jobs)
    assert [job.result for job in jobs] == [{"steps": 3}] * 5


def test_a_job_nobody_waits_for_stops_and_is_forgotten():
    pool = Pool(workers=1)
    job = pool.submit("long", slow(1000, seconds=0.005), waiter="a")
    pool.submit("long", slow(1000), waiter="b")
    time.sleep(0.05)
    pool.leave(job, "a")
    assert not job.cancel.is_set()  # b still waits
    pool.leave(job, "b")
    assert job.done.wait(2)
    assert isinstance(job.error, Cancelled) and job.result is None
    assert pool.find("long") is None  # the next request starts afresh
    again = pool.submit("long", slow(2), waiter="a")
    assert again is not job and again.done.wait(2) and again.result == {"steps": 2}


def test_errors_are_kept_for_the_student_who_asked():
    pool = Pool(workers=1)

    def broken(progress):
        raise ValueError("no")

    job = pool.submit("bad", broken, waiter="a")
    assert job.done.wait(2)
    assert isinstance(job.error, ValueError)


def test_finished_jobs_are_bounded():
    pool = Pool(workers=2, keep=3)
    jobs = [pool.submit(i, slow(1, seconds=0), waiter="a") for i in range(10)]
    assert all(job.done.wait(2) for job in jobs)
    time.sleep(0.05)
    kept = [i for i in range(10) if pool.find(i) is not None]
    assert kept == [7, 8, 9]


@pytest.mark.parametrize("fraction", [-1.0, 2.0])
def test_progress_is_clamped(fraction):
    pool = Pool(workers=1)
    seen = []

    def work(progress):
        progress(fraction)
        seen.append(1)
        return None

    job = pool.submit(("p", fraction), work, waiter="a")
    assert job.done.wait(2) and 0.0 <= job.fraction <= 1.0 and seen == [1]
