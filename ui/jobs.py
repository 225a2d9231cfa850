"""The job pool on a page: a progress bar, a Cancel button, a session's end (the pool itself is
`pool/local.py`, pure Python; its cluster backend `pool/cluster.py`).

`jobs.run(work)` (a declared `Work`, explorer/training/jobs.py) hands the work to the server's one
pool, which starts it (or finds it already running or done for another student: the key names
the work, so 30 students asking for the same training share one job), and returns its result
once it is there. Until then it draws a progress bar with the queue position and a Cancel button,
refreshed by a small fragment, and returns None; when the job ends, the page reruns and the call
returns the result. (`run(key, fn, label=, trains=)`, a closure run in this process, is the old
form, going away.)

Cancel works through public API only: the script thread is never blocked, so the button's
callback runs at once; it tells the pool that this session no longer waits, and a job nobody
waits for stops at its next `progress(...)` call, or leaves the queue at once if it has not
started. A closed tab is a Cancel too: each session holds a session-scoped resource whose
`on_release` (called by Streamlit when the session disconnects) leaves every job the session
waited for. A Cancel that comes after the job's last report shows the result, saying it finished
first. The queue message gives the wait measured on the recently finished jobs (pool/waiting.py).

One job per session at a time: a session that started a job and still waits for it cannot start
another (it is told which one to wait for or cancel, and its job starts when that one ends); the
jobs one script run asks for together (a page training an LSTM and a GRU) count as one: the page
frame (ui/page.py) calls `new_run()` at the start of every run of a page's body, which starts a
new set in `st.session_state` (outside the frame each ask is a run of its own). Joining a job
another session started costs nothing. The server's warm-up (ui/warm.py; its visits say so in
their User-Agent) queues its trainings behind every student's.

Where jobs run: `pool()` is one `pool.local.Pool` per server, of `RNNX_WORKERS` threads (default:
the machine's cores); with `RNNX_CLUSTER` every `Work` runs on that Dask cluster (Dask's
scheduler queues it; this process only draws the progress the workers push). At exit the pool
cancels its jobs (its threads are daemons: a queue never holds the server's exit).
"""

from __future__ import annotations

import atexit
import functools
import uuid
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from explorer.training.jobs import Work
from pool import waiting
from pool.cluster import cluster_from_env, workers_from_env
from pool.local import Busy, Cancelled, Job, Pool
from ui import safe, sharing
from ui.downloads import csv_bytes, later
from ui.lang import lang, tr

# Every open tab with a job asks the server for its progress this often: each ask is a fragment
# rerun. 30 students training cost the other pages more through these asks than through the
# trainings themselves (docs/performance.md), so a running job's bar moves once a second and a
# job in the queue (or a session's second job, waiting for its first) asks every 3 s.
POLL_SECONDS = 1.0
WARM_AGENT = "rnn-explorer-warm-up"  # the User-Agent of the warm-up's visits (ui/warm.py)
WAIT_POLL_SECONDS = 3.0
_RUN = "_jobs_this_run"  # session state: (keys asked for, busy jobs announced) in this run

__all__ = ["Busy", "Cancelled", "Job", "Pool", "new_run", "pool", "run"]


@st.cache_resource(show_spinner=False)
def pool() -> Pool:
    """The server's one pool: as many threads as the machine has cores (or `RNNX_WORKERS`), and
    the cluster at `RNNX_CLUSTER` if set (every `Work` runs there). At exit (SIGTERM included)
    its jobs are cancelled: the server does not wait for a queue of trainings nobody will see."""
    made = Pool(workers_from_env(), cluster=cluster_from_env())
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


def run(work: Work) -> Any | None:
    """The result of `work` (a declared `Work`, explorer/training/jobs.py), or None while it
    runs (a progress bar is shown in its place). A job that failed raises its error here, in the
    page of the student who asked. `work.trains`: it trains a model (the share link says it
    carries the settings, not the model)."""
    return _run(work.key, work.label, work.trains, functools.partial(pool().submit, work))


def run_all(works: list[Work], failed: str) -> tuple[dict, list]:
    """({work: its result, or None while it runs}, notes): each Work started or joined in
    order. One that failed stops there; its error is a note (the string `failed` with its
    `detail`, escaped for markdown), not a traceback."""
    results = {}
    for work in works:
        try:
            results[work] = run(work)
        except Exception as err:  # noqa: BLE001 - a failure in a job is a message to show
            return results, [("error", tr(failed, detail=safe.md(err)))]
    return results, []


def csv_later(key: Hashable, columns: Callable[..., dict], /, *args) -> Callable[[], bytes]:
    """A CSV download of the finished job `key`'s result, built when its button is clicked:
    `columns(result(key), *args)` (small, plain arguments); once the pool has let the result
    go, the file says so."""
    return later(_csv, key, columns, *args)


def _csv(key: Hashable, columns: Callable[..., dict], *args) -> bytes:
    return csv_bytes(columns(result(key), *args))


def finished(work: Work) -> bool:
    """True once `work` has a result in the shared pool (asked for by anyone), without starting
    it: a page that trains on a button shows the next student the shared results at once."""
    job = pool().find(work.key)
    return job is not None and job.finished


def result(key: Hashable) -> Any:
    """The result of the finished job `key` (a download clicked later, another page), or
    LookupError: not trained, still running, failed, cancelled, or no longer kept."""
    job = pool().find(key)
    if job is None or not job.finished:
        raise LookupError(key)
    return job.result


def _run(key: Hashable, label: str, trains: bool, submit: Callable[..., Job]) -> Any | None:
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
        job = submit(_token(), alongside=asked, low=low)
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
    cols[1].button(  # cancels every job this run asked for with it: the page's one request
        tr("jobs.cancel"), key=f"_job_cancel_{hash(job.key)}", on_click=_cancel, args=(job, asked)
    )
    return None


def new_run() -> None:
    """A new run of a page's body starts (called by ui/page.py): the jobs asked for from here on
    (an LSTM and a GRU trained side by side) are one request."""
    st.session_state[_RUN] = (set(), set())


def _this_run() -> tuple[set, set]:
    """(keys asked for, busy jobs announced) in this run (see `new_run`); outside a page frame
    that calls it, each ask is a run of its own."""
    return st.session_state.get(_RUN) or (set(), set())


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


def _cancel(job: Job, together: Collection[Hashable] = ()) -> None:
    """Cancel `job` and the unfinished jobs asked for `together` with it in one page run (four
    models trained side by side are one training to the student: one Cancel stops them all)."""
    _cancelled().add(job.key)
    pool().leave(job, _token())
    for key in together:
        other = pool().find(key)
        if key != job.key and other is not None and not other.finished:
            _cancelled().add(key)
            pool().leave(other, _token())


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
