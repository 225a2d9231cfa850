""" "Your text" (AppTest): trains on a built-in text and shows the cells; a student's hostile text
(HTML, markdown, control characters, 3,000 Chinese characters, emoji, nothing) is shown as text,
never as markup, and never crashes the page; too much training is refused with a message."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.apptest_helpers import (
    assert_ok,
    chart_specs,
    csv_buttons,
    download_bytes,
    exercise_widgets,
    figures,
    open_page,
)
from tests.jobs_helpers import running, wait_for_jobs

PAGE = "pages/text_cells.py"
FAST = {"tc_steps": 100, "tc_hidden": 8}  # a short training: these tests are about the page
BUDGET_BYTES = 300_000  # the default view's figures and HTML


def _html(at) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def _trained(query: dict | None = None):
    at = open_page(PAGE, query=query)
    wait_for_jobs(at, timeout=120)
    assert_ok(at)
    return at


def _paste(text: str, **query):
    at = open_page(PAGE, query={"tc_source": "paste", **FAST, **query})
    at.text_area(key="tc_paste_box").set_value(text).run()
    wait_for_jobs(at, timeout=120)
    assert_ok(at, repr(text[:40]))
    return at


@pytest.fixture(scope="module")
def default_view():
    return _trained()


def test_default_view_trains_then_shows_text_loss_ranking_saturation_and_samples(default_view):
    at = default_view
    assert not running(at)
    specs = figures(at)
    titles = [(f["layout"].get("title") or {}).get("text", "") for f in specs]
    assert any("baselines" in t for t in titles), titles
    loss = next(f for f in specs if "baselines" in f["layout"]["title"]["text"])
    assert [tr["name"] for tr in loss["data"] if tr.get("mode") == "lines"] == ["LSTM"]
    shapes = loss["layout"].get("shapes", [])
    assert len(shapes) == 2, "no unigram and bigram baselines"
    saturation = next(f for f in specs if "shut or nearly open" in f["layout"]["title"]["text"])
    gates = {tr["name"] for tr in saturation["data"] if tr.get("mode") == "markers"}
    assert gates == {"LSTM · input gate", "LSTM · forget gate", "LSTM · output gate"}
    html = _html(at)
    assert len(html) >= 4  # coloured text, hypothesis, top cells, samples
    assert html[0].count("<span") > 10 and "tc-text" in html[0]
    assert any("best cell #1" in body for body in html)
    assert any("temperature 0.5" in body and "temperature 1.5" in body for body in html)


def test_default_view_fits_the_payload_budget(default_view):
    size = sum(len(s.encode()) for s in chart_specs(default_view))
    size += sum(len(body.encode()) for body in _html(default_view))
    assert size <= BUDGET_BYTES, f"default view {size:,} B"


def test_csv_has_every_unit_per_character(default_view):
    at = default_view
    rows = list(csv.reader(io.StringIO(download_bytes(at, csv_buttons(at)[0]).decode())))
    header = rows[0]
    assert header[:3] == ["position", "char", "c_1"] and header[-1] == "c_16"
    assert len(rows) - 1 == 5_000  # the analysed characters (charmodel.MAX_MASK_CHARS)
    assert all(len(row) == len(header) for row in rows)


def test_view_widgets_at_their_extremes_never_crash(default_view):
    at = default_view

    def check(at, key, value):
        assert not running(at) or key in ("tc_kind",), f"{key}={value!r} started a training"

    skip = {"tc_source", "tc_kind", "tc_hidden", "tc_steps", "tc_seed"}  # trainings: below
    assert exercise_widgets(at, skip=skip, check=check) >= 10


@pytest.mark.parametrize("query", [{"tc_kind": "all"}, {"tc_kind": "rnn"}, {"tc_hidden": 4},
                                   {"tc_source": "brackets"}, {"tc_source": "python"}])  # fmt: skip
def test_training_widgets_at_their_extremes(query):
    at = _trained({**FAST, **query})
    assert figures(at) and _html(at)
    if query.get("tc_kind") == "all":
        loss = figures(at)[0]
        assert {tr["name"] for tr in loss["data"] if tr.get("mode") == "lines"} == {"LSTM", "GRU", "RNN"}  # fmt: skip
    if query.get("tc_kind") == "rnn":
        assert any("no gates" in c.value for c in at.caption)


def test_too_much_training_is_refused_with_a_message():
    at = open_page(PAGE, query={"tc_kind": "all", "tc_hidden": 64, "tc_steps": 2000})
    assert_ok(at)
    assert not running(at) and not figures(at)
    assert any("shared server allows" in w.value for w in at.warning), [w.value for w in at.warning]
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert any("共享服务器的上限" in w.value for w in at.warning)


HOSTILE = {
    "script": '<script>alert(1)</script> said "hi" <img src=x onerror=alert(2)> ' * 20,
    "markdown": "**x** [a](javascript:alert(1)) ![i](http://example.com/x.png) $x$ :red[y] " * 20,
    "control": "".join(chr(c) for c in range(32)) + "\x7f\u200b\u202e\u2028abc" * 10,
    "chinese": "".join(chr(0x4E00 + k) for k in range(3000)),
    "emoji": "🙂👩‍👩‍👧 flags 🇨🇳🇬🇧 and text " * 30,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_shown_as_text(name):
    at = _paste(HOSTILE[name])
    html = "".join(_html(at))
    assert "tc-text" in html, "no coloured text"
    assert "<script" not in html and "<img" not in html
    if name == "script":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in re.sub(r"</?span[^>]*>", "", html)
    if name == "markdown":
        assert "**x**" in re.sub(r"</?span[^>]*>", "", html)
    if name == "control":
        assert "\x00" not in html and "\u202e" not in html and "␀" in html
    assert all("alert" not in str(q) for q in at.query_params.values())  # the text stays out


def test_empty_text_asks_for_a_text_and_trains_nothing():
    at = _paste("")
    assert not figures(at) and not running(at)
    assert at.error or at.warning or at.info


def test_bad_regex_is_a_message():
    at = _trained({"tc_regex": "(unclosed"})
    assert any("not a valid regular expression" in e.value for e in at.error), at.error


@pytest.mark.parametrize(
    ("regex", "says"), [("(.*)*QQQ", "forever"), (".*.*.*QQQ", "ways"), ("(a+)+$", "forever")]
)
def test_a_pattern_that_would_run_for_minutes_is_refused_in_seconds(regex, says):
    import time

    at = _trained()
    began = time.monotonic()
    at.text_input(key="tc_regex").set_value(regex).run(timeout=30)
    assert_ok(at)
    assert time.monotonic() - began < 15
    assert any(says in e.value for e in at.error), [e.value for e in at.error]


@pytest.mark.parametrize("regex", ["\x00", "a\x00b"])
def test_a_nul_in_the_pattern_is_a_pattern_not_an_exception(regex):
    at = _trained({**FAST, "tc_regex": regex})  # /text_cells?tc_regex=%00
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("The hypothesis: 0 of" in body for body in _html(at)), "no matched text"


def _upload(raw: bytes, name: str = "mine.txt"):
    at = open_page(PAGE, query={"tc_source": "upload", **FAST})
    at.file_uploader(key="tc_file").set_value((name, raw, "text/plain")).run()
    wait_for_jobs(at, timeout=120)
    assert_ok(at, name)
    return at


def test_an_uploaded_utf8_file_is_trained_on():
    at = _upload('第一行 "引号里" 的文字\nsecond line "QUOTED" words\n'.encode() * 200)
    assert figures(at) and "引号里" in re.sub(r"<[^>]+>", "", _html(at)[0])
    assert any("characters" in c.value for c in at.caption)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"caf\xe9 latin-1 " * 10, "looks like Windows-1252 (Latin-1)"),
        ("saved by Notepad\n".encode("utf-16") * 10, "is UTF-16 LE text"),
        ("长".encode() * 400_000, "larger than 1 MB"),
    ],
)
def test_a_file_that_cannot_be_used_says_why(raw, says):
    at = _upload(raw)
    assert not figures(at) and not running(at)
    shown = [e.value.replace("\\", "") for e in at.error]  # as markdown renders it
    assert any(says in text for text in shown), shown


def test_a_pasted_text_over_1_mb_is_refused_and_one_just_under_is_used():
    at = _paste("长" * 400_000)  # 1.2 MB of UTF-8
    assert any("larger than 1 MB" in e.value for e in at.error) and not figures(at)
    at = _paste(('say "HELLO" now. ' * 60_000)[:999_000])
    assert figures(at) and not at.error


def test_a_span_of_the_window_ranks_the_cells():
    at = _trained({**FAST, "tc_mode": "span", "tc_span": "21,60"})
    assert at.slider(key="tc_span").value == (21, 60)
    assert any("40 of 1,000 characters" in body for body in _html(at))
    ranking = next(f for f in figures(at) if "correlation" in f["layout"]["title"]["text"])
    assert len(ranking["data"][0]["x"]) == 8  # every unit, ranked


def test_training_shows_progress_with_a_cancel_button():
    at = open_page(PAGE, query={**FAST, "tc_seed": 4242})  # a seed no other test trains
    assert running(at)
    texts = [p.proto.text for p in at.get("progress")]
    assert any("Training the LSTM on your text (100 steps)" in t for t in texts), texts
    next(b for b in at.button if b.key.startswith("_job_cancel_")).click().run()
    at.run()
    assert not running(at) and not figures(at)
    assert any("cancelled" in i.value for i in at.info), [i.value for i in at.info]


def test_a_pasted_text_is_kept_while_the_student_visits_another_page():
    text = 'she said "NOT NOW" and left. ' * 50
    at = _paste(text)
    assert figures(at)
    at.switch_page("pages/gates.py").run()
    at.switch_page(PAGE).run()
    wait_for_jobs(at)
    assert_ok(at)
    assert at.text_area(key="tc_paste_box").value == text and figures(at)


def test_a_text_of_one_character_is_refused_in_both_languages():
    at = _paste("a" * 500)
    assert not figures(at)
    assert any("only one distinct character" in e.value for e in at.error), at.error
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert any("只有一种字符" in e.value for e in at.error), at.error


def test_the_bracket_text_s_depth_ranks_a_counting_cell():
    at = _trained({"tc_source": "brackets", "tc_mode": "truth"})  # the default model: 16 units
    assert any("bracket depth" in c.value for c in at.caption)
    ranking = next(f for f in figures(at) if "correlation" in f["layout"]["title"]["text"])
    best = abs(_decode(ranking["data"][0]["y"])[0])
    assert best >= 0.5, best  # a cell that follows the depth (the issue: a cell must count it)


def test_a_pasted_text_has_no_built_in_structure():
    at = _paste('say "HI" now. ' * 50, tc_mode="truth")
    assert any("Only a built-in text" in i.value for i in at.info)


def _decode(spec):
    import base64

    import numpy as np

    if isinstance(spec, dict):
        return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"])
    return np.asarray(spec, dtype=float)


def test_a_short_text_is_said_to_be_learned_by_heart_beside_the_loss_in_both_languages():
    from tests.model.test_charmodel import SHORT_ZH

    at = _paste(SHORT_ZH)
    warned = [w.value for w in at.warning if "too short" in w.value]
    assert len(warned) == 1 and f"{len(SHORT_ZH):,} characters" in warned[0], at.warning
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert any("太短" in w.value for w in at.warning), at.warning


def test_the_built_in_text_is_not_said_to_be_too_short(default_view):
    assert not any("too short" in w.value for w in default_view.warning)
