"""AppTest of the Program-the-cell page: graded at once, the solution loads and passes, the
RNN puzzle shows its failing test, every widget at its extremes."""

from tests.apptest_helpers import HAN, exercise_widgets, open_page

PAGE = "pages/puzzles.py"


def test_an_unwired_cell_fails_and_the_solution_passes():
    at = open_page(PAGE)
    assert "First failing sequence" in at.error[0].value and not at.success
    next(b for b in at.button if b.label == "Load it into the cell").click().run()
    assert at.success[0].value == "Passed: 24 of 24 sequences right." and not at.error
    assert at.get_by_key("pz_f_b").value != 0.0  # the knobs hold the reference wiring


def test_the_rnn_puzzle_names_its_unit_and_shows_the_failing_test():
    at = open_page(PAGE, query={"pz_puzzle": "delay", "pz_u1": 1})
    assert "First failing sequence: #1" in at.error[0].value
    table = at.dataframe[-1].value  # the failing test step by step (the grade's column is last)
    assert {"yours", "wanted", "h1", "h2"} <= set(table.columns)


def test_every_widget_at_its_extremes_and_chinese():
    assert exercise_widgets(open_page(PAGE)) >= 20
    at = open_page(PAGE, query={"lang": "zh"})
    assert HAN.search(at.title[0].value) and HAN.search(at.error[0].value)
