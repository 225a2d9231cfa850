"""Put this folder on PYTHONPATH to log every garbage collection of a process (benchmarks only).

With GC_PAUSE_LOG=<file> set, each collection appends a line
`wall_time generation seconds collected modules frozen cpu_seconds`: how long it took (wall
clock), how many objects it freed, how many modules were imported, how many objects gc.freeze()
had set aside (counted by the writer only when the number of modules changed, or after a minute:
`gc.get_freeze_count()` walks the ~435,000 frozen objects holding Python's lock; called on every
collection it made each request ~5× slower, and once a second it still took 6 % of the server's
CPU in a soak, perf, 2026-12-07), and the collecting thread's CPU
time (which a busy machine cannot stretch the way it stretches the wall-clock pause). A
background thread writes the lines once a second, so logging costs the app nothing measurable.
Without the variable this file does nothing; the app itself carries no measurement code.
"""

import os

_PATH = os.environ.get("GC_PAUSE_LOG")

if _PATH:
    import gc
    import sys
    import threading
    import time

    _pending: list[tuple] = []
    _started = [0.0, 0.0]

    def _on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            _started[:] = time.perf_counter(), time.thread_time()
            return
        seconds = f"{time.perf_counter() - _started[0]:.6f}"
        cpu = f"{time.thread_time() - _started[1]:.6f}"
        row = (time.time(), info["generation"], seconds, info["collected"], len(sys.modules))
        _pending.append((*row, cpu))

    def _writer() -> None:
        counted = (-1, 0.0, 0)  # (modules, when, frozen) at the last count
        while True:
            time.sleep(1.0)
            if not _pending:
                continue
            batch = _pending[:]
            del _pending[: len(batch)]
            if len(sys.modules) != counted[0] or time.monotonic() - counted[1] > 60:
                counted = (len(sys.modules), time.monotonic(), gc.get_freeze_count())
            frozen = counted[2]
            with open(_PATH, "a") as log:
                log.writelines(
                    " ".join(map(str, (*row[:5], frozen, row[5]))) + "\n" for row in batch
                )

    gc.callbacks.append(_on_gc)
    threading.Thread(target=_writer, name="gc-pause-log", daemon=True).start()

# With GC_HEAP_LOG=<file> set (diagnosis), every GC_HEAP_EVERY seconds (30) a JSON line: the
# objects the collector still walks (not frozen) per generation, the most common types among
# them, the references each type holds (what a collection visits) and any one object holding more
# than 5,000: what grows in a long-lived server's heap, and what a full collection walks.
_HEAP = os.environ.get("GC_HEAP_LOG")

if _HEAP:
    import collections
    import gc
    import json
    import threading
    import time

    def _heap_writer() -> None:
        every = float(os.environ.get("GC_HEAP_EVERY", "30"))
        while True:
            time.sleep(every)
            objects = gc.get_objects()
            kinds = collections.Counter(type(o).__qualname__ for o in objects)
            refs: collections.Counter = collections.Counter()  # what a collection visits
            biggest = []
            for o in objects:
                n = len(gc.get_referents(o))
                refs[type(o).__qualname__] += n
                if n > 5_000:
                    biggest.append((n, type(o).__qualname__, repr(o)[:80]))
            row = {
                "time": time.time(),
                "generations": [len(gc.get_objects(g)) for g in range(3)],
                "frozen": gc.get_freeze_count(),
                "types": dict(kinds.most_common(60)),
                "references": dict(refs.most_common(30)),
                "biggest": sorted(biggest, reverse=True)[:20],
            }
            del objects
            with open(_HEAP, "a") as log:
                log.write(json.dumps(row) + "\n")

    threading.Thread(target=_heap_writer, name="gc-heap-log", daemon=True).start()
