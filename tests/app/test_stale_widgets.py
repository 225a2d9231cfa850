"""A student who goes round every page in one tab: the session keeps the widgets of the page on
screen, not those of every page it ever showed (ui/stale_widgets.py; Streamlit 1.67 keeps them)."""

from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import APP, assert_ok, open_page
from ui.views import available


def _metadata(at: AppTest) -> set[str]:
    """The widget ids whose metadata the session holds (Streamlit's own bookkeeping)."""
    state = at.session_state._state  # AppTest's SafeSessionState
    return set(state._state._new_widget_state.widget_metadata)


def _on(page: str) -> AppTest:
    at = open_page(page)
    at.run()  # a second run of the same page: nothing is left from the home page
    assert_ok(at, page)
    return at


def test_a_tab_that_went_round_every_page_keeps_only_the_widgets_of_the_page_on_screen():
    last = "pages/gradient_decay.py"
    fresh = _metadata(_on(last))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for view in [*available(), *available()]:  # twice round, as a lesson goes back and forth
        at.switch_page(view.page).run()
        assert_ok(at, view.page)
    at.switch_page(last).run()
    at.run()
    assert_ok(at, last)
    kept = _metadata(at)
    # Without forgetting, the tab holds ~190 widgets (every page's); a fresh tab on the page ~35.
    assert kept == fresh, f"{len(kept)} widgets kept, a fresh tab has {len(fresh)}"


def test_a_value_set_on_the_page_survives_the_forgetting():
    at = _on("pages/gradient_decay.py")
    at.number_input(key="gd_w_rec").set_value(0.5).run()
    at.run()
    at.run()
    assert_ok(at)
    assert at.number_input(key="gd_w_rec").value == 0.5
