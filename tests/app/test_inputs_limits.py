"""Limits a student meets when giving the app their own data (AppTest): the upload box and the
app refuse the same files, and every limit or guess is said beside the input, in both languages."""

from __future__ import annotations

import pytest

from explorer.inputs import data
from tests.apptest_helpers import assert_ok, open_page

GATES = "pages/gates.py"
TEXT = "pages/text_cells.py"


def _captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize(
    ("page", "query", "key", "limit"),
    [
        (GATES, {"gt_source": "upload"}, "gt_file", data.MAX_BYTES),
        (GATES, {"gt_model": "file"}, "gt_weights", data.MAX_BYTES),
        (TEXT, {"tc_source": "upload"}, "tc_file", 1_000_000),
    ],
)
def test_the_box_refuses_what_the_app_refuses_and_says_so_in_chinese(page, query, key, limit):
    """The box refuses in the browser over max_upload_size × 1,000,000 bytes (Streamlit 1.67): the
    app's own limit. The note under it states that limit, and the box's English refusal, in the
    page's language."""
    zh = open_page(page, query={**query, "lang": "zh"})
    assert_ok(zh)
    box = next(b for b in zh.get("file_uploader") if b.proto.id.endswith(key) or key in b.proto.id)
    assert box.proto.max_upload_size_mb * 1_000_000 == limit
    mb = limit // 1_000_000
    notes = _captions(zh)
    assert f"文件最大 {mb} MB（{limit:,} 字节）" in notes, notes
    assert f"File must be {mb}.0MB or smaller" in notes
    en = open_page(page, query=query)
    assert f"Files up to {mb} MB ({limit:,} bytes)" in _captions(en)


def test_a_paste_over_the_limit_is_cut_and_said_not_dropped():
    """Given max_chars, the browser drops a paste that would pass it, silently (the box stays as
    it was). The box now takes it; the server keeps the first max_chars and says so."""
    at = open_page(GATES, query={"gt_source": "paste", "lang": "zh"})
    box = at.text_area(key="gt_paste")
    assert box.proto.max_chars == 0, "the browser would drop a longer paste"
    at = box.set_value("1 0 " * 6_000).run()  # 24,000 characters, the box holds 20,000
    assert_ok(at)
    assert len(at.text_area(key="gt_paste").value) == 20_000
    assert any("24,000 个字符只保留了前 20,000 个" in w.value for w in at.warning), at.warning
    at = at.text_area(key="gt_paste").set_value("1 0 1 1").run()
    assert not any("只保留了前" in w.value for w in at.warning)
    assert at.text_area(key="gt_paste").value == "1 0 1 1"


def test_a_pasted_text_has_no_limit_in_the_browser():
    at = open_page(TEXT, query={"tc_source": "paste"})
    assert at.text_area(key="tc_paste_box").proto.max_chars == 0  # over 1 MB: said by the page


THREE_COLUMNS = b"t,x,y\n0.5,1,2\n0.25,3,4\n1,5,6\n2,7,8\n"


def _upload(at, key: str, name: str, raw: bytes):
    at.file_uploader(key=key).set_value((name, raw, "application/octet-stream")).run()
    assert_ok(at, name)
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_three_column_upload_read_by_the_hand_wired_cell_is_said(lang):
    says = {"en": "x1 = the value to store", "zh": "x1 = 要存的值"}[lang]
    example = open_page(GATES, query={"lang": lang})
    assert not any(says in c for c in _captions(example).split("\n"))  # tutorial 002's own
    at = _upload(open_page(GATES, query={"gt_source": "upload", "lang": lang}), "gt_file",
                 "mine.csv", THREE_COLUMNS)  # fmt: skip
    assert says in _captions(at), _captions(at)


def test_weights_of_1e308_warn_that_the_gates_overflowed():
    from explorer.inputs import weights
    from tests.model.test_uploads_hostile import _pm1e308

    at = open_page(GATES, query={"gt_source": "upload", "gt_model": "file"})
    _upload(at, "gt_file", "mine.csv", THREE_COLUMNS)
    _upload(at, "gt_weights", "huge.npz", weights.weights_bytes(_pm1e308()))
    assert any("infinite or NaN" in w.value for w in at.warning), [w.value for w in at.warning]
    at.sidebar.radio(key="lang").set_value("zh").run()
    assert any("无穷大或 NaN" in w.value for w in at.warning)
