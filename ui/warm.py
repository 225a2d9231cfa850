"""The first minute of a class: the server visits its own pages before the first student does.

A class starts with thirty students opening the same link within seconds. On a cold server each
of them would wait for the imports, the shared figures and, on Your text, a training (18–21 s)
that nobody has asked for before. `start()` (called when the server starts: serve.py's lifespan;
under `streamlit run app.py`, which runs no code before a tab connects, by the frame at the first
visit, usually the teacher's a few minutes before the class) runs one background thread, once per process, that waits for the server to answer, then opens
every page at its defaults in both languages as a tab would (ui/visit.py), one page at a time:
each visit fills the same shared caches a student's would (`ui.shared`, `ui.figure`, the models
in `ui.jobs`' pool) because it *is* a session of this server running the real page. Your text's
default model is trained on the way (the visit waits for it like a student); the memory task of
Why gates work is trained last (its button clicked: 2–4 minutes on two cores), so students who
come after it see it trained.

Never blocking: pages serve students meanwhile (a student asking for what the warm-up is
computing waits for that one computation instead of starting their own: the caches and the job
pool share it). Gentle: one page at a time, its own thread at a lower CPU priority (nice 10), and
its trainings queue behind every student's in the pool (ui/jobs.py: the visits say who they are
in their User-Agent).
Idempotent: a second `start()` does nothing. `RNNX_WARM=0` switches it off (a cold server, for
tests and benchmarks that measure one). `status()` says how far it got; serve.py serves it at
`/_rnnx/warm` (JSON; `?wait=text_cells` or `?wait=ready` answers once that is done, within a
minute), and the log says when it is ready.
"""

from __future__ import annotations

import contextlib
import copy
import os
import threading
import time
import urllib.request

from streamlit.logger import get_logger

from explorer import i18n
from ui import visit
from ui.jobs import WARM_AGENT
from ui.views import available

ENV = "RNNX_WARM"
FIRST = ("text_cells",)  # its default trains: the longest first chart of a cold server
LAST = ("why_gates",)  # its memory task trains for minutes: after every other page
CLICKS = {"why_gates": ("wg_train",)}  # buttons a visit presses: the default trainings
VISIT_SECONDS = 1800.0  # one page's visit, its trainings included, at most
NICE = 10
_LOG = get_logger("rnnx.warm")
_lock = threading.Condition()
_status: dict = {"state": "off" if os.environ.get(ENV, "1") == "0" else "idle"}


def enabled() -> bool:
    return os.environ.get(ENV, "1") != "0"


def pages() -> list[str]:
    """The URL paths to visit, in order: home (""), Your text, the other views, Why gates."""
    keys = [view.key for view in available()]
    middle = [k for k in keys if k not in FIRST and k not in LAST]
    return ["", *[k for k in FIRST if k in keys], *middle, *[k for k in LAST if k in keys]]


def status() -> dict:
    """{"state": off | idle | waiting | warming | ready, "done": {page: seconds after start},
    "errors": [...], "seconds": ...}: a copy."""
    with _lock:
        return copy.deepcopy(_status)


def wait_for(page: str, timeout: float) -> dict:
    """The status once `page` (or "ready") is done, the warm-up has stopped, or `timeout` passed."""
    with _lock:
        stopped = ("off", "idle", "ready", "failed")  # nothing more will be done
        _lock.wait_for(
            lambda: page in _status.get("done", {}) or _status["state"] in stopped, timeout
        )
    return status()


def server_url() -> str:
    """This server's own address (loopback when it listens on every interface)."""
    from streamlit import config

    address = config.get_option("server.address") or "127.0.0.1"
    if address in ("0.0.0.0", "::"):
        address = "127.0.0.1"
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    port = config.get_option("server.port")
    return f"http://{address}:{port}" + (f"/{base}" if base else "")


def start(url: str | None = None) -> bool:
    """Start the warm-up thread (once per process; not when `RNNX_WARM=0`). True if started."""
    if not enabled():
        return False
    with _lock:
        if _status["state"] != "idle":
            return False
        _status.update(state="waiting", done={}, errors=[], seconds=0.0)
    # pandas in full before the warm-up's tabs and the first students' run pages side by side:
    # two threads importing it (Streamlit's tables, Your text) saw it half-initialised
    # ("partially initialized module 'pandas' has no attribute 'Series'", in CI)
    import pandas  # noqa: F401

    thread = threading.Thread(
        target=_run, args=(url or server_url(),), name="rnnx-warm", daemon=True
    )
    thread.start()
    return True


def _lower_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):  # Linux: a thread's own nice value
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)


def _wait_for_server(url: str, timeout: float = 300.0) -> bool:
    deadline, pause = time.monotonic() + timeout, threading.Event()
    while time.monotonic() < deadline:
        health = f"{url}/_stcore/health"
        with contextlib.suppress(OSError), urllib.request.urlopen(health, timeout=5) as response:
            if response.status == 200:
                return True
        pause.wait(0.2)  # the server is starting: nothing to be told, only asked
    return False


def _run(url: str) -> None:
    _lower_priority()
    began = time.monotonic()
    if not _wait_for_server(url):
        with _lock:
            _status.update(state="failed", errors=[f"no answer from {url}"])
            _lock.notify_all()
        return
    with _lock:
        _status["state"] = "warming"
    for page in pages():
        for lang in i18n.LANGS:
            query = "" if lang == i18n.DEFAULT_LANG else f"lang={lang}"
            seen = visit.visit(url, page, query, CLICKS.get(page, ()), VISIT_SECONDS, WARM_AGENT)
            with _lock:
                _status["errors"].extend(seen.errors)
        with _lock:
            _status["done"][page or "home"] = round(time.monotonic() - began, 1)
            _lock.notify_all()
        _LOG.info("warm-up: %s done", page or "home")
    seconds = time.monotonic() - began
    with _lock:
        _status.update(state="ready", seconds=round(seconds, 1))
        _lock.notify_all()
    errors = status()["errors"]
    _LOG.info("warm-up ready in %.0f s: %d pages, %d errors", seconds, len(pages()), len(errors))
    for error in errors[:5]:
        _LOG.warning("warm-up: %s", error)
