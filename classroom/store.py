"""The live class's shared state, in a real database: SQLite by default, PostgreSQL for many machines.

A teacher opens a class and shows a view (a page and its settings); students follow it, answer the
questions the teacher asks, and the teacher reads the tally. Everything lives in the database, so a
class and its answers survive a server restart and several app processes (deploy/) share it.

    store = ClassStore()                      # RNNX_DATABASE, else a SQLite file in the data folder
    handle = store.open_class("RNN, week 3")  # handle.code "K7M2QX" (to project), .teacher_key (secret)
    store.show(handle.code, handle.teacher_key, "gradient_decay", {"gd_w": "0.9"})  # -> revision 1
    store.follow(handle.code)                 # -> View(page="gradient_decay", query={...}, revision=1)

No Streamlit here: the app's glue is `ui/classroom.py`. The teacher key is 192 random bits and only
its SHA-256 is stored; a wrong key raises `WrongKey` and changes nothing. Join codes are short, so a
client that misses `MAX_MISSES` times in `MISS_WINDOW` seconds is refused (`TooManyGuesses`).
Nothing personal is stored beyond the nickname a student chose (or the anonymous one given).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

LIFETIME = 12 * 3600  # a class expires by itself after 12 hours
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector
CODE_LENGTH = 6  # 32**6 ≈ 1.1e9 codes; guessing is rate-limited
MAX_MISSES, MISS_WINDOW = 5, 600.0  # unknown codes a client may try in 10 minutes
MAX_TITLE, MAX_NICKNAME, MAX_ANSWER, MAX_QUERY = 120, 40, 200, 8_000  # characters
FOLLOWING_WINDOW = 10.0  # a student seen in the last 10 s is counted as following

DATA_DIR = Path(os.environ.get("RNNX_DATA_DIR", Path(__file__).resolve().parents[1] / "data"))


class ClassError(Exception):
    """A class operation that cannot be done; `.reason` is a key of explorer/strings/classroom.py."""

    reason = "class.error.unknown"


class UnknownClass(ClassError):
    reason = "class.error.unknown"


class WrongKey(ClassError):
    reason = "class.error.key"


class TooManyGuesses(ClassError):
    reason = "class.error.guesses"


@dataclass(frozen=True)
class Handle:
    code: str
    teacher_key: str


@dataclass(frozen=True)
class View:
    page: str
    query: dict
    revision: int
    title: str
    poll: int | None  # the question the class is asked now, if any
    question: str | None
    revealed: bool


def default_url() -> str:
    """RNNX_DATABASE (any SQLAlchemy URL), else a SQLite file in the app's data folder."""
    url = os.environ.get("RNNX_DATABASE", "").strip()
    if url:
        return url
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DATA_DIR / 'classroom.sqlite'}"


metadata = sa.MetaData()
schema_version = sa.Table(
    "schema_version", metadata, sa.Column("version", sa.Integer, nullable=False)
)
classes = sa.Table(
    "classes",
    metadata,
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("title", sa.String(MAX_TITLE), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("closed", sa.Boolean, nullable=False, default=False),
    sa.Column("page", sa.String(64), nullable=False, default=""),
    sa.Column("query", sa.Text, nullable=False, default="{}"),
    sa.Column("revision", sa.Integer, nullable=False, default=0),
    sa.Column("poll", sa.Integer, nullable=True),
)
students = sa.Table(
    "students",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("code", sa.String(16), sa.ForeignKey("classes.code"), nullable=False, index=True),
    sa.Column("nickname", sa.String(MAX_NICKNAME), nullable=False),
    sa.Column("seen_at", sa.Float, nullable=False),
    sa.Column("following", sa.Boolean, nullable=False, default=True),
)
polls = sa.Table(
    "polls",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(16), sa.ForeignKey("classes.code"), nullable=False, index=True),
    sa.Column("question", sa.String(120), nullable=False),
    sa.Column("revealed", sa.Boolean, nullable=False, default=False),
)
answers = sa.Table(
    "answers",
    metadata,
    sa.Column("poll", sa.Integer, sa.ForeignKey("polls.id"), primary_key=True),
    sa.Column("student", sa.String(32), sa.ForeignKey("students.id"), primary_key=True),
    sa.Column("value", sa.String(MAX_ANSWER), nullable=False),
)
misses = sa.Table(
    "misses",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.Float, nullable=False),
)

# Versioned migrations: each takes a connection and brings the schema one version up. Version 1
# creates the tables; a later change appends a function (never edits an old one).
MIGRATIONS = [lambda conn: metadata.create_all(conn)]


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _clip(text: object, limit: int) -> str:
    """Plain text of at most `limit` characters, without control characters (NUL breaks databases)."""
    clean = "".join(c for c in str(text) if c.isprintable() or c == " ")
    return clean.encode("utf-8", "replace").decode("utf-8")[:limit].strip()


class ClassStore:
    """The live classes, in the database at `url` (default: `default_url()`)."""

    def __init__(self, url: str | None = None, *, clock=time.time) -> None:
        self.url = _driver(url or default_url())
        self.clock = clock
        self._glances: dict[str, tuple] = {}  # code -> (monotonic time read, view, size)
        self._glance_lock = threading.Lock()
        kwargs = {"pool_pre_ping": True}
        if self.url.startswith("sqlite"):
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        self.engine = sa.create_engine(self.url, **kwargs)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self._migrate()

    def _migrate(self) -> None:
        """Bring the schema to the newest version (several processes may race here)."""
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":  # one migrator at a time
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(424242)"))
            schema_version.create(conn, checkfirst=True)
            version = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0
            for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
                migration(conn)
                conn.execute(schema_version.delete())
                conn.execute(schema_version.insert().values(version=number))

    def version(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0

    # The teacher -------------------------------------------------------------------------------
    def open_class(self, title: str) -> Handle:
        key = secrets.token_urlsafe(24)  # 192 random bits, only its hash is stored
        row = {"title": _clip(title, MAX_TITLE), "key_hash": _hash(key), "closed": False}
        row |= {"expires_at": self.clock() + LIFETIME, "page": "", "query": "{}", "revision": 0}
        for _ in range(10):  # a clash among 1e9 codes is rare; try another
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            try:
                with self.engine.begin() as conn:
                    conn.execute(classes.insert().values(code=code, **row))
                return Handle(code, key)
            except sa.exc.IntegrityError:
                continue
        raise ClassError("no free class code")

    def show(self, code: str, teacher_key: str, page: str, query: dict) -> int:
        """The teacher's view becomes the class's: returns its revision (students redraw on it)."""
        text = json.dumps({str(k): str(v) for k, v in query.items()}, sort_keys=True)
        if len(text) > MAX_QUERY:
            raise ClassError("query too long")
        with self.engine.begin() as conn:
            self._teacher(conn, code, teacher_key)
            current = conn.execute(
                sa.select(classes.c.page, classes.c.query, classes.c.revision).where(
                    classes.c.code == code
                )
            ).one()
            if (current.page, current.query) == (page[:64], text):
                return current.revision  # nothing changed: students keep their revision
            conn.execute(
                classes.update()
                .where(classes.c.code == code)
                .values(page=page[:64], query=text, revision=classes.c.revision + 1)
            )
        self._glances.pop(code, None)  # this process's students see it at their next poll
        return current.revision + 1

    def ask(self, code: str, teacher_key: str, question_key: str) -> int:
        """Ask the class one of the page's guided questions: returns the poll's id."""
        with self.engine.begin() as conn:
            self._teacher(conn, code, teacher_key)
            poll = conn.execute(
                polls.insert().values(code=code, question=question_key[:120], revealed=False)
            ).inserted_primary_key[0]
            conn.execute(
                classes.update()
                .where(classes.c.code == code)
                .values(poll=poll, revision=classes.c.revision + 1)
            )
        self._glances.pop(code, None)
        return int(poll)

    def reveal(self, code: str, teacher_key: str, poll_id: int) -> None:
        """Show everyone the answer of `poll_id` (their pages run its Check)."""
        with self.engine.begin() as conn:
            self._teacher(conn, code, teacher_key)
            self._poll(conn, code, poll_id)
            conn.execute(polls.update().where(polls.c.id == poll_id).values(revealed=True))
            conn.execute(
                classes.update()
                .where(classes.c.code == code)
                .values(revision=classes.c.revision + 1)
            )
        self._glances.pop(code, None)

    def tally(self, code: str, teacher_key: str, poll_id: int) -> dict[str, int]:
        """{answer: how many students gave it} for `poll_id`."""
        with self.engine.begin() as conn:
            self._teacher(conn, code, teacher_key)
            self._poll(conn, code, poll_id)
            rows = conn.execute(
                sa.select(answers.c.value, sa.func.count())
                .where(answers.c.poll == poll_id)
                .group_by(answers.c.value)
            )
            return {value: int(count) for value, count in rows}

    def class_size(self, code: str) -> tuple[int, int]:
        """(students seen in the last FOLLOWING_WINDOW seconds, of whom following the teacher)."""
        since = self.clock() - FOLLOWING_WINDOW
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(students.c.following, sa.func.count())
                .where(students.c.code == code, students.c.seen_at >= since)
                .group_by(students.c.following)
            ).all()
        counts = {bool(following): int(n) for following, n in rows}
        return sum(counts.values()), counts.get(True, 0)

    def close_class(self, code: str, teacher_key: str) -> None:
        with self.engine.begin() as conn:
            self._teacher(conn, code, teacher_key)
            conn.execute(classes.update().where(classes.c.code == code).values(closed=True))
        self._glances.pop(code, None)

    def is_teacher(self, code: str, teacher_key: str) -> bool:
        try:
            with self.engine.connect() as conn:
                self._teacher(conn, code, teacher_key)
            return True
        except ClassError:
            return False

    # The students ------------------------------------------------------------------------------
    def follow(self, code: str) -> View | None:
        """The class's current view, or None for an unknown, closed or expired code."""
        with self.engine.connect() as conn:
            row = self._open(conn, code)
            if row is None:
                return None
            question, revealed = None, False
            if row.poll is not None:
                poll = conn.execute(sa.select(polls).where(polls.c.id == row.poll)).one()
                question, revealed = poll.question, bool(poll.revealed)
        query = json.loads(row.query)
        return View(row.page, query, row.revision, row.title, row.poll, question, revealed)

    def glance(self, code: str, max_age: float) -> tuple[View | None, tuple[int, int]]:
        """(`follow(code)`, `class_size(code)`) as read at most `max_age` seconds ago by this
        store: every student of one app process polls the class each second, and they share one
        read (two queries) instead of making two each. A teacher's change reaches them
        `max_age` later at worst."""
        now = time.monotonic()
        with self._glance_lock:  # one reader per process; the others wait for its answer
            entry = self._glances.get(code)
            if entry is None or now - entry[0] > max_age:
                if len(self._glances) > 1000:  # classes that ended long ago
                    self._glances = {c: e for c, e in self._glances.items() if now - e[0] < 60}
                view = self.follow(code)
                entry = (time.monotonic(), view, self.class_size(code) if view else (0, 0))
                self._glances[code] = entry
        return entry[1], entry[2]

    def join(self, code: str, nickname: str = "", client: str = "") -> str:
        """A new student in the class `code`: returns their id (an unknown code raises)."""
        code = _clip(code, 16).upper()
        with self.engine.begin() as conn:
            self._guard(conn, client)
            known = self._open(conn, code) is not None
        if not known:
            with self.engine.begin() as conn:  # its own transaction: the raise must not undo it
                conn.execute(misses.insert().values(client=client[:64], at=self.clock()))
            raise UnknownClass(code)
        with self.engine.begin() as conn:
            student = secrets.token_hex(8)
            name = _clip(nickname, MAX_NICKNAME) or f"student-{student[:4]}"
            conn.execute(
                students.insert().values(
                    id=student, code=code, nickname=name, seen_at=self.clock(), following=True
                )
            )
            return student

    def seen(self, code: str, student_id: str, following: bool) -> None:
        """A student's page checked in (following the teacher or exploring on their own)."""
        with self.engine.begin() as conn:
            conn.execute(
                students.update()
                .where(students.c.id == student_id, students.c.code == code)
                .values(seen_at=self.clock(), following=bool(following))
            )

    def nickname(self, code: str, student_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(students.c.nickname).where(
                    students.c.id == student_id, students.c.code == code
                )
            ).scalar()

    def answer(self, code: str, poll_id: int, student_id: str, value: object) -> None:
        """One answer per student and poll: the last one counts."""
        text = _clip(value, MAX_ANSWER)
        with self.engine.begin() as conn:
            if self._open(conn, code) is None:
                raise UnknownClass(code)
            self._poll(conn, code, poll_id)
            member = conn.execute(
                sa.select(students.c.id).where(students.c.id == student_id, students.c.code == code)
            ).first()
            if member is None:
                raise UnknownClass(code)
            insert = _dialect(self.engine).insert(answers)
            conn.execute(
                insert.values(poll=poll_id, student=student_id, value=text).on_conflict_do_update(
                    index_elements=[answers.c.poll, answers.c.student],
                    set_={"value": insert.excluded.value},
                )
            )

    def my_answer(self, poll_id: int, student_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(answers.c.value).where(
                    answers.c.poll == poll_id, answers.c.student == student_id
                )
            ).scalar()

    # Checks ------------------------------------------------------------------------------------
    def _open(self, conn, code: str):
        row = conn.execute(sa.select(classes).where(classes.c.code == code)).first()
        if row is None or row.closed or row.expires_at < self.clock():
            return None
        return row

    def _teacher(self, conn, code: str, teacher_key: str) -> None:
        row = self._open(conn, code)
        if row is None:
            raise UnknownClass(code)
        if not secrets.compare_digest(row.key_hash, _hash(str(teacher_key))):
            raise WrongKey(code)

    def _poll(self, conn, code: str, poll_id: int) -> None:
        found = conn.execute(
            sa.select(polls.c.id).where(polls.c.id == int(poll_id), polls.c.code == code)
        ).first()
        if found is None:
            raise UnknownClass(f"{code}/{poll_id}")

    def _guard(self, conn, client: str) -> None:
        since = self.clock() - MISS_WINDOW
        recent = conn.execute(
            sa.select(sa.func.count()).where(misses.c.client == client[:64], misses.c.at >= since)
        ).scalar()
        if recent >= MAX_MISSES:
            raise TooManyGuesses(client)


def _driver(url: str) -> str:
    """postgresql://… (as a host gives it) through psycopg 3, the driver requirements.txt installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _dialect(engine):
    """The INSERT … ON CONFLICT of this database (SQLite and PostgreSQL both have it)."""
    return postgresql if engine.dialect.name == "postgresql" else sqlite


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL: readers never wait for the writer, several processes on one machine share the file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
