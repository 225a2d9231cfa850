"""A test-only app for the job pool (ui.jobs): `?job=<name>&count=<n>` starts n jobs of about
two minutes each in one run (they count as one student's), `&busy=1` makes them spin the CPU
between their progress reports (else they sleep). Run as its own server by test_jobs_pool.py."""

import sys
import time
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ui import jobs  # noqa: E402

name = st.query_params.get("job", "a")
count = int(st.query_params.get("count", "1"))
busy = st.query_params.get("busy") == "1"


def work(progress):
    began = time.monotonic()
    while (spent := time.monotonic() - began) < 120:
        step = time.monotonic() + 0.05
        while busy and time.monotonic() < step:
            pass
        if not busy:
            time.sleep(0.05)
        progress(spent / 120, "working")
    return "done"


for i in range(count):
    if jobs.run((name, i), work, label=f"job {name}{i}") is not None:
        st.write(f"job {name}{i} done")
