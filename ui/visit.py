"""A tab without a browser: one visit to a page of a running server over Streamlit's own websocket.

`visit(url, page)` opens `/_stcore/stream`, asks for the page (as a browser does on load), and
follows it the way the browser would: it answers the fragments' `run_every` (a job's progress bar)
with their reruns, clicks the buttons named in `clicks` once they are drawn, and ends when a full
run finishes with no progress bar on the page (nothing trains for it any more) or at `timeout`.
It tells when the first chart arrived and whether the first full run already had one.

Used by the warm-up (ui/warm.py: the server visits its own pages before the first student) and by
the first-minute benchmark and its test (30 such visits = a class arriving).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

USER_AGENT = "rnn-explorer-visit"  # how the server's logs tell these visits from students
CHART_COMPONENT = (
    "rnnx_chart"  # our chart element (ui/charts.py); Streamlit's with RNNX_CHART=native
)
FULL = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FRAGMENT = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
SUPERSEDED = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


@dataclass
class Visit:
    page: str
    first_chart: float | None = None  # seconds from the request to the first chart element
    charted_at_once: bool = False  # the first full run drew a chart
    first_run_charts: int = 0  # charts the first full run drew
    trained: bool = False  # a progress bar was drawn: the page waited for a job
    seconds: float = 0.0  # until nothing ran for the page any more
    finished: list[float] = field(default_factory=list)  # time.time() of each run finished
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _rerun(
    page: str, query: str, fragment: str = "", widget: WidgetState | None = None, script: str = ""
) -> bytes:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page
    state.page_script_hash = script  # the page as the server named it (a browser sends it too)
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    if fragment:
        state.fragment_id = fragment
        state.is_auto_rerun = widget is None
    if widget is not None:
        state.widget_states.widgets.append(widget)
    return msg.SerializeToString()


def visit(
    url: str,
    page: str,
    query: str = "",
    clicks: tuple[str, ...] = (),
    timeout: float = 120.0,
    agent: str = USER_AGENT,
) -> Visit:
    """One tab's visit to `page` (its URL path, "" for home) at `url` (http://host:port)."""
    from websockets.sync.client import connect

    result, started = Visit(page), time.monotonic()
    deadline = started + timeout
    ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
    try:
        with connect(
            ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=min(timeout, 30),
            ping_interval=None,
            user_agent_header=agent,
            proxy=None,
        ) as ws:
            _follow(ws, result, page, query, clicks, started, deadline)
    except TimeoutError:
        result.errors.append(f"{page}: still running after {timeout:.0f} s")
    except Exception as exc:  # noqa: BLE001 - a failed visit is a result, never the server's crash
        result.errors.append(f"{page}: {type(exc).__name__}: {exc}")
    result.seconds = time.monotonic() - started
    return result


def _follow(ws, result: Visit, page, query, clicks, started, deadline) -> None:
    """Answer the server as a browser tab would until the page has nothing left to run."""
    tab = _Tab(ws, result, page, query, clicks, started)
    ws.send(_rerun(page, query))
    while not tab.finished:
        wait = tab.next_poll(deadline)
        try:
            raw = ws.recv(timeout=wait)
        except TimeoutError:
            continue
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        tab.read(msg)


class _Tab:
    """What a browser tab keeps while it follows a page: the fragments that poll, the buttons
    to click, whether a run is going and whether it drew a progress bar."""

    def __init__(self, ws, result: Visit, page, query, clicks, started) -> None:
        self.ws, self.result, self.page, self.query = ws, result, page, query
        self.clicks, self.started = clicks, started
        self.fragments: dict[str, tuple[float, float]] = {}  # fragment id → (interval, next due)
        self.this_run: dict[str, tuple[float, float]] = {}  # the ones the current run registered
        self.buttons: dict[str, tuple[str, str]] = {}  # key clicked → (widget id, fragment id)
        self.clicked: set[str] = set()
        self.running, self.progress, self.full_runs, self.script = True, False, 0, ""
        self.finished = False

    def next_poll(self, deadline: float) -> float:
        """Send a due fragment's rerun (the browser's `run_every`); the seconds to wait for."""
        while True:
            now = time.monotonic()
            if now >= deadline:
                raise TimeoutError
            if self.running or not self.fragments:
                return deadline - now
            fid, (interval, due) = min(self.fragments.items(), key=lambda item: item[1][1])
            if due > now:
                return min(due, deadline) - now
            self.fragments[fid] = (interval, now + interval)
            self.ws.send(_rerun(self.page, self.query, fid, script=self.script))
            self.running = True

    def read(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":  # a run starts (a full run, or a fragment's)
            self.running, self.progress, self.this_run = True, False, {}
        elif kind == "navigation":  # the page the server ran: a browser asks for it by this hash
            self.script = msg.navigation.page_script_hash or self.script
        elif kind == "auto_rerun":
            interval = max(float(msg.auto_rerun.interval), 0.2)
            due = (interval, time.monotonic() + interval)
            self.this_run[msg.auto_rerun.fragment_id] = due
            self.fragments[msg.auto_rerun.fragment_id] = due
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self.element(msg.delta.new_element, msg.delta.fragment_id)
        elif kind == "script_finished":
            self.run_finished(msg.script_finished)

    def element(self, element, fragment_id: str) -> None:
        result, what = self.result, element.WhichOneof("type")
        chart = what == "plotly_chart" or (
            what == "bidi_component"
            and element.bidi_component.component_name.endswith(CHART_COMPONENT)
        )
        if chart and self.full_runs == 0:
            result.first_run_charts += 1
        if chart and result.first_chart is None:
            result.first_chart = time.monotonic() - self.started
            result.charted_at_once = self.full_runs == 0
        elif what == "progress":
            self.progress = result.trained = True
        elif what == "exception":
            result.errors.append(
                f"{self.page}: {element.exception.type}: {element.exception.message}"
            )
        elif what == "button":
            for key in self.clicks:
                if element.button.id.endswith(f"-{key}"):
                    self.buttons[key] = (element.button.id, fragment_id)

    def run_finished(self, status) -> None:
        if status == SUPERSEDED:
            return
        self.running = False
        self.result.finished.append(time.time())  # a full run or a fragment's
        if status not in (FULL, FRAGMENT):
            self.result.errors.append(f"{self.page}: script finished with status {status}")
            self.finished = True
            return
        if status != FULL:
            return
        self.full_runs += 1
        self.fragments = self.this_run  # a full run drew every fragment that still polls
        todo = [key for key in self.clicks if key in self.buttons and key not in self.clicked]
        if todo:
            widget_id, fid = self.buttons[todo[0]]
            self.clicked.add(todo[0])
            click = WidgetState(id=widget_id, trigger_value=True)
            self.ws.send(_rerun(self.page, self.query, fid, click, self.script))
            self.running = True
        elif not self.progress:
            self.finished = True
