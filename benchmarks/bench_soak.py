"""A day of class on one server: every page in turn at N = 10, round after round, ≥ 10 minutes.

One fresh app server (its collections logged by `benchmarks/gcshim`, as in bench_gc). Each round
visits every view in teaching order with 10 students who load it and move its first slider 5
times. After each round: the server's resident memory, its CPU seconds per request (page loads
and moves) and the longest GC pause of the round. The last round is compared with the first
(target: neither memory nor CPU per request grows by more than 10 %), and the longest
collection's CPU time (target ≤ 100 ms; its wall-clock time is printed too).

    python -m benchmarks soak                  # 10 minutes
    SOAK_MINUTES=2 python -m benchmarks soak   # a shorter look
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks import Result
from benchmarks.bench_gc import gc_server, read_pauses
from benchmarks.loaddriver import drive
from deploy.launch import sigterm_exits
from ui.views import available

STUDENTS = 10
MOVES = 5
THINK = (0.3, 1.2)
MINUTES = float(os.environ.get("SOAK_MINUTES", "10"))
TARGET_GROWTH = 1.10  # last round / first round, memory and CPU per request


def rss_mb(pid: int) -> float:
    proc = psutil.Process(pid)
    procs = [proc, *proc.children(recursive=True)]
    return sum(p.memory_info().rss for p in procs) / 2**20


def run() -> list[Result]:
    with sigterm_exits():
        return _run()


def _run() -> list[Result]:
    pages = [view.key for view in available()]
    log = Path(tempfile.mkdtemp(prefix="rnn-soak-")) / "gc.log"
    rounds, errors = [], 0
    with gc_server("app", log) as server:
        server.wait(90)
        pid = server.proc.pid
        for page in pages:  # imports and first-visit caches paid before round 1
            drive(server.url, page, sessions=1, moves=2, think=(0, 0), deadline=120)
        started = time.monotonic()
        while time.monotonic() - started < MINUTES * 60 or len(rounds) < 2:
            round_start, cpu, requests, worst = time.time(), 0.0, 0, {}
            for page in pages:
                report = drive(
                    server.url,
                    page,
                    sessions=STUDENTS,
                    moves=MOVES,
                    think=THINK,
                    deadline=120,
                    pids=(pid,),
                )
                errors += len(report.errors)
                cpu += report.server_cpu
                requests += len(report.latencies) + len(report.load_latencies)
                worst[page] = report.p95
            time.sleep(1.2)  # the GC log is written once a second
            pauses = [s for _, _, s, _ in read_pauses(log, since=round_start)]
            cpu_pauses = [s for _, _, s, _ in read_pauses(log, since=round_start, cpu=True)]
            row = {
                "round": len(rounds) + 1,
                "minute": (time.monotonic() - started) / 60,
                "rss": rss_mb(pid),
                "cpu": cpu / max(requests, 1),
                "gc": max(pauses, default=0.0),
                "gc_cpu": max(cpu_pauses, default=0.0),
                "p95": max(worst.values()),
            }
            rounds.append(row)
            print(
                f"   round {row['round']:>2} at {row['minute']:4.1f} min: rss {row['rss']:.0f} MB,"
                f" cpu {row['cpu'] * 1e3:.0f} ms/request, longest GC pause {row['gc'] * 1e3:.0f} ms"
                f" ({row['gc_cpu'] * 1e3:.0f} ms CPU),"
                f" worst page p95 {row['p95'] * 1e3:.0f} ms",
                flush=True,
            )
    first, last = rounds[0], rounds[-1]
    note = f"{len(rounds)} rounds in {last['minute']:.1f} min"
    return [
        Result(
            "soak: server memory, last round / first",
            last["rss"] / first["rss"],
            TARGET_GROWTH,
            note=f"{last['rss']:.0f} vs {first['rss']:.0f} MB; {note}",
        ),
        Result(
            "soak: server CPU per request, last round / first",
            last["cpu"] / first["cpu"],
            TARGET_GROWTH,
            note=f"{last['cpu'] * 1e3:.0f} vs {first['cpu'] * 1e3:.0f} ms",
        ),
        Result(
            "soak: longest GC pause in CPU time, any round (ms)",
            max(r["gc_cpu"] for r in rounds) * 1e3,
            100,
            unit="ms",
            note=(
                f"wall clock up to {max(r['gc'] for r in rounds) * 1e3:.0f} ms (first round"
                f" {first['gc'] * 1e3:.0f}, last {last['gc'] * 1e3:.0f}); other jobs stretch it"
            ),
        ),
        Result("soak: errors", errors, 0, unit=""),
    ]
