"""The live class in the app: open or join from the sidebar, follow the teacher, ask the class.

The state is in the database (`classroom.store`); this session only remembers who it is in which
class (`_live_class`). A student's page learns of the teacher's new view by a light poll: one
small fragment (`strip`) a second, which reads the class from the process's shared glance
(`ClassStore.glance`: one query per class every GLANCE_SECONDS for all the students of a
process); a new revision switches the page and its settings as a share link would (`follow_url`),
from the fragment, in one rerun, keeping the class code in the URL.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, replace

import streamlit as st

from classroom.store import ClassError, ClassStore
from classroom.tally import bars as tally_bars
from explorer.lessons import questions
from ui import questions as guided
from ui import safe
from ui.lang import tr
from ui.views import available

SESSION = "_live_class"
APPLY = "_live_class_apply"  # set when a followed view is opened: the page takes its URL as is
PENDING = "_live_class_pending"  # (page file, query, revision) a student's page is to open
NOTICE = "_live_class_notice"  # (string key, values): the class's last message to this session
PAGE = "_live_class_page"  # the URL path of the page this session runs ("" is home)
MISSES = "_live_class_misses"  # {revision: switches to it that did not arrive}
POLL_SECONDS = 1.0
GLANCE_SECONDS = 0.3  # the class as students see it: read once per process this often, shared
SEEN_SECONDS = 5.0  # a student's check-in is written at most this often (counted for 10 s)
PRIVATE = ("class", "teach", "lang", "present")  # not part of the view a class follows


@dataclass(frozen=True)
class Seat:
    """Who this session is in which class."""

    code: str
    title: str
    teacher_key: str | None = None  # the teacher's session only
    student: str | None = None  # a student's id
    nickname: str = ""
    following: bool = True
    revision: int = -1  # the class's view this session last opened
    poll: int | None = None  # the poll whose reveal this session has seen
    checked_in: tuple[float, bool] | None = None  # (when, following) this student last wrote


@st.cache_resource(show_spinner=False)
def store() -> ClassStore:
    """One store (one connection pool) for the whole server: never mutated."""
    return ClassStore()


def seat() -> Seat | None:
    return st.session_state.get(SESSION)


def _sit(value: Seat | None) -> None:
    st.session_state[SESSION] = value


def _client() -> str:
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - AppTest has no browser
        address = None
    return address if isinstance(address, str) and address else "local"


def _error(error: Exception, code: str = "") -> None:
    """Say what went wrong above the page, in the page's language, until the next class action."""
    if isinstance(error, ClassError):
        _say(error.reason.replace("class.", "lc."), code=code)
    else:
        _say("lc.error.store", reason=type(error).__name__)


def _say(key: str, **values) -> None:
    st.session_state[NOTICE] = (key, values)


def notice() -> None:
    """The class's last message (a wrong code, a wrong key), translated at each run."""
    said = st.session_state.get(NOTICE)
    if said is not None:
        key, values = said
        st.warning(tr(key, **{name: safe.md(value, 40) for name, value in values.items()}))


def from_url() -> None:
    """`?class=CODE` joins (as a student, or as the teacher with `&teach=KEY`, which is then
    taken out of the address bar: the projector never shows it)."""
    code = str(st.query_params.get("class", ""))[:16].strip().upper()
    key = st.query_params.get("teach")
    if "teach" in st.query_params:
        del st.query_params["teach"]
    current = seat()
    if not code or (current and current.code == code and (not key or current.teacher_key)):
        return
    st.session_state.pop(NOTICE, None)
    try:
        if key and store().is_teacher(code, key):
            _sit(Seat(code, store().follow(code).title, teacher_key=key))
            return
        if key:
            _say("lc.error.key", code=code)
        _join(code, "")
    except Exception as error:  # noqa: BLE001 - the page works without the class
        del st.query_params["class"]
        _error(error, code)


def take_apply() -> bool:
    """True once after a followed view was opened: its settings come from the URL alone."""
    return bool(st.session_state.pop(APPLY, False))


def publish() -> None:
    """The teacher's page and settings become the class's view (no write when unchanged)."""
    current = seat()
    if current is None or current.teacher_key is None:
        return
    if st.query_params.get("class") != current.code:
        st.query_params["class"] = current.code
    query = {k: v for k, v in st.query_params.to_dict().items() if k not in PRIVATE}
    try:
        revision = store().show(
            current.code, current.teacher_key, st.session_state.get(PAGE, ""), query
        )
        _sit(replace(current, revision=revision))
    except Exception as error:  # noqa: BLE001
        _error(error, current.code)


def _page_file(path: str) -> str:
    return next((v.page for v in available() if v.key == path), "pages/home.py")


def follow_url(view, code: str, lang: str | None) -> tuple[str, dict]:
    """The page file and query a follower opens for `view` (their own language kept)."""
    query = {k: v for k, v in view.query.items() if k not in PRIVATE}
    query["class"] = code
    if lang:
        query["lang"] = lang
    return _page_file(view.page), query


def sidebar() -> None:
    """The sidebar's class box: open or join, or the class this session is in."""
    current = seat()
    with st.expander(tr("lc.title"), expanded=current is not None, icon="🏫"):
        if current is None:
            _open_or_join()
        elif current.teacher_key:
            _teacher_box(current)
        else:
            st.button(tr("lc.leave"), key="lc_leave", on_click=_leave)


def _open_or_join() -> None:
    with st.form("lc_open", border=False):
        title = st.text_input(
            tr("lc.open.title"), placeholder=tr("lc.open.placeholder"), max_chars=120
        )
        if st.form_submit_button(tr("lc.open"), help=tr("lc.open.help")):
            st.session_state.pop(NOTICE, None)
            handle = store().open_class(title or tr("lc.title"))
            _sit(
                Seat(handle.code, store().follow(handle.code).title, teacher_key=handle.teacher_key)
            )
            st.query_params["class"] = handle.code
            st.rerun()
    with st.form("lc_join", border=False):
        code = st.text_input(tr("lc.join.code"), max_chars=16)
        nickname = st.text_input(tr("lc.join.nickname"), max_chars=40)
        if st.form_submit_button(tr("lc.join")):
            st.session_state.pop(NOTICE, None)
            try:
                _join(code, nickname)
            except Exception as error:  # noqa: BLE001
                _error(error, code)
                return
            st.rerun()


def _join(code: str, nickname: str) -> None:
    """Join `code` as a student (raises what the store raises); the URL keeps the code."""
    code = code.strip().upper()
    student = store().join(code, nickname, client=_client())
    title, name = store().follow(code).title, store().nickname(code, student)
    _sit(Seat(code, title, student=student, nickname=name))
    st.query_params["class"] = code


def _base_url() -> str:
    try:
        return (st.context.url or "").split("?")[0].rstrip("/")
    except Exception:  # noqa: BLE001
        return ""


def _teacher_box(current: Seat) -> None:
    import segno

    st.markdown(tr("lc.code", code=current.code))
    root = _base_url().rsplit("/", 1)[0] if st.session_state.get(PAGE) else _base_url()
    join = f"{root}/?class={current.code}"
    st.caption(tr("lc.join_link"))
    st.code(join, language=None)
    image = io.BytesIO()
    segno.make(join, error="m").save(image, kind="png", scale=6, border=2)
    st.image(image.getvalue(), caption=tr("lc.qr"), width=200)
    with st.popover(tr("lc.teacher_link"), icon="🔑"):
        st.caption(tr("lc.teacher_link.help"))
        st.code(f"{join}&teach={current.teacher_key}", language=None)
    st.button(tr("lc.end"), key="lc_end", on_click=_end, type="secondary")


def _end() -> None:
    current = seat()
    try:
        store().close_class(current.code, current.teacher_key)
    finally:
        _leave()


def _leave() -> None:
    _sit(None)
    if "class" in st.query_params:
        del st.query_params["class"]


def _toggle_following() -> None:
    current = seat()
    _sit(replace(current, following=not current.following, revision=-1))


@st.fragment(run_every=POLL_SECONDS)
def strip(lang: str) -> None:
    """One line above the page: the class this session is in, and for a student, following."""
    current = seat()
    if current is None:
        return
    try:  # a student reads the process's glance at the class (one query per GLANCE_SECONDS)
        glance = None if current.teacher_key else store().glance(current.code, GLANCE_SECONDS)
        view = glance[0] if glance else store().follow(current.code)
    except Exception as error:  # noqa: BLE001
        _error(error, current.code)
        return
    if view is None:
        _sit(None)
        st.info(tr("lc.ended"))
        return
    if current.teacher_key:
        _teacher_strip(current, view)
        return
    current = _check_in(current)
    words = "lc.following" if current.following else "lc.exploring"
    left, right = st.columns([5, 1.4], vertical_alignment="center")
    here, following = glance[1]
    title, nickname = safe.md(view.title, 60), safe.md(current.nickname, 40)
    left.markdown(
        "🏫 "
        + tr(words, title=title, nickname=nickname)
        + " · "
        + tr("lc.size.student", n=here, following=following)
    )
    right.button(
        tr("lc.explore" if current.following else "lc.back"),
        key="lc_follow",
        on_click=_toggle_following,
        width="stretch",
    )
    if view.poll is not None:
        _student_poll(current, view)
    if current.following and view.revision != current.revision:
        # One rerun: the page switches from here. The revision is recorded when that page runs
        # (go_where_followed), not here: if the switch is lost (a busy server), the next poll
        # asks again instead of staying behind.
        page, query = follow_url(view, current.code, lang if lang != "en" else None)
        st.session_state[PENDING] = (page, query, view.revision)
        st.switch_page(page, query_params=query)


def _check_in(current: Seat) -> Seat:
    """Tell the class this student is here: a database write every SEEN_SECONDS, not every poll
    (the teacher counts students seen in the last 10 s), and at once on following or exploring."""
    now = time.monotonic()
    if current.checked_in is not None:
        at, following = current.checked_in
        if following == current.following and now - at < SEEN_SECONDS:
            return current
    store().seen(current.code, current.student, current.following)
    current = replace(current, checked_in=(now, current.following))
    _sit(current)
    return current


def go_where_followed(path: str) -> None:
    """In the app's run, before the page: the teacher's view the poll switched to is open (the
    page at `path`, with the view's settings in the URL) — recorded as seen, and the page takes its
    settings from the URL. A switch that did not arrive (another page runs, or the URL is the old
    one: a rerun the server merged with an older poll) is asked for again."""
    pending = st.session_state.pop(PENDING, None)
    current = seat()
    if pending is None or current is None:
        return
    page, query, revision = pending
    arrived = _page_file(path) == page and all(
        st.query_params.get(k) == v for k, v in query.items() if k not in PRIVATE
    )
    misses = st.session_state.get(MISSES, {}).get(revision, 0)
    if arrived or misses >= 3:  # (a switch that cannot arrive is not asked for forever)
        _sit(replace(current, revision=revision))
        st.session_state[APPLY] = True
    else:
        st.session_state[MISSES] = {revision: misses + 1}


def _teacher_strip(current: Seat, view) -> None:
    here, following = store().class_size(current.code)
    left, right = st.columns([5, 1.4], vertical_alignment="center")
    left.markdown(
        "🏫 "
        + tr("lc.teaching", title=safe.md(view.title, 60))
        + " · "
        + tr("lc.code", code=current.code)
        + " · "
        + tr("lc.size", n=here, following=following)
    )
    if view.poll is None:
        return
    question = questions.by_key(view.question)
    tally = store().tally(current.code, current.teacher_key, view.poll)
    st.markdown(f"**{tr('lc.asked')}** {tr(question.key) if question else safe.md(view.question)}")
    answered = sum(tally.values())
    st.caption(tr("lc.answered", answered=answered, n=max(here, answered)))
    if question is not None and view.revealed:  # the right answer above the class's spread
        st.markdown(tr("lc.revealed", answer=_answer_text(question)))
    for value, count in tally_bars(question.options if question else (), tally):
        label = tr(f"{question.key}.opt.{value}") if question and question.options else value
        st.progress(count / max(answered, 1), text=f"{safe.md(label, 40)}: {count}")
    if not view.revealed and right.button(tr("lc.reveal"), key="lc_reveal", type="primary"):
        store().reveal(current.code, current.teacher_key, view.poll)
        settings_cls = settings_of(question)
        if settings_cls is not None:  # the teacher's charts go to the answer: the class follows
            guided.prove(settings_cls, question)
        st.rerun()


def ask_button(question_key: str, key: str) -> None:
    """For a live class's teacher: ask the class this question (its answers arrive above)."""
    current = seat()
    if current is not None and current.teacher_key:
        st.button(tr("lc.ask"), key=key, on_click=_ask, args=(question_key,), icon="📣")


def _ask(question_key: str) -> None:
    current = seat()
    store().ask(current.code, current.teacher_key, question_key)


def settings_of(question):
    """The settings class of the page that asks `question` (None: not run in this process)."""
    if question is None:
        return None
    from ui.page import SETTINGS

    return SETTINGS.get(question.key.split(".")[1])


def _found(question):
    """The computed answer of `question` (None: its page has not run in this process)."""
    settings_cls = settings_of(question)
    if settings_cls is None:
        return None
    return guided.answer(question, guided.proving(settings_cls, question))


def _said(question, value) -> str:
    """An answer as the class reads it: an option's words, or the number."""
    if value is None:
        return "—"
    if question.options:
        return (
            tr(f"{question.key}.opt.{value}") if value in question.options else safe.md(value, 30)
        )
    try:
        return f"{float(value):.3g}"
    except ValueError:
        return safe.md(value, 30)


def _answer_text(question) -> str:
    found = _found(question)
    return "?" if found is None else _said(question, found.value)


def _verdict(question, mine: str | None) -> str:
    """The revealed answer beside what this student said, and whether it was right."""
    found = _found(question)
    words = tr("lc.revealed.you", answer=_answer_text(question), given=_said(question, mine))
    if found is None or mine is None:
        return words
    try:
        right = questions.is_right(question, mine if question.options else float(mine), found)
    except ValueError:
        right = False
    return words + " " + tr("lc.right" if right else "lc.wrong")


def _student_poll(current: Seat, view) -> None:
    question = questions.by_key(view.question)
    if question is None:
        return
    mine = store().my_answer(view.poll, current.student)
    with st.container(border=True, key="lc_poll"):
        st.markdown(f"**{tr('lc.asked')}** {tr(question.key)}")
        key = f"lc_answer_{view.poll}"
        if question.options:
            st.radio(
                " ",
                question.options,
                index=None,
                key=key,
                horizontal=True,
                format_func=lambda o: tr(f"{question.key}.opt.{o}"),
                label_visibility="collapsed",
            )
        else:
            st.number_input(" ", value=None, key=key, format="%g", label_visibility="collapsed")
        given = st.session_state.get(key)
        if st.button(tr("lc.send"), key=f"{key}_send", disabled=given is None or view.revealed):
            store().answer(current.code, view.poll, current.student, given)
            mine = str(given)
        if mine is not None and not view.revealed:
            st.caption(tr("lc.sent", value=safe.md(mine, 30)))
        if view.revealed:
            st.markdown(_verdict(question, mine))
    settings_cls = settings_of(question)
    if view.revealed and current.poll != view.poll:
        _sit(replace(current, poll=view.poll))
        if not current.following and settings_cls is not None:  # an explorer's charts go there too
            guided.prove(settings_cls, question)
            st.rerun()
