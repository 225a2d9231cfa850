"""The loss-surface view model: the sentences under the heatmaps, the cross-section and the
gradient check state the numbers of the data drawn (tutorial 003's counting-ones RNN), and
flip when those numbers cross."""

import numpy as np
import pytest

from explorer.cells import linear_rnn
from explorer.i18n import number
from explorer.views import loss_surface as ls

SHAPE = (20, 10, 1)  # the tutorial's 20 sequences of length 10


def test_views_choose_their_panels_and_a_collapsed_range_is_widened():
    assert [p[:2] for p in ls.panels_shown("both", (0, 0), "en")] == [(-3.0, 3.0), (0.0, 2.0)]
    assert [p[:2] for p in ls.panels_shown("zoom", (0, 0), "en")] == [(0.0, 2.0)]
    (custom,) = ls.panels_shown("custom", (2.0, -1.0), "en")
    assert custom == (-1.0, 2.0, "w_x, w_rec ∈ [-1, 2]")
    (narrow,) = ls.panels_shown("custom", (1.0, 1.0), "en")
    assert narrow[:2] == (0.5, 1.5)  # both ends dragged together: a panel, not an error
    assert "全景" in ls.panels_shown("overview", (0, 0), "zh")[0][2]


def test_summary_and_overflow_note_count_the_cells_drawn():
    chosen = ls.panels_shown("overview", (0, 0), "en")
    view = ls.surface_view(SHAPE, chosen, 41, (1.2, 1.2), "en")
    X, t = linear_rnn.counting_data(*SHAPE)
    axis = np.linspace(-3.0, 3.0, 41)
    xi = linear_rnn.loss_surface(X, t, axis, axis)
    capped = int(np.sum(~np.isfinite(xi) | (xi >= 1e8)))
    assert capped > 0
    assert view.overflow.startswith(f"{capped} of {41 * 41} cells are capped")
    assert f"targets from {t.min():g} to {t.max():g} ones" in view.summary
    assert "20 sequences of length 10" in view.summary and "41×41 grid" in view.summary
    heat = view.figure.to_dict()["data"][0]
    assert heat["type"] == "heatmap"


def test_no_overflow_note_where_no_cell_reaches_the_cap():
    """[0, 2]² at n = 10: ξ stays under 1e8 (2¹⁰ · 2 ≈ 2000 ones at most): nothing to say."""
    zoom = ls.panels_shown("zoom", (0, 0), "en")
    assert ls.surface_view(SHAPE, zoom, 41, (1.2, 1.2), "en").overflow is None
    longer = ls.surface_view((20, 40, 1), zoom, 41, (1.2, 1.2), "en")  # 2⁴⁰: over the cap
    assert longer.overflow is not None


def test_the_guide_quotes_this_datas_errors():
    view = ls.surface_view(SHAPE, ls.panels_shown("zoom", (0, 0), "en"), 21, (0.5, 1.5), "en")
    X, t = linear_rnn.counting_data(*SHAPE)
    ratio = linear_rnn.loss(X, t, 1.0, 2.0) / linear_rnn.loss(X, t, 1.0, 0.5)
    assert f"multiplies the error by {number(ratio)}" in view.notice
    gnorm = np.hypot(*linear_rnn.gradients(X, t, 0.5, 1.5)[:2])
    assert number(gnorm) in view.notice


@pytest.mark.parametrize(("w_x", "shown"), [(1.0, 1.0), (1.02, 1.0), (-0.33, -0.35)])
def test_cross_section_caption_names_the_valley_of_the_frame_shown(w_x, shown):
    view = ls.cross_view(SHAPE, w_x, -3.0, 3.0, "en")
    X, t = linear_rnn.counting_data(*SHAPE)
    w_rec = np.linspace(-3.0, 3.0, ls.CUT_POINTS)
    xi = linear_rnn.loss_surface(X, t, [shown], w_rec)[:, 0]
    lowest = int(np.argmin(np.where(np.isfinite(xi), xi, np.inf)))
    assert f"At w_x = {shown:.2f}" in view.caption
    assert f"lowest at w_rec = {w_rec[lowest]:.2f} (ξ = {number(xi[lowest])})" in view.caption
    slider = view.figure.to_dict()["layout"]["sliders"][0]
    assert slider["steps"][slider["active"]]["label"] == f"{shown:.2f}"


def test_gradient_check_table_or_why_not():
    table = ls.check_view(SHAPE, (1.2, 1.2), False, "en")
    X, t = linear_rnn.counting_data(*SHAPE)
    d_wx, d_wrec = linear_rnn.gradients(X, t, 1.2, 1.2)[:2]
    assert table["method"] == ["BPTT (ours)", "central difference"]
    assert table["∂ξ/∂w_x"][0] == f"{d_wx:.12g}" and table["∂ξ/∂w_rec"][0] == f"{d_wrec:.12g}"
    assert float(table["relative error vs BPTT"][1]) < 1e-5
    # where the gradient overflows (|w_rec| = 3, 400 steps: 3⁸⁰⁰ > 1e308) there is no table, a sentence
    said = ls.check_view((20, 400, 1), (3.0, 3.0), False, "en")
    assert isinstance(said, str) and said == ls.t("ls.check.nonfinite", "en")
    assert isinstance(ls.check_view((20, 400, 1), (3.0, 0.9), False, "en"), dict)


def test_costly_steps_go_through_the_pages_cache_and_csv_is_the_first_panel():
    asked = []

    def memo(fn, *args):
        asked.append(fn.__name__)
        return fn(*args)

    chosen = ls.panels_shown("both", (0, 0), "en")
    ls.surface_view(SHAPE, chosen, 21, (1.2, 1.2), "en", memo)
    ls.cross_view(SHAPE, 1.0, -3.0, 3.0, "en", memo)
    assert asked == ["panel", "panel", "guide_numbers", "cross_sections"]
    columns = ls.csv_columns(SHAPE, 21, chosen[0], memo)
    X, t = linear_rnn.counting_data(*SHAPE)
    row = 21 * 3 + 5  # w_rec is the slower axis
    assert columns["w_x"][row] == pytest.approx(-1.5) and columns["w_rec"][row] == pytest.approx(
        -2.1
    )
    assert columns["xi"][row] == pytest.approx(linear_rnn.loss(X, t, -1.5, -2.1))
