"""Widget values the browser can send that the widget cannot have, repaired before drawing."""

from explorer import i18n
from ui.params import Param
from ui.state import repaired

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
