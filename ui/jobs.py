"""Long work off the script thread: one bounded pool of workers shared by every session.

`jobs.run(key, work, label=...)` starts `work(progress)` in the pool (or finds it already
running or done for another student: the key names the work, so 30 students asking for the same
training share one job) and returns its result once it is there. Until then it draws a progress
bar with the queue position and a Cancel button, refreshed by a small fragment, and returns None;
when the job ends, the page reruns and the call returns the result.

Cancel works through public API only: the script thread is never blocked, so the button's
callback runs at once; it tells the job that this session no longer waits, and a job nobody waits
for stops at its next `progress(...)` call (which raises `Cancelled`), or leaves the queue at once
if it has not started. Nothing half-done is kept. A closed tab is a Cancel too: each session holds
a session-scoped resource whose `on_release` (called by Streamlit when the session disconnects)
leaves every job the session waited for. A Cancel that comes after the job's last report shows
the result, saying it finished first. The queue message gives the wait measured on the recently
finished jobs (pool/waiting.py). At exit the pool cancels its queue and stops its running jobs
at their next report (its threads are daemons: a queue never holds the server's exit).

One job per session at a time: a session that started a job and still waits for it cannot start
another (it is told which one to wait for or cancel, and its job starts when that one ends); the
jobs one script run asks for together (a page training an LSTM and a GRU) count as one, and
joining a job another session started costs nothing. The server's warm-up (ui/warm.py; its
visits say so in their User-Agent) queues its trainings behind every student's; a student who
asks for one of them while it waits moves it up to the students' place. The pool's size is the machine's cores, or
`RNNX_WORKERS`; with `RNNX_CLUSTER=tcp://host:8786` the jobs of `explorer` run on that Dask
cluster (pool/cluster.py) and only wait here, in the pool's threads.
"""

from __future__ import annotations

import atexit
import functools
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from explorer.training.jobs import Work, call
from pool import waiting
from pool.cluster import Cancelled, portable, runner_from_env, single_threaded, workers_from_env
from ui import sharing
from ui.compute import freeze_arrays
from ui.lang import lang, tr

KEEP_FINISHED = 32  # finished jobs kept for the students who come next (results are shared)
RECENT = 8  # the queue's wait is measured on this many recently finished jobs
SHUTDOWN_SECONDS = 10.0  # at exit, how long running jobs get to reach their next progress report
# Every open tab with a job asks the server for its progress this often: each ask is a fragment
# rerun. 30 students training cost the other pages more through these asks than through the
# trainings themselves (docs/performance.md), so a running job's bar moves once a second and a
# job in the queue (or a session's second job, waiting for its first) asks every 3 s.
POLL_SECONDS = 1.0
WARM_AGENT = "rnn-explorer-warm-up"  # the User-Agent of the warm-up's visits (ui/warm.py)
WAIT_POLL_SECONDS = 3.0

__all__ = ["Busy", "Cancelled", "Job", "Pool", "pool", "run"]


@dataclass(eq=False)
class Job:
    key: Hashable
    owner: str = ""  # the session that started it
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

    @property
    def finished(self) -> bool:
        """Done with a result (even if a Cancel came after its last progress report)."""
        return self.done.is_set() and self.error is None


class Busy(Exception):
    """A session asked for a second job while one it started still runs (`.job`)."""

    def __init__(self, job: Job):
        super().__init__(job.key)
        self.job = job


class Pool:
    """At most `workers` jobs run at once; the rest wait in order. Thread-safe.
    With a `runner` (pool.cluster.DaskRunner), portable work runs there instead.

    The queue holds only jobs somebody waits for: a job whose last waiter leaves before it
    starts leaves the queue at once (asked for again, it queues at the back), a running one stops
    at its next progress report. `shutdown()` cancels everything; the workers are daemon threads,
    so a queue never holds the server's exit."""

    def __init__(self, workers: int, keep: int = KEEP_FINISHED, runner: Callable | None = None):
        self.workers = max(int(workers), 1)
        self.runner = runner
        self._keep = keep
        self._jobs: dict[Hashable, Job] = {}  # every job known by key, in the order asked
        self._queue: deque[tuple[Job, Callable]] = deque()  # waiting to start, in order
        self._durations: deque[float] = deque(maxlen=RECENT)  # seconds, recent finished jobs
        self._lock = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._closed = False

    def find(self, key: Hashable) -> Job | None:
        with self._lock:
            return self._jobs.get(key)

    def submit(
        self,
        key: Hashable,
        work: Callable[[Callable], Any],
        waiter: str,
        *,
        label: str = "",
        alongside: Collection[Hashable] | None = None,
        low: bool = False,
    ) -> Job:
        """The job for `key` (started, or joined if it runs), with `waiter` waiting for it.
        With `alongside` (the keys this waiter may hold besides), starting a job while one this
        waiter started is unfinished and not among them raises `Busy` instead. A `low` job (the
        warm-up's) queues behind every other; a student who asks for it while it waits moves it
        up to the students' place in the queue."""
        with self._lock:
            job = self._jobs.get(key)
            if job is None or (job.cancel.is_set() and not job.finished):
                if alongside is not None and (mine := self._started_by(waiter, alongside)):
                    raise Busy(mine)
                self._jobs.pop(key, None)  # a cancelled key asked for again: at the back
                job = self._jobs[key] = Job(key, owner=waiter, label=label, low=low)
                if self._closed:
                    self._end(job, Cancelled())
                else:
                    self._enqueue(job, work)
                    self._start_worker()
                    self._lock.notify()
            elif job.low and not low:  # a student asks for what only the warm-up asked for
                job.low = False
                queued = [entry for entry in self._queue if entry[0] is job]
                if queued:
                    self._queue.remove(queued[0])
                    self._enqueue(*queued[0])
            job.waiters.add(waiter)
            return job

    def _enqueue(self, job: Job, work: Callable) -> None:
        """At the back of its class: a student's job ahead of every low one (lock held)."""
        if job.low:
            self._queue.append((job, work))
            return
        at = next((i for i, (other, _) in enumerate(self._queue) if other.low), len(self._queue))
        self._queue.insert(at, (job, work))

    def _started_by(self, waiter: str, besides: Collection[Hashable]) -> Job | None:
        for job in self._jobs.values():
            live = not job.done.is_set() and not job.cancel.is_set()
            if live and job.owner == waiter and waiter in job.waiters and job.key not in besides:
                return job
        return None

    def leave(self, job: Job, waiter: str) -> None:
        """`waiter` stops waiting; a job nobody waits for is cancelled (and leaves the queue)."""
        with self._lock:
            self._leave(job, waiter)

    def leave_all(self, waiter: str) -> None:
        """`waiter` (a session that ended: its tab was closed) waits for nothing any more."""
        with self._lock:
            for job in [j for j in self._jobs.values() if waiter in j.waiters]:
                self._leave(job, waiter)

    def _leave(self, job: Job, waiter: str) -> None:
        job.waiters.discard(waiter)
        if job.waiters or job.done.is_set():
            return
        job.cancel.set()
        queued = [entry for entry in self._queue if entry[0] is job]
        if queued:  # never started: out of the queue now, nothing to stop
            self._queue.remove(queued[0])
            self._end(job, Cancelled())

    def _end(self, job: Job, error: BaseException) -> None:
        """A job that will never run (called with the lock held)."""
        job.error = error
        job.done.set()
        if self._jobs.get(job.key) is job:
            del self._jobs[job.key]

    def position(self, job: Job) -> int:
        """How many jobs are ahead of this one in the queue (0 once it runs)."""
        with self._lock:
            for ahead, (other, _) in enumerate(self._queue):
                if other is job:
                    return ahead
            return 0

    def queued(self, job: Job) -> bool:
        """Whether `job` still waits for a free worker."""
        return not job.started and not job.done.is_set()

    def wait_seconds(self, job: Job) -> float | None:
        """How long `job` will wait before it starts, from the recently finished jobs' durations
        (pool.waiting.queue_wait), or None: nothing measured yet, or it runs."""
        if not self.queued(job):
            return None
        ahead = self.position(job)
        with self._lock:
            durations = list(self._durations)
        return waiting.queue_wait(ahead, durations, self.workers)

    def shutdown(self, timeout: float = SHUTDOWN_SECONDS) -> bool:
        """Cancel every job: the queued ones at once, the running ones at their next progress
        report (waited for up to `timeout` seconds). True if every worker has stopped."""
        with self._lock:
            self._closed = True
            while self._queue:
                self._end(self._queue.popleft()[0], Cancelled())
            for job in self._jobs.values():
                job.cancel.set()
            self._lock.notify_all()
            threads = list(self._threads)
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0))
        return not any(thread.is_alive() for thread in threads)

    def _start_worker(self) -> None:
        """One more worker thread while fewer than `workers` exist (lock held)."""
        if len(self._threads) < self.workers:
            name = f"explorer-job-{len(self._threads)}"
            thread = threading.Thread(target=self._work, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._lock.wait()
                if not self._queue:
                    return  # closed
                job, work = self._queue.popleft()
                job.started = True
            self._run(job, work)

    def _run(self, job: Job, work: Callable[[Callable], Any]) -> None:
        def progress(fraction: float, note: str = "") -> None:
            if job.cancel.is_set():
                raise Cancelled
            job.fraction, job.note = min(max(float(fraction), 0.0), 1.0), note

        began = time.monotonic()
        try:
            progress(0.0)
            if self.runner is not None and portable(work):
                job.result = freeze_arrays(self.runner(work, progress))
            else:  # torch on one thread: see pool.cluster.single_threaded
                single_threaded()
                job.result = freeze_arrays(work(progress))
        except Cancelled as err:
            job.error = err
        except Exception as err:  # noqa: BLE001 - shown to the student who asked, not raised here
            job.error = err
        finally:
            with self._lock:
                if job.error is None:
                    self._durations.append(time.monotonic() - began)
                job.done.set()
                self._forget_old(job)

    def _forget_old(self, job: Job) -> None:
        """(lock held)"""
        if isinstance(job.error, Cancelled) and self._jobs.get(job.key) is job:
            del self._jobs[job.key]  # cancelled: the next request starts afresh
        finished = [k for k, j in self._jobs.items() if j.done.is_set()]
        for key in finished[: max(len(finished) - self._keep, 0)]:
            del self._jobs[key]


@st.cache_resource(show_spinner=False)
def pool() -> Pool:
    """The server's one pool: as many workers as the machine has cores (or `RNNX_WORKERS`), or
    as the cluster at `RNNX_CLUSTER` has worker threads. At exit (SIGTERM included) its jobs are
    cancelled: the server does not wait for a queue of trainings nobody will see."""
    runner = runner_from_env()
    made = Pool(workers_from_env(runner.workers() if runner else None), runner=runner)
    atexit.register(made.shutdown)
    return made


@dataclass(eq=False)
class _Session:
    pool: Pool
    tokens: set[str] = field(default_factory=set)


def _session_ended(session: _Session) -> None:
    """The session disconnected (its tab was closed, or it timed out): nothing it waited for is
    wanted by it any more. Streamlit calls this outside any script run."""
    for token in list(session.tokens):
        session.pool.leave_all(token)


@st.cache_resource(scope="session", show_spinner=False, on_release=_session_ended)
def _session() -> _Session:
    """This session's connection, as the pool sees it: Streamlit drops it when the session
    disconnects (public API: a session-scoped resource's `on_release`), and its jobs with it."""
    return _Session(pool())


def _token() -> str:
    """This session as a waiter of the pool (kept in its state: AppTests share one session id)."""
    token = st.session_state.setdefault("_job_token", uuid.uuid4().hex)
    _session().tokens.add(token)
    return token


def _cancelled() -> set:
    return st.session_state.setdefault("_jobs_cancelled", set())


def run(
    key: Hashable | Work, work: Callable[[Callable], Any] | None = None, *, label="", trains=False
) -> Any | None:
    """The result of `work` (a declared `Work`, explorer/training/jobs.py), or None while it
    runs (a progress bar is shown in its place). The old form `run(key, fn, label=, trains=)`
    is going away. `progress(fraction, note)` reports and is where a cancelled job stops.
    A job that failed raises its error here, in the page of the student who asked. `trains`:
    the work trains a model (the share link says it carries the settings, not the model)."""
    if isinstance(key, Work):
        declared = key
        key, work = declared.key, functools.partial(call, declared)
        label, trains = declared.label, declared.trains
    if trains:
        sharing.not_carried("trained")
    job = pool().find(key)
    if job is not None and job.finished:
        late = st.session_state.setdefault("_jobs_cancelled_late", set())
        if key in _cancelled():  # Cancel came after its last report: the result is here
            _cancelled().discard(key)
            late.add(key)
        if key in late:
            st.info(tr("jobs.finished_first", label=label))
        return job.result
    if job is not None and job.done.is_set() and not isinstance(job.error, Cancelled):
        raise job.error
    if key in _cancelled():
        st.info(tr("jobs.cancelled", label=label))
        st.button(
            tr("jobs.again"),
            key=f"_job_again_{hash(key)}",
            on_click=_cancelled().discard,
            args=(key,),
        )
        return None
    asked, announced = _this_run()
    low = st.context.headers.get("User-Agent", "") == WARM_AGENT  # the warm-up's own visit
    try:
        job = pool().submit(key, work, _token(), label=label, alongside=asked, low=low)
    except Busy as busy:  # this session's other job first: say which, with its Cancel
        if busy.job.key not in announced:
            announced.add(busy.job.key)
            _wait_for(busy.job, key, tr("jobs2.busy", label=label, running=busy.job.label))
        return None
    asked.add(key)
    cols = st.columns([5, 1], vertical_alignment="bottom")
    with cols[0]:
        _watch(job, label)
    # Outside the polling fragment, so a poll never redraws the button under the pointer.
    cols[1].button(
        tr("jobs.cancel"), key=f"_job_cancel_{hash(job.key)}", on_click=_cancel, args=(job,)
    )
    return None


def _this_run() -> tuple[set, set]:
    """(keys asked for, busy jobs announced) in this script run: a page's jobs of one run
    (an LSTM and a GRU trained side by side) are one request."""
    ctx = get_script_run_ctx()
    marker = getattr(ctx, "parallel_coordinator", None)  # a new object every run
    held = st.session_state.get("_jobs_this_run")
    if held is None or held[0] is not marker:
        held = st.session_state["_jobs_this_run"] = (marker, set(), set())
    return held[1], held[2]


def _wait_for(blocker: Job, key: Hashable, text: str) -> None:
    cols = st.columns([5, 1], vertical_alignment="bottom")
    with cols[0]:
        _await(blocker, text)
    cols[1].button(
        tr("jobs.cancel"), key=f"_job_cancel_busy_{hash(key)}", on_click=_cancel, args=(blocker,)
    )


@st.fragment(run_every=WAIT_POLL_SECONDS)
def _await(blocker: Job, text: str) -> None:
    """The session's running job, refreshed in place; a full rerun once it has ended."""
    if blocker.done.is_set() or blocker.cancel.is_set():
        st.rerun()
    st.progress(blocker.fraction, text=text)


def _cancel(job: Job) -> None:
    _cancelled().add(job.key)
    pool().leave(job, _token())


def _watch(job: Job, label: str) -> None:
    """The progress bar, refreshed in place (less often while the job waits in the queue)."""
    (_watch_queued if pool().queued(job) else _watch_running)(job, label)


@st.fragment(run_every=WAIT_POLL_SECONDS)
def _watch_queued(job: Job, label: str) -> None:
    _progress(job, label)


@st.fragment(run_every=POLL_SECONDS)
def _watch_running(job: Job, label: str) -> None:
    _progress(job, label)


def _progress(job: Job, label: str) -> None:
    """The job's progress bar, or a full rerun once it has ended."""
    if job.done.is_set():
        st.rerun()
    jobs = pool()
    text = (
        waiting.queued_text(label, jobs.position(job), jobs.wait_seconds(job), lang())
        if jobs.queued(job)
        else tr("jobs.running", label=label, percent=round(100 * job.fraction), note=job.note)
    )
    st.progress(job.fraction, text=text)
