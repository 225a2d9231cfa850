"""The teacher's bars: every option in order, few numbers as they are, many as a histogram."""

from classroom.tally import BINS, bars


def test_a_choice_question_shows_every_option_in_its_order_even_unchosen():
    assert bars(("larger", "smaller"), {"smaller": 5}) == [("larger", 0), ("smaller", 5)]


def test_few_numbers_are_shown_as_typed_in_order():
    assert bars((), {"10": 2, "2.5": 1, "abc": 4}) == [("2.5", 1), ("10", 2)]


def test_many_numbers_spanning_orders_of_magnitude_fall_in_log_bins():
    tally = {str(10**k): 1 for k in range(12)} | {"1e3": 2}  # 1 … 1e11
    found = bars((), tally)
    assert len(found) == BINS and sum(n for _, n in found) == 14
    assert found[0][0].startswith("1 ") and found[-1][0].endswith("1e+11")


def test_many_close_numbers_fall_in_linear_bins():
    tally = {str(v): 1 for v in range(50, 70)}
    found = bars((), tally)
    assert len(found) == BINS and sum(n for _, n in found) == 20
    assert found[0][0].startswith("50 ") and found[-1][0].endswith("69")
