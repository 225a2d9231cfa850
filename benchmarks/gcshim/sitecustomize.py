"""Put this folder on PYTHONPATH to log every garbage collection of a process (benchmarks only).

With GC_PAUSE_LOG=<file> set, each collection appends a line `wall_time generation seconds
collected modules frozen` (the last two: how many modules are imported and how many objects
gc.freeze() has set aside, at that moment; written by a background thread once a second, so the log costs the app nothing
measurable). Without the variable this file does nothing. The app itself carries no measurement.
"""

import os

_PATH = os.environ.get("GC_PAUSE_LOG")

if _PATH:
    import gc
    import sys
    import threading
    import time

    _pending: list[tuple] = []
    _started = [0.0]

    def _on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            _started[0] = time.perf_counter()
        else:
            seconds = time.perf_counter() - _started[0]
            frozen = gc.get_freeze_count()
            row = (
                time.time(),
                info["generation"],
                seconds,
                info["collected"],
                len(sys.modules),
                frozen,
            )
            _pending.append(row)

    def _writer() -> None:
        while True:
            time.sleep(1.0)
            if not _pending:
                continue
            batch = _pending[:]
            del _pending[: len(batch)]
            with open(_PATH, "a") as log:
                log.writelines(" ".join(map(str, row)) + "\n" for row in batch)

    gc.callbacks.append(_on_gc)
    threading.Thread(target=_writer, name="gc-pause-log", daemon=True).start()
