"""Python's garbage collector and a long-lived server: what the imports allocated is frozen."""

from __future__ import annotations

import gc
import os
import sys
import threading

GC_ENV = "RNN_EXPLORER_GC"  # "plain": leave Python's collector as it is (for comparisons)
_gc_lock = threading.Lock()
_frozen_modules = 0


def settle_heap(new_modules: int = 200) -> bool:
    """Move what the imports allocated out of the garbage collector's sight, once they settle.

    Python's full collections walk every tracked object; with NumPy, Plotly and torch loaded
    that is ~280,000 container objects that live as long as the server, and each full
    collection froze every session for 156–174 ms of CPU (loss surface, N = 30; 11–21 ms
    frozen; `python -m benchmarks gc`). `gc.freeze()`
    moves all current objects to a permanent generation that collections skip. Called by app.py
    on every run; it acts only when at least `new_modules` modules were imported since the last
    time (the first run, the first page that loads NumPy/Plotly, torch's lazy import), so a
    process freezes a handful of times, each after a `gc.collect()` so no garbage is kept.
    Returns True when it froze.
    """
    global _frozen_modules
    if os.environ.get(GC_ENV) == "plain" or len(sys.modules) - _frozen_modules < new_modules:
        return False
    with _gc_lock:
        if len(sys.modules) - _frozen_modules < new_modules:
            return False
        _frozen_modules = len(sys.modules)
        gc.collect()
        gc.freeze()
    return True
