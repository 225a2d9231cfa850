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
    code = "import sys, explorer.linear_rnn, explorer.i18n; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
