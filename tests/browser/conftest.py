"""Browser tests: one `streamlit run app.py` for the session, Debian's Chromium via Playwright.

Without Chromium the browser tests are skipped with a reason, unless REQUIRE_BROWSER=1 (CI sets
it), which turns the missing browser into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from deploy.launch import StreamlitServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI containers run as root, where Chromium's sandbox cannot start
    "--disable-dev-shm-usage",  # small /dev/shm in containers
    "--disable-gpu",
    "--font-render-hinting=none",  # the same glyphs in every screenshot
]
SCREENSHOTS = ROOT / "screenshots"
# Opened at /gradient_decay, Streamlit's frontend first looks for its server under that path
# (/gradient_decay/_stcore/health → 404), then under /. Its own probing, not an error of ours.
BASE_PATH_PROBE = re.compile(r"/[^/?]+/_stcore/(health|host-config)(\?|$)")


def chromium_path() -> str | None:
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _require_browser() -> str:
    path = chromium_path()
    if path is None:
        reason = (
            f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser tests need it"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1: {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options, pointed at Debian's Chromium."""
    return {
        **browser_type_launch_args,
        "executable_path": _require_browser(),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "locale": "en-US"}


@pytest.fixture(scope="session")
def app_server(pytestconfig) -> Iterator[StreamlitServer]:
    """`streamlit run app.py --server.headless true` on a free loopback port, for all tests.

    Streamlit logs at INFO to the server's log file: a rerun it drops (one aimed at a fragment
    that a full run removed is logged at INFO only) is in the report of a test that fails, and
    in the session's summary."""
    _require_browser()  # no browser: skip before paying for a server
    with StreamlitServer(ROOT / "app.py", extra_args=["--logger.level=info"]).start(
        timeout=90
    ) as server:
        pytestconfig._rnnx_app_server = server  # for pytest_terminal_summary
        yield server


@pytest.fixture(scope="session")
def app_url(app_server: StreamlitServer) -> str:
    return app_server.url


_LOG_START = pytest.StashKey[tuple[StreamlitServer, int]]()
SERVER_NOTES = re.compile(r"does not exist anymore|Couldn't find fragment|WARNING|ERROR|Error")


@pytest.fixture(autouse=True)
def _server_log_start(request) -> None:
    """Where the shared server's log stood when this test began (see pytest_runtest_makereport)."""
    if "app_url" in request.fixturenames:
        server = request.getfixturevalue("app_server")
        request.node.stash[_LOG_START] = (server, server.log.stat().st_size)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test's report ends with what the server logged while it ran."""
    report = yield
    if report.failed and _LOG_START in item.stash:
        server, start = item.stash[_LOG_START]
        with server.log.open("rb") as log:
            log.seek(start)
            text = log.read().decode(errors="replace")
        report.sections.append(("streamlit server log (INFO) during this test", text or "(empty)"))
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    """The shared server's warnings and dropped reruns of the whole session, in the CI log."""
    server = getattr(terminalreporter.config, "_rnnx_app_server", None)
    if server is None or not server.log.exists():
        return
    lines = [line for line in server.output().splitlines() if SERVER_NOTES.search(line)]
    if lines:
        terminalreporter.section("streamlit server: warnings and dropped reruns")
        for line in lines[-200:]:
            terminalreporter.write_line(line)


def is_local(url: str) -> bool:
    """Served by our own server (or inline): what works in a classroom with no internet."""
    host = urlparse(url).hostname
    return url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost")


@pytest.fixture
def outside_requests(page) -> list[str]:
    """Every request the page makes to a host other than our server (the app must work offline)."""
    urls: list[str] = []
    page.on("request", lambda req: None if is_local(req.url) else urls.append(req.url))
    return urls


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page logs to the console or throws while the test runs.

    Failed requests to other hosts are left to `outside_requests`, which names them plainly.
    """
    errors: list[str] = []

    def on_console(msg) -> None:
        where = (msg.location or {}).get("url", "")
        if BASE_PATH_PROBE.search(where):
            return
        if msg.type == "error" and (not where or is_local(where)):
            errors.append(f"{msg.text} ({where})" if where else msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.on(
        "requestfailed",
        lambda req: (
            errors.append(f"request failed: {req.url} ({req.failure})")
            if is_local(req.url)
            else None
        ),
    )
    return errors


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
