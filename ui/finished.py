"""Whether a declared job has finished (for this student or another), without starting it.

A page that trains only on a button asks this to show the next student with the same settings
the shared results at once, then takes them from `jobs.run(work)`. It belongs in ui/jobs.py as
`jobs.finished(work)`; it stays here until that module's rework (issue #25, item 3) takes it.
"""

from __future__ import annotations

from explorer.training.jobs import Work
from ui import jobs


def finished(work: Work) -> bool:
    """True once `work`'s job has a result in the shared pool (a failed job has none)."""
    job = jobs.pool().find(work.key)
    return job is not None and job.finished
