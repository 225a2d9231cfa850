"""The gate inspector's training runs in the shared job pool (`ui.jobs`): a progress bar while it
runs, then the trained model; Cancel stops it, nothing half-done is shown, and it starts again."""

import numpy as np

from explorer.inputs import data, weights
from explorer.training import next_step as train
from tests.apptest_helpers import assert_ok, download_bytes, figures, open_page
from tests.jobs_helpers import running, wait_for_jobs

PAGE = "pages/gates.py"


def _query(seed: int) -> dict:
    # 1000 steps × 32 counted units × 40 epochs: about a second of training (a seed no other
    # test uses, so the shared pool has no finished job for it yet)
    return {"gt_source": "bits", "gt_length": 1000, "gt_model": "trained", "gt_epochs": 40,
            "gt_seed": seed}  # fmt: skip


def _progress_texts(at) -> list[str]:
    return [element.proto.text for element in at.get("progress")]


def test_training_shows_a_progress_bar_then_the_trained_model():
    at = open_page(PAGE, query=_query(seed=9101))
    assert running(at), "no job in progress"
    assert any("Training the LSTM" in text for text in _progress_texts(at)), _progress_texts(at)
    assert not figures(at) and not any("Trained LSTM" in c.value for c in at.caption)

    wait_for_jobs(at)
    assert_ok(at)
    assert not at.get("progress") and any("Trained LSTM" in c.value for c in at.caption)
    assert len(figures(at)) == 4  # heatmaps, unit lines, cell diagram, overview
    labels = [b.proto.label for b in at.get("download_button")]
    kind, params = weights.parse_weights(
        download_bytes(at, labels.index("Download weights (.npz) · LSTM"))
    )
    expected = train.train_next_step(data.bits_sequence(1000, 1), "lstm", 8, 40, 9101)
    assert kind == "lstm"
    # The same training to the last bit or two: torch's sums differ by an ulp with the number of
    # threads, and a pool thread that trained a character model runs on one (charmodel sets it).
    np.testing.assert_allclose(params["weight_hh_l0"], expected["params"]["weight_hh_l0"], rtol=1e-12, atol=1e-15)  # fmt: skip


def test_cancel_stops_the_training_until_it_is_started_again():
    at = open_page(PAGE, query=_query(seed=9102))
    assert running(at)
    cancel = next(b for b in at.button if b.key.startswith("_job_cancel_"))
    cancel.click().run()  # the click reruns the progress fragment, which asks for a full rerun
    at.run()
    assert_ok(at)
    assert not running(at) and not figures(at)
    assert any("cancelled" in info.value for info in at.info), [i.value for i in at.info]
    at.run()  # another run does not start it again
    assert any("cancelled" in info.value for info in at.info)
    assert not running(at) and not figures(at)

    again = next(b for b in at.button if b.key.startswith("_job_again_"))
    again.click().run()
    assert running(at), "Start again did not start the training"
    wait_for_jobs(at)
    assert any("Trained LSTM" in c.value for c in at.caption) and figures(at)
