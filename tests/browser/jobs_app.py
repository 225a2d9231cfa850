"""A test-only app for the job pool (ui.jobs): `?job=<name>&count=<n>` starts n jobs of about
two minutes each in one run (they count as one student's), `&busy=1` makes them spin the CPU
between their progress reports (else they sleep). Run as its own server by test_jobs_pool.py."""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from explorer.training.jobs import Work  # noqa: E402
from tests import jobs_helpers  # noqa: E402, F401 - declares "tests.spin"
from ui import jobs  # noqa: E402

name = st.query_params.get("job", "a")
count = int(st.query_params.get("count", "1"))
busy = st.query_params.get("busy") == "1"

jobs.new_run()  # as the page frame does: this run's jobs are one student's request
for i in range(count):
    work = Work("tests.spin", (name, i), {"busy": busy}, label=f"job {name}{i}")
    if jobs.run(work) is not None:
        st.write(f"job {name}{i} done")
