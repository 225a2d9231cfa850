"""Full-width punctuation in the Chinese strings: rewrites explorer/strings/*.py in place.

    python scripts/zh_punctuation.py            # rewrite (then `ruff format` them), print counts
    python scripts/zh_punctuation.py --check    # change nothing; exit 1 if anything would change

Only the Chinese text of each `STRINGS = {key: (english, chinese)}` entry (in `STRINGS = {…}` or
`STRINGS |= {…}`) that holds a Chinese character is touched. In it, , : ; ! ? become ，：；！？
(and a `.` ending a Chinese sentence 。), a pair ( ) around a remark becomes （）, and spaces beside
a mark made full-width go. What keeps its own marks: formulas ($…$), code (`…`), placeholders
({name}, {x:.2f}), URLs, calls such as ρ(W_hh), c(t), nn.RNN(5, 10, 2) (a bracket right after a
letter, Greek letter, `]` or `^`), tuples and intervals such as (−1.5, 2), (0, 1), (1,1) (a
bracket holding a comma and no Chinese), regex groups (?P=name), lists in square brackets
[0,1,1], numbers listed with commas (1,0,1,1 · 3, 7, 7) and a mark named on its own ("用 ; 分隔").
Deterministic and idempotent: run it again after merging branches that add strings
(tests/model/test_zh_punctuation.py lists what it would fix).
"""

from __future__ import annotations

import argparse
import ast
import io
import pathlib
import re
import shutil
import subprocess
import sys
import tokenize

ROOT = pathlib.Path(__file__).resolve().parent.parent
STRINGS_DIR = ROOT / "explorer" / "strings"

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Chinese characters
MARKS = "\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019"  # 、。「」（）：… and “ ” ‘ ’
_HAN = re.compile(f"[{HAN}]")
_HAN_OR_MARK = re.compile(f"[{HAN}{MARKS}]")
_PROTECTED = re.compile(
    r"\$[^$]*\$"  # a formula
    r"|`[^`]*`"  # code
    r"|\{[^{}]*\}"  # a format placeholder
    r"|https?://[A-Za-z0-9/:._~?#&=%+,;!*'@\-]+"  # a URL
)
_CALL_BEFORE = re.compile(r"[A-Za-z_\]'′^\u0370-\u03ff\u2080-\u209f]")  # ρ(, x(, ](, ^(
FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", ".": "。", "(": "（", ")": "）"}
_SPACE_AFTER = set("，：；！？。）")
_SPACE_BEFORE = set("，：；！？。（")


def _protected(text: str) -> list[bool]:
    keep = [False] * len(text)
    for match in _PROTECTED.finditer(text):
        for i in range(match.start(), match.end()):
            keep[i] = True
    return keep


def _pairs(text: str, keep: list[bool]) -> dict[int, int]:
    """'(' index → its ')' index, outside protected spans."""
    pairs, stack = {}, []
    for i, ch in enumerate(text):
        if keep[i]:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    return pairs


def _is_han(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(_HAN.match(text[i]))


def _is_han_or_mark(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(_HAN_OR_MARK.match(text[i]))


def _clause(text: list[str], i: int) -> bool:
    """Whether the , : ; at `i` (in a Chinese string, outside notation) separates clauses: not
    a digit list or a ratio (1,0,1,1, 2:1), not a mark named on its own ("用 ; 分隔")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() and after.isspace():
        return False
    rest = "".join(text[i + 1 : i + 3]).lstrip()  # 1,0,1,1 · 3, 7, 7 · 1,-2: numbers
    return not (before.isdigit() and rest[:1] and (rest[0].isdigit() or rest[0] in "-−+"))


def edits(text: str) -> dict[int, str]:
    """index → replacement ('' deletes) that make `text`'s punctuation full-width."""
    if not _HAN.search(text):
        return {}  # notation only (a label such as "RNN (tanh)")
    keep = _protected(text)
    out: dict[int, str] = {}
    for open_, close in _pairs(text, keep).items():
        inner = text[open_ + 1 : close]
        call = open_ > 0 and _CALL_BEFORE.match(text[open_ - 1]) and not _is_han(text, close + 1)
        items = "," in inner and not _is_han(text, open_ - 1)
        regex = inner.startswith("?")  # (?P=name), (?m)
        if not _HAN.search(inner) and (call or items or regex):
            for i in range(open_, close + 1):  # ρ(W_hh), x(t), nn.RNN(5, 10, 2): a call;
                keep[i] = True  # (−1.5, 2), (0, 1), (w_x, w_rec), (1,1): a tuple or an interval
        elif (open_ > 0 and not text[open_ - 1].isspace()) or any(
            _is_han_or_mark(text, i) for i in (open_ - 1, open_ + 1, close - 1, close + 1)
        ):  # a remark in brackets: 上限(100), **RNN**(ρ = 1), 文件(.npz)
            out[open_], out[close] = "（", "）"
    for match in re.finditer(r"\[[^\[\]]*\]", text):  # [0,1,1,0], [h→, h←]: notation
        for i in range(match.start(), match.end()):
            keep[i] = True
    chars = list(text)
    for i, ch in out.items():
        chars[i] = ch
    for i, ch in enumerate(chars):  # after the brackets: “步）:” is next to a full-width mark
        if keep[i] or ch not in ",:;!?.":
            continue
        if ch == ".":
            ends = i + 1 == len(chars) or chars[i + 1] in " \n" or _is_han_or_mark(chars, i + 1)
            if _is_han(chars, i - 1) and ends:
                out[i] = chars[i] = "。"
        elif ch in "!?":
            ends = i + 1 == len(chars) or chars[i + 1] in " \n" or _is_han_or_mark(chars, i + 1)
            if i > 0 and not chars[i - 1].isspace() and ends:
                out[i] = chars[i] = FULL[ch]
        elif _clause(chars, i):
            out[i] = chars[i] = FULL[ch]
    for i, ch in enumerate(chars):  # no space beside a full-width mark
        if ch != " " or keep[i]:
            continue
        if (i > 0 and chars[i - 1] in _SPACE_AFTER) or (
            i + 1 < len(chars) and chars[i + 1] in _SPACE_BEFORE
        ):
            out[i] = ""
    return out


def convert(text: str) -> str:
    changes = edits(text)
    return "".join(changes.get(i, ch) for i, ch in enumerate(text))


# --- rewriting the source: map each character of a string's value to its place in the file ----

_ESCAPE = re.compile(
    r"\\(?:\n|[\\'\"abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\})"
)


def _value_map(token: str, start: int) -> tuple[str, list[int | None]]:
    """A string token's value and, per value character, its offset in the file (None: written
    as an escape)."""
    prefix = re.match(r"[A-Za-z]*", token).group()
    quote = token[len(prefix) : len(prefix) + 3]
    quote = quote if quote in ('"""', "'''") else quote[0]
    body_start = len(prefix) + len(quote)
    body = token[body_start : len(token) - len(quote)]
    raw = "r" in prefix.lower()
    value: list[str] = []
    where: list[int | None] = []
    i = 0
    while i < len(body):
        match = None if raw else _ESCAPE.match(body, i)
        if match:
            decoded = ast.literal_eval('"' + match.group().replace("\n", "\\n") + '"')
            if match.group() != "\\\n":
                value.append(decoded)
                where.append(None)
            i = match.end()
        elif not raw and body[i] == "\\":  # an unknown escape (\( in LaTeX) stays two characters
            value.append("\\")
            where.append(None)
            i += 1
        else:
            value.append(body[i])
            where.append(start + body_start + i)
            i += 1
    return "".join(value), where


def _offsets(source: str) -> list[int]:
    """Character offset of the start of each line (1-based line numbers)."""
    starts = [0, 0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _zh_nodes(tree: ast.AST) -> list[ast.Constant]:
    nodes = []
    for node in ast.walk(tree):
        targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
        table = (  # STRINGS = {…}, STRINGS |= {…}
            isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign))
            and any(isinstance(t, ast.Name) and t.id == "STRINGS" for t in targets)
            and isinstance(node.value, ast.Dict)
        )
        for pair in node.value.values if table else ():
            if (
                isinstance(pair, ast.Tuple)
                and len(pair.elts) == 2
                and isinstance(pair.elts[1], ast.Constant)
                and isinstance(pair.elts[1].value, str)
            ):
                nodes.append(pair.elts[1])
    return nodes


def rewrite(source: str) -> tuple[str, int]:
    """The file's source with every Chinese string converted, and how many characters changed."""
    tree = ast.parse(source)
    starts = _offsets(source)
    lines = source.splitlines(keepends=True)

    def char_offset(line: int, byte_col: int) -> int:
        return starts[line] + len(lines[line - 1].encode()[:byte_col].decode())

    tokens = [
        (starts[tok.start[0]] + tok.start[1], tok.string)
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.STRING
    ]
    changes: dict[int, str] = {}
    for node in _zh_nodes(tree):
        lo = char_offset(node.lineno, node.col_offset)
        hi = char_offset(node.end_lineno, node.end_col_offset)
        value, where = "", []
        for start, text in tokens:
            if lo <= start < hi:
                part, part_where = _value_map(text, start)
                value += part
                where += part_where
        if value != node.value:
            raise ValueError(f"line {node.lineno}: cannot read the string's source")
        for i, replacement in edits(value).items():
            if where[i] is None:
                raise ValueError(f"line {node.lineno}: {value[i]!r} is written as an escape")
            changes[where[i]] = replacement
    new = "".join(changes.get(i, ch) for i, ch in enumerate(source))
    return new, len(changes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if needed")
    parser.add_argument("files", nargs="*", type=pathlib.Path, help="default: explorer/strings")
    args = parser.parse_args(argv)
    files = args.files or sorted(STRINGS_DIR.glob("*.py"))
    total, changed_files = 0, []
    for path in files:
        source = path.read_text(encoding="utf-8")
        new, changed = rewrite(source)
        if changed:
            total += changed
            sys.stdout.write(
                f"{path.relative_to(ROOT) if path.is_absolute() else path}: {changed}\n"
            )
            if not args.check:
                path.write_text(new, encoding="utf-8")
                changed_files.append(str(path))
    if changed_files and shutil.which("ruff"):  # a full-width mark is two columns wide
        subprocess.run(["ruff", "format", "--quiet", *changed_files], check=True)
    sys.stdout.write(f"{total} marks {'to change' if args.check else 'changed'}\n")
    return 1 if args.check and total else 0


if __name__ == "__main__":
    raise SystemExit(main())
