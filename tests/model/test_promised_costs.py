"""Every cost the app promises is an upper bound of what it measures: the Train button of Why
gates ("at most N s of CPU") and the PyTorch check of the loss surface. CPU time (process_time of
a fresh process, one torch thread), which a busy machine does not inflate the way it does wall
time. The slow tests measure; the fast ones check that the pages show the bounded numbers."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import i18n
from explorer.cells import linear_rnn_torch
from explorer.training import memory_task as mt

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _cpu_of(code: str) -> float:
    """process_time (CPU seconds) that `code` takes in a fresh Python process."""
    script = "\n".join(
        [
            "import json, time",
            "start = time.process_time()",
            code,
            "print(json.dumps(time.process_time() - start))",
        ]
    )
    run = subprocess.run
    out = run([sys.executable, "-c", script], env=ENV, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_default_training_costs_at_most_the_promised_cpu():
    """Every model at every default T with no early stop (the most the button can start), one
    after another in a fresh process: the first also pays torch's set-up."""
    code = (
        "import torch\n"
        "from pool.cluster import single_threaded\n"
        "single_threaded()  # as the job pool runs a training\n"
        "from explorer.training import memory_task as mt\n"
        "for kind in mt.KINDS:\n"
        "    for T in mt.DEFAULT_TS:\n"
        "        mt.train_memory(kind, T, stop_loss=None)"
    )
    measured = _cpu_of(code)
    assert measured <= mt.training_seconds(mt.DEFAULT_TS), measured


@pytest.mark.slow
def test_importing_torch_costs_at_most_what_the_loss_surface_says():
    assert _cpu_of("import torch") <= linear_rnn_torch.IMPORT_SECONDS


def test_every_default_training_fits_the_budget_and_the_promise_sums_them():
    for kind in mt.KINDS:
        for T in mt.DEFAULT_TS:
            assert mt.over_budget(kind, T) is None
    parts = sum(mt.estimate_seconds(k, T) for k in mt.KINDS for T in mt.DEFAULT_TS)
    assert mt.training_seconds(mt.DEFAULT_TS) == pytest.approx(mt.FIRST_TRAINING + parts)
    # more lengths, steps or units cost more: the promise follows the settings
    assert mt.training_seconds((5, 200)) < mt.training_seconds(mt.DEFAULT_TS)
    assert mt.training_seconds(mt.DEFAULT_TS, 600) > mt.training_seconds(mt.DEFAULT_TS)
    assert mt.training_seconds(mt.DEFAULT_TS, 300, 32) > mt.training_seconds(mt.DEFAULT_TS)


def test_the_train_button_promises_the_bound_rounded_up():
    from tests.apptest_helpers import open_page

    at = open_page("pages/why_gates.py")
    promised = math.ceil(mt.training_seconds(mt.DEFAULT_TS))
    assert f"at most {promised} s of CPU" in at.button(key="wg_train").label
    at = open_page("pages/why_gates.py", query={"wg_lengths": "5,10", "wg_train_steps": 100})
    promised = math.ceil(mt.training_seconds((5, 10), 100))
    assert f"at most {promised} s of CPU" in at.button(key="wg_train").label


def test_the_torch_check_says_the_measured_bound_in_both_languages():
    assert f"at most {linear_rnn_torch.IMPORT_SECONDS} s of CPU" in i18n.t("ls.check.torch.help")
    assert f"最多 {linear_rnn_torch.IMPORT_SECONDS} 秒 CPU" in i18n.t("ls.check.torch.help", "zh")
