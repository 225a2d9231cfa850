"""Built-in texts for the character model: generated here or shipped with Python, no download.

Each maker is `(length, seed) -> str` of exactly `length` characters (Python source repeats
itself if the modules are shorter):

    quotes    sentences whose quoted words are upper-case: only memory tells, at a space,
              whether the next word is quoted (Karpathy et al.'s quote cell)
    brackets  lines of nested brackets: a line may end only at depth 0, so a cell must count
    python    the standard library's own source, read at run time (textwrap, string, ...)
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

_LEXICON = (
    "the a cat dog bird fish man woman child king queen ship house tree river stone sun moon "
    "sees said saw took gave found made ran sat went came was is has had and but then "
    "on in at by with from to of for big small old red green quiet happy slow"
)
WORDS = tuple(_LEXICON.split())
MAX_LENGTH = 1_000_000


def _words(rng: np.random.Generator, low: int, high: int) -> list[str]:
    return [WORDS[k] for k in rng.integers(0, len(WORDS), int(rng.integers(low, high + 1)))]


def quotes(length: int = 20_000, seed: int = 0) -> str:
    """Sentences like `the cat said "THE OLD KING RAN" and sat.`: every quoted word is
    upper-case, quotes hold 2 to 6 words, about two sentences in three have one."""
    rng = np.random.default_rng(seed)
    parts: list[str] = []
    size = 0
    while size < length:
        words = _words(rng, 3, 8)
        if rng.random() < 0.65:
            at = int(rng.integers(1, len(words) + 1))
            quoted = '"' + " ".join(w.upper() for w in _words(rng, 2, 6)) + '"'
            words = words[:at] + [quoted] + words[at:]
        sentence = " ".join(words) + (".\n" if rng.random() < 0.2 else ". ")
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)[: int(length)]


def inside_quotes(text: str) -> np.ndarray:
    """(T,) bool: True on the characters between an opening and a closing '"' (the quote
    characters themselves excluded)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_quote = codes == ord('"')
    opened = np.cumsum(is_quote) % 2 == 1  # after an odd number of quotes
    return opened & ~is_quote


def brackets(length: int = 20_000, seed: int = 0, max_depth: int = 4) -> str:
    """Lines like `(ab(c)(d(e f)))`: letters and nested brackets up to `max_depth`; a line
    ends (newline) only when every bracket is closed, and always closes what it opened."""
    rng = np.random.default_rng(seed)
    out: list[str] = []
    size, depth = 0, 0
    letters = "abcdefgh "
    while size < length:
        roll = rng.random()
        if depth == 0 and roll < 0.15 and out and out[-1] != "\n":
            token = "\n"
        elif roll < 0.35 and depth < max_depth:
            token, depth = "(", depth + 1
        elif roll < 0.6 and depth > 0:
            token, depth = ")", depth - 1
        else:
            token = letters[int(rng.integers(0, len(letters)))]
        out.append(token)
        size += 1
    return "".join(out)[: int(length)]


def depth(text: str) -> np.ndarray:
    """(T,) int: the bracket depth after each character (never below 0)."""
    level, out = 0, np.empty(len(text), dtype=np.int64)
    for t, ch in enumerate(text):
        level = level + 1 if ch == "(" else max(level - 1, 0) if ch == ")" else level
        out[t] = level
    return out


PYTHON_MODULES = ("textwrap", "string", "fnmatch", "shlex", "calendar", "csv", "glob")
FALLBACK_SOURCE = '''def wrap(text, width=70):
    """Wrap a single paragraph of text, returning a list of lines."""
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = (line + " " + word).strip()
    if line:
        lines.append(line)
    return lines
'''  # used only when this Python ships without its source files


def standard_library_source(modules: tuple[str, ...] = PYTHON_MODULES) -> str:
    """The source of the named standard-library modules, read at run time; the fallback
    snippet when none can be read (a Python installed without .py files)."""
    found = []
    for name in modules:
        try:
            found.append(inspect.getsource(importlib.import_module(name)))
        except (ImportError, OSError, TypeError):
            continue
    return "\n\n".join(found) or FALLBACK_SOURCE


def python(length: int = 20_000, seed: int = 0) -> str:
    """`length` characters of standard-library source, starting at module `seed` (mod their
    number) and wrapping around."""
    source = standard_library_source(_rotated(PYTHON_MODULES, seed))
    repeats = -(-int(length) // max(len(source), 1))
    return (source * max(repeats, 1))[: int(length)]


def _rotated(items: tuple[str, ...], seed: int) -> tuple[str, ...]:
    k = int(seed) % len(items)
    return items[k:] + items[:k]


def indentation(text: str) -> np.ndarray:
    """(T,) int: the number of leading spaces of each character's line (Karpathy's
    indentation cell tracks it in code)."""
    out, at = np.empty(len(text), dtype=np.int64), 0
    for line in text.splitlines(keepends=True):
        out[at : at + len(line)] = len(line) - len(line.lstrip(" "))
        at += len(line)
    return out


@dataclass(frozen=True)
class BuiltinText:
    """A built-in text: `make(length, seed)`, its name and description keys ("cm.text.*"),
    hypotheses worth trying (regexes that `charmodel.pattern_mask` accepts), and the structure a
    cell should learn: `truth(text)` (T,) numbers with its name key (for `rank_cells`)."""

    id: str
    make: Callable[[int, int], str]
    name: str
    help: str
    hypotheses: tuple[str, ...]
    truth: Callable[[str], np.ndarray]
    truth_name: str
    length: int = 20_000  # the default length


TEXTS = {
    t.id: t
    for t in (
        BuiltinText(
            "quotes",
            quotes,
            "cm.text.quotes",
            "cm.text.quotes.help",
            ('"[^"]*"', "[A-Z]+", r"\."),
            inside_quotes,
            "cm.truth.quotes",
        ),
        BuiltinText(
            "brackets",
            brackets,
            "cm.text.brackets",
            "cm.text.brackets.help",
            (r"\([^()]*\)", r"[()]", r"\n"),
            depth,
            "cm.truth.depth",
        ),
        BuiltinText(
            "python",
            python,
            "cm.text.python",
            "cm.text.python.help",
            ("(?m)^ +", "\"[^\"\\n]*\"|'[^'\\n]*'", "#.*", r"\([^()]*\)"),
            indentation,
            "cm.truth.indent",
        ),
    )
}


def builtin(text_id: str, length: int | None = None, seed: int = 0) -> str:
    """The built-in text `text_id` at `length` (its default when None; at most MAX_LENGTH)."""
    entry = TEXTS[text_id]
    size = entry.length if length is None else int(np.clip(length, 0, MAX_LENGTH))
    return entry.make(size, seed)
