"""The gate inspector's typed-text source names its axes by characters: the input panel's rows
are the text's characters (not features 1–28), and a narrow window's steps carry their character.
A character that is markup (<, &) is escaped for Plotly, which would otherwise read it as a tag."""

from tests.apptest_helpers import assert_ok, figures, open_page
from tests.jobs_helpers import wait_for_jobs

PAGE = "pages/gates.py"


def _heatmap(at) -> dict:
    return next(f for f in figures(at) if any(tr["type"] == "heatmap" for tr in f["data"]))


def test_typed_text_rows_and_steps_are_labelled_by_characters():
    at = open_page(
        PAGE, query={"gt_source": "text", "gt_text": 'a <b> "&" a', "gt_model": "random"}
    )
    assert_ok(at)
    heat = _heatmap(at)
    # Plotly decodes &lt; &gt; &amp; but shows &quot; as typed: a quote stays a quote
    assert heat["data"][0]["y"] == ["·", '"', "&amp;", "&lt;", "&gt;", "a", "b"]
    assert heat["layout"]["yaxis"]["type"] == "category"
    bottom = max(
        (k for k in heat["layout"] if k.startswith("xaxis")), key=lambda k: int(k[5:] or 1)
    )
    assert heat["layout"][bottom]["ticktext"][:3] == ["1<br>a", "2<br>·", "3<br>&lt;"]


def test_number_sources_keep_numbered_features():
    at = open_page(PAGE, query={"gt_source": "sine", "gt_model": "random"})
    assert_ok(at)
    assert _heatmap(at)["layout"]["yaxis"].get("type") != "category"


def test_a_model_trained_on_your_text_opens_with_its_characters():
    at = open_page("pages/text_cells.py", query={"tc_steps": 100, "tc_hidden": 8})
    wait_for_jobs(at, timeout=120)
    at.button(key="tc_open_gates").click().run()  # a browser then switches page (see browser test)
    assert_ok(at)
    at.switch_page(PAGE).run()
    assert_ok(at)
    assert any("trained on “Your text”, on 500 of its characters" in c.value for c in at.caption)
    heat = _heatmap(at)
    rows = heat["data"][0]["y"]
    assert len(rows) == len(set(rows)) > 20 and '"' in rows and "·" in rows
    assert len(figures(at)) == 3  # heatmaps, one unit's lines, the cell diagram


def test_the_source_without_a_model_says_where_to_train_one():
    at = open_page(PAGE, query={"gt_source": "chars"})
    assert_ok(at)
    assert not figures(at)
    assert not at.error and any("No model opened yet" in i.value for i in at.info), at.info
