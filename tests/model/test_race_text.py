"""The race's "At iteration i" sentence (`explorer.optim.race.at_text`): it names the iteration it is
given, the one the chart shows (after a release, ❚❚, ⏮, ⏭ or the end of ▶), and each run's
place there; a run that diverged earlier is said to be gone, with its iteration."""

import numpy as np
import pytest

from explorer.i18n import number
from explorer.optim import race

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


@pytest.mark.parametrize(("eta_minus", "lr_sgd"), [(0.5, 1e-6), (0.3, 1e-7), (0.9, 1e-5)])
def test_the_guide_quotes_the_first_steps_the_runs_take(eta_minus, lr_sgd):
    """Rprop's first step is Δ₀·η⁻ (not Δ₀/2 whatever η⁻ is), SGD's lr·|∇ξ|: the numbers of the
    runs drawn on the map; "longer than the whole map" only when SGD's step is over 6."""
    hyper = tuple({**dict(HYPER), "eta_minus": eta_minus, "lr_sgd": lr_sgd}.items())
    start = (-1.5, 2.0)
    results = race.run_race(start, 50, ("rprop", "sgd"), hyper)
    rprop_step = np.abs(np.diff(results["rprop"][0].W[:2], axis=0)[0])
    sgd_step = race.first_step(results["sgd"][0])
    text = race.guide_text(race.start_gradient(start), hyper, "en")
    assert rprop_step == pytest.approx([1e-3 * eta_minus] * 2)
    assert f"= {number(float(rprop_step[0]))} in each weight" in text
    assert f"takes a first step of {number(sgd_step)}" in text
    assert ("longer than the whole map" in text) == (sgd_step > 6)
    assert ("% of the map's width" in text) == (sgd_step <= 6)


def test_the_chinese_sentence_separates_its_runs_with_a_full_width_mark():
    results = race.run_race((-1.5, 2.0), 100, ("rprop", "sgd"), HYPER)
    zh, en = race.at_text(results, 50, "zh"), race.at_text(results, 50, "en")
    assert "；" in zh and "; " not in zh
    assert "; " in en and "；" not in en
