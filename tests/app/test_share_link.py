"""The share link, read as a browser or a chat program reads it: its *text* parsed by a real URL
parser (urllib's urlsplit + parse_qs, not the code that built it); pins travel in it; its popover
says what a link cannot carry."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from explorer import i18n
from explorer.optim import race
from tests.apptest_helpers import figures, open_page
from ui.sharing import link

# Each breaks a link built as "k=v" without encoding: & and = split it, # ends it, + becomes a
# space, % starts an escape; spaces and non-ASCII must be escaped to be a URL at all.
HOSTILE = ["[a-z]+ & #1", "1e+05", "100%25 = %41", "a=b&c=d", "中文 ü ✓", "x#y?z", " lead, trail "]


def _parsed(text: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(text)
    assert not parts.fragment, text  # a '#' left bare would cut the link there
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in query.values()), query
    return parts.path, {k: v[0] for k, v in query.items()}


@pytest.mark.parametrize("value", HOSTILE)
def test_a_url_parser_reads_back_every_value_of_the_link(value):
    text = link("http://class:8501/gates", {"gt_text": value, "gt_source": "text"})
    assert " " not in text and text.isascii()  # a URL: mail and chat programs keep it whole
    assert _parsed(text) == ("/gates", {"gt_text": value, "gt_source": "text"})


def test_the_link_stays_readable():
    text = link("/gd", {"gd_points": "p0,p2", "gd_pin": "1;-0.5;10", "opt_start": "a:b/c@d"})
    assert text == "/gd?gd_points=p0,p2&gd_pin=1;-0.5;10&opt_start=a:b/c@d"


def _link_text(at) -> str:
    links = [c.value for c in at.code if c.value.startswith(("/", "?", "http"))]
    assert len(links) == 1, links
    return links[0]


@pytest.mark.parametrize("value", ["[a-z]+ & #1", "1e+05 50% a=b 中文"])
def test_the_pages_link_gives_back_the_typed_text(value):
    at = open_page("pages/gates.py", query={"gt_source": "text", "gt_text": value})
    assert at.session_state["gt_text"] == value
    _, query = _parsed(_link_text(at))
    assert query["gt_text"] == value and query["gt_source"] == "text"


def test_a_pinned_curve_is_in_the_link_and_comes_back_from_it():
    at = open_page("pages/gradient_decay.py")
    at.get_by_key("pin_gd").click().run()
    at.number_input(key="gd_w_rec").set_value(0.5).run()
    _, query = _parsed(_link_text(at))
    assert query["gd_pin"] == "1;2;10" and query["gd_w_rec"] == "0.5"
    opened = open_page("pages/gradient_decay.py", query=query)  # someone opens the link
    pinned = [t for t in figures(opened)[0]["data"] if str(t.get("name", "")).startswith("pin ")]
    assert [t["name"] for t in pinned] == ["pin (1, 2.00) n=10"]
    assert figures(opened)[0]["data"][-1]["name"] == "yours (1, 0.50)"
    assert opened.get_by_key("pin_gd_clear") is not None


def test_a_pinned_race_comes_back_from_the_link():
    at = open_page("pages/optimizers.py")
    at.get_by_key("pin_opt").click().run()
    at.number_input(key="opt_w0x").set_value(0.5).run()
    _, query = _parsed(_link_text(at))
    assert query["opt_pin"].split(";")[1:4] == ["-1.5", "2", "500"]
    opened = open_page("pages/optimizers.py", query=query)
    names = [
        t["name"] for t in figures(opened)[0]["data"] if str(t.get("name", "")).startswith("pin ")
    ]
    assert names[0] == "pin Rprop (-1.5, 2)" and len(names) == len(race.RUNS)


def test_a_bad_pin_in_a_link_is_refused_and_said():
    at = open_page("pages/gradient_decay.py", query={"gd_pin": "1;2"})
    assert at.session_state["gd_pin"] == ()
    assert any("gd_pin" in w.value for w in at.warning)


def _popover_captions(at) -> str:
    return " ".join(c.value for c in at.caption)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "No model opened yet"), ("zh", "还没有打开模型")],
)
def test_the_popover_says_an_opened_model_is_not_in_the_link(lang, said):
    at = open_page("pages/gates.py", query={"gt_source": "chars", "lang": lang})
    captions = _popover_captions(at)
    assert said in captions
    assert i18n.t("share.help", lang) not in captions  # no promise the link cannot keep


def test_the_popover_says_an_upload_is_not_in_the_link():
    at = open_page("pages/gates.py", query={"gt_source": "upload"})
    assert "an uploaded file" in _popover_captions(at)


def test_a_view_a_link_carries_whole_promises_it():
    at = open_page("pages/gates.py", query={"gt_source": "bits"})
    captions = _popover_captions(at)
    assert "reproduces exactly what you see now" in captions
    assert "cannot carry" not in captions


def test_a_check_keeps_the_pin_and_a_reset_clears_it():
    """A guided question's Check sets the page to the settings that prove it: the pin stays
    (to compare with them); "Reset this page" takes everything back, the pin too."""
    from tests.app.test_questions import _answer

    at = open_page("pages/gradient_decay.py")
    at.number_input(key="gd_w_rec").set_value(0.5).run()
    at.get_by_key("pin_gd").click().run()
    _answer(at, "q.gd.direction", "larger")
    assert at.session_state["gd_pin"] == (1.0, 0.5, 10)
    assert _parsed(_link_text(at))[1]["gd_pin"] == "1;0.5;10"
    at.get_by_key("q_reset_gd").click().run()
    assert at.session_state["gd_pin"] == () and "gd_pin" not in _parsed(_link_text(at))[1]


def test_a_link_too_long_for_chat_programs_says_so():
    long_paste = " ".join(["0 1"] * 800)  # 3,199 characters: the link is longer than 2,000
    at = open_page("pages/gates.py", query={"gt_source": "paste", "gt_paste": long_paste})
    assert _parsed(_link_text(at))[1]["gt_paste"] == long_paste
    assert "characters long" in _popover_captions(at)
    short = open_page("pages/gates.py", query={"gt_source": "paste", "gt_paste": "0 1 1"})
    assert "characters long" not in _popover_captions(short)
