"""A view's goal, its "predict, then check" questions, and a reset button (drawn by `ui.page`).

The questions are declared in `explorer.lessons.questions` (pure: words by key, the answer computed by
the model, the settings that prove it). Here each is drawn as a radio or a number box and a
Check button; the check sets the page to the proving settings, so the chart shows the answer.
"""

from __future__ import annotations

import dataclasses
import functools

import streamlit as st

from explorer.lessons import questions
from ui import glossary, state
from ui.lang import labels, lang, tr

_RESULT = "_q_result"  # question key → what the student said (an option or a number), this session


@functools.lru_cache(maxsize=64)  # answers depend only on the question and the page's defaults
def answer(question: questions.Question, settings) -> questions.Answer:
    return question.compute(settings)


def proving(settings_cls, question: questions.Question):
    """The page's default settings changed by those that prove `question`."""
    return dataclasses.replace(settings_cls(), **dict(question.prove))


def draw(settings_cls) -> None:
    """The goal in one sentence, the view's questions (in a popover), its terms (ui.glossary)
    and "Reset this page"."""
    goal, ask, terms, reset = st.columns([2.9, 1.6, 0.95, 1.35], vertical_alignment="center")  # one
    goal.markdown(f"**{tr('q.goal')}** {tr(f'q.{settings_cls.PREFIX}.goal')}")  # row: the chart
    asked = questions.of(settings_cls.PREFIX)  # stays on a laptop's first screen
    if asked:
        with ask.popover(tr("q.title"), icon="❓", width="stretch"):
            for question in asked:
                _one(settings_cls, question)
    glossary.draw(settings_cls.PREFIX, terms)
    reset.button(
        tr("q.reset"),
        key=f"q_reset_{settings_cls.PREFIX}",
        help=tr("q.reset.help"),
        on_click=reset_page,
        args=(settings_cls,),
        icon=":material/restart_alt:",
        width="stretch",
    )


def _one(settings_cls, question: questions.Question) -> None:
    key = "q_" + question.key.replace(".", "_")
    left, right = st.columns([6, 1], vertical_alignment="bottom")
    label = questions.asking(question, lang())
    if question.options:  # the question is the widget's label: one row a question
        left.radio(
            label,
            question.options,
            index=None,
            key=key,
            horizontal=True,
            format_func=labels(f"{question.key}.opt"),
        )
    else:
        left.number_input(
            label, value=None, key=key, format="%g", step=None, placeholder=tr("q.answer")
        )
    given = st.session_state.get(key)
    right.button(
        tr("q.check"),
        key=key + "_check",
        on_click=check,
        disabled=given is None,
        args=(settings_cls, question, given),
    )
    from ui import live_class  # (it draws these questions for a class: imported when drawn)

    live_class.ask_button(question.key, key + "_ask")  # a live class's teacher asks everyone
    result = st.session_state.get(_RESULT, {}).get(question.key)
    if result is not None:
        found = answer(question, proving(settings_cls, question))
        ok = questions.is_right(question, result, found)
        (st.success if ok else st.error)(questions.feedback(question, found, result, lang()))


def check(settings_cls, question: questions.Question, given) -> None:
    """The Check button: mark the answer, and set the page to the settings that prove it: the
    defaults changed by the question's own (a setting left as the student had it, e.g. another
    sequence length, would show another curve than the one the answer was computed on)."""
    st.session_state.setdefault(_RESULT, {})[question.key] = given
    prove(settings_cls, question)


def prove(settings_cls, question: questions.Question) -> None:
    """Set the page to the settings that show `question`'s answer (the Check; a class's reveal)."""
    shown = proving(settings_cls, question)  # every setting: the answer was computed on these
    kept = {name for name, param in settings_cls.PARAMS.items() if param.widget == "pin"}
    state.set_values(
        settings_cls, **{n: getattr(shown, n) for n in settings_cls.PARAMS if n not in kept}
    )


def reset_page(settings_cls) -> None:
    """Every setting of the page back to its default; the frame then takes them out of the URL."""
    memory = st.session_state.setdefault(state.MEMORY_KEY, {})
    for param in settings_cls.PARAMS.values():
        st.session_state[param.key] = param.default
        memory.pop(param.key, None)
        if param.key in st.query_params:
            del st.query_params[param.key]
    results = st.session_state.get(_RESULT, {})
    for question in questions.of(settings_cls.PREFIX):
        results.pop(question.key, None)
