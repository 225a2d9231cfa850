"""`python -m benchmarks class` measures what it says: its websocket students join by the class
link and redraw each view the teacher shows (page and settings), on a real server and database."""

import asyncio
import concurrent.futures
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.bench_class import OTHER_PAGE, PAGE, Classroom, follow_class, processes, views
from classroom.store import ClassStore
from deploy.launch import StreamlitServer

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_benchmarks_students_follow_every_change_of_view():
    store = ClassStore()  # the SQLite file the server uses too (RNNX_DATA_DIR, tests/conftest.py)
    with (
        StreamlitServer(ROOT / "app.py").start(timeout=90) as server,
        ThreadPoolExecutor(1) as thread,
    ):
        # in a thread of its own: after the browser tests, Playwright's event loop runs in this one
        follow = thread.submit(
            follow_class, server.url, store, students=2, changes=5, pause=(0.1, 0.1)
        )
        run = follow.result()
    assert run.errors == []
    assert [view.page for view in run.shown] == [PAGE] * 4 + [OTHER_PAGE]
    assert all(lag < 30 for lag in run.student_lags), run.student_lags
    for follower in run.followers:  # each redraw of gradient decay has the teacher's w_rec
        drawn = [r.query.get("gd_w_rec") for r in follower.redraws if r.page == PAGE]
        assert drawn[-4:] == [view.query["gd_w_rec"] for view in run.shown[:4]]


def test_the_teacher_changes_the_view_every_time():
    plan = views(20, random.Random(1))
    assert all(a != b for a, b in zip(plan, plan[1:], strict=False))
    assert all(q.get("gd_w_rec") != "2" for _, q in plan)  # the default is no change of URL


def test_the_class_runs_on_as_many_app_processes_as_asked():
    assert processes(["class"], {}) == 2  # as deploy.launch serves a class
    assert processes(["class", "--quick"], {"RNNX_CLASS_PROCESSES": "3"}) == 3
    assert processes(["class", "--processes", "4"], {"RNNX_CLASS_PROCESSES": "3"}) == 4
    assert processes(["class", "--processes=2"], {}) == 2
    with pytest.raises(ValueError):
        processes(["class", "--processes", "0"], {})


def test_each_student_stays_on_one_server_and_the_class_is_spread_evenly():
    urls = ["http://127.0.0.1:9", "http://127.0.0.1:10", "http://127.0.0.1:11"]

    async def seats():
        classroom = Classroom(urls, "CODE", 7, ramp=0.0, timeout=1.0)
        await classroom.start()
        await classroom.stop()  # (nothing listens there: each student's failure is data)
        return [f.ws_url for f in classroom.followers]

    # on a thread of its own: a browser test before it may leave an event loop on this one
    with concurrent.futures.ThreadPoolExecutor(1) as own:
        seated = own.submit(asyncio.run, seats()).result()
    assert len(seated) == 7
    counts = [seated.count(u.replace("http://", "ws://") + "/_stcore/stream") for u in urls]
    assert counts == [3, 2, 2]
    with pytest.raises(ValueError):  # the benchmark's students only talk to loopback servers
        Classroom(["http://127.0.0.1:9", "http://10.0.0.1:9"], "CODE", 2)
