"""A student's 1 s poll that reaches a busy server just after their page's run ended must not lose
that page: the run's last messages (the page drawn, the poll's own timer, the end of the run) still
reach the browser (ui/handover.py; `python -m benchmarks class` found students left on the
teacher's previous view, or no longer polling at all)."""

import asyncio
import concurrent.futures
from unittest.mock import MagicMock

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import app_session
from streamlit.runtime.fragment import MemoryFragmentStorage
from streamlit.runtime.script_data import ScriptData
from streamlit.runtime.scriptrunner import ScriptRunnerEvent
from streamlit.signal_util import Signal

from ui import handover

POLL = "strip-fragment"


class Runner:
    """A session's script thread as AppSession sees it: events out, rerun requests in."""

    made: list = []

    def __init__(self, initial_rerun_data=None, stopped=False, **_):
        self.on_event = Signal()
        self.stopped = stopped
        self.asked = [initial_rerun_data] if initial_rerun_data is not None else []
        Runner.made.append(self)

    def request_rerun(self, rerun_data) -> bool:
        if self.stopped:
            return False
        self.asked.append(rerun_data)
        return True

    def start(self) -> None:
        pass

    def request_stop(self) -> None:
        self.stopped = True


def _session(monkeypatch) -> app_session.AppSession:
    monkeypatch.setattr(app_session, "ScriptRunner", Runner)
    session = app_session.AppSession(ScriptData("app.py"), MagicMock(), None, None, {})
    session._fragment_storage = MemoryFragmentStorage()
    session._fragment_storage.register(POLL, lambda: None)
    return session


def _timer_message() -> ForwardMsg:
    msg = ForwardMsg()
    msg.auto_rerun.fragment_id, msg.auto_rerun.interval = POLL, 1.0
    return msg


async def _poll_just_after_a_run(monkeypatch) -> tuple[app_session.AppSession, Runner]:
    Runner.made = []
    session = _session(monkeypatch)
    finished = Runner(stopped=True)  # its run ended; its last events are still on the loop
    session._scriptrunner = finished
    finished.on_event.connect(session._on_scriptrunner_event)
    session.request_rerun(ClientState(fragment_id=POLL, is_auto_rerun=True))  # the 1 s poll
    # ...then the loop gets to the finished run's last events, as the runner sent them.
    finished.on_event.send(
        finished, event=ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, forward_msg=_timer_message()
    )
    finished.on_event.send(finished, event=ScriptRunnerEvent.SHUTDOWN)
    await asyncio.sleep(0.2)
    return session, finished


def test_a_poll_just_after_a_run_keeps_that_runs_last_messages(monkeypatch):
    assert handover.install()

    async def main():
        session, finished = await _poll_just_after_a_run(monkeypatch)
        sent = [m.WhichOneof("type") for m in session._browser_queue._queue]
        assert "auto_rerun" in sent  # the browser re-arms its poll: the student keeps following
        newer = [r for r in Runner.made if r is not finished]
        assert len(newer) == 1 and newer[0].asked[0].fragment_id == POLL  # and the poll runs

    # on a thread of its own: a browser test before it may leave an event loop on this one
    with concurrent.futures.ThreadPoolExecutor(1) as own:
        own.submit(asyncio.run, main()).result()
