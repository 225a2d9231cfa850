"""A classroom on loopback: N students speaking Streamlit's own websocket protocol.

Each simulated student opens `ws://HOST:PORT/_stcore/stream`, asks for a page with a
`BackMsg.rerun_script` (as the browser does on load), reads the `ForwardMsg`s until
`script_finished`, then moves the page's first Streamlit slider `moves` times (a `rerun_script`
with that widget's new value, and the fragment id when the slider lives in an `st.fragment`),
timing each rerun from the request to `script_finished`. A page without a slider gets its first
number input, selectbox or radio moved instead (or the widget the caller names by its key).
`Student.chart_event` sends what the chart element (ui/charts.py) sends for a click or a released
in-chart slider. `Student.open`, `go`, `move` and `close` keep one tab open across pages: `go` is
a click on a page's sidebar link, which the browser sends on the same connection (the same
session) as a run of that page's script by its hash. Like the browser, it tells the server
which cacheable messages it already holds; the app turns Streamlit's message cache off
(.streamlit/config.toml), so nothing comes back as a `ref_hash` stub, but a server run with the
cache on still answers it with them.

Bounded: N ≤ 200 sessions, ≤ 50 moves each, a per-rerun timeout and a wall-clock deadline for the
whole run; loopback addresses only. Every student moves the slider through the same values (a
class following the teacher), started within `ramp` seconds of each other.

    python -m benchmarks.loaddriver --port 8501 --page gradient_decay -n 30
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import ipaddress
import json
import random
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

MAX_SESSIONS = 200
MAX_MOVES = 50
OK_STATUSES = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


@dataclass
class Slider:
    """The first slider of a page's main area, as its delta describes it."""

    id: str
    lo: float
    hi: float
    step: float
    value: list[float]
    fragment_id: str = ""
    options: int = 0  # select_slider: the values are option indices

    def path(self, moves: int) -> list[list[float]]:
        """`moves` values stepping away from the start by ~5 % of the range, bouncing at the ends."""
        if self.options:
            lo, hi, step = 0.0, float(self.options - 1), 1.0
        else:
            lo, hi, step = self.lo, self.hi, self.step or (self.hi - self.lo) / 100
        stride = step * max(1, round((hi - lo) / step / 20))
        start = self.value[0] if self.value else lo
        values, current, direction = [], start, 1.0
        for _ in range(moves):
            if not lo <= current + direction * stride <= hi:
                direction = -direction
            current = min(hi, max(lo, current + direction * stride))
            current = lo + round((current - lo) / step) * step
            values.append(current)
        # A range slider keeps its width; a one-thumb slider sends one value.
        width = (self.value[1] - self.value[0]) if len(self.value) == 2 else None
        if width is None:
            return [[v] for v in values]
        return [[min(v, hi - width), min(v, hi - width) + width] for v in values]


@dataclass
class Choice:
    """A page's widget other than a slider: a number input (stepped up and down within its
    bounds) or a selectbox / radio (its options in turn)."""

    id: str
    kind: str  # "number" or "option"
    value: float = 0.0
    lo: float = float("-inf")
    hi: float = float("inf")
    step: float = 1.0
    options: tuple[str, ...] = ()
    index: int = 0
    fragment_id: str = ""

    def states(self, moves: int) -> list[WidgetState]:
        out = []
        if self.kind == "option":
            for i in range(1, moves + 1):
                state = WidgetState(id=self.id)
                state.string_value = self.options[(self.index + i) % len(self.options)]
                out.append(state)
            return out
        current, direction = self.value, 1.0
        for _ in range(moves):
            if not self.lo <= current + direction * self.step <= self.hi:
                direction = -direction
            current += direction * self.step
            out.append(WidgetState(id=self.id, double_value=current))
        return out


def _slider_states(slider: Slider, moves: int) -> list[WidgetState]:
    out = []
    for values in slider.path(moves):
        state = WidgetState(id=slider.id)
        state.double_array_value.data.extend(values)
        out.append(state)
    return out


def widget_key(widget_id: str) -> str:
    """The user key at the end of a Streamlit widget id (`$$ID-<hash>-<key>`)."""
    return widget_id.split("-", 2)[2] if widget_id.count("-") >= 2 else ""


@dataclass
class Rerun:
    seconds: float
    bytes: int
    ok: bool
    error: str = ""


@dataclass
class SessionResult:
    load: Rerun | None = None
    reruns: list[Rerun] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    charts: int = 0
    navigation: list[str] = field(default_factory=list)  # page names the sidebar lists
    sidebar_elements: int = 0  # elements drawn in the sidebar on the first load
    texts: list[str] = field(default_factory=list)  # markdown bodies of the first load


@dataclass
class LoadReport:
    sessions: int
    moves: int
    seconds: float
    latencies: list[float]
    load_latencies: list[float]
    bytes_per_rerun: float
    errors: list[str]
    peak_rss_mb: float = float("nan")
    server_cpu: float = float("nan")  # CPU seconds the server processes used during the run
    driver_cpu: float = float("nan")  # CPU seconds this load driver used (it shares the machine)
    results: list[SessionResult] = field(default_factory=list)  # one per finished student

    @property
    def cpu_per_rerun(self) -> float:
        """Server CPU seconds per request (page loads and slider moves)."""
        requests = len(self.latencies) + len(self.load_latencies)
        return self.server_cpu / requests if requests else float("nan")

    @property
    def p50(self) -> float:
        return _quantile(self.latencies, 0.50)

    @property
    def p95(self) -> float:
        return _quantile(self.latencies, 0.95)

    def summary(self) -> str:
        return (
            f"N={self.sessions} reruns={len(self.latencies)} p50={self.p50 * 1e3:.0f} ms "
            f"p95={self.p95 * 1e3:.0f} ms errors={len(self.errors)} "
            f"{self.bytes_per_rerun / 1e3:.1f} kB/rerun rss={self.peak_rss_mb:.0f} MB "
            f"server cpu={self.cpu_per_rerun * 1e3:.0f} ms/request "
            f"(driver cpu {self.driver_cpu:.1f} s, {self.seconds:.1f} s)"
        )


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("inf")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


class Hold:
    """Keeps every student's tab open after its moves until `release()`: for measuring what the
    server holds per open session. `arrived` counts the students waiting."""

    def __init__(self):
        import threading

        self.arrived = 0
        self._released = threading.Event()

    def release(self) -> None:
        self._released.set()

    async def wait(self) -> None:
        self.arrived += 1
        while not self._released.is_set():
            await asyncio.sleep(0.1)


class Student:
    """One browser tab, as far as the server can tell."""

    def __init__(
        self,
        url: str,
        page: str,
        local_host: str | None,
        timeout: float,
        query: str = "",
        widget: str = "",
    ):
        self.ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.page = page
        self.local_host = local_host
        self.timeout = timeout
        self.query = query
        self.navigation: list[str] = []
        self.page_hashes: dict[str, str] = {}  # URL path → page script hash (the sidebar's links)
        self.sidebar_elements = 0
        self.texts: list[str] = []
        self.cached: set[str] = set()
        self.slider: Slider | None = None
        self.widget = widget  # the key of the widget to move ("": the first slider)
        self.chosen: Slider | Choice | None = None  # the widget named `widget`
        self.other: Choice | None = None  # the first number input / selectbox / radio
        self.charts: dict[str, tuple[str, str, bytes]] = {}  # key → (id, fragment, payload)
        self.inputs: dict[str, float] = {}  # number inputs drawn by the last run, by key
        self.ws = None

    def _client_state(self, msg: BackMsg) -> None:
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page  # the URL path; the server resolves the page from it
        state.cached_message_hashes.extend(sorted(self.cached))
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"

    async def _until_finished(self, started: float) -> Rerun:
        """Read ForwardMsgs until this run's script_finished; note the page's first slider."""
        received, error = 0, ""
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), self.timeout)
            received += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.metadata.cacheable and msg.hash:
                self.cached.add(msg.hash)
            kind = msg.WhichOneof("type")
            if kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta":
                error = error or self._read_delta(msg)
            elif kind == "navigation":
                pages = msg.navigation.app_pages
                self.navigation = [p.page_name for p in pages]
                self.page_hashes = {p.url_pathname: p.page_script_hash for p in pages}
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                    continue  # superseded by our own next request; keep waiting
                ok = status in OK_STATUSES and not error
                return Rerun(time.perf_counter() - started, received, ok, error or str(status))

    def _read_delta(self, msg: ForwardMsg) -> str:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return ""
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            return f"exception: {element.exception.type}: {element.exception.message}"
        main = list(msg.metadata.delta_path[:1]) == [0]
        if list(msg.metadata.delta_path[:1]) == [1]:
            self.sidebar_elements += 1
        if kind == "markdown":
            self.texts.append(element.markdown.body)
        elif kind == "heading":
            self.texts.append(element.heading.body)
        elif kind == "alert":
            self.texts.append(element.alert.body)
        if kind == "bidi_component":
            chart = element.bidi_component
            key = widget_key(chart.id)
            known = self.charts.get(key, (None, None, b""))[2]
            payload = chart.bytes if chart.bytes and b"\n" in chart.bytes else b""
            if payload.split(b"\n", 1)[1:] == [b""]:  # a header only: the browser keeps its figure
                payload = known
            self.charts[key] = (chart.id, delta.fragment_id, payload or known)
        if not main:
            return ""
        if kind == "number_input":
            n = element.number_input
            value = n.value if n.set_value else n.default
            self.inputs[widget_key(n.id)] = value
        widget = self._widget(element, kind, delta.fragment_id)
        if widget is None:
            return ""
        if self.widget and widget_key(widget.id) == self.widget and self.chosen is None:
            self.chosen = widget
        if isinstance(widget, Slider) and self.slider is None:
            self.slider = widget
        elif isinstance(widget, Choice) and self.other is None:
            self.other = widget
        return ""

    @staticmethod
    def _widget(element, kind: str, fragment_id: str) -> Slider | Choice | None:
        if kind == "slider":
            s = element.slider
            value = list(s.value) if s.set_value or s.value else list(s.default)
            return Slider(s.id, s.min, s.max, s.step, value, fragment_id, len(s.options))
        if kind == "number_input":
            n = element.number_input
            return Choice(
                n.id,
                "number",
                value=n.value if n.set_value else n.default,
                lo=n.min if n.has_min else float("-inf"),
                hi=n.max if n.has_max else float("inf"),
                step=n.step or 1.0,
                fragment_id=fragment_id,
            )
        if kind in ("selectbox", "radio"):
            w = getattr(element, kind)
            if len(w.options) < 2:
                return None
            index = list(w.options).index(w.raw_value) if w.raw_value in w.options else 0
            options = tuple(w.options)
            return Choice(w.id, "option", options=options, index=index, fragment_id=fragment_id)
        return None

    def target(self) -> Slider | Choice | None:
        """The widget this student moves: the one named, else the first slider, else the first
        number input / selectbox / radio."""
        if self.widget:
            return self.chosen
        return self.slider or self.other

    async def rerun(self, widget: WidgetState, fragment_id: str = "") -> Rerun:
        """One rerun as the browser sends it after `widget` changed; timed to script_finished."""
        msg = BackMsg()
        self._client_state(msg)
        msg.rerun_script.widget_states.widgets.append(widget)
        if fragment_id:
            msg.rerun_script.fragment_id = fragment_id
        self.inputs = {}
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await self._until_finished(started)

    async def chart_event(self, key: str, event: str, value: dict) -> Rerun:
        """What the chart element `key` sends when the user clicks it (`event` "click", `value`
        the point) or lets go of its slider ("slider", {"slider", "index", "label", "value"}):
        a trigger value of the element (ui/chart_element.js `setTriggerValue`)."""
        from streamlit.components.v2.bidi_component.main import _make_trigger_id

        chart_id, fragment_id, _ = self.charts[key]
        widget = WidgetState(id=_make_trigger_id(chart_id, "events"))
        widget.json_trigger_value = json.dumps([{"event": event, "value": value}])
        return await self.rerun(widget, fragment_id)

    def _forget_page(self) -> None:
        self.slider = self.chosen = self.other = None
        self.charts, self.inputs, self.texts, self.sidebar_elements = {}, {}, [], 0

    async def _load(self, msg: BackMsg) -> SessionResult:
        result = SessionResult()
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        result.load = await self._until_finished(started)
        result.navigation = list(self.navigation)
        result.sidebar_elements = self.sidebar_elements
        result.texts = list(self.texts)
        if not result.load.ok:
            result.errors.append(f"load: {result.load.error}")
        return result

    async def open(self) -> SessionResult:
        """Open a tab on `page` by its URL (a new session on the server) and load it; the
        connection stays open for `go`, `move` and `chart_event` until `close`."""
        kwargs = {"local_addr": (self.local_host, 0)} if self.local_host else {}
        self.ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
            **kwargs,
        )
        msg = BackMsg()
        self._client_state(msg)
        return await self._load(msg)

    async def go(self, page: str, widget: str = "") -> SessionResult:
        """Click `page`'s link in the sidebar of the open tab. The browser then asks, on the same
        connection (so in the same session), for a run of that page's script by its hash, with
        no page name and no query string (Chromium, Streamlit 1.67)."""
        self.page, self.query, self.widget = page, "", widget
        self._forget_page()
        msg = BackMsg()
        self._client_state(msg)
        msg.rerun_script.page_name = ""
        msg.rerun_script.page_script_hash = self.page_hashes[page]
        return await self._load(msg)

    async def move(
        self, result: SessionResult, moves: int, think: tuple[float, float], rng: random.Random
    ) -> None:
        """Move the page's widget (`target`) `moves` times, thinking between two moves; each
        rerun and any error go into `result`."""
        target = self.target()
        if target is None and moves:
            what = f"no widget {self.widget!r}" if self.widget else "no widget to move"
            result.errors.append(f"{what} on the page")
        if isinstance(target, Slider):
            states = _slider_states(target, moves)
        else:
            states = target.states(moves) if target else []
        for widget in states:
            await asyncio.sleep(rng.uniform(*think))
            rerun = await self.rerun(widget, target.fragment_id)
            result.reruns.append(rerun)
            if not rerun.ok:
                result.errors.append(f"rerun: {rerun.error}")

    async def close(self) -> None:
        """Close the tab (the server keeps its session for `server.disconnectedSessionTTL`)."""
        ws, self.ws = self.ws, None
        if ws is not None:
            await ws.close()

    async def run(
        self, moves: int, think: tuple[float, float], rng: random.Random, hold: Hold | None = None
    ) -> SessionResult:
        """A tab opened on `page`, its widget moved `moves` times, held open until `hold`, closed."""
        result = SessionResult()
        try:
            result = await self.open()
            await self.move(result, moves, think, rng)
            if hold is not None:
                await hold.wait()
        except TimeoutError:
            result.errors.append("timeout")
        except Exception as exc:  # a student's failure is data, not a crash
            result.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            await self.close()
        return result


def _check_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"the load driver only talks to loopback servers, not {host}")


def source_address(i: int) -> str:
    """127.0.0.2, 127.0.0.3 ...: distinct loopback clients, so sticky hashing can spread them."""
    return f"127.0.{1 + (i // 250) % 250}.{2 + i % 250}"


async def _classroom(
    url: str,
    page: str,
    sessions: int,
    moves: int,
    ramp: float,
    think: tuple[float, float],
    timeout: float,
    deadline: float,
    distinct_sources: bool,
    seed: int,
    query: str = "",
    hold: Hold | None = None,
    widget: str = "",
) -> tuple[list[SessionResult], int]:
    rng = random.Random(seed)

    async def one(i: int) -> SessionResult:
        student_rng = random.Random(rng.random())
        await asyncio.sleep(student_rng.uniform(0, ramp))
        local = source_address(i) if distinct_sources else None
        student = Student(url, page, local, timeout, query.replace("{i}", str(i)), widget)
        return await student.run(moves, think, student_rng, hold)

    tasks = [asyncio.create_task(one(i)) for i in range(sessions)]
    done, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return [task.result() for task in done], len(pending)


def drive(
    url: str,
    page: str = "",
    sessions: int = 10,
    moves: int = 5,
    ramp: float = 1.0,
    think: tuple[float, float] = (0.05, 0.3),
    timeout: float = 30.0,
    deadline: float = 90.0,
    distinct_sources: bool = False,
    seed: int = 0,
    pids: tuple[int, ...] = (),
    query: str = "",
    hold: Hold | None = None,
    widget: str = "",
) -> LoadReport:
    """Run a classroom against `url` (loopback) and summarise it; `pids` are sampled for RSS.

    `query` is the page's query string ("lang=zh"); "{i}" in it becomes the student's number,
    so each student can ask for different data ("gt_data_seed={i}"). With `hold`, every student
    keeps its tab open after its moves until `hold.release()`. `widget`: the key of the widget
    each student moves (default: the page's first slider, else its first number input, selectbox
    or radio).
    """
    _check_loopback(url)
    if not 1 <= sessions <= MAX_SESSIONS or not 0 <= moves <= MAX_MOVES:
        raise ValueError(f"1 ≤ sessions ≤ {MAX_SESSIONS}, 0 ≤ moves ≤ {MAX_MOVES}")
    sampler = _RssSampler(pids)
    started, driver_cpu = time.perf_counter(), time.process_time()
    with sampler:
        classroom = _classroom(
            url,
            page,
            sessions,
            moves,
            ramp,
            think,
            timeout,
            deadline,
            distinct_sources,
            seed,
            query,
            hold,
            widget,
        )
        # Its own thread and event loop: callers may already run one (Playwright's sync API).
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            results, unfinished = pool.submit(asyncio.run, classroom).result()
    reruns = [r for s in results for r in s.reruns]
    errors = [e for s in results for e in s.errors] + ["unfinished at deadline"] * unfinished
    return LoadReport(
        sessions=sessions,
        moves=moves,
        seconds=time.perf_counter() - started,
        latencies=[r.seconds for r in reruns if r.ok],
        load_latencies=[s.load.seconds for s in results if s.load and s.load.ok],
        bytes_per_rerun=statistics.fmean([r.bytes for r in reruns]) if reruns else 0.0,
        errors=errors,
        peak_rss_mb=sampler.peak / 2**20 if pids else float("nan"),
        server_cpu=sampler.cpu if pids else float("nan"),
        driver_cpu=time.process_time() - driver_cpu,
        results=results,
    )


class _RssSampler:
    """Peak resident memory of the server processes (and their children), sampled in a thread."""

    def __init__(self, pids: tuple[int, ...], every: float = 0.1):
        self.pids, self.every, self.peak, self.cpu = pids, every, 0, 0.0
        self._stop = None

    def _procs(self):
        import psutil

        for pid in self.pids:
            try:
                proc = psutil.Process(pid)
                yield proc
                yield from proc.children(recursive=True)
            except psutil.Error:
                pass

    def _rss(self) -> int:
        import psutil

        total = 0
        for proc in self._procs():
            with contextlib.suppress(psutil.Error):
                total += proc.memory_info().rss
        return total

    def _cpu(self) -> float:
        import psutil

        total = 0.0
        for proc in self._procs():
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
        return total

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.peak = max(self.peak, self._rss())

    def __enter__(self):
        import threading

        if self.pids:
            self.peak, self._cpu_start = self._rss(), self._cpu()
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._loop, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc):
        if self._stop is not None:
            self._stop.set()
            self._thread.join()
            self.cpu = self._cpu() - self._cpu_start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Streamlit websocket load driver (loopback).")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--page", default="", help="URL path of the page, e.g. gradient_decay")
    parser.add_argument("-n", "--sessions", type=int, default=10)
    parser.add_argument("-r", "--moves", type=int, default=5)
    parser.add_argument("--pid", type=int, action="append", default=[])
    args = parser.parse_args(argv)
    report = drive(
        f"http://127.0.0.1:{args.port}",
        args.page,
        args.sessions,
        args.moves,
        pids=tuple(args.pid),
    )
    print(report.summary())
    for error in sorted(set(report.errors))[:10]:
        print("  error:", error)
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
