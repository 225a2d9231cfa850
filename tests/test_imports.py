"""The model package's import graph: no circles, and nothing of the app's layers inside it.

Every `import` counts, at module level and inside functions (a lazy import that closes a circle
is still a circle: it only moves the failure to the first call)."""

import json
import subprocess
import sys

from tests.apptest_helpers import ROOT

# Parsed in a fresh interpreter, as tests/test_lint.py does: late in a long test process CPython
# 3.11's `ast.parse` can fail with "AST constructor recursion depth mismatch".
_GRAPH = """
import ast, json, pathlib, sys
root = pathlib.Path(sys.argv[1])
modules = {}
for path in sorted((root / "explorer").rglob("*.py")):
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    modules[".".join(parts)] = (path, is_package)

def target(name):
    # the most specific module of ours that `name` names (a name imported from a module is
    # that module; from a package, the submodule when there is one)
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name

graph = {}
for module, (path, is_package) in modules.items():
    package = module if is_package else module.rpartition(".")[0]
    edges = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            found = target(name)
            edges.add(found if found else "!" + name.split(".")[0])
    edges.discard(module)
    graph[module] = sorted(edges)
print(json.dumps(graph))
"""


def _graph() -> dict[str, list[str]]:
    """module → what it imports: our modules by dotted name, anything else as "!top_level"."""
    command = [sys.executable, "-c", _GRAPH, str(ROOT)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Every circle found by a depth-first walk, each as the modules around it."""
    found, state, path = [], {}, []

    def visit(module):
        state[module], path[len(path) :] = "open", [module]
        for nxt in graph.get(module, ()):
            if nxt not in graph:
                continue
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        state[module] = "done"
        path.pop()

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


def test_the_model_package_has_no_import_circles():
    graph = _graph()
    assert "explorer.cells.rnn" in graph and "explorer.gradients.flow" in graph  # it parsed
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_circle():
    """The walk above is what proves the package circle-free: check it can see one."""
    graph = {"a": ["b"], "b": ["c", "!numpy"], "c": ["a"], "d": ["a"]}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
    assert _cycles({"a": ["b"], "b": [], "c": ["a", "b"]}) == []


def test_the_model_package_never_imports_the_app_layers():
    """explorer/ is pure: no Streamlit, and nothing of the layers built on it (ui, pages, the
    job pool, the live class) nor the entry points."""
    app_layers = {"streamlit", "ui", "pages", "pool", "classroom", "app", "serve", "starlette"}
    offenders = {
        module: sorted(app_layers & {name.lstrip("!") for name in imports})
        for module, imports in _graph().items()
    }
    assert {m: found for m, found in offenders.items() if found} == {}


def test_the_cells_hold_math_only():
    """explorer/cells/ computes; what a student reads (sentences, formatted numbers, LaTeX) is in
    explorer/strings and the view models: no cell module imports the string tables."""
    found = {
        module: [n for n in imports if n == "explorer.i18n" or n.startswith("explorer.strings")]
        for module, imports in _graph().items()
        if module.startswith("explorer.cells.")
    }
    assert {m: names for m, names in found.items() if names} == {}
