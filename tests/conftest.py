import os
import sys
import tempfile
from pathlib import Path

# The live class's store (classroom/store.py) keeps its SQLite file in a folder of this test run's
# own, shared with the servers the browser tests start (they inherit the environment).
os.environ.setdefault("RNNX_DATA_DIR", tempfile.mkdtemp(prefix="rnnx-data-"))

# The servers tests start are cold unless a test asks for the warm-up (ui/warm.py): it would
# otherwise train the memory task in the background of every test that starts serve.py.
os.environ.setdefault("RNNX_WARM", "0")

# Torch on one thread, as the job pool trains (pool.cluster.single_threaded): the model code no
# longer sets it itself (a process-wide change), and tests that train call it directly.
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
