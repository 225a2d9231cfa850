"""Streamlit glue shared by `app.py` and the pages. UI only: no model math (that is `explorer/`).

| module | what |
| --- | --- |
| `ui.params` | a page's settings declared once: Params that know widget, bounds, URL form, default |
| `ui.page` | the page frame: title, intro, one fragment, URL state and share link around a body |
| `ui.state` | settings in the URL and in this session |
| `ui.widgets` | widgets drawn from their Params |
| `ui.compute`, `ui.lru` | caching at the boundary (`compute`, `shared`, `keep`, `clear`; `Named`: a big argument keyed by a small name; `Memo`: a cache handed to a view model), in the app's own bounded, thread-safe LRU |
| `ui.charts` | the chart element, drawn in place and talking back (`plot(fig, key, on_event=)`, `slider_sets`, `figure`) |
| `ui.sharing`, `ui.downloads` | reading guides and the share link; downloads built on the click (`later`) |
| `ui.safe` | user text made inert before it is rendered as markdown |
| `ui.lang` | the session's language (`tr`) |
| `ui.questions`, `ui.pins` | a view's goal, guided questions and reset (drawn by `ui.page`); pin a curve to compare |
| `ui.views` | the list of views |
| `ui.present` | the frame's look: compact on a laptop, presenter mode (`controls_box`) |
| `ui.guard` | the frame's text guard: a lone surrogate in a text box is sent as U+FFFD (import it: `from ui import guard`) |
| `ui.warm`, `ui.visit` | the server's warm-up at start (serve.py); one visit to a page over the websocket, as a tab (import them) |
| `ui.jobs`, `ui.window`, `ui.uploads` | a view model's declared `Work`s in the shared pool (`run`, `run_all`, `result`, `finished`); a window over a long series; file uploads (import them: `from ui import jobs`) |
| `ui.say`, `ui.bounded` | a view model's sentences drawn as they say (markdown, caption, warning…); a slider's value kept within bounds that narrowed |
| `ui.given_text`, `ui.gate_link` | Your text's paste box and upload; a model of Your text opened in the gate inspector |
| `ui.live_class`, `ui.glossary` | the live class in the sidebar and its strip; a page's "Terms" |
| `ui.handover` | once per process (app.py): a fragment's timed rerun waits until the run that just ended was sent (Streamlit 1.67 dropped it) |
"""

from __future__ import annotations

from ui.charts import PLOT_CONFIG, ChartEvent, ChartState, figure, plot, slider_sets
from ui.compute import Memo, Named, compute, keep, shared
from ui.downloads import csv_bytes, download_csv, later
from ui.frame import FRAMED_KEY, ensure_frame, framed, navigation
from ui.heap import settle_heap
from ui.lang import count, labels, lang, tr
from ui.page import page, section
from ui.params import Param, multiselect, number, pin, select, settings, slider, text, toggle
from ui.pins import pin_buttons, pinned, thin
from ui.present import controls_box
from ui.sharing import guide, share_link
from ui.state import MEMORY_KEY, init, publish, read, set_values
from ui.widgets import Controls, draw

__all__ = [
    "MEMORY_KEY",
    "PLOT_CONFIG",
    "ChartEvent",
    "Memo",
    "Named",
    "ChartState",
    "Controls",
    "Param",
    "compute",
    "controls_box",
    "count",
    "csv_bytes",
    "download_csv",
    "draw",
    "FRAMED_KEY",
    "ensure_frame",
    "figure",
    "framed",
    "navigation",
    "settle_heap",
    "guide",
    "init",
    "keep",
    "labels",
    "later",
    "lang",
    "multiselect",
    "number",
    "page",
    "pin",
    "pin_buttons",
    "pinned",
    "thin",
    "plot",
    "publish",
    "read",
    "section",
    "select",
    "set_values",
    "settings",
    "share_link",
    "shared",
    "slider",
    "slider_sets",
    "text",
    "toggle",
    "tr",
]
