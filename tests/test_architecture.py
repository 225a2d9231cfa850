"""The layout the project promises a newcomer (README, issue 25), checked on the source tree.

- pages/ holds pages only, each ≤ 150 lines as `ruff format` leaves it (test_lint checks the
  formatting), and no function anywhere in the app is longer than 60 lines;
- nothing escapes the formatter (`# fmt: skip` / `# fmt: off`) outside the string tables;
- explorer/ reads as a table of contents: at most 12 modules at its top, the rest in subpackages,
  each with a docstring saying what it holds; it never imports streamlit, ui, pages, pool or
  classroom, and its imports have no cycles;
- the job pool and the class store import no model code but the job registry.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ["app.py", "serve.py", "pages", "ui", "explorer", "pool", "classroom"]
PAGE_LINES = 150
FUNCTION_LINES = 60
TOP_MODULES = 12


def _files(*roots: str) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        path = ROOT / root
        out += [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
    return out


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth of the file (lazy imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_pages_holds_only_pages_of_at_most_150_lines():
    entries = sorted(p.name for p in (ROOT / "pages").iterdir() if p.name != "__pycache__")
    assert all(name.endswith(".py") for name in entries), entries  # no packages, no data
    long = {
        p.name: n
        for p in (ROOT / "pages").glob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > PAGE_LINES
    }
    assert not long, long


def test_no_function_is_longer_than_60_lines():
    long = []
    for path in _files(*APP):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} {lines}")
    assert not long, long


def test_nothing_escapes_the_formatter():
    escaped = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _files(*APP)
        if "strings" not in path.parts  # the bilingual tables align their columns by hand
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "# fmt: skip" in line or "# fmt: off" in line
    ]
    assert not escaped, escaped


def test_explorer_reads_as_a_table_of_contents():
    top = sorted(p.name for p in (ROOT / "explorer").glob("*.py"))
    assert len(top) <= TOP_MODULES, top
    for package in (ROOT / "explorer").iterdir():
        if package.is_dir() and package.name != "__pycache__":
            init = package / "__init__.py"
            assert init.exists(), package
            assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), init


def test_explorer_imports_no_app_code_and_has_no_cycles():
    modules = {}
    for path in _files("explorer"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = _imports(path)
    for name, imported in modules.items():
        outside = {m for m in imported if m.split(".")[0] in {"streamlit", "ui", "pages", "pool"}}
        outside |= {m for m in imported if m.split(".")[0] == "classroom"}
        assert not outside, (name, outside)
    # The graph between explorer's modules (a package import counts as its __init__).
    graph = {
        name: {m for m in imported if m in modules} - {name} for name, imported in modules.items()
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                raise AssertionError("import cycle: " + " → ".join([*path, name, other]))
            if other not in state:
                visit(other, [*path, name])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_the_pool_and_the_class_store_are_neither_page_glue_nor_model():
    for path in _files("pool", "classroom"):
        imported = _imports(path)
        assert not {m for m in imported if m.split(".")[0] in {"streamlit", "ui", "pages"}}, path
        model = {m for m in imported if m.startswith("explorer") and "jobs" not in m}
        model -= {"explorer", "explorer.training", "explorer.errors", "explorer.i18n"}
        assert not model, (path, model)
