"""deploy/nginx.conf.in, tested: two app processes behind nginx serve a working, sticky app."""

from __future__ import annotations

import os

import pytest

from benchmarks.loaddriver import drive
from deploy.launch import NGINX, cluster
from tests.browser import streamlit_pw as sp
from ui.views import available

pytestmark = pytest.mark.browser

PAGE = next((v.key for v in available() if v.key == "gradient_decay"), "")


@pytest.fixture(scope="module")
def proxied_url():
    if NGINX is None:
        reason = "nginx not installed (apt-get install nginx)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1: {reason}", pytrace=False)
        pytest.skip(reason)
    with cluster(2) as (url, _servers):
        yield url


def test_app_works_through_nginx(page, proxied_url, console_errors):
    """The websocket upgrade, Host/Origin and a slider round trip all pass through the proxy."""
    sp.open_app(page, f"{proxied_url}/{PAGE}", timeout=90_000)
    assert not sp.exceptions(page), sp.exceptions(page)
    if PAGE:
        assert sp.find_chart_slider(page) is not None, "a slider move did not reach the server"
    assert not console_errors, f"console errors: {console_errors}"


def test_students_from_many_addresses_all_get_served(proxied_url):
    """Eight students from distinct addresses (spread over both processes by the sticky hash)."""
    report = drive(
        proxied_url,
        PAGE,
        sessions=8,
        moves=2,
        think=(0.05, 0.2),
        deadline=60,
        distinct_sources=True,
    )
    assert not report.errors, report.errors
    assert len(report.latencies) == 16
