"""Build the rule engine's case from what the database holds, and evaluate it."""

from __future__ import annotations

from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cryolog.domain.enums import Answer, AreaKind, ColdTestKind, FindingLevel, IceCubeResult
from cryolog.domain.errors import SafetyStop
from cryolog.domain.rules import Finding, evaluate
from cryolog.domain.rules import case as rc
from cryolog.domain.schemas import SessionInput
from cryolog.services import safety_reads as reads
from cryolog.services.past_sessions import PastSessions, local_naive
from cryolog.services.record_reads import load_thresholds

__all__ = ["Finding", "SafetyStop", "build_case", "evaluate_for_session", "load_thresholds"]


PAST = PastSessions()
"""Earlier sessions as the rules see them, made once per stored row (``past_sessions``)."""


def evaluate_for_session(
    session: Session,
    patient_id: int,
    values: SessionInput,
    *,
    exclude_session: int | None,
    settings: dict[str, float] | None = None,
    patient: reads.PatientFacts | None = None,
    course: reads.CourseFacts | None = None,
) -> list[Finding]:
    case = build_case(session, patient_id, values, exclude_session, settings, patient, course)
    return evaluate(case)


def build_case(
    session: Session,
    patient_id: int,
    values: SessionInput,
    exclude_session: int | None,
    settings: dict[str, float] | None = None,
    patient: reads.PatientFacts | None = None,
    course: reads.CourseFacts | None = None,
) -> rc.Case:
    """The rules' case; ``settings``, ``patient``, ``course``: what the caller has read
    already in this unit of work (the thresholds, the patient, the session's course)."""
    as_of = local_naive(values.started_at)
    day = as_of.date()
    conn = reads.connection(session)
    PAST.check_zone()
    patient = patient or reads.patient_facts(conn, patient_id)
    if patient is None:
        raise LookupError(f"no patient {patient_id}")
    if course is None and values.course_id is not None:
        course = reads.course_facts(conn, values.course_id)
    return rc.Case(
        as_of=as_of,
        patient=rc.Patient(patient.birth_date, patient.height_cm),
        session=_proposed(values),
        screening=_screening_of(conn, patient_id, day),
        clearance=_clearance_of(conn, patient_id, day),
        consent=_consent_of(conn, patient_id, day),
        cold_tests=_cold_tests_of(conn, patient_id, day),
        course=_course(conn, course, as_of, exclude_session),
        other_sessions=_other_sessions(conn, patient_id, values.course_id, day, exclude_session),
        settings=settings if settings is not None else reads.thresholds(conn),
    )


def _bp(systolic: int | None, diastolic: int | None) -> rc.BloodPressure | None:
    if systolic is None or diastolic is None:
        return None
    return rc.BloodPressure(systolic, diastolic)


def _proposed(values: SessionInput) -> rc.ProposedSession:
    return rc.ProposedSession(
        modality=values.modality,
        duration_s=values.duration_s,
        temp_c=values.set_temp.celsius if values.set_temp else None,
        bp_pre=_bp(
            *(values.bp_pre.systolic, values.bp_pre.diastolic) if values.bp_pre else (None, None)
        ),
        hr_pre=values.hr_pre,
        spo2_pre=values.spo2_pre,
        bp_post=_bp(
            *(values.bp_post.systolic, values.bp_post.diastolic) if values.bp_post else (None, None)
        ),
        checklist=values.checklist.model_dump(),
        areas=tuple(
            rc.Area(a.site, a.area_dm2, a.exposure_s, AreaKind(a.kind))
            for a in values.areas
            if a.area_dm2 is not None and a.exposure_s is not None
        ),
        direct_skin_contact=values.direct_skin_contact,
        skin_temp_before_c=values.skin_temp_before_c,
        skin_temp_after_c=values.skin_temp_after_c,
        nrs_pre=values.nrs_pre,
        nrs_post=values.nrs_post,
    )


def _screening(session: Session, patient_id: int, day: date) -> rc.Screening | None:
    return _screening_of(reads.connection(session), patient_id, day)


def _clearance(session: Session, patient_id: int, day: date) -> rc.Clearance | None:
    return _clearance_of(reads.connection(session), patient_id, day)


def _consent(session: Session, patient_id: int, day: date) -> rc.Consent | None:
    return _consent_of(reads.connection(session), patient_id, day)


def _cold_tests(session: Session, patient_id: int, day: date) -> tuple[rc.ColdTest, ...]:
    return _cold_tests_of(reads.connection(session), patient_id, day)


def _screening_of(conn: Connection, patient_id: int, day: date) -> rc.Screening | None:
    found = reads.screening(conn, patient_id, day)
    if found is None:
        return None
    screened_on, answers = found
    return rc.Screening(screened_on, {row[1]: Answer(row[2]) for row in answers})


def _clearance_of(conn: Connection, patient_id: int, day: date) -> rc.Clearance | None:
    row = reads.clearance(conn, patient_id, day)
    if row is None:
        return None
    issued_on, ecg, blood, urine, valid_until = row
    return rc.Clearance(issued_on, ecg, blood, urine, valid_until)


def _consent_of(conn: Connection, patient_id: int, day: date) -> rc.Consent | None:
    row = reads.consent(conn, patient_id, day)
    return None if row is None else rc.Consent(row[0], row[1])


def _cold_tests_of(conn: Connection, patient_id: int, day: date) -> tuple[rc.ColdTest, ...]:
    rows = reads.cold_tests(conn, patient_id, day)
    return tuple(test for row in rows if (test := cold_test_case(row)) is not None)


def cold_test_case(row: Any) -> rc.ColdTest | None:
    """A cold test as the rules see it (``row``: a stored test, or its row of columns)."""
    kind = ColdTestKind(row.kind)
    if kind is ColdTestKind.ICE_CUBE and row.contact_s is not None and row.ice_result:
        return rc.IceCubeTest(
            row.performed_on,
            row.contact_s,
            IceCubeResult(row.ice_result),
            bool(row.antihistamine_48h),
            row.read_after_min,
        )
    if kind is ColdTestKind.COLD_PRESSOR:
        before = _bp(row.bp_before_sys, row.bp_before_dia)
        after = _bp(row.bp_after_sys, row.bp_after_dia)
        if before and after:
            return rc.ColdPressorTest(row.performed_on, before, after, row.water_c, row.immersion_s)
        return None
    if kind is ColdTestKind.TEMP_THRESHOLD:
        return rc.TempThresholdTest(row.performed_on, row.ctt_c)
    return None


COUNTED = reads.COUNTED
course_sessions_query = reads.course_sessions_query
same_day_query = reads.same_day_query


def _course(
    conn: Connection, course: reads.CourseFacts | None, as_of: datetime, exclude: int | None
) -> rc.Course | None:
    if course is None:
        return None
    rows = reads.course_sessions(conn, course.id, exclude)
    earlier = sorted(PAST(rows, conn.dialect, reads.STARTED_TYPE), key=itemgetter(0))
    previous = reads.previous_courses(conn, course)
    return rc.Course(
        protocol=course.protocol_id,
        started=course.started_on,
        sessions=tuple([past for _, past in earlier if past.at <= as_of]),
        previous_courses=tuple(
            rc.PreviousCourse(protocol, started, ended) for protocol, started, ended in previous
        ),
    )


def _other_sessions(
    conn: Connection, patient_id: int, course_id: int | None, day: date, exclude: int | None
) -> tuple[rc.PastSession, ...]:
    rows = reads.same_day(conn, patient_id, course_id, day, exclude)
    return tuple(past for _, past in PAST(rows, conn.dialect, reads.STARTED_TYPE))


def has_hard_stop(findings: list[Finding]) -> bool:
    return any(f.level is FindingLevel.HARD_STOP for f in findings)
