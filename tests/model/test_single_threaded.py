"""pool.cluster.single_threaded while another job's thread is still importing torch: two jobs
starting together on a fresh server (the first trainings of "Why gates work") failed with
"partially initialized module 'torch' has no attribute 'get_num_threads'"."""

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys, threading
from pool import cluster

importing = threading.Thread(target=lambda: __import__("torch"))
importing.start()
while "torch" not in sys.modules:  # the other job's import of torch has begun
    pass
cluster.single_threaded()
import torch
assert torch.get_num_threads() == 1, torch.get_num_threads()
importing.join()
"""


def test_a_job_starting_while_another_imports_torch_waits_for_it():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr
