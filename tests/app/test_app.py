"""The frame: home page, navigation, language switch and presenter mode."""

from explorer import i18n
from tests.apptest_helpers import HAN, open_page
from ui.views import VIEWS, available


def test_home_links_every_existing_view_with_two_sentences():
    at = open_page("pages/home.py")
    links = [link.proto.page for link in at.get("page_link")]
    assert links == [view.key for view in available()]
    assert {"loss_surface", "gradient_decay"} <= set(links)
    markdown = " ".join(m.value for m in at.markdown)
    for view in available():
        summary = i18n.t(f"view.{view.key}.summary", "en")
        assert summary in markdown
        assert summary.count(". ") + summary.count("? ") >= 1  # two sentences, or more


def test_views_appear_only_when_their_page_exists():
    assert all(view.exists for view in available())
    assert {view.key for view in VIEWS} == {
        "loss_surface",
        "gradient_decay",
        "optimizers",
        "unrolled",
        "gates",
        "why_gates",
        "text_cells",
        "puzzles",
    }


def test_lang_in_the_url_switches_to_chinese_and_survives_page_changes():
    at = open_page("pages/home.py", query={"lang": "zh-CN"})
    assert at.title[0].value == "循环神经网络探索器"
    assert at.sidebar.radio(key="lang").value == "zh"
    at.switch_page("pages/gradient_decay.py").run()
    assert HAN.search(at.title[0].value)


def test_language_radio_switches_the_page():
    at = open_page("pages/loss_surface.py")
    assert not HAN.search(at.title[0].value)
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert HAN.search(at.title[0].value)


def test_presenter_mode_hides_the_sidebar_and_enlarges_fonts():
    at = open_page("pages/home.py", query={"present": "1"})
    styles = " ".join(str(h.proto) for h in at.get("html"))
    assert "stSidebar" in styles and "font-size" in styles
    plain = open_page("pages/home.py")
    assert not any("stSidebar" in str(h.proto) for h in plain.get("html"))
