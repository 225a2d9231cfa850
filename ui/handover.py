"""A fragment's timed rerun waits until the session's finished run has been sent (Streamlit 1.67).

A session's runs go through one ScriptRunner thread, whose messages reach the browser through
the server's event loop. When a run ends and nothing more is asked, the runner stops; its last
messages and its SHUTDOWN can still wait on a busy event loop. If a fragment's rerun (the live
class's 1 s poll, `run_every`) is handled in that moment, Streamlit's `AppSession` starts a new
runner at once and then *ignores every event still queued from the old one* ("Ignoring event from
non-current ScriptRunner", logged at DEBUG): the page that run drew, its `auto_rerun` (the poll's
timer: the browser dropped its timers when that run began) and its `script_finished` are lost.
Under load (60 students on one process) a student's page then stays on the teacher's previous
view, or stops polling for good (docs/performance.md, "Live class").

`install()` (once per process, from app.py) makes such a fragment rerun wait: it is handed to the
session again once the old runner's queued events have been handled (they end with its SHUTDOWN,
which clears the session's runner), in the order they were sent. Runs of the whole app are left
as Streamlit does them (a new full run redraws everything anyway).
"""

from __future__ import annotations

import streamlit
from streamlit.runtime import app_session

RETRY_SECONDS = 0.005  # the stopped runner's thread sends its SHUTDOWN right after it stops
MAX_WAIT = 5.0  # then Streamlit's own behaviour (a new runner) rather than no poll at all


def install() -> bool:
    """Patch `AppSession` once per process; False on a Streamlit this was not written for."""
    cls = app_session.AppSession
    if getattr(cls, "_rnnx_waits_for_runner", False):
        return True
    if not streamlit.__version__.startswith("1.67.") or not hasattr(cls, "_create_scriptrunner"):
        return False
    create = cls._create_scriptrunner

    def _create_scriptrunner(self, initial_rerun_data, _waited: float = 0.0) -> None:
        previous = self._scriptrunner
        if previous is None or not initial_rerun_data.fragment_id or _waited >= MAX_WAIT:
            create(self, initial_rerun_data)
            return
        # `previous` refused this fragment rerun: it has stopped, and its last events wait on
        # this loop. Hand the request over again once they are handled.
        self._event_loop.call_later(
            RETRY_SECONDS, _again, self, initial_rerun_data, _waited + RETRY_SECONDS
        )

    def _again(self, rerun_data, waited: float) -> None:
        if self._state == app_session.AppSessionState.SHUTDOWN_REQUESTED:
            return
        runner = self._scriptrunner
        if runner is not None and runner.request_rerun(rerun_data):
            return  # a runner started meanwhile (a full rerun) and took it
        _create_scriptrunner(self, rerun_data, waited)

    cls._create_scriptrunner = _create_scriptrunner
    cls._rnnx_waits_for_runner = True
    return True
