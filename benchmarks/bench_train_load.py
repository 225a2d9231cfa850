"""30 students training at once while a classroom uses another page (issue 17).

The trainings: TRAINERS students open the gate inspector with a training in the URL
(explorer/training/next_step.py's LSTM, 1000 steps × 8 units × EPOCHS epochs, each its own seed: 30 jobs),
each tab polling its progress fragment as a browser does (`auto_rerun`) until the trained model
shows. The classroom: OTHERS students on the gradient-decay page, each loading it and moving its
slider MOVES times (the load driver of `benchmarks/loaddriver.py`, loopback).

Two fresh app servers on the same machine run the same classroom at the same moment, so a shared
machine's drifting load cancels: first both idle (how alike the two are), then while the
trainings run on one of them (the other's classroom pays only their CPU, not their place in its
process). Target: p95 on the training server / p95 on the other ≤ 1.5, pooled over up to ROUNDS
classrooms while the trainings last; peak memory of the training server and its children.

`TRAIN_LOAD_SEQUENTIAL=1`: one server, its classroom alone, beside 30 untrained gate pages, with
the trainings, alone again (the reference pools both alone rounds).
The pool's size and backend come from the environment the servers inherit: `RNNX_WORKERS`,
`RNNX_CLUSTER` (docs/classroom.md), e.g. `RNNX_CLUSTER=local python -m benchmarks train_load`.
Bounded: every classroom has a 240 s deadline.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from benchmarks import Result
from benchmarks.loaddriver import LoadReport, Student, _quantile, drive
from deploy.launch import StreamlitServer, sigterm_exits

TRAINERS = int(os.environ.get("TRAIN_LOAD_TRAINERS", "30"))
OTHERS = 10
OTHER_PAGE = "gradient_decay"
MOVES = 12
THINK = (0.5, 1.5)
EPOCHS = 180  # 1000 steps × 32 counted units × 180 epochs: the most a link may start
TRAIN_QUERY = "gt_source=bits&gt_length=1000&gt_model=trained&gt_epochs={epochs}&gt_seed={seed}"
PAGE_QUERY = "gt_source=bits&gt_length=1000&gt_model=random"  # the same page, no training
TARGET = 1.5
DEADLINE = 240.0
ROUNDS = 3  # classrooms measured while the trainings run (pooled)
# TRAIN_LOAD_POLL=0 (diagnosis): the training tabs never poll, so neither their progress bars nor
# the rerun that shows each trained model cost the server: only the trainings themselves do.
POLL = os.environ.get("TRAIN_LOAD_POLL", "1") != "0"
NO_POLL_SECONDS = 60.0


async def _trainer(url: str, seed: int, deadline: float) -> float:
    """One student whose page trains: load it, poll its fragments like a browser, until the
    trained model shows. Seconds from the load to the trained page (inf at the deadline)."""
    student = Student(url, "gates", None, 60.0, TRAIN_QUERY.format(epochs=EPOCHS, seed=seed))
    started = time.perf_counter()
    async with connect(student.ws_url, subprotocols=["streamlit"], max_size=None) as ws:
        student.ws = ws
        msg = BackMsg()
        student._client_state(msg)
        await ws.send(msg.SerializeToString())
        polls: dict[str, float] = {}  # fragment id → interval
        page = ""
        next_poll = time.perf_counter() + 0.5
        while time.perf_counter() - started < deadline:
            if any("Trained LSTM" in text for text in student.texts):
                return time.perf_counter() - started
            try:
                raw = await asyncio.wait_for(ws.recv(), max(next_poll - time.perf_counter(), 0.01))
            except TimeoutError:
                if not POLL:  # a tab that never asks: the pool's work without the page's
                    if time.perf_counter() - started > NO_POLL_SECONDS:
                        return float("inf")
                    polls.clear()
                for fragment in polls:
                    msg = BackMsg()
                    student._client_state(msg)
                    msg.rerun_script.fragment_id = fragment
                    msg.rerun_script.is_auto_rerun = True
                    msg.rerun_script.page_script_hash = page  # else the fragment is unknown
                    await ws.send(msg.SerializeToString())
                next_poll = time.perf_counter() + min(polls.values(), default=0.5)
                continue
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            if forward.metadata.cacheable and forward.hash:
                student.cached.add(forward.hash)
            kind = forward.WhichOneof("type")
            if kind == "auto_rerun":
                polls[forward.auto_rerun.fragment_id] = forward.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                for fragment in forward.stop_auto_rerun.fragment_ids:
                    polls.pop(fragment, None)
            elif kind == "navigation":
                page = forward.navigation.page_script_hash
            elif kind == "delta":
                student._read_delta(forward)
    return float("inf")


async def _trainers(url: str, n: int, deadline: float) -> list[float]:
    async def one(i: int) -> float:
        await asyncio.sleep(0.1 * i)  # a class clicking "train" within 3 s
        try:
            return await _trainer(url, 1000 + i, deadline)
        except Exception:  # noqa: BLE001 - a failed student is a missing time, not a crash
            return float("inf")

    return list(await asyncio.gather(*(one(i) for i in range(n))))


def _classroom(server: StreamlitServer) -> LoadReport:
    return drive(server.url, OTHER_PAGE, sessions=OTHERS, moves=MOVES, think=THINK, deadline=DEADLINE,
                 pids=(server.proc.pid,))  # fmt: skip


def _beside(server: StreamlitServer, others: concurrent.futures.Future | None) -> LoadReport:
    """The classroom, while `others` (started 2 s before) run beside it."""
    if others is not None:
        time.sleep(2.0)  # the other students' pages are loading, their jobs queued and running
    return _classroom(server)


def sequential() -> list[Result]:
    with sigterm_exits(), StreamlitServer() as server:
        backend = (
            os.environ.get("RNNX_CLUSTER") or f"threads ({os.environ.get('RNNX_WORKERS', 'cores')})"
        )
        print(f"   pool: {backend}", flush=True)
        drive(server.url, OTHER_PAGE, sessions=1, moves=2, think=(0, 0), deadline=120)  # warm up
        drive(server.url, "gates", sessions=1, moves=0, query=TRAIN_QUERY.format(epochs=10, seed=1))
        alone = _beside(server, None)
        print(f"   alone:               {alone.summary()}", flush=True)
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pages = pool.submit(
                drive,
                server.url,
                "gates",
                sessions=TRAINERS,
                moves=0,
                ramp=3.0,
                deadline=DEADLINE,
                query=PAGE_QUERY,
            )
            with_pages = _beside(server, pages)
            pages.result()
        print(f"   + {TRAINERS} gate pages:    {with_pages.summary()}", flush=True)
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            trainings = pool.submit(asyncio.run, _trainers(server.url, TRAINERS, DEADLINE))
            loaded = [_beside(server, trainings)]
            while not trainings.done() and len(loaded) < ROUNDS:  # classrooms while they train
                loaded.append(_classroom(server))
            times = trainings.result()
        for report in loaded:
            print(f"   + {TRAINERS} trainings:     {report.summary()}", flush=True)
        again = _beside(server, None)  # the machine is shared: its load drifts
        print(f"   alone, again:        {again.summary()}", flush=True)
        done = sorted(t for t in times if t < float("inf"))
        print(f"   trainings: {len(done)}/{TRAINERS} done, last after {max(done, default=0):.1f} s, "
              f"median {done[len(done) // 2] if done else float('nan'):.1f} s", flush=True)  # fmt: skip
    base = _quantile(alone.latencies + again.latencies, 0.95)  # before and after, pooled
    p95 = _quantile([t for r in loaded for t in r.latencies], 0.95)
    peak = max(r.peak_rss_mb for r in loaded)
    note = f"{p95 * 1e3:.0f} vs {base * 1e3:.0f} ms; {backend}; peak {peak:.0f} MB"
    print(f"   p95 with trainings / beside the same gate pages untrained: {p95 / with_pages.p95:.2f}× "
          f"({p95 * 1e3:.0f} vs {with_pages.p95 * 1e3:.0f} ms; no target)", flush=True)  # fmt: skip
    errors = sum(len(r.errors) for r in (alone, with_pages, *loaded, again))
    return [
        Result(f"train load: {OTHER_PAGE} p95 with {TRAINERS} trainings / alone", p95 / base, TARGET, note=note),
        Result("train load: trainings not finished", TRAINERS - len(done), 0, unit=""),
        Result("train load: errors", errors, 0, unit=""),
    ]  # fmt: skip


def _both(calm: StreamlitServer, busy: StreamlitServer) -> tuple[LoadReport, LoadReport]:
    """The same classroom on both servers at the same moment (the machine's noise is shared)."""
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        a, b = pool.submit(_classroom, calm), pool.submit(_classroom, busy)
        return a.result(), b.result()


def _p95(reports: list[LoadReport]) -> float:
    return _quantile([t for r in reports for t in r.latencies], 0.95)


def run() -> list[Result]:
    """Two servers, one classroom on each at the same time; 30 trainings on one of them.
    (`TRAIN_LOAD_SEQUENTIAL=1`: one server, alone / with trainings / alone, one after another.)"""
    if os.environ.get("TRAIN_LOAD_SEQUENTIAL") == "1":
        return sequential()
    backend = (
        os.environ.get("RNNX_CLUSTER") or f"threads ({os.environ.get('RNNX_WORKERS', 'cores')})"
    )
    print(f"   pool: {backend}", flush=True)
    with sigterm_exits(), StreamlitServer() as calm, StreamlitServer() as busy:
        for server in (calm, busy):
            drive(server.url, OTHER_PAGE, sessions=1, moves=2, think=(0, 0), deadline=120)
            drive(
                server.url,
                "gates",
                sessions=1,
                moves=0,
                query=TRAIN_QUERY.format(epochs=10, seed=1),
            )
        before = _both(calm, busy)
        print(
            f"   both idle:   calm {before[0].summary()}\n                busy {before[1].summary()}",
            flush=True,
        )
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            trainings = pool.submit(asyncio.run, _trainers(busy.url, TRAINERS, DEADLINE))
            time.sleep(2.0)
            during = [_both(calm, busy)]
            while not trainings.done() and len(during) < ROUNDS:
                during.append(_both(calm, busy))
            times = trainings.result()
        for a, b in during:
            print(
                f"   trainings:   calm {a.summary()}\n                busy {b.summary()}",
                flush=True,
            )
    done = sorted(t for t in times if t < float("inf"))
    print(
        f"   trainings: {len(done)}/{TRAINERS} done, last after {max(done, default=0):.1f} s",
        flush=True,
    )
    idle = before[1].p95 / before[0].p95
    calm_p95, busy_p95 = _p95([a for a, _ in during]), _p95([b for _, b in during])
    peak = max(b.peak_rss_mb for _, b in during)
    note = f"{busy_p95 * 1e3:.0f} vs {calm_p95 * 1e3:.0f} ms; {backend}; idle pair {idle:.2f}×; peak {peak:.0f} MB"
    errors = sum(len(r.errors) for pair in (before, *during) for r in pair)
    return [
        Result(f"train load: {OTHER_PAGE} p95 beside {TRAINERS} trainings / at the same time without", busy_p95 / calm_p95, TARGET, note=note),
        Result("train load: trainings not finished", TRAINERS - len(done), 0, unit=""),
        Result("train load: errors", errors, 0, unit=""),
    ]  # fmt: skip
