"""A live class (issue 27): what following the teacher costs, on one app server or several.

In one run, on loopback, with students speaking Streamlit's websocket protocol (no browser):
- lag: 60 students join by the class link (`/?class=CODE`) and follow; the teacher changes view
  20 times (`ClassStore.show` on the server's own database, a change of w_rec on gradient decay,
  every 5th a change of page), waiting for the class to settle between two changes. A student's
  lag is the time from `show` to the end of the run that redrew their page with that view; the
  class's lag for one change is its last student's. Target: p95 over the changes ≤ 2 s.
- CPU: the server's CPU (psutil, the process and its children) while the 60 follow a view that
  does not change, less the idle server's, per following student per minute; and per student
  switched while the teacher changes view (the polls' share taken out: load-independent).
- the other pages: 10 students outside the class move a slider on gradient decay (as in
  `python -m benchmarks load`), without a class, beside the class following, and beside the
  class while the teacher changes view every few seconds: p95 ratios against no class.
A student behaves as Chromium's Streamlit client does: it re-sends the poll fragment's rerun every
`run_every` seconds from the `auto_rerun` message (whether or not a run is under way), drops the
timers at each full run and sends the page it is on (`page_script_hash`) and its URL's query.

    python -m benchmarks class            # 60 students, 20 changes (12 min on a loaded 2-core machine)
    python -m benchmarks class --quick    # 12 students, 5 changes (also RNNX_BENCH_QUICK=1)
    python -m benchmarks class --processes 1  # the class on 1 app server (RNNX_CLASS_PROCESSES=1)
    RNNX_CLASS_TRACE=60 python -m benchmarks class  # a late student's last 60 messages, printed

Several processes (`--processes N`, default deploy.launch's PROCESSES, 2): N app servers on the same database and data folder,
as deploy/launch.py's `cluster` runs them for a class. Student i is connected directly to server
i mod N (each student stays on one server, as nginx's sticky `hash $remote_addr` keeps a student;
the students are not sent through nginx because on loopback they all share one address and would
all hash to the same server). The teacher's `show` is unchanged (the shared database); the server
CPU is the sum over the N processes; the 10 other students are on the first server.

Bounded: every wait has a deadline; a server and a database of its own in a temporary folder
(`RNNX_DATA_DIR`; with `RNNX_DATABASE` set, that database is used instead).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from benchmarks import Result
from benchmarks.loaddriver import LoadReport, _check_loopback, _quantile, drive
from deploy.launch import PROCESSES, StreamlitServer, sigterm_exits, started

ROOT = Path(__file__).resolve().parent.parent
PAGE = "gradient_decay"
OTHER_PAGE = "unrolled"  # every 5th change of view is a change of page
TARGET_LAG = 2.0  # seconds, p95 over the changes, from show to the class's last redraw
SETTLE = 20.0  # seconds a change may take before it counts as missed
MIN_DELTAS = 10  # elements a full run draws in the main area when it draws a page
TRACE = int(os.environ.get("RNNX_CLASS_TRACE", "0") or 0)  # messages kept per student, to print
FRAGMENT = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


@dataclass(frozen=True)
class Plan:
    students: int = 60
    changes: int = 20
    pause: tuple[float, float] = (1.0, 2.0)  # the teacher talks between two changes
    idle: float = 20.0  # seconds of following an unchanging view, for CPU
    others: int = 10
    moves: int = 5


QUICK = Plan(students=12, changes=5, idle=8.0, others=5, moves=3)


@dataclass(frozen=True)
class ViewShown:
    page: str
    query: dict
    at: float  # perf_counter when `show` was called

    def matches(self, page: str, query: dict) -> bool:
        if page != self.page:
            return False
        try:
            return all(abs(float(query[k]) - float(v)) < 1e-9 for k, v in self.query.items())
        except (KeyError, ValueError):
            return False


@dataclass
class Redraw:
    at: float
    page: str
    query: dict


@dataclass
class FollowerState:
    redraws: list[Redraw] = field(default_factory=list)
    polls: int = 0  # fragment runs finished (the poll)
    full_runs: int = 0  # runs of the whole app begun (a redraw, or cut short)
    sent: int = 0
    errors: list[str] = field(default_factory=list)


class Follower:
    """One student's tab in the class, as far as the server can tell."""

    def __init__(self, url: str, code: str, timeout: float, on_redraw):
        self.ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.query = f"class={code}"
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # page_script_hash -> URL path
        self.cached: set[str] = set()
        self.timers: dict[str, tuple[float, asyncio.Task]] = {}
        self.timeout = timeout
        self.on_redraw = on_redraw
        self.state = FollowerState()
        self.ws = None
        self.run_: list | None = (
            None  # the full run under way: [main-area deltas, last delta's time]
        )
        self.session_id = ""
        self.trace: deque | None = deque(maxlen=TRACE) if TRACE else None  # RNNX_CLASS_TRACE=N

    def _note(self, *what) -> None:
        if self.trace is not None:
            self.trace.append((round(time.perf_counter(), 3), *what))

    async def _send(self, fragment_id: str = "", auto: bool = False) -> None:
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query
        if self.page_hash:
            rerun.page_script_hash = self.page_hash
        rerun.cached_message_hashes.extend(sorted(self.cached))
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "en-US"
        if fragment_id:
            rerun.fragment_id = fragment_id
            rerun.is_auto_rerun = auto
        self.state.sent += 1
        self._note("sent", fragment_id[:8] or "full", self.page_hash[:8], self.query)
        await self.ws.send(msg.SerializeToString())

    async def _tick(self, fragment_id: str, interval: float) -> None:
        while True:  # the browser's setInterval
            await asyncio.sleep(interval)
            await self._send(fragment_id, auto=True)

    def _stop_timers(self, ids=None) -> None:
        for fragment_id in list(self.timers if ids is None else ids):
            entry = self.timers.pop(fragment_id, None)
            if entry is not None:
                entry[1].cancel()

    def _read(self, raw: bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.metadata.cacheable and msg.hash:
            self.cached.add(msg.hash)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            if msg.new_session.initialize.session_id:
                self.session_id = msg.new_session.initialize.session_id
            self._note(
                kind,
                [f[:8] for f in msg.metadata.run.fragment_ids],
                msg.new_session.page_script_hash[:8],
            )
        elif kind == "auto_rerun":
            self._note(kind, msg.auto_rerun.fragment_id[:8])
        elif kind in ("script_finished", "stop_auto_rerun", "page_info_changed"):
            self._note(kind, str(msg.WhichOneof("type") and getattr(msg, kind)).strip()[:60])
        if kind in ("new_session", "script_finished"):
            self._end_run()
        if kind == "new_session":
            if not msg.metadata.run.fragment_ids:
                self._stop_timers()  # a full run: the browser drops its auto-reruns
                self.run_ = [0, 0.0]
                self.state.full_runs += 1
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self.pages = {p.page_script_hash: p.url_pathname for p in msg.navigation.app_pages}
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            fragment_id, interval = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            if fragment_id and self.timers.get(fragment_id, (None,))[0] != interval:
                self._stop_timers([fragment_id])
                task = asyncio.create_task(self._tick(fragment_id, interval))
                self.timers[fragment_id] = (interval, task)
        elif kind == "stop_auto_rerun":
            self._stop_timers(msg.stop_auto_rerun.fragment_ids)
        elif kind == "delta":
            element = msg.delta.new_element
            if msg.delta.WhichOneof("type") == "new_element" and element.HasField("exception"):
                self.state.errors.append(f"exception: {element.exception.message[:200]}")
            self._drew(msg)
        elif kind == "ref_hash":  # an element the student already holds, sent by its hash
            self._drew(msg)
        elif kind == "script_finished" and msg.script_finished == FRAGMENT:
            self.state.polls += 1

    def _drew(self, msg: ForwardMsg) -> None:
        if self.run_ is not None and list(msg.metadata.delta_path[:1]) == [0]:
            self.run_[0] += 1
            self.run_[1] = time.perf_counter()

    def _end_run(self) -> None:
        """A full run that drew a page (its main area) is a redraw, timed at its last element.
        (Its `script_finished` is not enough: a run's unsent messages are dropped when the next
        run starts, and a page run cut short by the poll's queued rerun still drew the page.)"""
        run, self.run_ = self.run_, None
        if run is not None and run[0] >= MIN_DELTAS:
            query = {k: v[0] for k, v in parse_qs(self.query).items()}
            page = self.pages.get(self.page_hash, "?")
            self.state.redraws.append(Redraw(run[1], page, query))
            self.on_redraw()

    async def run(self, stop: asyncio.Event) -> FollowerState:
        try:
            async with connect(
                self.ws_url,
                subprotocols=["streamlit"],
                max_size=None,
                open_timeout=self.timeout,
                ping_interval=None,
            ) as ws:
                self.ws = ws
                await self._send()
                while not stop.is_set():
                    try:
                        raw = await asyncio.wait_for(ws.recv(), 0.5)
                    except TimeoutError:
                        continue
                    self._read(raw)
        except Exception as exc:  # a student's failure is data, not a crash
            self.state.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            self._stop_timers()
        return self.state


@dataclass
class ClassRun:
    """What the class's students saw: a lag per change (the class's last student's) and more."""

    shown: list[ViewShown]
    lags: list[float]  # per change, seconds until every student redrew it (inf: missed)
    student_lags: list[float]  # per change and student
    followers: list[FollowerState]

    @property
    def errors(self) -> list[str]:
        return [e for f in self.followers for e in f.errors]

    @property
    def p95(self) -> float:
        return _quantile(self.lags, 0.95)


def views(changes: int, rng: random.Random) -> list[tuple[str, dict]]:
    """The teacher's changes: w_rec on gradient decay, every 5th change another page."""
    out, w_rec = [], 2.0
    for i in range(changes):
        if i % 5 == 4:
            out.append((OTHER_PAGE, {}))
            continue
        step = rng.choice([-1, 1]) * rng.randint(2, 10) * 0.05
        w_rec = round(w_rec + step if abs(w_rec + step) <= 3.0 else w_rec - step, 2)
        if abs(w_rec - 2.0) < 1e-9:
            w_rec = 1.5  # the default is not written into the URL: not a change of view
        out.append((PAGE, {"gd_w_rec": f"{w_rec:g}"}))
    return out


def _lag(follower: FollowerState, shown: ViewShown) -> float:
    for redraw in follower.redraws:
        if redraw.at >= shown.at and shown.matches(redraw.page, redraw.query):
            return redraw.at - shown.at
    return float("inf")


class Classroom:
    """`n` followers of the class `code`, in an event loop of their own: on the server at `url`,
    or on several (a list of URLs: follower i on `url[i % len(url)]`, as a sticky proxy keeps it)."""

    def __init__(
        self, url: str | list[str], code: str, n: int, ramp: float = 5.0, timeout: float = 60.0
    ):
        self.urls = [url] if isinstance(url, str) else list(url)
        for one in self.urls:
            _check_loopback(one)
        self.code, self.n, self.ramp, self.timeout = code, n, ramp, timeout
        self.followers: list[Follower] = []
        self.loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Condition | None = None
        self._stop: asyncio.Event | None = None
        self._tasks: list[asyncio.Task] = []

    def _notify(self) -> None:
        async def notify():
            async with self._changed:
                self._changed.notify_all()

        asyncio.ensure_future(notify())

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._changed, self._stop = asyncio.Condition(), asyncio.Event()
        rng = random.Random(0)

        async def one(follower: Follower, delay: float) -> FollowerState:
            await asyncio.sleep(delay)
            return await follower.run(self._stop)

        for i in range(self.n):
            url = self.urls[i % len(self.urls)]
            follower = Follower(url, self.code, self.timeout, self._notify)
            self.followers.append(follower)
            self._tasks.append(asyncio.create_task(one(follower, rng.uniform(0, self.ramp))))

    async def settled(self, shown: ViewShown, timeout: float = SETTLE) -> bool:
        """Wait until every student redrew `shown` (False: not all did within `timeout`)."""

        def done() -> bool:
            return all(_lag(f.state, shown) < float("inf") for f in self.followers)

        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(done), timeout)
            return True
        except TimeoutError:
            return False

    async def stop(self) -> None:
        self._stop.set()
        _, pending = await asyncio.wait(self._tasks, timeout=10)
        for task in pending:  # a closing handshake that hangs: drop the connection
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def polls(self) -> int:
        return sum(f.state.polls for f in self.followers)

    def result(self, shown: list[ViewShown]) -> ClassRun:
        states = [f.state for f in self.followers]
        per_student = [[_lag(s, view) for s in states] for view in shown]
        return ClassRun(
            shown,
            [max(lags) for lags in per_student],
            [lag for lags in per_student for lag in lags],
            states,
        )


async def teach(
    store, handle, classroom: Classroom, plan: list[tuple[str, dict]], pause, rng, wait=True
) -> list[ViewShown]:
    """The teacher shows each view of `plan` (waiting for the class to settle when `wait`)."""
    shown = []
    for page, query in plan:
        view = ViewShown(page, query, time.perf_counter())
        await asyncio.to_thread(store.show, handle.code, handle.teacher_key, page, query)
        shown.append(view)
        if wait and not await classroom.settled(view):
            late = [f for f in classroom.followers if _lag(f.state, view) == float("inf")]
            one = late[0]
            print(
                f"   change {len(shown)}: {len(late)} students not redrawn within {SETTLE:.0f} s "
                f"(one: on {one.pages.get(one.page_hash)!r} ?{one.query}, {one.state.polls} polls, "
                f"{one.state.full_runs} full runs, last redraw {one.state.redraws[-1:]})",
                flush=True,
            )
            if one.trace is not None:
                print(
                    f"   session {one.session_id[:8]}, its timers {list(one.timers)}; "
                    "its last messages:",
                    flush=True,
                )
                for line in one.trace:
                    print("     ", *line, flush=True)
        await asyncio.sleep(rng.uniform(*pause))
    return shown


def follow_class(url: str, store, students: int, changes: int, pause=(0.5, 1.0)) -> ClassRun:
    """A class of `students` on `url` following `changes` changes of view (the test's entry)."""

    async def main() -> ClassRun:
        handle = store.open_class("benchmark")
        store.show(handle.code, handle.teacher_key, PAGE, {})
        classroom = Classroom(url, handle.code, students)
        await classroom.start()
        first = ViewShown(PAGE, {}, time.perf_counter())
        await classroom.settled(first)
        shown = await teach(
            store, handle, classroom, views(changes, random.Random(1)), pause, random.Random(2)
        )
        await classroom.stop()
        return classroom.result(shown)

    return asyncio.run(main())


# The measurement --------------------------------------------------------------------------------


def _cpu(pids: int | list[int]) -> float:
    """CPU seconds used so far by the processes `pids` and their children."""
    import psutil

    total = 0.0
    for pid in [pids] if isinstance(pids, int) else pids:
        try:
            proc = psutil.Process(pid)
            for p in [proc, *proc.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    times = p.cpu_times()
                    total += times.user + times.system
        except psutil.Error:
            pass
    return total


@contextlib.contextmanager
def _own_database() -> Iterator[str]:
    """The database the server and the teacher share: RNNX_DATABASE, else a fresh SQLite file."""
    if os.environ.get("RNNX_DATABASE", "").strip():
        yield os.environ["RNNX_DATABASE"].strip()
        return
    previous = os.environ.get("RNNX_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="rnnx-class-") as folder:
        os.environ["RNNX_DATA_DIR"] = folder  # the server inherits it
        try:
            yield f"sqlite:///{Path(folder) / 'classroom.sqlite'}"
        finally:
            if previous is None:
                os.environ.pop("RNNX_DATA_DIR", None)
            else:
                os.environ["RNNX_DATA_DIR"] = previous


def _others(url: str, plan: Plan) -> LoadReport:
    return drive(
        url, PAGE, sessions=plan.others, moves=plan.moves, think=(0.3, 1.2), deadline=90, seed=7
    )


def _line(label: str, report: LoadReport) -> None:
    print(f"   {label:<30} {report.summary()}", flush=True)
    for error in sorted(set(report.errors))[:3]:
        print(f"      error: {error}", flush=True)


def _quick() -> bool:
    return "--quick" in sys.argv or os.environ.get("RNNX_BENCH_QUICK", "") not in ("", "0")


def processes(argv: list[str] | None = None, env: dict | None = None) -> int:
    """App servers for the class: `--processes N` (or `--processes=N`), else RNNX_CLASS_PROCESSES,
    else as many as `deploy.launch` starts for a class."""
    argv = sys.argv if argv is None else argv
    env = os.environ if env is None else env
    value = env.get("RNNX_CLASS_PROCESSES", "").strip() or str(PROCESSES)
    for i, arg in enumerate(argv):
        if arg == "--processes" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--processes="):
            value = arg.split("=", 1)[1]
    n = int(value)
    if n < 1:
        raise ValueError(f"--processes must be at least 1, not {n}")
    return n


def run() -> list[Result]:
    plan = QUICK if _quick() else Plan()
    if os.environ.get("RNNX_CLASS_CHANGES"):  # a shorter run: fewer changes of view
        plan = replace(plan, changes=max(1, int(os.environ["RNNX_CLASS_CHANGES"])))
    with sigterm_exits():
        return measure(plan, processes())


@contextlib.contextmanager
def _servers(n: int, extra: list[str]) -> Iterator[list[StreamlitServer]]:
    """`n` app servers (the same environment: database and data folder), started together."""
    with started([StreamlitServer(ROOT / "app.py", extra_args=extra) for _ in range(n)]) as servers:
        yield servers


def measure(plan: Plan, processes: int = PROCESSES) -> list[Result]:
    from classroom.store import ClassStore

    extra = ["--logger.level=info"] if TRACE else []  # Streamlit says a dropped poll at INFO
    print(f"   {processes} app process{'es' if processes > 1 else ''}", flush=True)
    with _own_database() as url, _servers(processes, extra) as servers:
        store = ClassStore(url)
        server = servers[0]  # the other students' server
        urls = [s.url for s in servers]
        pid = [s.proc.pid for s in servers]
        # Warm up: the pages' imports and caches, and the class's code path, before any timing.
        for one in urls:
            for page in (PAGE, OTHER_PAGE, ""):
                drive(one, page, sessions=1, moves=1, think=(0, 0), deadline=120)
            follow_class(one, store, students=1, changes=5, pause=(0.1, 0.1))

        # No class: the idle server's CPU, and the other students' reruns.
        cpu0, t0 = _cpu(pid), time.perf_counter()
        time.sleep(min(plan.idle, 5.0))
        idle_rate = (_cpu(pid) - cpu0) / (time.perf_counter() - t0)
        alone = _others(server.url, plan)
        _line("others, no class", alone)

        async def with_class():
            handle = store.open_class("benchmark")
            store.show(handle.code, handle.teacher_key, PAGE, {})
            classroom = Classroom(urls, handle.code, plan.students)
            joined_at = time.perf_counter()
            await classroom.start()
            joined = await classroom.settled(ViewShown(PAGE, {}, joined_at), timeout=120)
            print(
                f"   {plan.students} students joined and followed: "
                f"{'all' if joined else 'NOT all'} in {time.perf_counter() - joined_at:.1f} s",
                flush=True,
            )
            # Following a view that does not change: the poll's cost.
            await asyncio.sleep(2.0)
            polls0, cpu0, t0 = classroom.polls(), _cpu(pid), time.perf_counter()
            await asyncio.sleep(plan.idle)
            seconds = time.perf_counter() - t0
            cpu = _cpu(pid) - cpu0 - idle_rate * seconds
            polls = classroom.polls() - polls0
            # The other students beside the class following.
            beside = await asyncio.to_thread(_others, server.url, plan)
            # The teacher's changes, the class settling between two.
            rng = random.Random(1)
            cpu_teach, t_teach = _cpu(pid), time.perf_counter()
            shown = await teach(store, handle, classroom, views(plan.changes, rng), plan.pause, rng)
            # CPU per switch (load-independent): the changes' CPU less the polls' over that time.
            switch_cpu = (
                _cpu(pid)
                - cpu_teach
                - (cpu / seconds + idle_rate) * (time.perf_counter() - t_teach)
            )
            switch_cpu /= plan.changes * plan.students
            # The other students while the teacher changes view every 2-3 s without waiting.
            done = asyncio.Event()

            async def busy_teacher():
                out = []
                for view in views(100, random.Random(3)):
                    if done.is_set():
                        break
                    out += await teach(
                        store, handle, classroom, [view], (2.0, 3.0), rng, wait=False
                    )
                return out

            teacher = asyncio.create_task(busy_teacher())
            during = await asyncio.to_thread(_others, server.url, plan)
            done.set()
            busy = await teacher
            await asyncio.sleep(3.0)
            await classroom.stop()
            return (
                classroom.result(shown),
                classroom.result(busy),
                (cpu, switch_cpu),
                seconds,
                polls,
                beside,
                during,
            )

        run_, busy, cpu, seconds, polls, beside, during = asyncio.run(with_class())
        if TRACE:
            log = "".join(s.output() for s in servers)
            dropped = [line for line in log.splitlines() if "does not exist anymore" in line]
            print(f"   server log: {len(dropped)} polls dropped (fragment gone)", flush=True)
            for line in dropped[:5]:
                print("     ", line[-160:], flush=True)

    return report(plan, run_, busy, cpu, seconds, polls, alone, beside, during, processes)


def report(
    plan, run_, busy, cpus, seconds, polls, alone, beside, during, processes=1
) -> list[Result]:
    n = plan.students
    on = f"{processes} process{'es' if processes > 1 else ''}"
    cpu, switch_cpu = cpus
    finite = [lag for lag in run_.student_lags if lag < float("inf")]
    missed = len(run_.student_lags) - len(finite)
    print(
        f"   lag, class's last student per change: p50 {_quantile(run_.lags, 0.5):.2f} s, "
        f"p95 {run_.p95:.2f} s, max {max(run_.lags):.2f} s ({len(run_.lags)} changes, {on})",
        flush=True,
    )
    if finite:
        print(
            f"   lag, each student: p50 {_quantile(finite, 0.5):.2f} s, "
            f"p95 {_quantile(finite, 0.95):.2f} s ({missed} redraws missed)",
            flush=True,
        )
    per_minute = cpu / n / (seconds / 60)
    print(
        f"   following, view unchanged: server cpu {cpu:.1f} s in {seconds:.0f} s for {n} students "
        f"= {per_minute:.2f} s per student per minute ({per_minute / 60:.1%} of a core each); "
        f"{polls / n / seconds:.2f} polls per student per second, "
        f"{cpu / max(polls, 1) * 1e3:.1f} ms cpu per poll",
        flush=True,
    )
    print(
        f"   a change of view: server cpu {switch_cpu * 1e3:.0f} ms per student switched "
        f"({switch_cpu * n:.2f} s for the class of {n}, over {on}; the polls' share taken out)",
        flush=True,
    )
    _line("others beside the class", beside)
    _line("others, teacher changing", during)
    busy_lags = [lag for lag in busy.lags if lag < float("inf")]
    if busy_lags:
        print(
            f"   (while the others moved: {len(busy.lags)} changes, class lag p50 "
            f"{statistics.median(busy_lags):.2f} s, {len(busy.lags) - len(busy_lags)} unsettled)",
            flush=True,
        )
    ratio_beside = beside.p95 / alone.p95
    ratio_during = during.p95 / alone.p95
    for label, ratio, other in (
        ("following", ratio_beside, beside),
        ("teacher changing view", ratio_during, during),
    ):
        failed = f", {len(other.errors)} errors: not comparable" if other.errors else ""
        print(
            f"   other students' p95 with the class {label} / no class = {ratio:.2f}× "
            f"({other.p95 * 1e3:.0f} vs {alone.p95 * 1e3:.0f} ms; no target{failed})",
            flush=True,
        )
    errors = len(run_.errors) + len(alone.errors) + len(beside.errors) + len(during.errors)
    for error in sorted(set(run_.errors))[:3]:
        print(f"      error: {error}", flush=True)
    return [
        Result(
            f"class: N={n}, {len(run_.lags)} changes, {on}, p95 lag to every student",
            run_.p95,
            TARGET_LAG,
            unit="s",
            note=f"p50 {_quantile(run_.lags, 0.5):.2f} s",
        ),
        Result(f"class: redraws missed (of {len(run_.student_lags)})", missed, 0, unit=""),
        Result("class: errors", errors, 0, unit=""),
    ]
