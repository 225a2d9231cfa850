"""A view's goal, its "predict, then check" questions, and a reset button (drawn by `ui.page`).

The questions are declared in `explorer.questions` (pure: words by key, the answer computed by
the model, the settings that prove it). Here each is drawn as a radio or a number box and a
Check button; the check sets the page to the proving settings, so the chart shows the answer.
"""

from __future__ import annotations

import dataclasses
import functools

import streamlit as st

from explorer import questions
from ui import state
from ui.lang import labels, tr

_RESULT = "_q_result"  # question key → (right, what the student said), this session


@functools.lru_cache(maxsize=64)  # answers depend only on the question and the page's defaults
def answer(question: questions.Question, settings) -> questions.Answer:
    return question.compute(settings)


def proving(settings_cls, question: questions.Question):
    """The page's default settings changed by those that prove `question`."""
    return dataclasses.replace(settings_cls(), **dict(question.prove))


def draw(settings_cls) -> None:
    """The goal in one sentence, the view's questions (in a popover), and "Reset this page"."""
    goal, ask, reset = st.columns([4, 1.3, 1.1], vertical_alignment="center")  # one row: the
    goal.markdown(f"**{tr('q.goal')}** {tr(f'q.{settings_cls.PREFIX}.goal')}")  # chart stays
    asked = questions.of(settings_cls.PREFIX)  # on a laptop's first screen
    if asked:
        with ask.popover(tr("q.title"), icon="❓", width="stretch"):
            for question in asked:
                _one(settings_cls, question)
    reset.button(tr("q.reset"), key=f"q_reset_{settings_cls.PREFIX}", help=tr("q.reset.help"),
                 on_click=reset_page, args=(settings_cls,), icon=":material/restart_alt:",
                 width="stretch")  # fmt: skip


def _one(settings_cls, question: questions.Question) -> None:
    key = "q_" + question.key.replace(".", "_")
    left, right = st.columns([6, 1], vertical_alignment="bottom")
    if question.options:  # the question is the widget's label: one row a question
        left.radio(tr(question.key), question.options, index=None, key=key, horizontal=True,
                   format_func=labels(f"{question.key}.opt"))  # fmt: skip
    else:
        left.number_input(tr(question.key), value=None, key=key, format="%g", step=None,
                          placeholder=tr("q.answer"))  # fmt: skip
    given = st.session_state.get(key)
    right.button(tr("q.check"), key=key + "_check", on_click=check, disabled=given is None,
                 args=(settings_cls, question, given))  # fmt: skip
    result = st.session_state.get(_RESULT, {}).get(question.key)
    if result is not None:
        ok, said = result
        found = answer(question, proving(settings_cls, question))
        why = tr(f"{question.key}.why", **dict(found.words))
        if question.options:
            why = f"**{tr(f'{question.key}.opt.{found.value}')}**. {why}"
        head = tr("q.right") if ok else tr("q.wrong", given=said)
        (st.success if ok else st.error)(f"{head} {why} {tr('q.shown')}")


def check(settings_cls, question: questions.Question, given) -> None:
    """The Check button: mark the answer, and set the page to the settings that prove it: the
    defaults changed by the question's own (a setting left as the student had it, e.g. another
    sequence length, would show another curve than the one the answer was computed on)."""
    found = answer(question, proving(settings_cls, question))
    said = tr(f"{question.key}.opt.{given}") if question.options else f"{given:g}"
    st.session_state.setdefault(_RESULT, {})[question.key] = (
        questions.is_right(question, given, found),
        said,
    )
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
