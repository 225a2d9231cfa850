"""Server memory per student: N sessions open on one page, kept open, (RSS − idle RSS) / N.

For each view, a fresh app server is warmed up by one student (imports and shared caches), then
N students load the page, move its first slider twice and keep their tab open while the
server's resident memory is read. MB per student is the growth divided by N; "fit in 4 GB" is
how many such students one server process holds in 4 GB after its own warm footprint.

    python -m benchmarks memory                 # N = 10 on every page
    MEMORY_STUDENTS=20 python -m benchmarks memory
"""

from __future__ import annotations

import os
import threading
import time

from benchmarks import Result
from benchmarks.bench_soak import rss_mb
from benchmarks.loaddriver import Hold, drive
from deploy.launch import StreamlitServer, sigterm_exits
from ui.views import available

STUDENTS = int(os.environ.get("MEMORY_STUDENTS", "10"))
BUDGET_MB = 4096
TARGET_STUDENTS = 30  # a class on one 4 GB server
# Besides each view at its defaults: the gate page with a trained model (torch), the same for
# everyone, then on the longest bit sequence with one model per student (each its own data
# seed, so its own training run): the case that grows by tens of MB per student.
EXTRA = [
    ("gates", "gt_model=trained"),
    ("gates", "gt_source=bits&gt_length=99999&gt_model=trained&gt_data_seed={i}"),
]


def per_student(page: str, students: int = STUDENTS, query: str = "") -> dict:
    with StreamlitServer() as server:
        pid = server.proc.pid
        drive(server.url, page, sessions=1, moves=2, think=(0, 0), deadline=180, query=query)
        time.sleep(1.0)
        idle = rss_mb(pid)
        hold, reports = Hold(), []
        worker = threading.Thread(
            target=lambda: reports.append(
                drive(
                    server.url,
                    page,
                    sessions=students,
                    moves=2,
                    think=(0.1, 0.3),
                    deadline=240,
                    hold=hold,
                    query=query,
                )
            )
        )
        worker.start()
        deadline = time.monotonic() + 200
        while hold.arrived < students and worker.is_alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)
        held = rss_mb(pid)
        arrived = hold.arrived
        hold.release()
        worker.join()
    errors = len(reports[0].errors) if reports else students
    growth = (held - idle) / max(arrived, 1)
    return {"idle": idle, "held": held, "per": growth, "open": arrived, "errors": errors}


def run() -> list[Result]:
    results = []
    with sigterm_exits():
        for page, query in [(view.key, "") for view in available()] + EXTRA:
            m = per_student(page, query=query)
            page = f"{page}?{query}" if query else page
            fit = (BUDGET_MB - m["idle"]) / m["per"] if m["per"] > 0 else float("inf")
            print(
                f"   {page:<15} idle {m['idle']:.0f} MB, {m['open']} open sessions {m['held']:.0f} MB:"
                f" {m['per']:.1f} MB per student, {fit:.0f} students fit in 4 GB"
                f" (errors {m['errors']})",
                flush=True,
            )
            results.append(
                Result(
                    f"memory: {page} students per 4 GB server",
                    fit,
                    TARGET_STUDENTS,
                    unit="",
                    higher_is_better=True,
                    note=f"{m['per']:.1f} MB/student, idle {m['idle']:.0f} MB",
                )
            )
    return results
