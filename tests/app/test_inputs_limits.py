"""Limits a student meets when giving the app their own data (AppTest): the upload box and the
app refuse the same files, and every limit or guess is said beside the input, in both languages."""

from __future__ import annotations

import pytest

from explorer import data
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
