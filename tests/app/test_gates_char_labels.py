"""The gate inspector's typed-text source names its axes by characters: the input panel's rows
are the text's characters (not features 1–28), and a narrow window's steps carry their character.
A character that is markup (<, &) is escaped for Plotly, which would otherwise read it as a tag."""

from tests.apptest_helpers import assert_ok, figures, open_page

PAGE = "pages/gates.py"


def _heatmap(at) -> dict:
    return next(f for f in figures(at) if any(tr["type"] == "heatmap" for tr in f["data"]))


def test_typed_text_rows_and_steps_are_labelled_by_characters():
    at = open_page(PAGE, query={"gt_source": "text", "gt_text": "a <b> a", "gt_model": "random"})
    assert_ok(at)
    heat = _heatmap(at)
    assert heat["layout"]["yaxis"]["ticktext"] == ["·", "&lt;", "&gt;", "a", "b"]
    assert heat["layout"]["yaxis"]["tickvals"] == [1, 2, 3, 4, 5]
    bottom = max(
        (k for k in heat["layout"] if k.startswith("xaxis")), key=lambda k: int(k[5:] or 1)
    )
    assert heat["layout"][bottom]["ticktext"][:3] == ["1<br>a", "2<br>·", "3<br>&lt;"]


def test_number_sources_keep_numbered_features():
    at = open_page(PAGE, query={"gt_source": "sine", "gt_model": "random"})
    assert_ok(at)
    assert "ticktext" not in _heatmap(at)["layout"]["yaxis"]
