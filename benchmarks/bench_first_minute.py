"""The first minute of a class: 30 students arriving within 10 s on a just-started server.

Each student is one tab (ui/visit.py, Streamlit's own websocket): it asks for the page at its
defaults, follows its progress bars like a browser, and notes how long it waited for its first
chart. The same class arrives (seeded arrival times, uniform over RAMP seconds):
- at the control app (benchmarks/control_app.py: one slider, one chart), just started;
- at each page of a cold server (`serve.py` with RNNX_WARM=0), one fresh server per page;
- at each page of a server that warmed itself up (ui/warm.py), once it says it is ready.
Printed: median and slowest first chart per class, how many students found a chart in their
first run, how many saw a training, the warm-up's own time and the machine's load average.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import random
import statistics
import threading
import urllib.request

from benchmarks import Result
from deploy.launch import StreamlitServer, sigterm_exits
from ui.visit import Visit, visit

STUDENTS = 30
RAMP = 10.0  # seconds over which the class arrives
PAGES = ("text_cells", "unrolled", "why_gates")
CONTROL = "benchmarks/control_app.py"
VISIT_SECONDS = 240.0
TARGET_RATIO = 0.5  # warm slowest first chart ≤ half the cold one, on Your text


def arrive(url: str, page: str, seed: int = 0) -> list[Visit]:
    """STUDENTS visits to `page`, started at seeded times within RAMP seconds."""
    rng = random.Random(seed)
    offsets = sorted(rng.uniform(0, RAMP) for _ in range(STUDENTS))

    def one(offset: float) -> Visit:
        threading.Event().wait(offset)  # this student's arrival time (nothing to wait for)
        return visit(url, page, timeout=VISIT_SECONDS)

    with concurrent.futures.ThreadPoolExecutor(STUDENTS) as pool:
        return list(pool.map(one, offsets))


def summary(visits: list[Visit]) -> dict:
    charts = [v.first_chart for v in visits if v.first_chart is not None]
    return {
        "median": statistics.median(charts) if charts else float("inf"),
        "slowest": max(charts) if len(charts) == len(visits) else float("inf"),
        "at_once": sum(v.charted_at_once for v in visits),
        "trained": sum(v.trained for v in visits),
        "charts": statistics.median(v.first_run_charts for v in visits),
        "errors": sorted({e for v in visits for e in v.errors})[:3],
    }


def _line(name: str, found: dict) -> str:
    return (
        f"  {name:<28} first chart median {found['median']:.1f} s, slowest {found['slowest']:.1f} s;"
        f" {found['at_once']}/{STUDENTS} in their first run ({found['charts']:g} charts),"
        f" {found['trained']} saw a training"
        + (f"; errors {found['errors']}" if found["errors"] else "")
    )


def _wait_ready(url: str) -> dict:
    for _ in range(30):  # each answer comes when the warm-up is ready, or after a minute
        with urllib.request.urlopen(f"{url}/_rnnx/warm?wait=ready", timeout=90) as response:
            status = json.load(response)
        if status["state"] in ("ready", "failed", "off"):
            return status
    return status


def run() -> list[Result]:
    load = os.getloadavg()
    cores = os.cpu_count()
    print(f"  load average at start: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}, {cores} cores")
    found: dict[str, dict] = {}
    with sigterm_exits():
        with StreamlitServer(CONTROL) as control:
            found["control"] = summary(arrive(control.url, ""))
        print(_line("control app", found["control"]), flush=True)
        for page in PAGES:
            with StreamlitServer("serve.py", env={"RNNX_WARM": "0"}) as cold:
                found[f"cold {page}"] = summary(arrive(cold.url, page))
            print(_line(f"cold {page}", found[f"cold {page}"]), flush=True)
        with StreamlitServer("serve.py", env={"RNNX_WARM": "1"}) as warm:
            status = _wait_ready(warm.url)
            seconds, errors = status.get("seconds", 0), status.get("errors") or "no errors"
            print(f"  warm-up: {status['state']} in {seconds:.0f} s ({errors}); {status['done']}")
            for page in PAGES:
                found[f"warm {page}"] = summary(arrive(warm.url, page))
                print(_line(f"warm {page}", found[f"warm {page}"]), flush=True)
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
    results = []
    for page in PAGES:
        cold, warm = found[f"cold {page}"], found[f"warm {page}"]
        results.append(
            Result(
                f"first chart, {STUDENTS} arriving in {RAMP:.0f} s, {page}: warm / cold (slowest)",
                warm["slowest"] / cold["slowest"],
                TARGET_RATIO if page == "text_cells" else 1.0,
                note=f"{warm['slowest']:.1f} s vs {cold['slowest']:.1f} s",
            )
        )
        results.append(
            Result(
                f"first chart, {page}: warm / control (slowest)",
                warm["slowest"] / found["control"]["slowest"],
                5.0,
                note=f"control {found['control']['slowest']:.1f} s",
            )
        )
    return results
