"""Checks every way of storing a session shares: its course, its hard stops, its overrun."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from cryolog.domain.catalog import protocol
from cryolog.domain.enums import CourseStatus, FindingLevel
from cryolog.domain.errors import FieldError, InvalidInput, RecordNotFound, said
from cryolog.domain.messages import Message, Ref
from cryolog.domain.reasons import check_reason
from cryolog.domain.rules import Finding
from cryolog.domain.schemas import SessionInput
from cryolog.domain.session_state import exposure_limit_s, ran_past_maximum
from cryolog.domain.units import duration_said
from cryolog.services import safety_reads as reads
from cryolog.services.safety import SafetyStop, load_thresholds
from cryolog.services.session_rows import local_day


def require_overrides(findings: list[Finding], overrides: dict[str, str]) -> dict[str, str]:
    """Refuse unless every hard stop has a written override reason (the one reason rule);
    give back the reasons as they will be stored."""
    checked = {}
    for rule, text in overrides.items():
        if text.strip():
            checked[rule] = check_reason(text, f"overrides.{rule}")
    unresolved = [
        f for f in findings if f.level is FindingLevel.HARD_STOP and not checked.get(f.rule)
    ]
    if unresolved:
        raise SafetyStop(findings, unresolved)
    return checked


def with_overrides(values: SessionInput, overrides: dict[str, str]) -> SessionInput:
    return values.model_copy(update={"overrides": overrides})


def require_over_max_note(
    session: Session, values: SessionInput, settings: dict[str, float] | None = None
) -> SessionInput:
    """An exposure past the modality's maximum needs a note saying why (a reason);
    ``settings``: the thresholds when the caller has read them already."""
    settings = settings if settings is not None else load_thresholds(session)
    if not ran_past_maximum(values.modality, values.actual_exposure_s, settings):
        return values
    limit = exposure_limit_s(values.modality, settings) or 0
    if not values.over_max_note.strip():
        raise InvalidInput(
            [FieldError("over_max_note", said("over_max_note", limit=duration_said(limit)))]
        )
    note = check_reason(values.over_max_note, "over_max_note")
    return values.model_copy(update={"over_max_note": note})


def live_patient_facts(session: Session, patient_id: int) -> reads.PatientFacts:
    """What the safety case needs of the patient, refusing an unknown or archived one
    (as ``Service.live_patient``, without loading the patient's record)."""
    facts = reads.patient_facts(reads.connection(session), patient_id)
    if facts is None:
        raise RecordNotFound(Message("db.not_found", what=Ref("record", "patient"), id=patient_id))
    if facts.archived:
        raise InvalidInput([FieldError("patient", said("patient_archived"))])
    return facts


def check_course(
    session: Session, patient_id: int, values: SessionInput, amending: bool = False
) -> reads.CourseFacts | None:
    """Refuse a session its course cannot take; give back what the safety case reads of
    the course (a caller that passes it on spares the case reading it again)."""
    if local_day(values) > date.today():
        raise InvalidInput([FieldError("started_at", said("future", day=local_day(values)))])
    if values.course_id is None:
        return None
    course = reads.course_facts(reads.connection(session), values.course_id)
    if course is None or course.patient_id != patient_id:
        raise InvalidInput([FieldError("course_id", said("not_patient_course"))])
    if course.status != CourseStatus.OPEN.value and not amending:
        raise InvalidInput([FieldError("course_id", said("course_closed"))])
    if local_day(values) < course.started_on:
        started = course.started_on
        raise InvalidInput([FieldError("started_at", said("before_course_start", started=started))])
    spec = protocol(course.protocol_id)
    if not spec.allows(values.modality):
        allowed = tuple(Ref("modality", m) for m in spec.modalities)
        wrong = said(
            "modality_not_in_protocol",
            modality=Ref("modality", values.modality),
            protocol=Ref("protocol", spec.id),
            allowed=allowed,
        )
        raise InvalidInput([FieldError("modality", wrong)])
    return course
