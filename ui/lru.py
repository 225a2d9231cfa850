"""A bounded cache that computes each key once, for `ui.compute` (pure Python, no Streamlit).

`LRU(max_entries).get(key, make)`: the value kept under `key`, else `make()` kept under it; the
least recently used value goes first once `max_entries` are kept. Sessions run on threads: a key
asked for by two of them at once is made once (the second waits for the first). The wait needs a
lock per key being made, dropped when it is made: a server that has seen thousands of argument
sets keeps no lock for each (Streamlit 1.67's `st.cache_*` kept one per argument set, forever).
An exception raised by `make` reaches its caller and nothing is kept: a waiter then makes it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class LRU:
    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._making: dict[Hashable, threading.Event] = {}  # key → set once it is made (or failed)
        self._lock = threading.Lock()  # guards both tables, never held while making

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        while True:
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    return self._values[key]
                made = self._making.get(key)
                if made is None:  # nobody is making it: this thread does
                    made = self._making[key] = threading.Event()
                    break
            made.wait()  # another thread makes it: then it is kept (or that thread failed)
        try:
            value = make()
            with self._lock:
                self._values[key] = value
                self._values.move_to_end(key)
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._making[key]
            made.set()

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
