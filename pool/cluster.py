"""The job pool's cluster backend: the same jobs on a Dask cluster (`RNNX_CLUSTER=tcp://host:8786`).

No streamlit here, so a Dask worker runs a job with the `explorer` package alone (workers are
started in the app's folder: the same code and requirements). `distributed` is imported lazily,
so the app runs without it when no cluster is configured.

`DaskCluster(address)` is where `pool.local.Pool` sends every declared `Work` when a cluster is
set: only (name, kwargs) travel, and the worker calls `explorer.training.jobs.call` (a closure
never leaves the app). Dask's scheduler is the queue (the warm-up's jobs at a lower priority);
no app thread waits for a job: progress is pushed from the worker as Dask events of one topic
(`Worker.log_event`, at most every `REPORT_EVERY` seconds; the app's one subscription hands each
report to its job), the result lands through the future's done-callback. Cancel is the future's
own cancel: a queued task leaves the scheduler, a running one sees at its next `progress(...)`
that its worker was told to forget it, and raises `Cancelled`. Nothing else is kept on the
scheduler (no Event or Variable per job). Several app processes may share one cluster: each
sends, watches and cancels only its own tasks (their keys are random).

Torch's threads and the CPU priority are set where a job trains (`single_threaded()`): in the
Dask worker's process, never in the app's when a cluster is set.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

ADDRESS_ENV = "RNNX_CLUSTER"  # a Dask scheduler address: the pool's jobs run there
WORKERS_ENV = "RNNX_WORKERS"  # how many jobs at once (default: this machine's cores)
REPORT_EVERY = 0.2  # seconds between two progress reports from a worker
TOPIC = "rnnx-job-progress"  # the Dask event topic the workers' reports go to
# Dask starts the queued task of highest priority first, but tasks sent within its `fifo-timeout`
# (60 s) of each other tie, and ties are broken in no set order: a task's priority is minus the
# microsecond it was sent (first come, first served, across app processes too), and a warm-up
# job's is lower by LOW_OFFSET (about 3,000 years): behind every student's.
LOW_OFFSET = 10**17
CONNECT_SECONDS = 10
BACKGROUND_NICE = 10  # a job's CPU priority (Linux niceness): below the pages' reruns
LOCAL = "local"  # RNNX_CLUSTER=local: a Dask cluster of worker processes on this machine


class Cancelled(Exception):
    """Raised by `progress(...)` inside a job that nobody waits for any more."""


def workers_from_env(default: int | None = None) -> int:
    """The pool's size: `RNNX_WORKERS` if set (≥ 1), else `default`, else the machine's cores."""
    value = os.environ.get(WORKERS_ENV, "").strip()
    if value:
        return max(int(value), 1)
    return default or os.cpu_count() or 1


def background_priority() -> None:
    """On Linux, this thread (only) runs at a lower CPU priority (`BACKGROUND_NICE`), so the
    pages' reruns get a core first."""
    if sys.platform.startswith("linux"):  # Linux: a thread's own niceness (its native id)
        with contextlib.suppress(OSError):
            thread = threading.get_native_id()
            now = os.getpriority(os.PRIO_PROCESS, thread)
            if now < BACKGROUND_NICE:
                os.setpriority(os.PRIO_PROCESS, thread, BACKGROUND_NICE)


def single_threaded() -> None:
    """A job runs in the background: one thread for torch (already imported, or imported by
    the job: jobs run side by side on a core each instead of fighting over every core), at
    `background_priority()` (this thread only). Called where jobs train: in a Dask worker's
    process (`on_worker`; a worker only trains), or, without a cluster, in the app's own pool
    threads. The environment and torch's thread count are process-wide (torch's count is the
    default of every thread started after): without a cluster they are set for the app's pages
    too, on purpose: an LSTM training of the gate inspector on 2 torch threads took 6.3-6.5 s of
    CPU against 0.43-0.49 s on one (2 cores, load 20). With a cluster the app never calls it."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")
    if "torch" in sys.modules:  # imported, or being imported by another job's thread:
        import torch  # waits for that import to finish (its half-made module has no functions)

        if torch.get_num_threads() != 1:
            torch.set_num_threads(1)
    background_priority()


def on_worker(name: str, kwargs: dict, job_id: str) -> Any:
    """Runs on a Dask worker: the declared job `name` with `kwargs`
    (`explorer.training.jobs.call`), its progress pushed to the app as events of `TOPIC` (at
    most every `REPORT_EVERY` seconds; the first says it has started). Cancelled by the app
    cancelling its future: the scheduler then tells this worker to forget the task, and the
    job's next `progress(...)` (a look at this worker's own task table, `Worker.state.tasks`
    of Dask's documented worker state machine: no message) raises `Cancelled`. Torch's threads are set here, in the worker process (a worker only trains)."""
    from distributed import get_worker

    from explorer.training.jobs import Work, call

    worker = get_worker()
    key = worker.get_current_task()
    last = -REPORT_EVERY

    def progress(fraction: float, note: str = "") -> None:
        nonlocal last
        task = worker.state.tasks.get(key)
        if task is None or task.state == "cancelled":  # its future was cancelled
            raise Cancelled
        now = time.monotonic()
        if now - last >= REPORT_EVERY or fraction >= 1.0:
            last = now
            message = {"job": job_id, "fraction": float(fraction), "note": str(note)}
            worker.log_event(TOPIC, message)

    progress(0.0)  # started
    single_threaded()
    return call(Work(name, job_id, kwargs), progress)


class DaskCluster:
    """The pool's jobs on the Dask scheduler at `address` (or through an existing `client`):
    `send(job_id, work, low=, progress=, landed=)` submits one `Work` (its name and kwargs) and
    returns its future; Dask's scheduler queues it (a `low` one at a lower priority). Progress
    arrives as events of `TOPIC` through one subscription of this client (`progress(fraction,
    note)` is called on the client's thread); `landed(result, error)` once the future is done
    (on Dask's callback thread). `cancel(future)` cancels it. Only this process's own futures
    are ever cancelled: several app processes may share one cluster.
    `address="local"` starts a cluster of `workers` processes here, at the first job."""

    def __init__(self, address: str | None = None, client=None, workers: int | None = None):
        self._address, self._client, self._workers = address, client, workers
        self._lock = threading.Lock()
        self._watching: dict[str, Callable[[float, str], None]] = {}
        self._subscribed = False
        self._threads: int | None = None
        if client is not None or address != LOCAL:
            self.connect()

    def connect(self):
        """The client (connected, subscribed to the progress events)."""
        from distributed import Client

        with self._lock:
            if self._client is None:
                target = (
                    local_cluster(self._workers or 1) if self._address == LOCAL else self._address
                )
                self._client = Client(target, set_as_default=False, timeout=CONNECT_SECONDS)
            if not self._subscribed:
                self._client.subscribe_topic(TOPIC, self._reported)
                self._subscribed = True
            return self._client

    @property
    def client(self):
        return self.connect()

    def close(self) -> None:
        """Disconnect; a cluster this object started (`local`) stops with it."""
        if self._client is None:
            return
        started = self._client.cluster if self._address == LOCAL else None
        self._client.close()
        if started is not None:
            started.close()

    def workers(self) -> int:
        """How many tasks the cluster runs at once (its worker threads, read once), at least 1:
        only for the queue's wait estimate."""
        if self._address == LOCAL:
            return self._workers or 1
        if self._threads is None:
            info = self.client.scheduler_info()
            self._threads = max(sum(w.get("nthreads", 1) for w in info["workers"].values()), 1)
        return self._threads

    def send(self, job_id: str, work, *, low: bool, progress: Callable, landed: Callable):
        """Submit `work` (a declared Work) as the task `rnnx-<job_id>`; returns its future."""
        client = self.connect()
        self._watching[job_id] = progress
        future = client.submit(
            on_worker,
            work.name,
            work.kwargs,
            job_id,
            key=f"rnnx-{job_id}",
            pure=False,
            priority=-(time.time_ns() // 1000) - (LOW_OFFSET if low else 0),
        )
        future.add_done_callback(functools.partial(self._landed, job_id, landed))
        return future

    def cancel(self, future) -> None:
        """Cancel this process's `future`: out of Dask's queue, or stopped at its next report."""
        future.cancel()

    def _reported(self, event) -> None:
        """One worker's report, on the client's thread (events of other processes' jobs too:
        ignored)."""
        _, message = event
        progress = self._watching.get(message.get("job"))
        if progress is not None:
            progress(message["fraction"], message["note"])

    def _landed(self, job_id: str, landed: Callable, future) -> None:
        """(Nothing raised here: a traceback through this frame would keep the future, and the
        task with it, on the scheduler.)"""
        self._watching.pop(job_id, None)
        try:
            if future.cancelled():
                outcome = (None, Cancelled())
            elif future.status == "finished":
                outcome = (future.result(), None)
            else:  # the job's error, or Dask's (a worker lost, say)
                outcome = (None, future.exception())
        except Exception as err:  # noqa: BLE001 - fetching failed: the page says so
            outcome = (None, err.with_traceback(None))
        landed(*outcome)


def local_cluster(workers: int):
    """A Dask cluster of `workers` single-threaded worker processes on this machine."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )


def cluster_from_env() -> DaskCluster | None:
    """The cluster named by `RNNX_CLUSTER` ("local": worker processes here, one per core or
    `RNNX_WORKERS`, started at the first job), or None: jobs run in this process's threads."""
    address = os.environ.get(ADDRESS_ENV, "").strip()
    if not address:
        return None
    try:
        import distributed  # noqa: F401
    except ImportError as err:
        raise RuntimeError(
            f"{ADDRESS_ENV}={address} needs Dask: pip install -r requirements-cluster.txt"
        ) from err
    return DaskCluster(address, workers=workers_from_env() if address == LOCAL else None)
