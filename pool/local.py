"""The job pool: long work off the pages' threads, shared by key, in one queue per app process.

Pure Python (no Streamlit: tests/model/test_pool_pure.py checks it); `ui/jobs.py` draws it.

`Pool.submit(work, waiter)` takes a declared `Work` (explorer/training/jobs.py) and returns its
`Job` (started, or joined if it runs: the key names the result, so 30 students asking for the
same training share one job). `progress(fraction, note)` inside the job fills `job.fraction` and
`job.note`; `job.done` is set when it has ended, with `job.result` or `job.error`.

Where a job runs:
- without a cluster, in this process: at most `workers` jobs at once in the pool's daemon
  threads, the rest wait in order in the pool's queue;
- with a cluster (`pool.cluster.DaskCluster`, `RNNX_CLUSTER`), every `Work` goes to Dask at once
  as (name, kwargs): Dask's scheduler is the queue, a worker calls `explorer.training.jobs.call`,
  its progress is pushed back (one subscription per process, no thread per job), the result
  lands through the future's callback. The pool keeps only what the page shows: the jobs this
  process sent, in order, for "n ahead" (other processes' tasks are neither counted nor touched).

The queue holds only jobs somebody waits for: a job whose last waiter leaves before it starts
leaves the queue at once (asked for again, it is a new job at the back), a running one stops at
its next progress report (on a cluster: its Dask future is cancelled, and the worker's
`progress(...)` sees it). A waiter that started a job and still waits for it may not start
another (`Busy`) unless the caller says the keys go together (`alongside`: one page run's jobs).
A `low` job (the server's warm-up) queues behind every other until a student asks for it.
`shutdown()` cancels this pool's jobs (never another process's) and stops its threads.

Only declared `Work`s are submitted (a closure is refused): one declaration, whether it runs in
this process's threads or on the cluster.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from explorer.training.jobs import Work, call
from pool import waiting
from pool.cluster import Cancelled, single_threaded

KEEP_FINISHED = 32  # finished jobs kept for the students who come next (results are shared)
RECENT = 8  # the queue's wait is measured on this many recently finished jobs
SHUTDOWN_SECONDS = 10.0  # at exit, how long running jobs get to reach their next progress report

__all__ = ["Busy", "Cancelled", "Job", "Pool"]


@dataclass(eq=False)
class Job:
    key: Hashable
    owner: str = ""  # the waiter (session) that started it
    label: str = ""
    fraction: float = 0.0
    note: str = ""
    result: Any = None
    error: BaseException | None = None
    started: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    cancel: threading.Event = field(default_factory=threading.Event)
    waiters: set[str] = field(default_factory=set)
    low: bool = False  # asked only by the warm-up (ui/warm.py): queued behind every student's
    remote: bool = False  # sent to the cluster (Dask's scheduler queues and runs it)
    began: float = 0.0  # time.monotonic() when it started
    handle: Any = None  # on a cluster: its Dask future, until it has landed
    sent_as: str = ""  # on a cluster: the id it was last sent under (a promotion sends it again)

    @property
    def finished(self) -> bool:
        """Done with a result (even if a Cancel came after its last progress report)."""
        return self.done.is_set() and self.error is None


class Busy(Exception):
    """A waiter asked for a second job while one it started still runs (`.job`)."""

    def __init__(self, job: Job):
        super().__init__(job.key)
        self.job = job


def freeze(value: Any) -> Any:
    """Mark every NumPy array in `value` (dicts, lists, tuples, dataclasses) read-only: a result
    is shared by every student who asked for it."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, dict):
        for item in value.values():
            freeze(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            freeze(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            freeze(getattr(value, f.name))
    return value


class Pool:
    """At most `workers` jobs run at once in this process; the rest wait in order. Thread-safe.
    With a `cluster` (pool.cluster.DaskCluster), every `Work` runs there instead."""

    def __init__(self, workers: int, keep: int = KEEP_FINISHED, cluster=None):
        self.workers = max(int(workers), 1)
        self.cluster = cluster
        self._keep = keep
        self._jobs: dict[Hashable, Job] = {}  # every job known by key, in the order asked
        self._queue: deque[tuple[Job, Callable]] = deque()  # to run here, waiting for a thread
        self._sent: deque[Job] = deque()  # sent to the cluster, in the order Dask starts them
        self._durations: deque[float] = deque(maxlen=RECENT)  # seconds, recent finished jobs
        self._lock = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._closed = False

    def find(self, key: Hashable) -> Job | None:
        """The job for `key`, if the pool has it. A finished job asked for again becomes the
        last to be let go: the defaults every student opens stay while one-off trainings come
        and go (the oldest *unused* results leave first)."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.done.is_set():
                self._jobs[key] = self._jobs.pop(key)
            return job

    def submit(
        self,
        work: Work,
        waiter: str,
        *,
        alongside: Collection[Hashable] | None = None,
        low: bool = False,
    ) -> Job:
        """The job for `work.key` (started, or joined if it runs), with `waiter` waiting for it.
        With `alongside` (the keys this waiter may hold besides), starting a job while one this
        waiter started is unfinished and not among them raises `Busy` instead. A `low` job (the
        warm-up's) queues behind every other; a student who asks for it while it waits moves it
        up to the students' place in the queue."""
        if not isinstance(work, Work):
            raise TypeError(f"submit takes a declared Work, not {type(work).__name__}")
        if self.cluster is not None:
            self.cluster.connect()  # before the lock: `local` starts its processes here
        return self._submit(work.key, waiter, alongside, low, work.label, work)

    def _submit(self, key, waiter, alongside, low, label, work: Work) -> Job:
        remote = work is not None and self.cluster is not None
        send = again = None
        with self._lock:
            job = self._jobs.get(key)
            if job is None or (job.cancel.is_set() and not job.finished):
                if alongside is not None and (mine := self._started_by(waiter, alongside)):
                    raise Busy(mine)
                self._jobs.pop(key, None)  # a cancelled key asked for again: a new job
                job = self._jobs[key] = Job(key, owner=waiter, label=label, low=low, remote=remote)
                if self._closed:
                    self._end(job, Cancelled())
                elif remote:
                    self._enqueue(self._sent, job)
                    send = job
                else:
                    self._enqueue(self._queue, (job, functools.partial(call, work)))
                    self._start_worker()
                    self._lock.notify()
            elif job.low and not low:  # a student asks for what only the warm-up asked for
                job.low = False
                if job.remote and job in self._sent and not job.started:
                    self._sent.remove(job)
                    self._enqueue(self._sent, job)
                    again = job.handle  # sent again at the students' priority
                    send = job
                queued = [entry for entry in self._queue if entry[0] is job]
                if queued:
                    self._queue.remove(queued[0])
                    self._enqueue(self._queue, queued[0])
            job.waiters.add(waiter)
            if send is not None:
                self._send(send, work)
        if again is not None:
            self.cluster.cancel(again)
        return job

    def _send(self, job: Job, work: Work) -> None:
        """Hand `job` to the cluster (lock held: submitting is a message, it does not wait)."""
        job.sent_as = job_id = uuid.uuid4().hex
        job.handle = self.cluster.send(
            job_id,
            work,
            low=job.low,
            progress=functools.partial(self._reported, job, job_id),
            landed=functools.partial(self._landed, job, job_id),
        )

    def _enqueue(self, queue: deque, entry) -> None:
        """At the back of its class: a student's job ahead of every low one (lock held). An
        entry is a Job (sent to the cluster) or (Job, fn) (to run here)."""

        def low(item) -> bool:
            return (item[0] if isinstance(item, tuple) else item).low

        if low(entry):
            queue.append(entry)
        else:
            queue.insert(
                next((i for i, other in enumerate(queue) if low(other)), len(queue)), entry
            )

    def _started_by(self, waiter: str, besides: Collection[Hashable]) -> Job | None:
        for job in self._jobs.values():
            live = not job.done.is_set() and not job.cancel.is_set()
            if live and job.owner == waiter and waiter in job.waiters and job.key not in besides:
                return job
        return None

    def leave(self, job: Job, waiter: str) -> None:
        """`waiter` stops waiting; a job nobody waits for is cancelled (and leaves the queue)."""
        with self._lock:
            handles = self._leave(job, waiter)
        self._cancel_remote(handles)

    def leave_all(self, waiter: str) -> None:
        """`waiter` (a session that ended: its tab was closed) waits for nothing any more."""
        with self._lock:
            handles = []
            for job in [j for j in self._jobs.values() if waiter in j.waiters]:
                handles += self._leave(job, waiter)
        self._cancel_remote(handles)

    def _leave(self, job: Job, waiter: str) -> list:
        """(lock held) The cluster handles to cancel once the lock is released."""
        job.waiters.discard(waiter)
        if job.waiters or job.done.is_set():
            return []
        job.cancel.set()
        if job.remote:
            handle = job.handle
            if job in self._sent:
                self._sent.remove(job)
            if not job.started:  # still in Dask's queue: it ends here and now
                self._end(job, Cancelled())
            return [handle] if handle is not None else []
        queued = [entry for entry in self._queue if entry[0] is job]
        if queued:  # never started: out of the queue now, nothing to stop
            self._queue.remove(queued[0])
            self._end(job, Cancelled())
        return []

    def _cancel_remote(self, handles: list) -> None:
        """Cancel Dask futures (outside the lock: a cancel waits for the scheduler): a queued
        task leaves the scheduler, a running one stops at its next progress report."""
        for handle in handles:
            self.cluster.cancel(handle)

    def _end(self, job: Job, error: BaseException) -> None:
        """A job that will never run, or never report again (called with the lock held)."""
        job.error = error
        job.handle = None
        job.done.set()
        if self._jobs.get(job.key) is job:
            del self._jobs[job.key]

    def position(self, job: Job) -> int:
        """How many jobs are ahead of this one in its queue (0 once it runs): on a cluster, the
        jobs this process sent before it that have not started."""
        with self._lock:
            if job.remote:
                ahead = [other for other in self._sent if not other.started]
                return ahead.index(job) if job in ahead else 0
            for ahead, (other, _) in enumerate(self._queue):
                if other is job:
                    return ahead
            return 0

    def queued(self, job: Job) -> bool:
        """Whether `job` still waits to start."""
        return not job.started and not job.done.is_set()

    def wait_seconds(self, job: Job) -> float | None:
        """How long `job` will wait before it starts, from the recently finished jobs' durations
        (pool.waiting.queue_wait), or None: nothing measured yet, or it runs."""
        if not self.queued(job):
            return None
        ahead = self.position(job)
        with self._lock:
            durations = list(self._durations)
        workers = self.cluster.workers() if job.remote else self.workers
        return waiting.queue_wait(ahead, durations, workers)

    def shutdown(self, timeout: float = SHUTDOWN_SECONDS) -> bool:
        """Cancel every job of this pool: the queued ones at once, the running ones at their next
        progress report (waited for up to `timeout` seconds here; a cluster's are cancelled).
        True if every thread of the pool has stopped."""
        with self._lock:
            self._closed = True
            while self._queue:
                self._end(self._queue.popleft()[0], Cancelled())
            handles = [job.handle for job in self._jobs.values() if job.handle is not None]
            for job in list(self._jobs.values()):
                job.cancel.set()
                if job.remote and not job.done.is_set():
                    self._end(job, Cancelled())
            self._sent.clear()
            self._lock.notify_all()
            threads = list(self._threads)
        self._cancel_remote(handles)
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0))
        return not any(thread.is_alive() for thread in threads)

    # --- jobs on a cluster: pushed progress, a callback when they land -------------------------

    def _reported(self, job: Job, job_id: str, fraction: float, note: str) -> None:
        """A worker's report (called on the Dask client's thread: no lock, attributes only)."""
        if job.sent_as != job_id:  # a task replaced by a promotion, stopping
            return
        if not job.started:
            job.began, job.started = time.monotonic(), True
        job.fraction, job.note = min(max(float(fraction), 0.0), 1.0), note

    def _landed(self, job: Job, job_id: str, result: Any, error: BaseException | None) -> None:
        """The cluster's answer for `job`: a result, an error, or Cancelled."""
        with self._lock:
            if self._closed or job.done.is_set() or job.sent_as != job_id:
                return  # ended here already (cancelled while queued), or sent again since
            if job in self._sent:
                self._sent.remove(job)
            job.handle = None
            if error is None:
                job.result, job.fraction = freeze(result), 1.0
                if job.started:
                    self._durations.append(time.monotonic() - job.began)
            else:
                job.error = error
            job.done.set()
            self._forget_old(job)

    # --- jobs in this process's threads --------------------------------------------------------

    def _start_worker(self) -> None:
        """One more worker thread while fewer than `workers` exist (lock held)."""
        if len(self._threads) < self.workers:
            name = f"explorer-job-{len(self._threads)}"
            thread = threading.Thread(target=self._work, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def _work(self) -> None:
        single_threaded()  # torch on one thread here: see pool.cluster.single_threaded
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._lock.wait()
                if not self._queue:
                    return  # closed
                job, fn = self._queue.popleft()
                job.started, job.began = True, time.monotonic()
            self._run(job, fn)

    def _run(self, job: Job, fn: Callable[[Callable], Any]) -> None:
        def progress(fraction: float, note: str = "") -> None:
            if job.cancel.is_set():
                raise Cancelled
            job.fraction, job.note = min(max(float(fraction), 0.0), 1.0), note

        try:
            progress(0.0)
            job.result = freeze(fn(progress))
        except Cancelled as err:
            job.error = err
        except Exception as err:  # noqa: BLE001 - shown to the student who asked, not raised here
            job.error = err
        finally:
            with self._lock:
                if job.error is None:
                    self._durations.append(time.monotonic() - job.began)
                job.done.set()
                self._forget_old(job)

    def _forget_old(self, job: Job) -> None:
        """(lock held)"""
        if isinstance(job.error, Cancelled) and self._jobs.get(job.key) is job:
            del self._jobs[job.key]  # cancelled: the next request starts afresh
        finished = [k for k, j in self._jobs.items() if j.done.is_set()]
        for key in finished[: max(len(finished) - self._keep, 0)]:
            del self._jobs[key]
