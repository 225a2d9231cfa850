"""A view model's Works, all run in the pool shared by every session (`ui.jobs`)."""

from __future__ import annotations

from explorer.training.jobs import Work
from ui import jobs, safe
from ui.lang import tr


def run_all(works: list[Work], failed: str) -> tuple[dict, list]:
    """({work: its result, or None while it runs (a progress bar in its place)}, notes): each
    Work started or joined in order. One that failed stops there; its error is a note (the
    string `failed` with its `detail`, escaped for markdown), not a traceback."""
    results = {}
    for work in works:
        try:
            results[work] = jobs.run(work)
        except Exception as err:  # noqa: BLE001 - a failure in a job is a message to show
            return results, [("error", tr(failed, detail=safe.md(err)))]
    return results, []
