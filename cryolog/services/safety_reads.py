"""What the safety case reads of the database: only the columns the rules need, as rows.

Every read is a Core SELECT on the tables (no ORM objects, no identity map), run on the
unit of work's connection after its pending changes are flushed, so it sees what an ORM
query would. Portable: the same statements run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Select, Table, bindparam, or_, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from cryolog.db.models import (
    Clearance,
    ClinicalThreshold,
    ColdTest,
    Consent,
    Course,
    Patient,
    Screening,
    ScreeningAnswer,
    TreatmentSession,
)
from cryolog.domain.session_state import COUNTED_STATES
from cryolog.domain.thresholds import merged


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


PATIENT = _table(Patient)
COURSE = _table(Course)
SCREENING = _table(Screening)
ANSWER = _table(ScreeningAnswer)
CLEARANCE = _table(Clearance)
CONSENT = _table(Consent)
COLD_TEST = _table(ColdTest)
SESSION = _table(TreatmentSession)
THRESHOLD = _table(ClinicalThreshold)

COUNTED = [state.value for state in COUNTED_STATES]
"""Running and later sessions count for the rules; drafts (and abandoned ones) do not."""


def connection(session: Session) -> Connection:
    """The unit of work's connection, with what it holds in memory written first (the
    autoflush an ORM query would do)."""
    if session.autoflush:  # not inside ``no_autoflush``, as an ORM query
        session.flush()
    return session.connection()


class PatientFacts(NamedTuple):
    birth_date: date
    height_cm: float | None
    archived: bool


class CourseFacts(NamedTuple):
    id: int
    patient_id: int
    protocol_id: str
    status: str
    started_on: date


_PATIENT = select(PATIENT.c.birth_date, PATIENT.c.height_cm, PATIENT.c.archived_at).where(
    PATIENT.c.id == bindparam("patient")
)
_COURSE = select(
    COURSE.c.id, COURSE.c.patient_id, COURSE.c.protocol_id, COURSE.c.status, COURSE.c.started_on
).where(COURSE.c.id == bindparam("course"))
_THRESHOLDS = select(THRESHOLD.c.name, THRESHOLD.c.value)


def patient_facts(conn: Connection, patient_id: int) -> PatientFacts | None:
    row = conn.execute(_PATIENT, {"patient": patient_id}).first()
    return None if row is None else PatientFacts(row[0], row[1], row[2] is not None)


def course_facts(conn: Connection, course_id: int) -> CourseFacts | None:
    row = conn.execute(_COURSE, {"course": course_id}).first()
    return None if row is None else CourseFacts(*row)


def thresholds(conn: Connection) -> dict[str, float]:
    """Every clinical threshold: the stored values over the defaults."""
    return merged({row[0]: row[1] for row in conn.execute(_THRESHOLDS)})


def _live(table: Table) -> Any:
    """Not-archived records of the patient ``:patient`` on or before ``:day``."""
    return (table.c.patient_id == bindparam("patient"), table.c.archived_at.is_(None))


_s = SCREENING.c
_LATEST_SCREENING = (
    select(_s.id)
    .where(*_live(SCREENING), _s.screened_on <= bindparam("day"))
    .order_by(_s.screened_on.desc(), _s.id.desc())
    .limit(1)
    .scalar_subquery()
)
_SCREENING = (
    select(_s.screened_on, ANSWER.c.condition_id, ANSWER.c.answer)
    .select_from(SCREENING.outerjoin(ANSWER, ANSWER.c.screening_id == _s.id))
    .where(_s.id == _LATEST_SCREENING)
    .order_by(ANSWER.c.condition_id)
)
_c = CLEARANCE.c
_CLEARANCE = (
    select(_c.issued_on, _c.ecg, _c.blood, _c.urine, _c.valid_until)
    .where(*_live(CLEARANCE), _c.issued_on <= bindparam("day"))
    .order_by(_c.issued_on.desc(), _c.id.desc())
    .limit(1)
)
_k = CONSENT.c
_CONSENT = (
    select(_k.signed_on, _k.form_version)
    .where(*_live(CONSENT), _k.signed_on <= bindparam("day"))
    .order_by(_k.form_version.desc(), _k.signed_on.desc())
    .limit(1)
)

COLD_TEST_COLUMNS = (
    "kind",
    "performed_on",
    "contact_s",
    "ice_result",
    "antihistamine_48h",
    "read_after_min",
    "bp_before_sys",
    "bp_before_dia",
    "bp_after_sys",
    "bp_after_dia",
    "water_c",
    "immersion_s",
    "ctt_c",
)
"""What the rules read of a cold test (``safety.cold_test_case``)."""

_t = COLD_TEST.c
_COLD_TESTS = (
    select(*(_t[name] for name in COLD_TEST_COLUMNS))
    .where(*_live(COLD_TEST), _t.performed_on <= bindparam("day"))
    .order_by(_t.performed_on, _t.id)
)
_o = COURSE.c
_PREVIOUS_COURSES = (
    select(_o.protocol_id, _o.started_on, _o.ended_on)
    .where(
        _o.patient_id == bindparam("patient"),
        _o.id != bindparam("course"),
        _o.archived_at.is_(None),
        _o.started_on <= bindparam("started"),
    )
    .order_by(_o.started_on)
)


def screening(conn: Connection, patient_id: int, day: date) -> tuple[date, list[Any]] | None:
    """The latest live screening on or before ``day`` and its answers (condition order):
    one statement."""
    rows = conn.execute(_SCREENING, {"patient": patient_id, "day": day}).all()
    if not rows:
        return None
    return rows[0][0], [row for row in rows if row[1] is not None]


def clearance(conn: Connection, patient_id: int, day: date) -> Any:
    return conn.execute(_CLEARANCE, {"patient": patient_id, "day": day}).first()


def consent(conn: Connection, patient_id: int, day: date) -> Any:
    return conn.execute(_CONSENT, {"patient": patient_id, "day": day}).first()


def cold_tests(conn: Connection, patient_id: int, day: date) -> Sequence[Any]:
    return conn.execute(_COLD_TESTS, {"patient": patient_id, "day": day}).all()


def previous_courses(conn: Connection, course: CourseFacts) -> Sequence[Any]:
    params = {"patient": course.patient_id, "course": course.id, "started": course.started_on}
    return conn.execute(_PREVIOUS_COURSES, params).all()


STARTED_TYPE = SESSION.c.started_at.type
"""The start's column type: its result conversion is applied once per stored value
(``past_sessions``), so the start is selected as the driver gives it."""

_PAST_COLUMNS = (
    type_coerce(SESSION.c.started_at, NullType()).label("started_at"),
    SESSION.c.modality,
    SESSION.c.actual_exposure_s,
    SESSION.c.duration_s,
    SESSION.c.nrs_pre,
    SESSION.c.nrs_post,
)
"""What the rules read of an earlier session: selected as columns, never as whole sessions
with their areas, pain zones and findings (a 500-session course reads 500 short rows)."""

_e = SESSION.c
_COUNTED = (_e.archived_at.is_(None), _e.state.in_(COUNTED), _e.id != bindparam("exclude"))
COURSE_SESSIONS = select(*_PAST_COLUMNS, _e.id).where(
    _e.course_id == bindparam("course"), *_COUNTED
)
"""The course's counted sessions as the rules read them (their id last); unordered:
sorted in memory, so the read is one search of the course's index."""

_SAME_DAY = (_e.patient_id == bindparam("patient"), _e.session_date == bindparam("day"))
SAME_DAY = select(*_PAST_COLUMNS, _e.id).where(
    *_SAME_DAY,
    *_COUNTED,
    or_(_e.course_id.is_(None), _e.course_id != bindparam("course")),
)
"""The patient's other counted sessions of ``:day`` outside the course ``:course`` (their
id last)."""
SAME_DAY_NO_COURSE = select(*_PAST_COLUMNS, _e.id).where(*_SAME_DAY, *_COUNTED)
"""The patient's other counted sessions of ``:day`` (for a session in no course)."""


def course_sessions(conn: Connection, course_id: int, exclude: int | None) -> Sequence[Any]:
    """As plain tuples (compared and hashed in C: they are ``past_sessions``' keys)."""
    params = {"course": course_id, "exclude": exclude or -1}
    return [tuple(row) for row in conn.execute(COURSE_SESSIONS, params).all()]


def same_day(
    conn: Connection, patient_id: int, course_id: int | None, day: date, exclude: int | None
) -> Sequence[Any]:
    params = {"patient": patient_id, "day": day, "exclude": exclude or -1}
    if course_id is None:
        rows = conn.execute(SAME_DAY_NO_COURSE, params)
    else:
        rows = conn.execute(SAME_DAY, {**params, "course": course_id})
    return [tuple(row) for row in rows.all()]


def course_sessions_query(course_id: int, exclude_session: int | None) -> Select[Any]:
    """``COURSE_SESSIONS`` with its values bound (to look at its plan)."""
    return COURSE_SESSIONS.params(course=course_id, exclude=exclude_session or -1)


def same_day_query(
    patient_id: int, course_id: int | None, day: date, exclude_session: int | None
) -> Select[Any]:
    """``SAME_DAY`` with its values bound (to look at its plan)."""
    params = {"patient": patient_id, "day": day, "exclude": exclude_session or -1}
    if course_id is None:
        return SAME_DAY_NO_COURSE.params(params)
    return SAME_DAY.params(params, course=course_id)
