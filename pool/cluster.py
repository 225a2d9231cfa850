"""The job pool's cluster backend: the same jobs on a Dask cluster (`RNNX_CLUSTER=tcp://host:8786`).

No streamlit here, so a Dask worker runs a job with the `explorer` package alone (workers are
started in the app's folder: the same code and requirements). `distributed` is imported lazily,
so the app runs without it when no cluster is configured.

`DaskRunner(address)(work, progress)` runs `work(progress)` on the cluster and returns its result
(or raises its error) in the calling thread: the pool's own thread waits for it, so the pool's
bound, queue positions and sharing by key are unchanged. Across processes, progress goes through
a Dask `Variable` (at most every `REPORT_EVERY` seconds) and Cancel through a Dask `Event` that
the worker's `progress(...)` checks (where a cancelled job stops); the future is cancelled too.
Only portable work goes there: functions of `explorer` (page code may touch the session). The
Cancel flag never outlives its job on the scheduler: the job removes it when it ends, the app when
the job never reached a worker.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

ADDRESS_ENV = "RNNX_CLUSTER"  # a Dask scheduler address: the pool's jobs run there
WORKERS_ENV = "RNNX_WORKERS"  # how many jobs at once (default: this machine's cores)
REPORT_EVERY = 0.2  # seconds between two progress reports from a worker
POLL_SECONDS = 0.25  # how often the app's waiting thread reads progress and Cancel
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


def portable(work: Callable) -> bool:
    """Whether `work` can run on another machine: a function (or partial) of `explorer`."""
    while isinstance(work, functools.partial):
        work = work.func
    module = getattr(work, "__module__", "") or ""
    return module == "explorer" or module.startswith("explorer.")


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
    `background_priority()`. The environment and torch's threads are process-wide: in the app's
    process this sets them for every page too. Kept there on purpose: an LSTM training of the gate
    inspector on 2 torch threads took 6.3-6.5 s of CPU against 0.43-0.49 s on one (2 cores,
    load 20)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")
    if "torch" in sys.modules:  # imported, or being imported by another job's thread:
        import torch  # waits for that import to finish (its half-made module has no functions)

        if torch.get_num_threads() != 1:
            torch.set_num_threads(1)
    background_priority()


def _on_worker(work: Callable, name: str) -> Any:
    """Runs on a Dask worker: `work(progress)`, reporting to and cancelled from the app. The
    first report says the job has started; at its end the job removes its Cancel flag from the
    scheduler (a Cancel that came after its last report is not left behind)."""
    from distributed import Event, Variable

    cancel, report = Event(f"{name}-cancel"), Variable(f"{name}-progress")
    last = -REPORT_EVERY

    def progress(fraction: float, note: str = "") -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < REPORT_EVERY and fraction < 1.0:
            return
        last = now
        if cancel.is_set():
            raise Cancelled
        report.set((float(fraction), str(note), True))

    try:
        report.set((0.0, "", True))  # started
        single_threaded()
        return work(progress)
    finally:
        cancel.clear()  # removes it from the scheduler (nobody waits on it)


class DaskRunner:
    """Runs pool jobs on the Dask scheduler at `address` (or through an existing `client`).
    `address="local"` starts a cluster of `workers` processes here, at the first job."""

    def __init__(self, address: str | None = None, client=None, workers: int | None = None):
        self._address, self._client, self._workers = address, client, workers
        self._lock = threading.Lock()
        if client is None and address != LOCAL:
            self._connect()

    def _connect(self):
        from distributed import Client

        with self._lock:
            if self._client is None:
                target = (
                    local_cluster(self._workers or 1) if self._address == LOCAL else self._address
                )
                self._client = Client(target, set_as_default=False, timeout=CONNECT_SECONDS)
            return self._client

    @property
    def client(self):
        return self._client or self._connect()

    def close(self) -> None:
        """Disconnect; a cluster this runner started (`local`) stops with it."""
        if self._client is None:
            return
        started = self._client.cluster
        self._client.close()
        if started is not None:
            started.close()

    def workers(self) -> int:
        """How many tasks the cluster runs at once (its worker threads), at least 1."""
        if self._address == LOCAL:
            return self._workers or 1
        info = self.client.scheduler_info()
        return max(sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()), 1)

    def __call__(self, work: Callable, progress: Callable[[float, str], None]) -> Any:
        from distributed import Event, Variable

        name = f"rnnx-job-{uuid.uuid4().hex}"
        cancel = Event(f"{name}-cancel", client=self.client)
        report = Variable(f"{name}-progress", client=self.client)
        report.set((0.0, "", False))  # (fraction, note, started on a worker)
        future = self.client.submit(_on_worker, work, name, key=name, pure=False)
        started = False
        try:
            while True:
                try:
                    return future.result(timeout=POLL_SECONDS)
                except TimeoutError:
                    pass
                fraction, note, started = report.get(timeout=CONNECT_SECONDS)
                progress(fraction, note)  # raises Cancelled
        except Cancelled:
            ended = future.done()  # on the worker already (its flag cleared)
            cancel.set()  # a job on a worker stops at its next report (and clears the flag)
            future.cancel()
            started = started or report.get(timeout=CONNECT_SECONDS)[2]
            if ended or not started:  # nobody else would clear the flag
                cancel.clear()
            raise
        finally:
            report.delete()


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


def runner_from_env() -> DaskRunner | None:
    """A runner for the cluster named by `RNNX_CLUSTER` ("local": worker processes here, one per
    core or `RNNX_WORKERS`, started at the first job), or None: jobs run in this process's
    threads."""
    address = os.environ.get(ADDRESS_ENV, "").strip()
    if not address:
        return None
    try:
        import distributed  # noqa: F401
    except ImportError as err:
        raise RuntimeError(
            f"{ADDRESS_ENV}={address} needs Dask: pip install -r requirements-cluster.txt"
        ) from err
    return DaskRunner(address, workers=workers_from_env() if address == LOCAL else None)
