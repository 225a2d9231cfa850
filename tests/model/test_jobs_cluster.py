"""The job pool on a Dask cluster (`RNNX_CLUSTER`), against a local cluster of one worker process:
a training runs there and comes back equal to one run here, its progress arrives, Cancel stops
it and frees the worker, an error comes back as the page's error; page code stays local."""

import logging
import time

import numpy as np
import pytest
from distributed import Client, LocalCluster

from explorer.errors import InputError
from explorer.inputs import data
from explorer.training import next_step as train
from pool import cluster
from ui.jobs import Cancelled, Pool


@pytest.fixture(scope="module")
def runner():
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
        yield cluster.DaskRunner(client=client)


class Counting:
    """The runner, counting the jobs it was given."""

    def __init__(self, runner):
        self.runner, self.calls = runner, 0

    def __call__(self, work, progress):
        self.calls += 1
        return self.runner(work, progress)


def _wait(job, timeout: float = 60.0) -> list[tuple[float, str]]:
    """Wait for `job`, noting the progress the pool shows meanwhile."""
    seen, deadline = [], time.monotonic() + timeout
    while not job.done.wait(0.05):
        assert time.monotonic() < deadline, "the job did not finish in time"
        seen.append((job.fraction, job.note))
    return seen


def test_a_training_runs_on_the_cluster_with_progress_and_comes_back_equal(runner):
    assert runner.workers() == 1
    counting = Counting(runner)
    pool = Pool(workers=runner.workers(), runner=counting)
    x = data.bits_sequence(1000, 1)
    job = pool.submit("train", train.job(x, "lstm", 8, 300, 7), waiter="a")  # a few seconds
    seen = _wait(job)
    assert job.error is None, job.error
    assert counting.calls == 1  # it went to the cluster
    expected = train.train_next_step(x, "lstm", 8, 300, 7)
    np.testing.assert_allclose(
        job.result["params"]["weight_hh_l0"], expected["params"]["weight_hh_l0"], rtol=0, atol=1e-12
    )
    np.testing.assert_allclose(job.result["losses"], expected["losses"], rtol=1e-12)
    middle = {f for f, note in seen if 0 < f < 1 and "MSE" in note}
    assert len(middle) >= 2, seen  # the worker's progress reached the app while it ran


def test_cancel_stops_the_job_on_the_worker_and_frees_it(runner):
    pool = Pool(workers=1, runner=runner)
    x = data.bits_sequence(1000, 1)
    job = pool.submit("long", train.job(x, "gru", 8, 20_000, 1), waiter="a")  # minutes of work
    deadline = time.monotonic() + 60
    while job.fraction <= 0:  # running on the worker
        assert time.monotonic() < deadline and not job.done.is_set(), job.error
        time.sleep(0.05)
    started = time.monotonic()
    pool.leave(job, "a")
    assert job.done.wait(10) and isinstance(job.error, Cancelled)
    assert pool.find("long") is None
    # The worker (one thread) is free again: a short job runs at once.
    quick = pool.submit("quick", train.job(data.bits_sequence(200, 1), "lstm", 4, 5, 0), "a")
    _wait(quick, timeout=20)
    assert quick.error is None and len(quick.result["losses"]) == 5
    assert time.monotonic() - started < 40  # minutes of work stopped (generous: CI is busy)


def test_an_error_comes_back_as_the_same_error(runner):
    pool = Pool(workers=1, runner=runner)
    job = pool.submit("broken", train.job(np.zeros((1, 1)), "lstm", 8, 5, 0), waiter="a")
    _wait(job)
    with pytest.raises(ZeroDivisionError) as local:
        train.train_next_step(np.zeros((1, 1)), "lstm", 8, 5, 0)
    assert type(job.error) is ZeroDivisionError and str(job.error) == str(local.value)


def refuse(progress):
    progress(0.5)
    raise InputError("jobs2.busy", label="A", running="B")


def test_an_input_error_keeps_its_two_languages(runner):
    with pytest.raises(InputError) as err:
        runner(refuse, lambda fraction, note="": None)
    assert "One job at a time" in str(err.value)
    assert "同一时间" in err.value.message("zh")


def page_code(progress):
    return "here"


def test_work_that_is_not_explorer_code_stays_in_this_process(runner):
    counting = Counting(runner)
    pool = Pool(workers=1, runner=counting)
    job = pool.submit("page", page_code, waiter="a")
    _wait(job)
    assert job.result == "here" and counting.calls == 0
    assert cluster.portable(train.job(np.zeros((3, 1)), "lstm", 2, 1, 0))
    assert not cluster.portable(page_code)


def test_rnnx_cluster_local_starts_worker_processes_here(monkeypatch):
    monkeypatch.setenv(cluster.ADDRESS_ENV, cluster.LOCAL)
    monkeypatch.setenv(cluster.WORKERS_ENV, "1")
    local = cluster.runner_from_env()
    try:
        assert local.workers() == 1
        pool = Pool(workers=local.workers(), runner=local)
        job = pool.submit("local", train.job(data.bits_sequence(200, 1), "gru", 4, 5, 3), "a")
        _wait(job)
        assert job.error is None
        expected = train.train_next_step(data.bits_sequence(200, 1), "gru", 4, 5, 3)
        np.testing.assert_allclose(job.result["losses"], expected["losses"], rtol=1e-12)
    finally:
        local.close()


def _events(client) -> dict:
    """The scheduler's Dask Events: name → set."""

    def look(dask_scheduler):
        return {name: e.is_set() for name, e in dask_scheduler.extensions["events"]._events.items()}

    return client.run_on_scheduler(look)


def test_a_job_cancelled_before_it_reached_a_worker_leaves_no_event_behind(runner):
    # Two app processes sharing a one-thread cluster: this pool sends two jobs, the second waits
    # on the scheduler, and its student cancels it there.
    pool = Pool(workers=2, runner=runner)
    x = data.bits_sequence(1000, 1)
    first = pool.submit("first", train.job(x, "gru", 8, 20_000, 1), waiter="a")  # minutes
    deadline = time.monotonic() + 60
    while first.fraction <= 0:  # running on the worker
        assert time.monotonic() < deadline and not first.done.is_set(), first.error
        time.sleep(0.05)
    second = pool.submit("second", train.job(x, "gru", 8, 20_000, 2), waiter="b")
    while not second.started:  # sent to the scheduler, where it waits for the worker
        assert time.monotonic() < deadline
        time.sleep(0.05)
    pool.leave(second, "b")
    assert second.done.wait(10) and isinstance(second.error, Cancelled)
    assert not any(_events(runner.client).values()), _events(runner.client)
    pool.leave(first, "a")
    assert first.done.wait(10) and isinstance(first.error, Cancelled)
    deadline = time.monotonic() + 20  # the worker sees the flag at its next report, clears it
    while _events(runner.client):
        assert time.monotonic() < deadline, _events(runner.client)
        time.sleep(0.05)
