"""The job pool on a Dask cluster (`RNNX_CLUSTER`), against a local cluster of one single-threaded
worker process: each declared training ("gates.train", "charmodel.train", "memory_task.train")
runs there and comes back equal to `call(work, progress)` here, its progress reaches the app
while it runs, the app process spends next to no CPU on it, Cancel stops it on the worker (queued
or running) and leaves nothing on the scheduler, a cancelled job asked for again queues at the
back (Dask's scheduler is the queue: no thread of the app waits for a job), an error comes back
as the same error. A closure (the old form) never leaves the app."""

import dataclasses
import logging
import threading
import time

import numpy as np
import pytest
from distributed import Client, LocalCluster

from explorer.inputs import data
from explorer.training import charmodel
from explorer.training.jobs import Work, call
from pool import cluster
from pool.local import Cancelled, Pool

TEXT = "the cat sat on the mat. the dog sat on the log. " * 4

# Tiny trainings, one per declared job: about a second of work each.
TINY = {
    "gates.train": {
        "x": data.bits_sequence(400, 1),
        "kind": "lstm",
        "hidden": 6,
        "epochs": 60,
        "seed": 7,
    },
    "charmodel.train": {"text": TEXT, "kind": "gru", "hidden": 8, "steps": 40, "seed": 3},
    "memory_task.train": {  # a tanh RNN at T = 40 does not learn the task: it never stops early
        "kind": "rnn",
        "lengths": (20, 40),
        "steps": 150,
        "hidden": 8,
        "seed": 1,
        "start": "app",
    },
}
NOTES = {"gates.train": "MSE", "charmodel.train": "nats", "memory_task.train": "BCE"}
TIMINGS = {"seconds", "cpu_seconds"}  # wall and CPU time of a training: not its result


def _long(seed: int) -> Work:
    """Minutes of work (an LSTM on 1000 steps for 20 000 epochs)."""
    kwargs = {"x": data.bits_sequence(1000, 1), "kind": "gru", "hidden": 8, "epochs": 20_000}
    return Work("gates.train", ("long", seed), {**kwargs, "seed": seed})


@pytest.fixture(scope="module")
def dask():
    with (
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as local,
        Client(local, set_as_default=False) as client,
    ):
        yield cluster.DaskCluster(client=client)


@pytest.fixture
def pool(dask):
    """A pool on the cluster; at the end of the test its jobs are cancelled (a failed test
    leaves no minutes of work on the one worker for the next)."""
    made = Pool(workers=4, cluster=dask)  # 4 threads here, for closures only
    yield made
    made.shutdown()
    _nothing_left(dask.client)


@pytest.fixture(scope="module")
def idle_rate(dask) -> float:
    """CPU seconds per second this process spends with the cluster up and no job: the test
    cluster's scheduler and the client live here (measured: 0.035 s/s at load 13)."""
    began, spent = time.monotonic(), time.process_time()
    time.sleep(5.0)  # a measurement window, not a wait for a signal
    return (time.process_time() - spent) / (time.monotonic() - began)


def _same(a, b, where: str = "result") -> None:
    """`a` and `b` hold the same numbers (timings aside)."""
    if dataclasses.is_dataclass(a):
        assert type(a) is type(b), where
        for f in dataclasses.fields(a):
            if f.name not in TIMINGS:
                _same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            if k not in TIMINGS:
                _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, (list, tuple, np.ndarray)) or np.isscalar(a):
        if np.asarray(a).dtype.kind in "fc":
            np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12, err_msg=where)
        else:
            np.testing.assert_array_equal(a, b, err_msg=where)
    else:
        assert a == b, where


def _watch(job, timeout: float = 120.0) -> list[tuple[float, str]]:
    """Wait for `job`, noting what its progress bar would show meanwhile."""
    seen, deadline = [], time.monotonic() + timeout
    while not job.done.wait(0.02):
        assert time.monotonic() < deadline, "the job did not finish in time"
        seen.append((job.fraction, job.note))
    return seen


def _started(job, timeout: float = 60.0) -> None:
    """Wait until the worker's first report (the job runs there) has reached the app."""
    deadline = time.monotonic() + timeout
    while not job.started:
        assert time.monotonic() < deadline and not job.done.is_set(), job.error
        time.sleep(0.02)


def _scheduler(client) -> dict:
    """What the scheduler holds: its tasks, Dask Events and Variables."""

    def look(dask_scheduler):
        ext = dask_scheduler.extensions
        return {
            "tasks": sorted(map(str, dask_scheduler.tasks)),
            "events": dict(ext["events"]._events),
            "variables": sorted(ext["variables"].variables),
        }

    return client.run_on_scheduler(look)


def _nothing_left(client, timeout: float = 20.0) -> None:
    """Wait until the scheduler holds no task, Event or Variable (a future this process let go
    of is released by a message: not at once)."""
    deadline = time.monotonic() + timeout
    while (held := _scheduler(client)) != {"tasks": [], "events": {}, "variables": []}:
        assert time.monotonic() < deadline, held
        time.sleep(0.05)


def _tasks_become(client, n: int, timeout: float = 10.0) -> None:
    """Wait until the scheduler holds `n` tasks."""
    deadline = time.monotonic() + timeout
    while len(_scheduler(client)["tasks"]) != n:
        assert time.monotonic() < deadline, _scheduler(client)
        time.sleep(0.05)


def _worker_cpu(client) -> float:
    """CPU seconds the worker process has spent so far."""
    return next(iter(client.run(time.process_time).values()))


@pytest.mark.parametrize("name", sorted(TINY))
def test_each_declared_training_runs_on_the_cluster_and_comes_back_equal(
    dask, pool, idle_rate, name
):
    work = Work(name, (name, "tiny"), TINY[name], label=name)
    worker_before, app_before = _worker_cpu(dask.client), time.process_time()
    began = time.monotonic()
    job = pool.submit(work, waiter="a")
    assert job.remote and job.done.wait(120)
    app_spent = time.process_time() - app_before - idle_rate * (time.monotonic() - began)
    worker_spent = _worker_cpu(dask.client) - worker_before
    assert job.error is None, job.error
    _same(job.result, call(work, lambda fraction, note="": None))
    assert worker_spent > 0.2, worker_spent  # it trained there ...
    # ... and not here: beyond what the idle cluster costs this process, the job's progress
    # events and result cost it next to nothing. Measured (load 13, 2 cores): the app at its
    # idle rate during a gates training (1.49 s in 42.8 s; idle 0.035 s/s), the worker 8.0 s.
    assert app_spent < max(0.1 * worker_spent, 0.1), (app_spent, worker_spent)


@pytest.mark.parametrize("name", sorted(TINY))
def test_the_worker_s_progress_reaches_the_app_while_it_runs(dask, pool, name):
    kwargs = {**TINY[name]}
    key = {"gates.train": "epochs", "charmodel.train": "steps", "memory_task.train": "steps"}[name]
    kwargs[key] *= 4  # a few seconds: several reports, REPORT_EVERY apart
    job = pool.submit(Work(name, (name, "progress"), kwargs), waiter="a")
    seen = _watch(job)
    assert job.error is None, job.error
    middle = {f for f, note in seen if 0 < f < 1 and NOTES[name] in note}
    assert len(middle) >= 2, seen  # pushed from the worker, shown while it ran


def test_a_running_job_cancelled_stops_on_the_worker_and_frees_it(dask, pool):
    job = pool.submit(_long(1), waiter="a")
    _started(job)
    cancelled = time.monotonic()
    pool.leave(job, "a")
    assert job.done.wait(10) and isinstance(job.error, Cancelled)
    assert pool.find(job.key) is None
    quick = pool.submit(Work("gates.train", "quick", TINY["gates.train"]), waiter="a")
    _watch(quick, timeout=60)  # the one worker thread is free again: it runs at once
    assert quick.error is None and len(quick.result["losses"]) == TINY["gates.train"]["epochs"]
    assert time.monotonic() - cancelled < 40  # minutes of work stopped (generous: CI is busy)
    _nothing_left(dask.client)


def test_a_job_cancelled_before_it_starts_leaves_nothing_on_the_scheduler(dask, pool):
    first = pool.submit(_long(2), waiter="a")
    _started(first)  # holds the worker: the next waits in Dask's queue
    second = pool.submit(_long(3), waiter="b")
    assert pool.queued(second) and pool.position(second) == 0
    _tasks_become(dask.client, 2)  # submitting is a message: it reaches the scheduler soon
    pool.leave(second, "b")
    assert second.done.is_set() and isinstance(second.error, Cancelled)  # at once
    _tasks_become(dask.client, 1)  # so is cancelling
    held = _scheduler(dask.client)
    assert len(held["tasks"]) == 1 and not held["events"] and not held["variables"], held
    pool.leave(first, "a")
    assert first.done.wait(10) and isinstance(first.error, Cancelled)
    _nothing_left(dask.client)  # the worker stops at its next report and forgets it


def test_a_cancelled_job_asked_for_again_queues_at_the_back(dask, pool):
    running = pool.submit(_long(4), waiter="r")
    _started(running)
    quick = {**TINY["gates.train"], "epochs": 5}
    again, other = (Work("gates.train", k, {**quick, "seed": s}) for k, s in (("b", 1), ("c", 2)))
    threads = threading.active_count()
    first = pool.submit(again, waiter="b")
    behind = pool.submit(other, waiter="c")
    assert threading.active_count() == threads  # no thread here waits for a job on the cluster
    assert [pool.position(first), pool.position(behind)] == [0, 1]
    pool.leave(first, "b")
    resubmitted = pool.submit(again, waiter="b")
    assert resubmitted is not first
    assert [pool.position(behind), pool.position(resubmitted)] == [0, 1]
    pool.leave(running, "r")  # the worker frees up: Dask starts them in that order
    assert behind.done.wait(60) and resubmitted.done.wait(60)
    assert behind.error is None and resubmitted.error is None
    assert behind.began < resubmitted.began


def test_the_warm_up_s_jobs_wait_behind_a_student_s_on_the_scheduler(dask, pool):
    running = pool.submit(_long(5), waiter="r")
    _started(running)
    quick = {**TINY["gates.train"], "epochs": 5}
    warm = pool.submit(Work("gates.train", "warm", {**quick, "seed": 1}), waiter="w", low=True)
    student = pool.submit(Work("gates.train", "student", {**quick, "seed": 2}), waiter="s")
    assert [pool.position(student), pool.position(warm)] == [0, 1]
    pool.leave(running, "r")
    assert student.done.wait(60) and warm.done.wait(60)
    assert student.began < warm.began  # Dask's priority, not the order sent


def test_an_error_comes_back_as_the_same_error_in_both_languages(dask, pool):
    kwargs = {**TINY["charmodel.train"], "text": "aaaa"}  # one character: refused
    job = pool.submit(Work("charmodel.train", "refused", kwargs), waiter="a")
    assert job.done.wait(60)
    with pytest.raises(charmodel.CharModelError) as here:
        call(Work("charmodel.train", "refused", kwargs), lambda fraction, note="": None)
    assert type(job.error) is charmodel.CharModelError
    assert str(job.error) == str(here.value)
    assert job.error.message("zh") == here.value.message("zh")


def test_the_pool_takes_declared_works_only(dask, pool):
    """A closure cannot be sent anywhere: the pool refuses it (one declaration, run here or on
    the cluster)."""
    with pytest.raises(TypeError):
        pool.submit(lambda progress: "here", waiter="a")


def test_rnnx_cluster_local_starts_worker_processes_here(monkeypatch):
    monkeypatch.setenv(cluster.ADDRESS_ENV, cluster.LOCAL)
    monkeypatch.setenv(cluster.WORKERS_ENV, "1")
    local = cluster.cluster_from_env()
    try:
        assert local.workers() == 1
        pool = Pool(workers=1, cluster=local)
        work = Work("gates.train", "local", {**TINY["gates.train"], "epochs": 5})
        job = pool.submit(work, waiter="a")
        assert job.done.wait(120) and job.error is None, job.error
        _same(job.result, call(work, lambda fraction, note="": None))
    finally:
        local.close()
