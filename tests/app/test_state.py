"""Widget values the browser can send that the widget cannot have, repaired before drawing."""

import pytest

from explorer import i18n
from tests.apptest_helpers import open_page
from ui.params import Param
from ui.state import repaired

PAGE = "pages/gradient_decay.py"
VIEW = Param("both", widget="radio", options=("both", "overview", "zoom"), option_labels="ls.view")


def test_a_label_of_either_language_maps_back_to_its_option():
    for lang in i18n.LANGS:
        label = i18n.t("ls.view.zoom", lang)
        assert repaired(VIEW, label, lambda: "both") == "zoom"


def test_an_option_stays_and_nonsense_falls_back():
    assert repaired(VIEW, "overview", lambda: "both") == "overview"
    assert repaired(VIEW, "<b>", lambda: "both") == "both"


def test_multiselect_labels_map_back_item_by_item():
    param = Param(
        ("sgd",), widget="multiselect", options=("rprop", "sgd"), option_labels="opt.name"
    )
    label = i18n.t("opt.name.rprop", "zh")
    assert repaired(param, [label, "sgd"], lambda: ["x"]) == ["rprop", "sgd"]
    assert repaired(param, ["nonsense"], lambda: ["sgd"]) == ["sgd"]


def test_an_emptied_number_box_keeps_the_last_value():
    param = Param(2.0, widget="number", lo=-3.0, hi=3.0)
    assert repaired(param, None, lambda: 1.5) == 1.5
    assert repaired(param, 0.25, lambda: 1.5) == 0.25


def test_same_named_functions_of_two_page_files_get_their_own_cache():
    """Every page runs as `__main__`: a cache keyed by module and name alone would hand one
    page's function to the other."""
    from ui.compute import cached

    first, second = {}, {}
    exec(compile("def view(x):\n    return ('first', x)\n", "pages/a.py", "exec"), first)
    exec(compile("def view(x):\n    return ('second', x)\n", "pages/b.py", "exec"), second)
    first["view"].__module__ = second["view"].__module__ = "__main__"
    a = cached("data", first["view"], 4)
    b = cached("data", second["view"], 4)
    assert a is not b


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_links_out_of_range_value_is_said_once_with_what_it_became(lang):
    """/gradient_decay?gd_w_rec=99&gd_seq_len=5000: w_rec ends at 3 and n at 1000. The student is
    told which value became what (it was clamped without a word), once; valid values, however
    spelled, say nothing."""
    at = open_page(PAGE, query={"lang": lang, "gd_w_rec": 99, "gd_seq_len": 5000, "gd_w_x": "1.50"})
    said = [w.value for w in at.warning]
    assert len(said) == 2, said
    assert i18n.t("url.changed", lang, key="gd_w_rec", value="99", now="3") in said
    assert i18n.t("url.changed", lang, key="gd_seq_len", value="5000", now="1000") in said
    assert at.number_input(key="gd_w_rec").value == 3.0
    at.run()
    assert not [w.value for w in at.warning], "said once"


def test_only_a_number_past_an_end_is_out_of_range():
    w_rec = Param(2.0, widget="number", lo=-3.0, hi=3.0)
    rates = Param(1e-3, widget="select_slider", options=(1e-4, 1e-3, 1e-2))
    assert w_rec.out_of_range("-7") and w_rec.out_of_range("3.01") and rates.out_of_range("0.5")
    assert not w_rec.out_of_range("2.50") and not w_rec.out_of_range("-3")
    assert not rates.out_of_range("0.002"), "between two stops: it snaps, nothing to say"
    ranges = Param((1, 5), widget="slider", lo=1, hi=9)
    assert ranges.out_of_range("0,5") and not ranges.out_of_range("5,1")
