"""Keeping ``course_due`` exact: each open course's next due date, its count of sessions,
and what the day plan shows with them (protocol, target, the patient's name).

The date depends only on the course (protocol, start, planned sessions, status, archive)
and its counted sessions (their dates, states and archive): the protocols' schedule numbers
are the catalog's, no practice threshold enters it. The rest comes from the course and its
patient (names, archive). So every write that can change a row is a flush of a
``TreatmentSession``, ``Course`` or ``Patient`` row, and the writing unit of work
(``KeepingSession``, whose class carries the listeners) works the courses it touches out
again after each flush, in the same transaction: a session saved, stopped, signed,
amended, moved to another course, voided or abandoned; a course opened, closed, voided,
edited or moved to another patient; a patient renamed, archived or brought back. Bulk
loads that bypass the unit of work (the demo writer, the migration that adds the table)
call ``refresh`` or ``rebuild`` themselves; a patient erased takes the rows with it (they
carry ``patient_id``, and cascade).

Writers are serialised (SQLite's ``BEGIN IMMEDIATE``; on a server, the advisory lock every
write transaction takes first), so a refresh reads every committed session of its course.

The table is derived data, like the search keys: it is not a clinical record and the audit
trail does not cover it (``NOT_AUDITED``); the rows it derives from are audited, and a row
found different from what they give is worked out again, never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from itertools import chain
from typing import Any, cast

from sqlalchemy import Integer, String, Table, bindparam, delete, event, insert, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.sql.elements import BindParameter, TextClause

from cryolog.db.database import as_date
from cryolog.db.models import Course, Patient, TreatmentSession
from cryolog.db.models.course_due import CourseDue
from cryolog.domain.catalog import PROTOCOLS, Protocol
from cryolog.domain.enums import CourseStatus
from cryolog.domain.schedule import WEEK_DAYS, min_interval
from cryolog.domain.session_state import COUNTED_STATES

COUNTED = [s.value for s in COUNTED_STATES]
TABLE = cast(Table, CourseDue.__table__)
PER_STATEMENT = 500
"""Courses worked out (and their rows replaced) per statement, well inside any bind limit."""

SESSION_FIELDS: tuple[str, ...] = ("course_id", "session_date", "state", "archived_at")
PATIENT_FIELDS: tuple[str, ...] = ("family_name", "given_name", "middle_name", "archived_at")
COURSE_FIELDS: tuple[str, ...] = (
    "patient_id",
    "status",
    "archived_at",
    "protocol_id",
    "started_on",
    "planned_sessions",
)
"""The columns a row depends on: a change to another one (a note, a temperature, a phone
number) leaves the rows as they are."""

_COUNTED_LIVE = "archived_at IS NULL AND state IN :counted"


def _nth_latest_sql() -> str:
    """The date that decides a weekly limit of L sessions: the course's L-th latest counted
    session (a CASE on the protocol, so each course runs one subquery, on its index)."""
    whens = [
        f"WHEN '{p.id}' THEN (SELECT session_date FROM treatment_session"
        f" WHERE course_id = c.id AND {_COUNTED_LIVE}"
        f" ORDER BY session_date DESC LIMIT 1 OFFSET {int(p.max_per_7_days) - 1})"
        for p in PROTOCOLS.values()
        if p.max_per_7_days
    ]
    return f"CASE c.protocol_id {' '.join(whens)} END" if whens else "NULL"


_FACTS_SQL = f"""
SELECT c.id, c.patient_id, c.protocol_id, c.started_on, c.planned_sessions,
       p.family_name, p.given_name, p.middle_name,
       (SELECT count(*) FROM treatment_session
         WHERE course_id = c.id AND {_COUNTED_LIVE}) AS done,
       (SELECT max(session_date) FROM treatment_session
         WHERE course_id = c.id AND {_COUNTED_LIVE}) AS last,
       {_nth_latest_sql()} AS nth_latest
FROM course c JOIN patient p ON p.id = c.patient_id
WHERE c.status = '{CourseStatus.OPEN.value}' AND c.archived_at IS NULL
  AND p.archived_at IS NULL
"""
_PATIENTS_COURSES_SQL = "SELECT id FROM course WHERE patient_id IN :ids"


def _counted(sql: str, *expanding: str) -> TextClause:
    params: list[BindParameter[Any]] = [bindparam("counted", expanding=True, type_=String())]
    params += [bindparam(name, expanding=True, type_=Integer()) for name in expanding]
    return text(sql).bindparams(*params)


ALL_FACTS = _counted(_FACTS_SQL)
SOME_FACTS = _counted(_FACTS_SQL + " AND c.id IN :ids", "ids")
PATIENTS_COURSES = text(_PATIENTS_COURSES_SQL).bindparams(
    bindparam("ids", expanding=True, type_=Integer())
)


def display_name(family: str, given: str, middle: str) -> str:
    """A patient's name as the day plan lists it."""
    return " ".join(p for p in (family, given, middle) if p)


def next_due(
    proto: Protocol, started: object, target: int | None, done: int, last: object, nth: object
) -> date | None:
    """The first day the protocol allows the course's next session: the start with no
    session yet, else the minimum interval after the last one and, under a weekly limit of
    L, no sooner than a week after the L-th latest (the first day one more keeps every 7
    days within the limit). None when the course has done its sessions."""
    if target is not None and done >= target:
        return None
    if last is None:
        return as_date(started)
    earliest = as_date(last) + timedelta(days=min_interval(proto))
    if proto.max_per_7_days is not None and nth is not None:
        earliest = max(earliest, as_date(nth) + timedelta(days=WEEK_DAYS))
    return earliest


def _rows(facts: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for cid, pid, proto_id, started, planned, family, given, middle, done, last, nth in facts:
        proto = PROTOCOLS.get(proto_id)
        if proto is None:  # not a protocol this version knows: no date to work out
            continue
        target = planned if planned is not None else proto.max_sessions
        due = next_due(proto, started, target, int(done), last, nth)
        if due is not None:
            name = display_name(family, given, middle)
            rows.append(
                {
                    "next_due": due,
                    "name_key": name.casefold(),
                    "course_id": int(cid),
                    "patient_id": int(pid),
                    "protocol_id": proto_id,
                    "sessions_done": int(done),
                    "sessions_planned": target,
                    "patient_name": name,
                }
            )
    return rows


def refresh(conn: Connection, course_ids: Iterable[int]) -> None:
    """Work the rows of these courses out again from the course and session rows."""
    table = TABLE
    ids = sorted(set(course_ids))
    for at in range(0, len(ids), PER_STATEMENT):
        chunk = ids[at : at + PER_STATEMENT]
        conn.execute(delete(table).where(table.c.course_id.in_(chunk)))
        rows = _rows(conn.execute(SOME_FACTS, {"counted": COUNTED, "ids": chunk}))
        if rows:
            conn.execute(insert(table), rows)


def rebuild(conn: Connection) -> int:
    """Every row worked out again from scratch (the migration's fill); rows written."""
    table = TABLE
    conn.execute(delete(table))
    rows = _rows(conn.execute(ALL_FACTS, {"counted": COUNTED}))
    for at in range(0, len(rows), 10 * PER_STATEMENT):
        conn.execute(insert(table), rows[at : at + 10 * PER_STATEMENT])
    return len(rows)


def _changed(obj: object, fields: Sequence[str]) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in fields)


def _values(obj: object, name: str) -> list[int]:
    """The column's value and, when the flush changed it, the one it had before (as held in
    memory: after the flush a removed row's value cannot be loaded; ``_before_flush`` has
    taken the removed rows' keys while it still could)."""
    state = inspect(obj)
    history = state.attrs[name].history
    return [v for v in chain(history.sum(), [state.dict.get(name)]) if v is not None]


def _watched(obj: object) -> tuple[str, Sequence[str], bool] | None:
    """Where an object's rows go (its course's key, its fields, whether a patient's)."""
    if isinstance(obj, TreatmentSession):
        return "course_id", SESSION_FIELDS, False
    if isinstance(obj, Course):
        return "id", COURSE_FIELDS, False
    if isinstance(obj, Patient):
        return "id", PATIENT_FIELDS, True
    return None


def touched(session: Session) -> tuple[set[int], set[int]]:
    """The courses, and the patients (whose every course), whose rows this flush may have
    moved: called while the flush's objects are still listed as new, dirty and removed."""
    courses: set[int] = set()
    patients: set[int] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        watched = _watched(obj)
        if watched is None:
            continue
        key, fields, of_patient = watched
        if of_patient and obj not in session.dirty:
            continue  # a new patient has no course yet; a removed one takes its rows
        if obj not in session.dirty or _changed(obj, fields):
            (patients if of_patient else courses).update(_values(obj, key))
    return courses, patients


_REMOVED = "course_due.removed"
"""``session.info`` key: the courses of the rows the coming flush removes."""


def _before_flush(session: Session, _context: UOWTransaction, _objects: object) -> None:
    """Take the course of every removed session or course now, loading it if it is not in
    memory (once the flush has deleted the row, it could not be)."""
    removed: set[int] = session.info.setdefault(_REMOVED, set())
    for obj in session.deleted:
        watched = _watched(obj)
        if watched is not None and not watched[2]:
            value = getattr(obj, watched[0])
            if value is not None:
                removed.add(int(value))


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    courses, patients = touched(session)
    courses.update(session.info.pop(_REMOVED, ()))
    if patients:
        conn = session.connection()
        ids = sorted(patients)
        for at in range(0, len(ids), PER_STATEMENT):
            chunk = {"ids": ids[at : at + PER_STATEMENT]}
            courses.update(int(c) for (c,) in conn.execute(PATIENTS_COURSES, chunk))
    if courses:
        refresh(session.connection(), courses)


def _after_rollback(session: Session) -> None:
    session.info.pop(_REMOVED, None)


class KeepingSession(Session):
    """The unit of work every write of cryolog runs in (``Database.write``): after each
    flush, in the same transaction, the ``course_due`` rows of the courses it touched are
    worked out again.

    The listeners are the class's own, registered once when this module is imported, on a
    class that lives as long as the program: a sessionmaker made with ``class_=KeepingSession``
    makes a subclass, which inherits them, however many databases are opened and let go.
    (Listening on each sessionmaker instead kept a registry entry keyed by the id of the
    per-maker class; once a disposed database's class was collected, a new one could get
    its id, the registry said it was listened to already, and that database's writes left
    ``course_due`` as it was.)"""


event.listen(KeepingSession, "before_flush", _before_flush)
event.listen(KeepingSession, "after_flush", _after_flush)
event.listen(KeepingSession, "after_rollback", _after_rollback)


_COUNTED_LIST = "(" + ", ".join(f"'{state}'" for state in COUNTED) + ")"  # the enum's values
PLAIN_FACTS = _FACTS_SQL.replace(":counted", _COUNTED_LIST)
PLAIN_KEPT = (
    "SELECT next_due, name_key, course_id, patient_id, protocol_id, sessions_done,"
    " sessions_planned, patient_name FROM course_due"
)
"""The fill's read and the kept rows as plain SQL (no parameters), for a check that reads
the file through the standard library."""


def differing(facts: Iterable[Sequence[Any]], kept: Iterable[Sequence[Any]]) -> list[int]:
    """The courses whose kept row (``PLAIN_KEPT``) is not what their facts
    (``PLAIN_FACTS``) give, a row missing or left over included: none when the table is
    exact."""
    wanted = {int(r["course_id"]): tuple(_key(r)) for r in _rows(facts)}
    found = {
        int(r[2]): (as_date(r[0]), r[1], int(r[2]), int(r[3]), r[4], int(r[5]), r[6], r[7])
        for r in kept
    }
    return sorted(c for c in wanted.keys() | found.keys() if wanted.get(c) != found.get(c))


def _key(row: dict[str, Any]) -> list[Any]:
    return [row[c.name] for c in TABLE.columns]
