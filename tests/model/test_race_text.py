"""The race's "At iteration i" sentence (`explorer.race.at_text`): it names the iteration it is
given, the one the chart shows (after a release, ❚❚, ⏮, ⏭ or the end of ▶), and each run's
place there; a run that diverged earlier is said to be gone, with its iteration."""

import numpy as np

from explorer import race

HYPER = (
    ("eta_plus", 1.2),
    ("eta_minus", 0.5),
    ("delta0", 1e-3),
    ("lr_sgd", 1e-6),
    ("lr_momentum", 1e-6),
    ("momentum", 0.9),
    ("lr_clip", 0.01),
    ("clip", 1.0),
    ("lr_adam", 0.05),
)


def test_the_sentence_names_the_iteration_it_is_given_and_each_runs_place_there():
    results = race.run_race((-1.5, 2.0), 500, ("rprop", "sgd"), HYPER)
    rprop, sgd = results["rprop"][0], results["sgd"][0]
    assert sgd.diverged_at is not None and sgd.diverged_at < 255 < len(rprop.W) - 1
    for i, lang, head in (
        (255, "en", "**At iteration 255:**"),
        (255, "zh", "**第 255 次迭代时"),
        (500, "en", "**At iteration 500:**"),
    ):
        text = race.at_text(results, i, lang)
        assert text.startswith(head), text
        wx, wrec = rprop.W[min(i, len(rprop.W) - 1)]
        assert f"({wx:.4f}, {wrec:.4f})" in text
    paused = race.at_text(results, 255, "en")
    assert (
        "500" not in paused
        and f"SGD had already diverged (at iteration {sgd.diverged_at})" in paused
    )
    early = race.at_text(results, 2, "en")
    assert "SGD is at" in early and np.isfinite(sgd.W[2]).all()
