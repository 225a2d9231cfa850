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
        "pool",
        "classroom",
        "tests",
        "benchmarks",
        "deploy",
        "app",
        "serve",
    }
    command = [sys.executable, "-c", _IMPORTS, str(ROOT), ",".join(folders), ",".join(files)]
    found = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return {n for n in json.loads(found) if n not in sys.stdlib_module_names and n not in own}


def _declared(requirements: str) -> set[str]:
    """Distribution names in a requirements file, following its `-r` includes."""
    import re

    names: set[str] = set()
    for line in (ROOT / requirements).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r"):
            names |= _declared(line[2:].strip())
        elif line:
            names.add(re.split(r"[<>=!~\[ ;]", line)[0].lower())
    return names


def test_every_import_of_the_app_is_declared_in_requirements():
    used = _third_party_imports(
        ["explorer", "ui", "pages", "pool", "classroom"], ["app.py", "serve.py"]
    )
    used = {_DISTRIBUTIONS.get(name, name).lower() for name in used}
    declared = _declared("requirements.txt")
    # distributed is optional (requirements-cluster.txt, imported only with RNNX_CLUSTER set)
    assert used - declared <= {"distributed"}, sorted(used - declared)


def test_every_import_of_tests_and_benchmarks_is_declared_for_development():
    used = _third_party_imports(["tests", "benchmarks", "deploy"], [])
    used = {_DISTRIBUTIONS.get(name, name).lower() for name in used}
    assert used <= _declared("requirements-dev.txt"), sorted(
        used - _declared("requirements-dev.txt")
    )
