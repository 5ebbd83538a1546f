"""The course summary's input read with plain SQL on an SQLite file, in one read
transaction: the same ``CourseSummaryInput`` as ``DocumentService.course_summary`` (the
same rows, the same order, the same DTOs), without SQLAlchemy, the models or the services.

``cryolog report course N`` starts a fresh process for one document; importing the ORM
and configuring every model cost it more than the whole read. The queries are those the
ORM read issues (live rows only; sessions running or later, by start time; child rows by
position); tests/services/test_summary_read.py compares both reads for every course of a
demo practice.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from functools import lru_cache
from typing import Any

from cryolog.domain.errors import FieldError, InvalidInput, RecordNotFound, said
from cryolog.domain.locale import WINDOW_LANGUAGES
from cryolog.domain.locale import current as current_locale
from cryolog.domain.messages import Message, Ref
from cryolog.domain.session_state import COUNTED_STATES
from cryolog.domain.thresholds import merged
from cryolog.services.document_inputs import CourseSummaryInput
from cryolog.services.dto import (
    AdverseEventDTO,
    AreaDTO,
    AssessmentDTO,
    BPReadingDTO,
    ClearanceDTO,
    ColdTestDTO,
    ConsentDTO,
    CourseDTO,
    FindingDTO,
    PainZoneDTO,
    PatientDTO,
    PracticeDTO,
    ScreeningDTO,
    SessionDTO,
)
from cryolog.services.plain_rows import PlainReader

COUNTED = tuple(state.value for state in COUNTED_STATES)
_CHILDREN = {
    "areas": (AreaDTO, "session_area"),
    "pain_zones": (PainZoneDTO, "session_pain_zone"),
    "bp_readings": (BPReadingDTO, "session_bp_reading"),
}


def read_course_summary(
    conn: sqlite3.Connection,
    course_id: int,
    today: date | None = None,
    language: str | None = None,
) -> CourseSummaryInput:
    """The summary of course ``course_id`` (RecordNotFound when there is none) read on
    ``conn`` (a connection from the storage seam) inside one read transaction."""
    chosen = language or current_locale().language
    if chosen not in WINDOW_LANGUAGES:
        raise InvalidInput([FieldError("language", said("one_of", choices="en, ru"))])
    conn.execute("BEGIN")
    try:
        return _read(PlainReader(conn), course_id, today or date.today(), chosen)
    finally:
        conn.execute("ROLLBACK")  # nothing was written: the snapshot is let go


def _one(sql: PlainReader, cls: type[Any], table: str, record_id: int) -> Any:
    shape = sql.shape(cls, table)
    found = sql.rows(f"SELECT {shape.select()} FROM {table} WHERE id = :id", {"id": record_id})
    if not found:
        raise RecordNotFound(Message("db.not_found", what=Ref("record", table), id=record_id))
    return shape.build(found[0])


def _read(sql: PlainReader, course_id: int, today: date, language: str) -> CourseSummaryInput:
    course: CourseDTO = _one(sql, CourseDTO, "course", course_id)
    pid = course.patient_id
    sessions = _sessions(sql, course_id)
    thresholds = merged(dict(sql.rows("SELECT name, value FROM clinical_threshold")))
    return CourseSummaryInput(
        practice=_one(sql, PracticeDTO, "practice", 1),
        patient=_one(sql, PatientDTO, "patient", pid),
        course=course,
        sessions=sessions,
        screening=_screening(sql, pid),
        clearance=_latest(sql, ClearanceDTO, "clearance", "issued_on", pid),
        consent=_latest(sql, ConsentDTO, "consent", "signed_on", pid),
        consent_form_version=int(thresholds["consent_form_version"]),
        screening_valid_days=int(thresholds["screening_valid_days"]),
        cold_tests=_listed(sql, ColdTestDTO, "cold_test", "patient_id", pid, "performed_on"),
        cold_pressor_max_rise_mmhg=float(thresholds["cold_pressor_max_rise_mmhg"]),
        adverse_events=_adverse_events(sql, course, sessions),
        assessments=_listed(
            sql, AssessmentDTO, "assessment", "course_id", course_id, "assessed_on"
        ),
        generated_on=today,
        language=language,
    )


def _latest(sql: PlainReader, cls: type[Any], table: str, day: str, pid: int) -> Any:
    """The patient's newest live record of ``table`` (by ``day``, then id)."""
    shape = sql.shape(cls, table)
    found = sql.rows(
        f"SELECT {shape.select()} FROM {table} WHERE patient_id = :p AND archived_at IS NULL"
        f" ORDER BY {day} DESC, id DESC LIMIT 1",
        {"p": pid},
    )
    return shape.build(found[0]) if found else None


def _listed(
    sql: PlainReader, cls: type[Any], table: str, owner: str, key: int, day: str
) -> tuple[Any, ...]:
    shape = sql.shape(cls, table)
    rows = sql.rows(
        f"SELECT {shape.select()} FROM {table} WHERE {owner} = :k AND archived_at IS NULL"
        f" ORDER BY {day}, id",
        {"k": key},
    )
    return tuple(shape.build(row) for row in rows)


def _screening(sql: PlainReader, pid: int) -> ScreeningDTO | None:
    shape = sql.shape(ScreeningDTO, "screening", ("answers",))
    found = sql.rows(
        f"SELECT id, {shape.select()} FROM screening WHERE patient_id = :p"
        " AND archived_at IS NULL ORDER BY screened_on DESC, id DESC LIMIT 1",
        {"p": pid},
    )
    if not found:
        return None
    answers = sql.rows(
        "SELECT condition_id, answer FROM screening_answer WHERE screening_id = :s"
        " ORDER BY condition_id",
        {"s": found[0][0]},
    )
    result: ScreeningDTO = shape.build(found[0][1:], answers=dict(answers))
    return result


_LIVE_SESSIONS = (
    "FROM treatment_session WHERE course_id = :c AND archived_at IS NULL"
    f" AND state IN ({', '.join(repr(state) for state in COUNTED)})"
)


def _sessions(sql: PlainReader, course_id: int) -> tuple[SessionDTO, ...]:
    shape = sql.shape(SessionDTO, "treatment_session", (*_CHILDREN, "findings"))
    params = {"c": course_id}
    rows = sql.rows(f"SELECT id, {shape.select()} {_LIVE_SESSIONS} ORDER BY started_at, id", params)
    children: dict[str, dict[int, list[Any]]] = {}
    for key, (cls, table) in _CHILDREN.items():
        children[key] = _children(sql, cls, table, params)
    children["findings"] = _findings(sql, params)
    return tuple(
        shape.build(
            row[1:],
            **{key: tuple(found.get(row[0], ())) for key, found in children.items()},
        )
        for row in rows
    )


def _children(
    sql: PlainReader, cls: type[Any], table: str, params: dict[str, int]
) -> dict[int, list[Any]]:
    """The child rows of the course's live sessions, by session, in position order."""
    shape = sql.shape(cls, table)
    found: dict[int, list[Any]] = {}
    for row in sql.rows(
        f"SELECT session_id, {shape.select()} FROM {table}"
        f" WHERE session_id IN (SELECT id {_LIVE_SESSIONS}) ORDER BY session_id, position",
        params,
    ):
        found.setdefault(row[0], []).append(shape.build(row[1:]))
    return found


def _findings(sql: PlainReader, params: dict[str, int]) -> dict[int, list[FindingDTO]]:
    found: dict[int, list[FindingDTO]] = {}
    for sid, rule, level, message, override, key, values, shown in sql.rows(
        "SELECT session_id, rule, level, message, override_reason, message_key,"
        " message_values, shown_language FROM session_finding"
        f" WHERE session_id IN (SELECT id {_LIVE_SESSIONS}) ORDER BY session_id, position",
        params,
    ):
        stored = None if key is None else _stored_message(key, values)
        found.setdefault(sid, []).append(
            FindingDTO(
                rule=rule,
                level=level,
                message=message,
                override_reason=override,
                said=stored,
                shown_language=shown,
            )
        )
    return found


@lru_cache(maxsize=1024)
def _stored_message(key: str, values_json: str | None) -> Message:
    return Message.stored(key, values_json)


def _adverse_events(
    sql: PlainReader, course: CourseDTO, sessions: tuple[SessionDTO, ...]
) -> tuple[AdverseEventDTO, ...]:
    """Events of the course's sessions, and unlinked ones during the course."""
    ids = {x.id for x in sessions}
    end = course.ended_on or date.max
    events: tuple[AdverseEventDTO, ...] = _listed(
        sql, AdverseEventDTO, "adverse_event", "patient_id", course.patient_id, "onset_on"
    )
    return tuple(
        e
        for e in events
        if e.session_id in ids or (e.session_id is None and course.started_on <= e.onset_on <= end)
    )
