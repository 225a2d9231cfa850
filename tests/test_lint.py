"""The code stays ruff-clean (lint and format), so CI catches what a reviewer would."""

import subprocess
import sys

from tests.apptest_helpers import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    """ruff from the same environment as the tests (requirements-dev.txt installs it)."""
    command = [sys.executable, "-m", "ruff", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_check_is_clean():
    result = _ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_model_package_never_imports_streamlit():
    code = "import sys, explorer.cells.linear_rnn, explorer.i18n; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# Import name -> the distribution that provides it, where the two differ.
_DISTRIBUTIONS = {
    "PIL": "pillow",
    "yaml": "pyyaml",
    "dask": "distributed",
    "pytest_playwright": "pytest-playwright",
    "markdown_it": "markdown-it-py",
}


_IMPORTS = """
import ast, json, pathlib, sys
root, folders, files = pathlib.Path(sys.argv[1]), sys.argv[2].split(","), sys.argv[3].split(",")
paths = [p for folder in folders for p in (root / folder).rglob("*.py")]
paths += [root / name for name in files if name]
names = set()
for path in paths:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
print(json.dumps(sorted(names)))
"""


def _third_party_imports(folders: list[str], files: list[str]) -> set[str]:
    """Top-level names imported by the given code that are neither stdlib nor the project's own.

    Parsed in a fresh interpreter: late in a long test process CPython 3.11's `ast.parse` can
    fail with "AST constructor recursion depth mismatch" (seen in CI), whatever the file."""
    import json

    own = {
        "explorer",
        "ui",
        "pages",
        "classroom",
        "pool",
        "scripts",
        "tests",
        "benchmarks",
        "deploy",
    }
    own |= {"app", "serve"}
    command = [sys.executable, "-c", _IMPORTS, str(ROOT), ",".join(folders), ",".join(files)]
    found = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return {n for n in json.loads(found) if n not in sys.stdlib_module_names and n not in own}


def _declared(requirements: str, includes: bool = True) -> set[str]:
    """Distribution names in a requirements file, following its `-r` includes (or not)."""
    import re

    names: set[str] = set()
    for line in (ROOT / requirements).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r"):
            names |= _declared(line[2:].strip()) if includes else set()
        elif line:
            names.add(re.split(r"[<>=!~\[ ;]", line)[0].lower())
    return names


_APP = (["explorer", "ui", "pages", "classroom", "scripts"], ["app.py", "serve.py"])


def _used(folders: list[str], files: list[str]) -> set[str]:
    """The distributions the given code imports."""
    return {_DISTRIBUTIONS.get(n, n).lower() for n in _third_party_imports(folders, files)}


def test_every_import_of_the_app_is_declared_in_requirements():
    used = _used(*_APP)
    assert used <= _declared("requirements.txt"), sorted(used - _declared("requirements.txt"))
    # The job pool's cluster backend: optional, imported only with RNNX_CLUSTER set.
    cluster = _used(["pool"], [])
    assert cluster <= _declared("requirements-cluster.txt"), sorted(cluster)


def test_every_runtime_requirement_is_imported_by_the_app():
    """Nothing is installed on the classroom's server that the app does not use (a benchmark's
    library belongs in requirements-dev.txt). psycopg: SQLAlchemy loads it for a
    postgresql+psycopg:// RNNX_DATABASE, nothing imports it by name."""
    unused = _declared("requirements.txt") - _used(*_APP) - {"psycopg"}
    assert not unused, sorted(unused)
    unused = _declared("requirements-cluster.txt", includes=False) - _used(["pool"], [])
    assert not unused, sorted(unused)


def test_every_import_of_tests_and_benchmarks_is_declared_for_development():
    used = _used(["tests", "benchmarks", "deploy"], [])
    assert used <= _declared("requirements-dev.txt"), sorted(
        used - _declared("requirements-dev.txt")
    )
    # Loaded by name, never imported: ruff (a command), pytest-playwright (a pytest plugin: the
    # `page` fixture), linkify-it-py (markdown-it's linkify option).
    plugins = {"ruff", "pytest-playwright", "linkify-it-py"}
    unused = _declared("requirements-dev.txt", includes=False) - used - plugins
    assert not unused, sorted(unused)
