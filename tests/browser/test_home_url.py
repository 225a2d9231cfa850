"""/home, typed or bookmarked, opens the home page: no "Page not found" box, in either language."""

from __future__ import annotations

import pytest

from explorer import i18n
from tests.browser import streamlit_pw as sp


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_path_opens_the_home_page(page, app_url, lang, console_errors):
    sp.open_app(page, f"{app_url}/home?lang={lang}")
    page.get_by_text(i18n.t("home.intro", lang)[:12]).first.wait_for(timeout=30_000)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text(i18n.t("app.title", lang), exact=True).count() >= 1
    assert not sp.exceptions(page)
    assert not console_errors
