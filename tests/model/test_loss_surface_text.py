"""The loss surface's reading guide (`explorer.views.loss_surface.notice_text`): its ratio is the one
of the two ξ it quotes, and with ξ(1, 0.5) = 0 it says why there is none."""

from explorer.cells import linear_rnn
from explorer.i18n import number
from explorer.views import loss_surface as ls


def test_the_guide_quotes_the_ratio_of_its_two_errors_or_says_why_there_is_none():
    numbers = ls.guide_numbers(100, 10, 0, 1.0, 2.0)
    X, t = linear_rnn.counting_data(100, 10, 0)
    assert numbers["xi_12"] == linear_rnn.loss(X, t, 1.0, 2.0)
    text = ls.notice_text(numbers, 1.0, 2.0, "en")
    assert f"multiplies the error by {number(numbers['xi_12'] / numbers['xi_105'])}" in text
    assert "no ratio" not in text
    zero = ls.notice_text({**numbers, "xi_105": 0.0}, 1.0, 2.0, "en")
    assert "exactly 0, so there is no ratio to give" in zero and "multiplies the error" not in zero
    assert "(1, 0.5)" in ls.notice_text(numbers, 1.0, 2.0, "zh")
