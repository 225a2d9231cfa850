"""The job pool is pure Python (issue 25): `pool/` runs without Streamlit (a Dask worker and the
model tests import it alone), and the page glue (ui/jobs.py) groups one run's jobs through
public Streamlit API only (no `streamlit.runtime`, no script-run context)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_pool_package_never_imports_streamlit():
    code = (
        "import sys, pool.local, pool.cluster, pool.waiting\n"
        "assert 'streamlit' not in sys.modules, 'pool imported streamlit'\n"
        "assert 'distributed' not in sys.modules, 'Dask is imported only with a cluster'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    for path in sorted((ROOT / "pool").glob("*.py")):
        assert not {n for n in _imports(path) if n.split(".")[0] == "streamlit"}, path


def test_the_page_glue_uses_public_streamlit_api_only():
    source = (ROOT / "ui" / "jobs.py").read_text(encoding="utf-8")
    imported = _imports(ROOT / "ui" / "jobs.py")
    assert not {n for n in imported if n.startswith("streamlit.")}, imported
    assert "get_script_run_ctx" not in source and "parallel_coordinator" not in source


def test_trainings_leave_torchs_threads_to_the_caller():
    """Model code changes no process-wide setting: torch's thread count is the job pool's choice
    (pool.cluster.single_threaded), never a training's (it was set, and raced, in two of them)."""
    code = (
        "import torch\n"
        "torch.set_num_threads(2)\n"
        "from explorer.training import charmodel, memory_task\n"
        "memory_task.train_memory('gru', 5, hidden=4, steps=2, stop_loss=None)\n"
        "charmodel.train_char_model('abcabcabd' * 20, kind='lstm', hidden=4, steps=2)\n"
        "print(torch.get_num_threads())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-1] == "2"
