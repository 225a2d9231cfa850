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
    ws.send(_rerun(page, query))
    fragments: dict[str, tuple[float, float]] = {}  # fragment id → (interval, next due)
    this_run: dict[str, tuple[float, float]] = {}  # the ones the current run registered
    buttons: dict[str, tuple[str, str]] = {}  # key clicked → (widget id, fragment id)
    clicked: set[str] = set()
    running, progress, full_runs, script = True, False, 0, ""
    while True:
        now = time.monotonic()
        if now >= deadline:
            raise TimeoutError
        if not running and fragments:
            fid, (interval, due) = min(fragments.items(), key=lambda item: item[1][1])
            if due <= now:
                fragments[fid] = (interval, now + interval)
                ws.send(_rerun(page, query, fid, script=script))
                running = True
                continue
            wait = min(due, deadline) - now
        else:
            wait = deadline - now
        try:
            raw = ws.recv(timeout=wait)
        except TimeoutError:
            continue
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "new_session":  # a run starts (a full run, or a fragment's)
            running, progress = True, False
            this_run = {}
        elif kind == "navigation":  # the page the server ran: a browser asks for it by this hash
            script = msg.navigation.page_script_hash or script
        elif kind == "auto_rerun":
            interval = max(float(msg.auto_rerun.interval), 0.2)
            this_run[msg.auto_rerun.fragment_id] = (interval, time.monotonic() + interval)
            fragments[msg.auto_rerun.fragment_id] = this_run[msg.auto_rerun.fragment_id]
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            chart = what == "plotly_chart" or (
                what == "bidi_component"
                and element.bidi_component.component_name.endswith(CHART_COMPONENT)
            )
            if chart and full_runs == 0:
                result.first_run_charts += 1
            if chart and result.first_chart is None:
                result.first_chart = time.monotonic() - started
                result.charted_at_once = full_runs == 0
            elif what == "progress":
                progress = result.trained = True
            elif what == "exception":
                error = element.exception
                result.errors.append(f"{page}: {error.type}: {error.message}")
            elif what == "button":
                for key in clicks:
                    if element.button.id.endswith(f"-{key}"):
                        buttons[key] = (element.button.id, msg.delta.fragment_id)
        elif kind == "script_finished":
            status = msg.script_finished
            if status == SUPERSEDED:
                continue
            running = False
            if status not in (FULL, FRAGMENT):
                result.errors.append(f"{page}: script finished with status {status}")
                return
            if status != FULL:
                continue
            full_runs += 1
            fragments = this_run  # a full run drew every fragment that still polls
            todo = [key for key in clicks if key in buttons and key not in clicked]
            if todo:
                widget_id, fid = buttons[todo[0]]
                clicked.add(todo[0])
                click = WidgetState(id=widget_id, trigger_value=True)
                ws.send(_rerun(page, query, fid, click, script))
                running = True
            elif not progress:
                return
