"""Link values written as markdown, in a real browser: shown as text, nothing fetched or linked.

Chromium runs Streamlit's own markdown (remark-gfm, KaTeX, emoji and colour extensions), which
is what decides; `tests/app/test_links_hostile.py` checks the same texts without a browser.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from deploy.launch import StreamlitServer
from tests.app.test_links_hostile import HOSTILE
from tests.browser import streamlit_pw as sp
from tests.browser.conftest import ROOT

pytestmark = pytest.mark.browser

LINK = "%0A%0A![](//e.vil/p.png)%20http://e.vil%20www.e.vil"
ACTIVE = "img, a, code, em, strong, span.katex, h1, li, blockquote, table, [style*=color]"


def test_image_markdown_in_a_link_value_shows_as_text_and_fetches_nothing(
    page: Page, app_url: str, outside_requests: list[str]
):
    sp.open_app(page, f"{app_url}/gates?gt_gain={LINK}")
    alert = page.locator('[data-testid="stAlertContainer"]').filter(has_text="gt_gain")
    alert.wait_for(timeout=30_000)
    assert "![](//e.vil/p.png) http://e.vil" in alert.inner_text().replace("\u2060", "")
    assert alert.locator("img, a").count() == 0, alert.inner_html()
    page.wait_for_timeout(500)  # give a stray image fetch time to show up
    assert outside_requests == []


def test_every_hostile_text_renders_inert(page: Page, outside_requests: list[str]):
    with StreamlitServer(ROOT / "tests/browser/md_probe_app.py") as server:
        page.goto(server.url)
        alerts = page.locator('[data-testid="stAlertContainer"]')
        alerts.nth(len(HOSTILE) - 1).wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        active = {
            i: alerts.nth(i).inner_html()
            for i in range(len(HOSTILE))
            if alerts.nth(i).locator('[data-testid="stMarkdownContainer"]').locator(ACTIVE).count()
        }
    assert active == {}
    assert outside_requests == []
