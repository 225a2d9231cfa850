"""Every benchmark module imports (they run outside the test suite, so a moved name would
otherwise surface only when someone measures)."""

import importlib
import pkgutil
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
NAMES = sorted(info.name for info in pkgutil.iter_modules([str(BENCHMARKS)]))


@pytest.mark.parametrize("name", NAMES)
def test_benchmark_module_imports(name):
    module = importlib.import_module(f"benchmarks.{name}")
    if name.startswith("bench_"):
        assert callable(module.run)
