"""A page that trains several models side by side (Why gates work: four) asks for them in one
run: one Cancel stops them all (the walkthrough found Cancel stopped the RNN's training only, the
other three bars running on for 45 s)."""

import threading
import uuid

from streamlit.testing.v1 import AppTest

from tests.jobs_helpers import GATES
from ui.jobs import pool


def two_models_app(tag: str) -> None:
    import tests.jobs_helpers  # noqa: F401 - declares "tests.gated"
    from explorer.training.jobs import Work
    from ui import jobs

    jobs.new_run()  # as the page frame does
    for model in ("a", "b"):
        jobs.run(Work("tests.gated", ("gated", tag, model), {"tag": tag}, label=model))


def test_one_cancel_stops_every_job_its_run_asked_for():
    tag = uuid.uuid4().hex
    GATES[tag] = threading.Event()  # never set: both jobs wait until cancelled
    at = AppTest.from_function(two_models_app, args=(tag,), default_timeout=30).run()
    cancels = [b for b in at.button if (b.key or "").startswith("_job_cancel_")]
    assert len(cancels) == 2
    first, second = (pool().find(("gated", tag, model)) for model in ("a", "b"))
    cancels[0].click().run()
    assert first.cancel.is_set() and second.cancel.is_set()
    assert not any((b.key or "").startswith("_job_cancel_") for b in at.button)
    assert len([i for i in at.info if "a" in i.value or "b" in i.value]) == 2  # both say so
    GATES[tag].set()
