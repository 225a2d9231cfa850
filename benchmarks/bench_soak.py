"""A day of class on one server: 10 students cycling through every page, with trainings and
chart clicks, for SOAK_MINUTES (60 for the issue's soak), measured per window of wall clock.

One fresh app server (its collections logged by `benchmarks/gcshim`, as in bench_gc), warmed up
as a class would find it (every page visited once, following its progress bars, so Your text's
default model exists). Then STUDENTS simulated students (benchmarks/loaddriver.py, Streamlit's own
websocket), each on its own, go round every page in teaching order, again and again, as a student
in a browser does: each round in one tab, opened on the first page by its URL (a new session, as
a reload or a new tab makes) and taken to every next page by its sidebar link (the same session:
the browser asks for the page's script by its hash on the same connection). Each round's tab
closes at the round's end, and the server keeps its session for
`server.disconnectedSessionTTL` (120 s). (Until 2026-12-07 every page was a new tab: about 137
sessions alive at once for 10 students, a churn of sessions no class makes; see
docs/performance.md.)
- each page: reach it and move one of its widgets MOVES times (its first slider; on Your text
  the unit number, on the puzzles the first knob of the cell);
- gradient decay: also let go of the chart's own slider on another step (the chart element's
  event, as ui/chart_element.js sends it); the page's w_rec input must show that step;
- the optimizer race: CLICKS clicks on the race map (a heatmap cell); the start inputs must show
  the clicked start;
- the gate inspector: one student in TRAIN_EVERY per round trains its own small LSTM (a link
  with `gt_model=trained` and a seed of its own, so never the shared cache), following the
  progress bar as a browser does until the trained model shows.
A click or chart release is *lost* when its rerun does not finish within TIMEOUT s or the page
does not show its value. Think time THINK between two actions.

Per window (WINDOW_MINUTES; default 5, or a third of the run when it is shorter than 10 min):
the server's resident memory at the window's end (with its children), its CPU seconds per rerun
(every rerun the students asked for: loads, moves, clicks, progress polls; the trainings' CPU is
in it, the pool trains in the server's process), the longest collection (collector CPU and wall
clock, from the gcshim log; also how many full collections ran and the median one's CPU, which
the longest's outliers do not move), lost clicks and errors. Targets: last window ≤ 1.1× the first for
memory, CPU per rerun and longest GC pause; 0 lost clicks; 0 errors.

    SOAK_MINUTES=60 python -m benchmarks soak                  # the issue's hour, 12 windows
    SOAK_MINUTES=6 WINDOW_MINUTES=2 python -m benchmarks soak  # a short look, 3 windows
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from benchmarks import Result
from benchmarks.bench_gc import gc_server, read_pauses
from benchmarks.loaddriver import Student
from deploy.launch import sigterm_exits
from ui.views import available
from ui.visit import visit

STUDENTS = 10
MOVES = 3
CLICKS = 3
THINK = (0.5, 1.5)
TIMEOUT = 30.0  # a click's rerun must finish within this
TRAIN_EVERY = 5  # one student in 5 trains on each visit to the gate inspector (2 per round)
TRAIN_QUERY = (
    "gt_source=bits&gt_length=200&gt_model=trained&gt_epochs=20&gt_hidden=8&gt_seed={seed}"
)
TRAIN_SECONDS = 240.0
WIDGETS = {"text_cells": "tc_unit", "puzzles": "pz_i_x1"}  # pages with no slider at first
MINUTES = float(os.environ.get("SOAK_MINUTES", "10"))
WINDOW = float(os.environ.get("WINDOW_MINUTES", "0")) or (5.0 if MINUTES >= 10 else MINUTES / 3)
TARGET_GROWTH = 1.10  # last window / first window: memory, CPU per rerun, longest GC pause


def server_procs(pid: int) -> list[psutil.Process]:
    proc = psutil.Process(pid)
    return [proc, *proc.children(recursive=True)]


def rss_mb(pid: int) -> float:
    return sum(p.memory_info().rss for p in server_procs(pid)) / 2**20


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for p in server_procs(pid):
        times = p.cpu_times()
        total += times.user + times.system
    return total


@dataclass
class Tally:
    """What happened, stamped with the wall clock (time.time())."""

    reruns: list[float] = field(default_factory=list)
    errors: list[tuple[float, str]] = field(default_factory=list)
    clicks: list[tuple[float, bool]] = field(default_factory=list)  # (when, lost)
    trainings: list[tuple[float, float]] = field(default_factory=list)  # (when, seconds)

    def error(self, text: str) -> None:
        self.errors.append((time.time(), text))


class Soak:
    def __init__(self, url: str, pages: list[str], stop_at: float):
        self.url, self.pages, self.stop_at = url, pages, stop_at
        self.tally = Tally()

    def _count(self, result) -> None:
        for run in [result.load, *result.reruns]:
            if run is not None:
                self.tally.reruns.append(time.time())
        for text in result.errors:
            self.tally.error(text)

    async def student(self, i: int) -> None:
        rng = random.Random(i)
        cycle = 0
        while time.time() < self.stop_at:
            tab = None  # this round's tab
            try:
                for page in self.pages:
                    if time.time() >= self.stop_at:
                        return
                    await asyncio.sleep(rng.uniform(*THINK))
                    if page == "gates" and (i + cycle) % TRAIN_EVERY == 0:
                        await self.train(seed=1000 + 100 * cycle + i)  # the teacher's link
                    else:
                        tab = await self.browse(tab, page, rng)
            finally:
                if tab is not None:
                    await tab.close()
            cycle += 1

    async def browse(self, tab: Student | None, page: str, rng: random.Random) -> Student | None:
        """Reach `page` in `tab` by its sidebar link (or open a tab on it by its URL), move its
        widget, and on the chart pages use the chart. Returns the tab, or None when it broke
        (the next page opens a new one, as a student reloads a tab that stopped answering)."""
        widget = WIDGETS.get(page, "")
        try:
            if tab is None:
                tab = Student(self.url, page, None, TIMEOUT, widget=widget)
                result = await tab.open()
            else:
                result = await tab.go(page, widget)
            await tab.move(result, MOVES, THINK, rng)
            self._count(result)
            extra = {"optimizers": self.race_clicks, "gradient_decay": self.chart_release}.get(page)
            if extra is not None:
                await extra(tab, rng)
            return tab
        except Exception as exc:  # a student's failure is data, not a crash
            self.tally.error(f"{page}: {type(exc).__name__}: {exc}")
            if tab is not None:
                await tab.close()
            return None

    async def race_clicks(self, student: Student, rng: random.Random) -> None:
        """CLICKS clicks on race-map cells; the start inputs must show the clicked start."""
        for n in range(CLICKS):
            await asyncio.sleep(rng.uniform(*THINK))
            x, y = (round(rng.uniform(-2.9, 2.9), 1) for _ in range(2))
            point = {"curve": 0, "point": [0, 0], "index": 0, "x": x, "y": y, "seq": n + 1}
            shows = {"opt_w0x": x, "opt_w0rec": y}
            lost = await self._event(student, "opt_race_chart", "click", point, shows)
            self.tally.clicks.append((time.time(), lost))

    async def chart_release(self, student: Student, rng: random.Random) -> None:
        """Let go of gradient decay's chart slider on another step: w_rec must follow."""
        payload = student.charts.get("gd_chart", ("", "", b""))[2]
        if b"\n" not in payload:
            self.tally.error("gradient_decay: the chart's figure never came")
            return
        steps = json.loads(payload.split(b"\n", 1)[1])["layout"]["sliders"][0]["steps"]
        await asyncio.sleep(rng.uniform(*THINK))
        index = rng.randrange(len(steps))
        step = steps[index]
        value = float(step.get("value", step["label"]))
        event = {"slider": 0, "index": index, "label": step["label"], "value": value, "seq": 1}
        lost = await self._event(student, "gd_chart", "slider", event, {"gd_w_rec": value})
        self.tally.clicks.append((time.time(), lost))

    async def _event(self, student: Student, key: str, kind: str, value: dict, shows: dict) -> bool:
        """Send one chart event; lost unless its rerun finished in time and showed `shows`."""
        try:
            rerun = await student.chart_event(key, kind, value)
        except TimeoutError:
            self.tally.error(f"{key} {kind}: no script_finished within {TIMEOUT:.0f} s")
            return True
        self.tally.reruns.append(time.time())
        if not rerun.ok:
            self.tally.error(f"{key} {kind}: {rerun.error}")
            return True
        shown = {k: student.inputs.get(k) for k in shows}
        return any(shown[k] is None or abs(shown[k] - want) > 1e-9 for k, want in shows.items())

    async def train(self, seed: int) -> None:
        """A student who trains on the gate inspector and waits for the trained model."""
        query = TRAIN_QUERY.format(seed=seed)
        done = await asyncio.to_thread(visit, self.url, "gates", query, (), TRAIN_SECONDS)
        self.tally.reruns.extend(done.finished)
        for text in done.errors:
            self.tally.error(f"training: {text}")
        if not done.trained and not done.errors:
            self.tally.error("training: the page never showed a progress bar")
        self.tally.trainings.append((time.time(), done.seconds))

    async def run(self) -> None:
        async def one(i: int) -> None:
            await asyncio.sleep(i * 0.5)  # the class arrives over 5 s
            await self.student(i)

        await asyncio.gather(*(one(i) for i in range(STUDENTS)))


def run() -> list[Result]:
    with sigterm_exits():
        return _run()


def _windows(start: float, end: float) -> list[tuple[float, float]]:
    count = max(1, round((end - start) / (WINDOW * 60)))
    edges = [start + k * WINDOW * 60 for k in range(count)] + [end]
    return list(zip(edges, edges[1:], strict=False))


def _row(k: int, a: tuple, b: tuple, last: bool, start: float, tally: Tally, log: Path) -> dict:
    """Window k, between the samples `a` and `b` (time, rss, cpu); the last one takes in
    whatever finished after its end."""
    lo, hi = a[0], float("inf") if last else b[0]

    def inside(when: float) -> bool:
        return lo <= when < hi

    wall = [s for w, _, s, _ in read_pauses(log, since=lo) if w < hi]
    logged = [(g, s) for w, g, s, _ in read_pauses(log, since=lo, cpu=True) if w < hi]
    cpu_gc = [s for _, s in logged]
    full = [s for g, s in logged if g == 2]
    reruns = sum(map(inside, tally.reruns))
    return {
        "window": k + 1,
        "from": (lo - start) / 60,
        "to": (b[0] - start) / 60,
        "rss": b[1],
        "cpu": (b[2] - a[2]) / max(reruns, 1),
        "reruns": reruns,
        "gc": max(wall, default=0.0),
        "gc_cpu": max(cpu_gc, default=0.0),
        "full": len(full),  # full collections, and the median one's collector CPU
        "full_median": statistics.median(full) if full else 0.0,
        "lost": sum(lost for when, lost in tally.clicks if inside(when)),
        "clicks": sum(1 for when, _ in tally.clicks if inside(when)),
        "trainings": [took for when, took in tally.trainings if inside(when)],
        "errors": sum(1 for when, _ in tally.errors if inside(when)),
    }


def _run() -> list[Result]:
    pages = [view.key for view in available()]
    log = Path(tempfile.mkdtemp(prefix="rnn-soak-")) / "gc.log"
    print(
        f"   {STUDENTS} students, {MINUTES:g} min in windows of {WINDOW:g} min; load average"
        f" {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    with gc_server("app", log) as server:
        server.wait(90)
        pid = server.proc.pid
        for page in pages:  # imports, first-visit caches and default trainings before the start
            warm = visit(server.url, page, timeout=TRAIN_SECONDS)
            if warm.errors:
                print(f"   warm-up {page}: {warm.errors}", flush=True)
        warm = visit(server.url, "gates", TRAIN_QUERY.format(seed=1), timeout=TRAIN_SECONDS)
        time.sleep(1.2)  # the GC log is written once a second
        start = time.time()
        soak = Soak(server.url, pages, start + MINUTES * 60)
        samples = [(start, rss_mb(pid), cpu_seconds(pid))]
        edges = _windows(start, start + MINUTES * 60)

        async def sampled() -> None:
            task = asyncio.create_task(soak.run())
            for _, end in edges[:-1]:
                await asyncio.sleep(max(0.0, end - time.time()))
                samples.append((time.time(), rss_mb(pid), cpu_seconds(pid)))
            await task
            samples.append((time.time(), rss_mb(pid), cpu_seconds(pid)))

        asyncio.run(sampled())
        time.sleep(1.2)
        tally = soak.tally
        rows = []
        for k, (a, b) in enumerate(zip(samples, samples[1:], strict=False)):
            row = _row(k, a, b, k == len(samples) - 2, start, tally, log)
            rows.append(row)
            print(
                f"   window {row['window']:>2} ({row['from']:4.1f}–{row['to']:4.1f} min):"
                f" rss {row['rss']:.0f} MB, cpu {row['cpu'] * 1e3:.0f} ms/rerun"
                f" ({row['reruns']} reruns), longest GC pause {row['gc_cpu'] * 1e3:.0f} ms CPU"
                f" ({row['gc'] * 1e3:.0f} ms wall; {row['full']} full collections, median"
                f" {row['full_median'] * 1e3:.0f} ms CPU), lost clicks {row['lost']}/{row['clicks']},"
                f" {len(row['trainings'])} trainings (longest {max(row['trainings'], default=0):.0f} s),"
                f" errors {row['errors']}",
                flush=True,
            )
    for text in sorted({t for _, t in tally.errors})[:10]:
        print(f"   error: {text}", flush=True)
    first, last = rows[0], rows[-1]
    clicks = len(tally.clicks)
    lost = sum(lost for _, lost in tally.clicks)
    note = f"{len(rows)} windows in {last['to']:.1f} min; load average {os.getloadavg()[0]:.1f}"
    return [
        Result(
            "soak: server memory, last window / first",
            last["rss"] / first["rss"],
            TARGET_GROWTH,
            note=f"{last['rss']:.0f} vs {first['rss']:.0f} MB; {note}",
        ),
        Result(
            "soak: server CPU per rerun, last window / first",
            last["cpu"] / first["cpu"],
            TARGET_GROWTH,
            note=f"{last['cpu'] * 1e3:.0f} vs {first['cpu'] * 1e3:.0f} ms",
        ),
        Result(
            "soak: longest GC pause (CPU), last window / first",
            last["gc_cpu"] / max(first["gc_cpu"], 1e-6),
            TARGET_GROWTH,
            note=(
                f"{last['gc_cpu'] * 1e3:.0f} vs {first['gc_cpu'] * 1e3:.0f} ms; wall clock"
                f" {last['gc'] * 1e3:.0f} vs {first['gc'] * 1e3:.0f} ms; any window up to"
                f" {max(r['gc_cpu'] for r in rows) * 1e3:.0f} ms CPU; the median full"
                f" collection {last['full_median'] * 1e3:.0f} vs {first['full_median'] * 1e3:.0f} ms"
            ),
        ),
        Result("soak: lost clicks", lost, 0, unit="", note=f"of {clicks} chart events"),
        Result(
            "soak: errors",
            len(tally.errors),
            0,
            unit="",
            note=f"{len(tally.trainings)} trainings, {len(tally.reruns)} reruns",
        ),
    ]
