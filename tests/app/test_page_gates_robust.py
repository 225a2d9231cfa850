"""Robustness of the gate inspector and the unrolled page (AppTest): nothing big held per
session, refusals parsed once, the student's own sequence used, work over budget refused with a
message, and user text rendered as text."""

from __future__ import annotations

import contextlib
import functools
import re
import types
import uuid

import numpy as np

from explorer.inputs import data, weights
from tests.app.test_page_unrolled import finished
from tests.apptest_helpers import HAN, assert_ok, figures, open_page
from tests.jobs_helpers import wait_for_jobs

GATES = "pages/gates.py"
UNROLLED = "pages/unrolled.py"
SMALL = 4096  # bytes: a few kB is all a session may pin in a closure or its state
MARKDOWN_KINDS = ("markdown", "caption", "info", "warning", "error", "success")
LIVE_IMAGE = re.compile(r"(?<!\\)!\\?\[")  # ![ with the ! unescaped
LIVE_LINK = re.compile(r"(?<!\\)\]\(")  # ]( with the ] unescaped


def _big_arrays(obj, seen: set | None = None, depth: int = 0) -> list[int]:
    """Sizes of the ndarrays over SMALL bytes reachable from `obj` through closures, partials,
    bound methods, default arguments and containers (not through module globals: shared)."""
    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 8:
        return []
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        return [obj.nbytes] if obj.nbytes > SMALL else []
    children: list = []
    if isinstance(obj, functools.partial):
        children = [obj.func, *obj.args, *obj.keywords.values()]
    elif isinstance(obj, types.FunctionType):
        for cell in obj.__closure__ or ():
            with contextlib.suppress(ValueError):  # an empty cell
                children.append(cell.cell_contents)
        children += list(obj.__defaults__ or ()) + list((obj.__kwdefaults__ or {}).values())
    elif isinstance(obj, types.MethodType):
        children = [obj.__self__, obj.__func__]
    elif isinstance(obj, dict):
        children = list(obj.values())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        children = list(obj)
    elif hasattr(obj, "__dict__") and not isinstance(obj, type | types.ModuleType):
        children = list(vars(obj).values())
    return [n for child in children for n in _big_arrays(child, seen, depth + 1)]


def _deferred(at) -> list:
    """The functions behind this page's deferred download buttons."""
    import gc

    from streamlit.runtime.media_file_manager import MediaFileManager

    ids = [b.proto.deferred_file_id for b in at.get("download_button")]
    managers = [o for o in gc.get_objects() if isinstance(o, MediaFileManager)]
    found = []
    for file_id in ids:
        entry = next(
            m._deferred_callables[file_id] for m in managers if file_id in m._deferred_callables
        )
        found.append(entry["callable"])
    return found


def _assert_nothing_big_per_session(at) -> None:
    buttons = at.get("download_button")
    assert buttons, "no download buttons"
    assert all(b.proto.deferred_file_id for b in buttons), [
        b.proto.label for b in buttons if not b.proto.deferred_file_id
    ]  # every download is built on the click, none on every run
    for function in _deferred(at):
        assert not _big_arrays(function), f"{function} pins {_big_arrays(function)} bytes"
    state = {key: at.session_state[key] for key in at.session_state}
    assert not _big_arrays(state), f"session state pins {_big_arrays(state)} bytes"


def test_gate_downloads_and_state_hold_no_arrays():
    query = {
        "gt_source": "bits",
        "gt_length": 20_000,
        "gt_model": "random",
        "gt_arch": "both",
        "gt_hidden": 32,
    }
    at = open_page(GATES, query=query)
    assert len(at.get("download_button")) == 3  # weights × 2 and the CSV
    _assert_nothing_big_per_session(at)
    # The click still gives the data (found again by digest in the shared caches).
    from tests.apptest_helpers import download_bytes

    labels = [b.proto.label for b in at.get("download_button")]
    csv = download_bytes(at, labels.index("Download data (CSV)")).decode()
    assert csv.count("\n") == 501 and "gru_z32" in csv.splitlines()[0]
    kind, params = weights.parse_weights(download_bytes(at, 1))
    assert kind == "gru" and params["weight_hh_l0"].shape == (96, 32)


def test_unrolled_downloads_and_state_hold_no_arrays():
    query = {"un_preset": "random", "un_source": "random", "un_steps": 300, "un_hidden": 64}
    at = finished(open_page(UNROLLED, query))
    assert len(at.get("download_button")) == 2
    _assert_nothing_big_per_session(at)


def test_hand_wired_model_does_not_replace_the_students_sequence():
    pasted = "1 2\n3 4\n5 6\n0 1\n"
    at = open_page(GATES, query={"gt_source": "paste", "gt_paste": pasted})
    warning = " ".join(w.value for w in at.warning)
    assert "your sequence has 2" in warning and "random LSTM with 2 inputs" in warning, warning
    assert any("Random LSTM (2 inputs, 8 units)" in c.value for c in at.caption)
    heat = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("LSTM: gates"))
    assert heat["data"][0]["z"] is not None
    from tests.app.test_page_gates import _decode

    np.testing.assert_array_equal(_decode(heat["data"][0]["z"]).T, [[1, 2], [3, 4], [5, 6], [0, 1]])
    assert not any("Memory c:" in m.value for m in at.markdown)  # not the hand-wired table
    zh = open_page(GATES, query={"gt_source": "paste", "gt_paste": pasted, "lang": "zh"})
    assert "随机 LSTM" in zh.warning[0].value and HAN.search(zh.caption[0].value)


def test_a_refused_upload_is_parsed_once(monkeypatch):
    calls = []
    real = data.parse_sequence

    def counting(raw, filename=""):
        calls.append(len(raw))
        return real(raw, filename)

    monkeypatch.setattr(data, "parse_sequence", counting)
    at = open_page(GATES, query={"gt_source": "upload", "gt_model": "random"})
    # ~1 MB that parses up to its last row, which is ragged (unique: not cached by another test)
    good = "\n".join(f"{k},{k % 7}" for k in range(90_000))
    raw = f"# {uuid.uuid4()}\n{good}\n1,2,3\n".encode()
    at.file_uploader(key="gt_file").set_value(("big.csv", raw, "text/csv")).run()
    assert_ok(at)
    assert at.error and "This sequence cannot be used" in at.error[0].value
    for hidden in (3, 4, 5):  # widget moves: the refusal comes from the cache
        at.get_by_key("gt_hidden").set_value(hidden).run()
        assert_ok(at)
        assert at.error and "This sequence cannot be used" in at.error[0].value
    assert len(calls) == 1, f"the refused file was parsed {len(calls)} times"


def test_a_refusal_goes_when_the_file_is_removed():
    at = open_page(GATES, query={"gt_source": "upload", "gt_model": "random"})
    at.file_uploader(key="gt_file").set_value(("bad.csv", b"1,2\n3\n", "text/csv")).run()
    assert at.error
    at.file_uploader(key="gt_file").set_value(None).run()
    assert_ok(at)
    assert not at.error and figures(at)
    assert any("Files up to 5 MB" in c.value for c in at.caption)
    zh = open_page(GATES, query={"gt_source": "upload", "lang": "zh"})
    assert any("文件最大 5 MB" in c.value for c in zh.caption)


def _assert_inert(at) -> None:
    for kind in MARKDOWN_KINDS:
        for element in at.get(kind):
            text = str(element.value)
            assert not LIVE_IMAGE.search(text), f"{kind}: live image in {text!r}"
            assert not LIVE_LINK.search(text), f"{kind}: live link in {text!r}"


def test_pasted_markdown_in_an_error_is_text():
    at = open_page(GATES, query={"gt_source": "paste", "gt_paste": "1 2\n3 ![](//e.vil/a.png)"})
    assert at.error and r"\!\[\]\(\/\/e\.vil" in at.error[0].value  # shown as typed
    _assert_inert(at)


def test_typed_markdown_in_an_unrolled_error_is_text():
    for text in ("[x](//e.vil)", "1 ![](//e.vil/a.png)"):
        at = open_page(UNROLLED, {"un_source": "typed", "un_text": text})
        assert at.error and r"e\.vil" in at.error[0].value, text
        _assert_inert(at)


def test_training_over_budget_is_refused_with_a_message():
    query = {
        "gt_source": "bits",
        "gt_length": 5000,
        "gt_model": "trained",
        "gt_arch": "both",
        "gt_hidden": 32,
        "gt_epochs": 200,
    }
    at = open_page(GATES, query=query)
    warning = " ".join(w.value for w in at.warning)
    assert "over the limit" in warning and "epochs to 90 or fewer" in warning, warning
    assert not figures(at) and not any("Trained LSTM" in c.value for c in at.caption)
    wait_for_jobs(at.get_by_key("gt_length").set_value(100).run())  # within budget: it trains
    assert_ok(at)
    assert any("Trained GRU" in c.value for c in at.caption) and figures(at)
    zh = open_page(GATES, query={**query, "lang": "zh"})
    assert "超过上限" in zh.warning[0].value


def test_unrolled_over_budget_says_what_to_lower():
    query = {
        "un_preset": "random",
        "un_source": "random",
        "un_steps": 500,
        "un_hidden": 64,
        "un_arch": "bidir",
    }
    at = open_page(UNROLLED, query)
    assert at.warning and "over the limit" in at.warning[0].value
    assert "at most 32 units" in at.warning[0].value
    assert len(figures(at)) == 3  # the page still works, on the preset's own sequence
    zh = open_page(UNROLLED, {**query, "lang": "zh"})
    assert "超过上限" in zh.warning[0].value
