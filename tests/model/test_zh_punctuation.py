"""Chinese text takes full-width punctuation: no half-width , : ; ( ) ! ? . next to a Chinese
character. Formulas ($…$), code (`…`), placeholders ({name}, {x:.2f}), URLs and notation keep
their own marks: calls such as ρ(W_hh) or nn.RNN(5, 10, 2), tuples such as (−1.5, 2), regex
groups such as (?P=name). `python scripts/zh_punctuation.py` fixes what this finds."""

from __future__ import annotations

import importlib.util
import io
import pathlib
import re
import tokenize

from explorer import i18n

ROOT = pathlib.Path(__file__).resolve().parents[2]
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MASK = re.compile(r"\$[^$]*\$|`[^`]*`|\{[^{}]*\}|https?://[A-Za-z0-9/:._~?#&=%+,;!*'@\-]+")
CALL = re.compile(r"[A-Za-z_\]'′^\u0370-\u03ff\u2080-\u209f]")


def _han(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(HAN.match(text[i]))


def half_width_marks(text: str) -> list[str]:
    """Each half-width mark beside a Chinese character, shown in its context."""
    if not HAN.search(text):
        return []
    masked = MASK.sub(lambda m: "\0" * len(m.group()), text)
    notation: set[int] = set()
    stack = []
    for i, ch in enumerate(masked):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            inner = masked[start + 1 : i]
            if HAN.search(inner):
                continue
            call = start > 0 and CALL.match(masked[start - 1]) and not _han(masked, i + 1)
            items = "," in inner and not _han(masked, start - 1)
            if call or items or inner.startswith("?"):
                notation.update((start, i))
    found = []
    for i, ch in enumerate(masked):
        after = masked[i + 1 : i + 2]
        wrong = (
            (ch in ",:;()" and (_han(masked, i - 1) or _han(masked, i + 1)))
            or (ch in "!?" and _han(masked, i - 1))
            or (ch == "." and _han(masked, i - 1) and after in ("", " ", "\n"))
        )
        if wrong and i not in notation:
            found.append(f"{ch!r} in …{text[max(0, i - 8) : i + 8]}…")
    return found


def test_the_detector_finds_half_width_marks_and_spares_notation():
    assert len(half_width_marks("文本是空的:请粘贴(或上传)一段文本,再训练;好吗?")) == 6
    assert len(half_width_marks("结束了.")) == 1
    spared = (
        "文本是空的：请粘贴（或上传）。在 $S_k = f(x, y)$ 中，`a(b):c` 与 {x:.2f} 不变，"
        "ρ(W_hh) 的起始值，c(t)、nn.RNN(5, 10, 2) 和 (−1.5, 2)，反向引用（\\1、(?P=name)）"
        "见 https://example.org/a,b:c。"
    )
    assert half_width_marks(spared) == []
    assert half_width_marks("RNN (tanh): x, y") == []  # no Chinese: not a Chinese sentence


def test_chinese_strings_use_full_width_punctuation():
    bad = {key: marks for key, (_, zh) in i18n.TABLE.items() if (marks := half_width_marks(zh))}
    count = sum(len(marks) for marks in bad.values())
    listing = "\n".join(f"{key}: {'; '.join(marks)}" for key, marks in sorted(bad.items()))
    assert not bad, (
        f"{count} half-width marks in {len(bad)} Chinese strings "
        f"(run `python scripts/zh_punctuation.py`):\n{listing}"
    )


def _chinese_literals(path: pathlib.Path):
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        docstring = token.string.lstrip("rRuU").startswith(('"""', "'''"))
        if token.type == tokenize.STRING and HAN.search(token.string) and not docstring:
            yield token.start[0], token.string


def test_chinese_outside_the_strings_table_uses_full_width_punctuation():
    """Chinese written anywhere else in the app (explorer/, ui/, pages/, app.py) follows the same
    rule, so nothing escapes the table's test by living elsewhere."""
    files = [
        ROOT / "app.py",
        *(p for d in ("explorer", "ui", "pages") for p in (ROOT / d).rglob("*.py")),
    ]
    bad = [
        f"{path.relative_to(ROOT)}:{line}: {marks}"
        for path in files
        if "strings" not in path.relative_to(ROOT).parts
        for line, literal in _chinese_literals(path)
        if (marks := half_width_marks(literal))
    ]
    assert not bad, "\n".join(bad)


def _converter():
    spec = importlib.util.spec_from_file_location(
        "zh_punctuation", ROOT / "scripts" / "zh_punctuation.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_converter_fixes_chinese_marks_and_keeps_notation():
    convert = _converter().convert
    assert convert("文本是空的:请粘贴(或上传)一段文本, 再训练;好吗?") == (
        "文本是空的：请粘贴（或上传）一段文本，再训练；好吗？"
    )
    kept = (
        "在 $S_k = f(x, y)$ 中，`a(b):c` 与 {x:.2f} 不变，ρ(W_hh) 的起始值，c(t)、nn.RNN(5, 10, 2)"
        " 和 (−1.5, 2)、(1,1)、[0,1,1]，例如 1,0,1,1 或 3, 7, 7，用 ; 分隔，见 https://a.org/x,y:z"
    )
    assert convert(kept) == kept
    assert convert("RNN (tanh): x, y") == "RNN (tanh): x, y"  # no Chinese: left alone
    once = convert("w_x = 1,w_rec = 0.9:∂ξ/∂S_0(回传 50 步)比 {out} 小.")
    assert once == "w_x = 1，w_rec = 0.9：∂ξ/∂S_0（回传 50 步）比 {out} 小。"
    assert convert(once) == once


def test_the_converter_rewrites_only_the_chinese_of_a_strings_file():
    source = (
        'STRINGS = {\n    "k": (\n        "Hello (world): a, b",\n'
        '        "误差乘以 $w_{rec}$:"\n        "$\\\\partial\\\\xi$,对(吗)",\n    ),\n}\n'
    )
    new, changed = _converter().rewrite(source)
    assert changed == 4
    assert '"Hello (world): a, b"' in new
    assert '"误差乘以 $w_{rec}$："' in new and '"$\\\\partial\\\\xi$，对（吗）"' in new
    assert _converter().rewrite(new) == (new, 0)
