"""Classroom edition, for every page at once: both languages, shareable links, CSV exports.

Data-driven over `ui.views.available()`, so a new page is covered the day it lands.
"""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.apptest_helpers import (
    HAN,
    chart_specs,
    csv_buttons,
    download_bytes,
    open_page,
    texts,
    widgets,
)
from tests.jobs_helpers import wait_for_jobs
from ui.views import available

PAGES = [view.page for view in available()]


@pytest.mark.parametrize("page", PAGES)
def test_chinese_everywhere_under_lang_zh(page):
    at = open_page(page, query={"lang": "zh"})
    assert HAN.search(at.title[0].value), "title"
    for kind, widget in widgets(at):
        label = getattr(widget, "label", None)
        if label:
            assert HAN.search(label), f"{kind} {widget.key}: {label!r}"
    captions = [c.value for c in at.caption]
    assert captions and all(HAN.search(c) for c in captions if c.strip()), captions
    for heading in [*at.header, *at.subheader]:
        assert HAN.search(heading.value), heading.value
    for alert in [*at.info, *at.warning, *at.error]:
        assert HAN.search(alert.value), alert.value


@pytest.mark.parametrize("page", PAGES)
def test_no_chinese_under_lang_en(page):
    at = open_page(page, query={"lang": "en"})
    for text in texts(at):
        assert not HAN.search(text), text


@pytest.mark.parametrize("page", PAGES)
def test_download_button_data_parses_back(page):
    at = wait_for_jobs(open_page(page))  # a page that trains first shows its data once trained
    found = csv_buttons(at)
    assert found, "no CSV download button"
    data = download_bytes(at, found[0]).decode("utf-8")
    rows = list(csv.reader(io.StringIO(data)))
    assert len(rows) >= 2 and len(rows[0]) >= 2
    assert all(len(row) == len(rows[0]) for row in rows)
    numeric_columns = 0
    for column in zip(*rows[1:], strict=True):
        assert not any(cell.lower() == "nan" for cell in column)
        try:
            [float(cell) for cell in column]  # inf is allowed, NaN never
            numeric_columns += 1
        except ValueError:
            pass  # a label column (e.g. the optimizer's name)
    assert numeric_columns >= 1


@pytest.mark.parametrize("page", PAGES)
def test_a_link_reproduces_the_first_sliders_extreme(page):
    at = open_page(page)
    sliders = [w for kind, w in widgets(at, ["slider"]) if not isinstance(w.value, tuple)]
    if not sliders:
        pytest.skip("this page has no plain slider")
    slider = sliders[0]
    wait_for_jobs(slider.set_value(slider.max).run())  # a page may train first: compare trained
    params = {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}
    assert slider.key in params
    fresh = wait_for_jobs(open_page(page, query=params))
    assert fresh.get_by_key(slider.key).value == slider.max
    first_chart = chart_specs(at)[:1]
    assert first_chart == chart_specs(fresh)[:1]


@pytest.mark.parametrize("page", PAGES)
def test_share_link_shows_the_query_of_this_view(page):
    at = open_page(page)
    sliders = [w for kind, w in widgets(at, ["slider"]) if not isinstance(w.value, tuple)]
    if sliders:
        sliders[0].set_value(sliders[0].min).run()
    query = {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}
    links = [c.value for c in at.code if c.value.startswith(("/", "?", "http"))]
    assert len(links) == 1, links
    shown = parse_qs(urlsplit(links[0]).query, keep_blank_values=True)  # as a browser reads it
    assert {k: v[-1] for k, v in shown.items()} == query
