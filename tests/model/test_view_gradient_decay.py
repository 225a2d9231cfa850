"""The gradient-decay view model: the chart, the metrics, the sentences and the CSV come from one
computation, against tutorial 003's counting-ones data; the sentences flip where |w_rec| = 1."""

import numpy as np
import pytest

from explorer.cells import linear_rnn
from explorer.numerics import symlog
from explorer.views import gradient_decay as gd

ALL = tuple(gd.POINTS)


def _user_curve(w_x, w_rec, n):
    X, t = linear_rnn.counting_data(seq_len=n)
    return linear_rnn.decay_sweep(X, t, w_x, [w_rec])[0]


def _frame(view, name):
    return next(f for f in view.figure.to_dict()["frames"] if f["name"] == name)


def test_metrics_are_the_tutorials_numbers():
    view = gd.decay_view(10, 1.0, 2.0, ALL, (), "en")
    metrics = dict(view.metrics)
    assert metrics["|w_rec|ⁿ after n steps"] == "1024"  # 2¹⁰
    curve = _user_curve(1.0, 2.0, 10)
    assert metrics["∂ξ/∂S_n (at the output)"] == f"{curve[-1]:.3g}"
    assert float(metrics["∂ξ/∂S_0 (n steps back)"]) == pytest.approx(curve[0], rel=1e-3)
    assert curve[0] == pytest.approx(1024 * curve[-1])  # what the regime sentence promises


def test_chart_numbers_and_csv_are_one_curve():
    """The curve drawn at the released frame is the one the CSV and metrics are about."""
    view = gd.decay_view(40, 0.5, 0.9, ALL, (), "en")
    yours = view.csv["d_xi_d_S_k yours (0.5, 0.9)"]
    np.testing.assert_allclose(yours, _user_curve(0.5, 0.9, 40), rtol=1e-12)
    drawn = view.figure.to_dict()["data"][-1]
    assert drawn["name"] == "yours (0.5, 0.90)"
    np.testing.assert_allclose(np.asarray(drawn["customdata"], float), yours, rtol=1e-6)
    assert _frame(view, "0.90")["layout"]["annotations"][0]["text"].startswith(view.regime[:14])
    assert dict(view.metrics)["∂ξ/∂S_n (at the output)"] in view.notice


def test_probe_columns_follow_the_points_chosen():
    view = gd.decay_view(10, 1.0, 2.0, ("p4", "p1"), (), "en")
    names = [name for name in view.csv if name.startswith("d_xi_d_S_k (")]
    assert names == [f"d_xi_d_S_k {gd.point_label(k)}" for k in ("p1", "p4")]  # POINTS' order
    X, t = linear_rnn.counting_data()
    w_x, w_rec = gd.POINTS["p1"]
    expected = linear_rnn.gradients(X, t, w_x, w_rec)[2].sum(axis=0)
    np.testing.assert_allclose(view.csv[names[0]], expected, rtol=1e-12)
    assert len(view.figure.to_dict()["data"]) == 3  # two probes and yours


@pytest.mark.parametrize(("typed", "used"), [(2.01, 2.0), (-1.234, -1.25), (0.7, 0.7)])
def test_a_typed_w_rec_is_snapped_to_the_charts_step_and_said(typed, used):
    view = gd.decay_view(10, 1.0, typed, ALL, (), "en")
    assert view.w_rec == used
    assert f"w_rec = {used:.2f}" in view.regime
    slider = view.figure.to_dict()["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"] == f"{used:.2f}"  # the chart's frame
    if typed == used:
        assert view.snapped is None
    else:
        assert f"w_rec = {typed:g}" in view.snapped and f"w_rec = {used:.2f}" in view.snapped
    np.testing.assert_allclose(
        view.csv[f"d_xi_d_S_k yours (1, {used:g})"], _user_curve(1.0, used, 10), rtol=1e-12
    )


@pytest.mark.parametrize(
    ("w_rec", "regime", "notice", "factor"),
    [
        (0.95, "vanishes", "times smaller", 0.95**10),
        (1.0, "stays constant", "same size", 1.0),
        (1.05, "explodes", "times larger", 1.05**10),
    ],
)
def test_the_verdict_flips_where_w_rec_crosses_one(w_rec, regime, notice, factor):
    view = gd.decay_view(10, 0.5, w_rec, ALL, (), "en")
    assert regime in view.regime and notice in view.notice
    assert float(dict(view.metrics)["|w_rec|ⁿ after n steps"]) == pytest.approx(factor, rel=1e-3)


def test_no_error_at_the_output_is_said_instead_of_a_regime():
    """(1, 1) counts exactly: ∂ξ/∂S_n = 0, so the guide says there is nothing to pass back."""
    view = gd.decay_view(10, 1.0, 1.0, ALL, (), "en")
    assert dict(view.metrics)["∂ξ/∂S_n (at the output)"] == "0"
    assert "nothing to pass back" in view.notice
    assert "nothing to pass back" not in gd.decay_view(10, 0.9, 1.0, ALL, (), "en").notice


def test_pinned_curve_is_drawn_and_chinese_sentences():
    view = gd.decay_view(10, 1.0, 2.0, ALL, (0.5, 0.5, 10), "zh")
    names = [tr["name"] for tr in view.figure.to_dict()["data"]]
    assert any("(0.5, 0.50)" in name for name in names)
    assert "梯度爆炸" in view.regime and view.metrics[0][0] == "n 步后的 |w_rec|ⁿ"
    np.testing.assert_allclose(
        symlog(_user_curve(1.0, 2.0, 10)), symlog(view.csv["d_xi_d_S_k yours (1, 2)"])
    )


def test_the_curves_are_computed_once_for_chart_numbers_and_csv():
    """One step through the page's cache (the page computed the sweep twice): a w_rec released
    on the chart finds the curves of every w_rec kept."""
    asked = []

    def memo(fn, *args):
        asked.append((fn.__name__, args))
        return fn(*args)

    for w_rec in (2.0, 0.5):
        gd.decay_view(10, 1.0, w_rec, ("p1",), (), "en", memo)
    assert asked == [("decay_curves", (10, 1.0, (gd.POINTS["p1"],), gd.SWEEP))] * 2
