"""A just-started server, a whole class opening the same page link at once.

30 students open /unrolled?lang=zh within a fraction of a second of the server starting (the
teacher posts the link, everyone clicks). Each must get what a later visitor gets: the page in
Chinese, inside the app's frame (navigation and sidebar). Spoken over Streamlit's own websocket
protocol (`benchmarks.loaddriver`), so no browser is needed; the server is the real one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.loaddriver import drive
from deploy.launch import StreamlitServer
from explorer import i18n

ROOT = Path(__file__).resolve().parents[2]
STUDENTS = 30


@pytest.mark.browser
@pytest.mark.slow
def test_thirty_simultaneous_first_visits_all_get_the_chinese_page_in_its_frame():
    title = i18n.t("un.title", "zh")
    nav_unrolled = i18n.t("view.unrolled", "zh")
    with StreamlitServer("app.py") as server:  # fresh: nobody has visited it yet
        report = drive(
            server.url,
            "unrolled",
            sessions=STUDENTS,
            moves=0,
            ramp=0.2,
            timeout=45,
            deadline=55,
            query="lang=zh",
        )
    assert not report.errors, sorted(set(report.errors))[:5]
    assert len(report.results) == STUDENTS
    wrong = []
    for i, result in enumerate(report.results):
        text = "\n".join(result.texts)
        problems = [
            "no Chinese title" if title not in text else "",
            "no navigation" if nav_unrolled not in result.navigation else "",
            "no sidebar" if result.sidebar_elements == 0 else "",
        ]
        if any(problems):
            wrong.append(f"student {i}: {', '.join(p for p in problems if p)}")
    assert not wrong, f"{len(wrong)} of {STUDENTS} students got the wrong page: {wrong[:5]}"
