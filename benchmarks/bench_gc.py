"""Garbage-collection pauses of the app server under a class, with and without `ui.settle_heap`.

A full collection holds the GIL while it walks every tracked object: every session waits. With
torch imported (the loss-surface page's autograd check imports it at its defaults) that walk
froze the server for 198–317 ms every 7–40 s under class load. `ui.settle_heap()` (called by
app.py) `gc.freeze()`s what the imports allocated, so collections skip it.

Measured from outside the app: the server starts with `benchmarks/gcshim` on PYTHONPATH, whose
sitecustomize logs every collection (gc.callbacks) to a file. Two fresh servers, the same
classroom on each (N = 30 on the loss-surface page, a warm-up student first so torch is
loaded): `RNN_EXPLORER_GC=plain` (the collector as Python ships it) and the app's own setting.
Reported: max and p99 pause over every collection during the class (wall clock, and the
collecting thread's CPU time, which other jobs on a shared machine cannot stretch), the full
(generation 2) collections, and the class's p95 latency. The target is on the CPU time.

    python -m benchmarks gc
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from benchmarks import Result
from benchmarks.loaddriver import _quantile, drive
from deploy.launch import StreamlitServer, sigterm_exits
from ui.heap import GC_ENV

HERE = Path(__file__).resolve().parent
PAGE = "loss_surface"
STUDENTS = 30
MOVES = 10
THINK = (0.3, 1.2)
TARGET_MAX_PAUSE = 0.100  # seconds: the longest freeze a class may see


@contextlib.contextmanager
def _env(**values: str):
    old = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def read_pauses(log: Path, since: float = 0.0, cpu: bool = False) -> list[tuple]:
    """(wall time, generation, seconds, frozen objects) of each collection logged after `since`;
    with `cpu`, the collecting thread's CPU seconds instead of the wall-clock seconds."""
    if not log.exists():
        return []
    rows = []
    for line in log.read_text().splitlines():
        when, generation, seconds, _collected, _modules, frozen, cpu_seconds = line.split()
        if float(when) >= since:
            took = float(cpu_seconds if cpu else seconds)
            rows.append((float(when), int(generation), took, int(frozen)))
    return rows


def gc_server(mode: str, log: Path, script: str = "app.py") -> StreamlitServer:
    """A fresh server (not yet started) whose collections are logged to `log`."""
    path = os.pathsep.join(filter(None, [str(HERE / "gcshim"), os.environ.get("PYTHONPATH")]))
    with _env(PYTHONPATH=path, GC_PAUSE_LOG=str(log), **{GC_ENV: mode}):
        return StreamlitServer(script).spawn()


def measure(mode: str) -> dict:
    import time

    log = Path(tempfile.mkdtemp(prefix="rnn-gc-")) / "gc.log"
    with gc_server(mode, log) as server:
        server.wait(90)
        drive(server.url, PAGE, sessions=1, moves=2, think=(0, 0), deadline=120)  # torch loaded
        time.sleep(1.5)  # the warm-up's own collections are flushed and left out
        started = time.time()
        report = drive(
            server.url,
            PAGE,
            sessions=STUDENTS,
            moves=MOVES,
            think=THINK,
            deadline=180,
            pids=(server.proc.pid,),
        )
        time.sleep(1.5)  # the log is written once a second
        pauses = read_pauses(log, since=started)
        cpu_pauses = read_pauses(log, since=started, cpu=True)
    seconds = [s for _, _, s, _ in pauses]
    cpu = [s for _, _, s, _ in cpu_pauses]
    full = [(w, s) for w, g, s, _ in pauses if g == 2]
    fulls = ", ".join(f"{w - started:.0f} s: {s * 1e3:.0f} ms" for w, s in full)
    frozen = pauses[-1][3] if pauses else 0
    print(
        f"   {mode:<6} full collections during the class: {fulls or 'none'}; {frozen:,} objects frozen"
    )
    gaps = [b[0] - a[0] for a, b in zip(full, full[1:], strict=False)]
    return {
        "mode": mode,
        "count": len(pauses),
        "max": max(seconds, default=0.0),
        "p99": _quantile(seconds, 0.99) if seconds else 0.0,
        "full": len(full),
        "full_max": max((s for _, s in full), default=0.0),
        "full_gap": (sum(gaps) / len(gaps)) if gaps else float("nan"),
        "total": sum(seconds),
        "cpu_max": max(cpu, default=0.0),
        "cpu_full_max": max((s for _, g, s, _ in cpu_pauses if g == 2), default=0.0),
        "run": report.seconds,
        "p95": report.p95,
        "errors": len(report.errors),
    }


def _line(m: dict) -> str:
    return (
        f"   {m['mode']:<6} {m['count']} collections in {m['run']:.0f} s: max {m['max'] * 1e3:.0f} ms,"
        f" p99 {m['p99'] * 1e3:.1f} ms, {m['full']} full (max {m['full_max'] * 1e3:.0f} ms,"
        f" every {m['full_gap']:.1f} s), {m['total'] * 1e3:.0f} ms in GC; CPU time of the"
        f" longest {m['cpu_max'] * 1e3:.0f} ms (full: {m['cpu_full_max'] * 1e3:.0f} ms);"
        f" class p95 {m['p95'] * 1e3:.0f} ms, errors {m['errors']}"
    )


def run() -> list[Result]:
    with sigterm_exits():
        plain = measure("plain")
        print(_line(plain), flush=True)
        tuned = measure("app")
        print(_line(tuned), flush=True)
    note = (
        f"plain: {plain['cpu_max'] * 1e3:.0f} ms; wall clock {tuned['max'] * 1e3:.0f} vs"
        f" {plain['max'] * 1e3:.0f} ms (a shared machine stretches it)"
    )
    return [
        Result(
            f"gc: {PAGE} N={STUDENTS} longest pause, CPU time (ms)",
            tuned["cpu_max"] * 1e3,
            TARGET_MAX_PAUSE * 1e3,
            unit="ms",
            note=note,
        ),
        Result(f"gc: {PAGE} N={STUDENTS} errors", tuned["errors"] + plain["errors"], 0, unit=""),
    ]
