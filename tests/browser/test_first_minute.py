"""The first minute of a class (ui/warm.py): a server started with the warm-up has Your text's
default model trained before anybody visits, so a first visit draws its chart in its first run
without starting a training; with `RNNX_WARM=0` the same first visit trains (a cold server).
Spoken over Streamlit's own websocket (ui/visit.py), so no browser is needed."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from deploy.launch import StreamlitServer
from ui.visit import visit

PAGE = "text_cells"


def _status(server, wait: str = "") -> dict:
    """The warm-up's status; with `wait`, the server answers once that page is warm (≤ 60 s)."""
    query = f"?wait={wait}" if wait else ""
    with urllib.request.urlopen(f"{server.url}/_rnnx/warm{query}", timeout=90) as response:
        return json.load(response)


def _until_warmed(server, page: str, tries: int = 4) -> dict:
    for _ in range(tries):  # each answer comes when the page is warm, or after a minute
        status = _status(server, page)
        assert status["state"] in ("waiting", "warming", "ready"), status
        if page in status["done"]:
            return status
    raise TimeoutError(f"the warm-up did not reach {page} in {tries} minutes: {status}")


@pytest.mark.browser
@pytest.mark.slow
def test_after_the_warm_up_a_first_visit_to_your_text_shows_its_chart_without_training():
    with StreamlitServer("serve.py", env={"RNNX_WARM": "1"}) as server:
        status = _until_warmed(server, PAGE)
        assert not status["errors"], status
        seen = visit(server.url, PAGE, timeout=60)
    assert seen.ok, seen.errors
    assert seen.charted_at_once and not seen.trained, seen


@pytest.mark.browser
@pytest.mark.slow
def test_without_the_warm_up_the_first_visit_trains_before_its_chart():
    with StreamlitServer("serve.py", env={"RNNX_WARM": "0"}) as server:
        assert _status(server)["state"] == "off"
        seen = visit(server.url, PAGE, timeout=120)
    assert seen.ok, seen.errors
    assert seen.trained and not seen.charted_at_once and seen.first_chart is not None, seen


@pytest.mark.browser
@pytest.mark.slow
def test_streamlit_run_app_py_warms_up_from_its_first_visit():
    """The README's command runs no code before a tab connects: the first visit (the teacher's)
    starts the warm-up, and a student who comes once it has passed Your text finds it trained."""
    with StreamlitServer("app.py", env={"RNNX_WARM": "1"}) as server:
        assert visit(server.url, "", timeout=60).ok  # the teacher opens the app
        deadline = time.monotonic() + 240
        while "warm-up: text_cells done" not in server.output():  # the server's log says so
            assert time.monotonic() < deadline, server.output()[-2000:]
            time.sleep(0.5)
        seen = visit(server.url, PAGE, timeout=60)
    assert seen.ok, seen.errors
    assert seen.charted_at_once and not seen.trained, seen
