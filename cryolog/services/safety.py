"""Build the rule engine's case from what the database holds, and evaluate it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from cryolog.db.models import (
    Clearance,
    ColdTest,
    Consent,
    Course,
    Patient,
    Screening,
    TreatmentSession,
)
from cryolog.domain.enums import Answer, AreaKind, ColdTestKind, FindingLevel, IceCubeResult
from cryolog.domain.errors import SafetyStop
from cryolog.domain.rules import Finding, evaluate
from cryolog.domain.rules import case as rc
from cryolog.domain.schemas import SessionInput
from cryolog.domain.session_state import COUNTED_STATES
from cryolog.services.record_reads import load_thresholds

__all__ = ["Finding", "SafetyStop", "build_case", "evaluate_for_session", "load_thresholds"]


def local_naive(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None)


def evaluate_for_session(
    session: Session,
    patient_id: int,
    values: SessionInput,
    *,
    exclude_session: int | None,
    settings: dict[str, float] | None = None,
) -> list[Finding]:
    return evaluate(build_case(session, patient_id, values, exclude_session, settings))


def build_case(
    session: Session,
    patient_id: int,
    values: SessionInput,
    exclude_session: int | None,
    settings: dict[str, float] | None = None,
) -> rc.Case:
    """The rules' case; ``settings``: the thresholds when the caller has read them."""
    as_of = local_naive(values.started_at)
    day = as_of.date()
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise LookupError(f"no patient {patient_id}")
    return rc.Case(
        as_of=as_of,
        patient=rc.Patient(patient.birth_date, patient.height_cm),
        session=_proposed(values),
        screening=_screening(session, patient_id, day),
        clearance=_clearance(session, patient_id, day),
        consent=_consent(session, patient_id, day),
        cold_tests=_cold_tests(session, patient_id, day),
        course=_course(session, values, as_of, exclude_session),
        other_sessions=_other_sessions(session, patient_id, values.course_id, day, exclude_session),
        settings=settings if settings is not None else load_thresholds(session),
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


def _live(model: Any, patient_id: int) -> Any:
    """Not-archived records of one patient (a SELECT to refine)."""
    return select(model).where(model.patient_id == patient_id, model.archived_at.is_(None))


def _screening(session: Session, patient_id: int, day: date) -> rc.Screening | None:
    row = session.scalars(
        _live(Screening, patient_id)
        .where(Screening.screened_on <= day)
        .order_by(Screening.screened_on.desc(), Screening.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return rc.Screening(row.screened_on, {a.condition_id: Answer(a.answer) for a in row.answers})


def _clearance(session: Session, patient_id: int, day: date) -> rc.Clearance | None:
    row = session.scalars(
        _live(Clearance, patient_id)
        .where(Clearance.issued_on <= day)
        .order_by(Clearance.issued_on.desc(), Clearance.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return rc.Clearance(row.issued_on, row.ecg, row.blood, row.urine, row.valid_until)


def _consent(session: Session, patient_id: int, day: date) -> rc.Consent | None:
    row = session.scalars(
        _live(Consent, patient_id)
        .where(Consent.signed_on <= day)
        .order_by(Consent.form_version.desc(), Consent.signed_on.desc())
        .limit(1)
    ).first()
    return None if row is None else rc.Consent(row.signed_on, row.form_version)


def _cold_tests(session: Session, patient_id: int, day: date) -> tuple[rc.ColdTest, ...]:
    rows = session.scalars(
        _live(ColdTest, patient_id)
        .where(ColdTest.performed_on <= day)
        .order_by(ColdTest.performed_on, ColdTest.id)
    )
    return tuple(test for row in rows if (test := cold_test_case(row)) is not None)


def cold_test_case(row: ColdTest) -> rc.ColdTest | None:
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


COUNTED = [state.value for state in COUNTED_STATES]
"""Running and later sessions count for the rules; drafts (and abandoned ones) do not."""


_PAST_COLUMNS = (
    TreatmentSession.started_at,
    TreatmentSession.modality,
    TreatmentSession.actual_exposure_s,
    TreatmentSession.duration_s,
    TreatmentSession.nrs_pre,
    TreatmentSession.nrs_post,
)
"""What the rules read of an earlier session: selected as columns, never as whole sessions
with their areas, pain zones and findings (a 500-session course reads 500 short rows)."""


def course_sessions_query(course_id: int, exclude_session: int | None) -> Select[*tuple[Any, ...]]:
    """The course's counted sessions as the rules read them (their id last); unordered:
    sorted in memory, so the read is one search of the course's index."""
    return select(*_PAST_COLUMNS, TreatmentSession.id).where(
        TreatmentSession.course_id == course_id,
        TreatmentSession.archived_at.is_(None),
        TreatmentSession.state.in_(COUNTED),
        TreatmentSession.id != (exclude_session or -1),
    )


def same_day_query(
    patient_id: int, course_id: int | None, day: date, exclude_session: int | None
) -> Select[*tuple[Any, ...]]:
    """The patient's other counted sessions of ``day`` outside the course."""
    return select(*_PAST_COLUMNS).where(
        TreatmentSession.patient_id == patient_id,
        TreatmentSession.session_date == day,
        TreatmentSession.archived_at.is_(None),
        TreatmentSession.state.in_(COUNTED),
        TreatmentSession.id != (exclude_session or -1),
        or_(TreatmentSession.course_id.is_(None), TreatmentSession.course_id != course_id)
        if course_id is not None
        else TreatmentSession.id.is_not(None),
    )


def _past(row: Any) -> rc.PastSession:
    """An earlier session as the rules see it: with the exposure it really had."""
    started_at, modality, actual, planned, nrs_pre, nrs_post = row
    exposure = actual if actual is not None else planned
    return rc.PastSession(local_naive(started_at), modality, exposure or 0, nrs_pre, nrs_post)


def _course(
    session: Session, values: SessionInput, as_of: datetime, exclude_session: int | None
) -> rc.Course | None:
    if values.course_id is None:
        return None
    course = session.get(Course, values.course_id)
    if course is None:
        return None
    rows = session.execute(course_sessions_query(course.id, exclude_session)).all()
    earlier = sorted(rows, key=lambda row: (row[0], row[-1]))  # by start, in memory
    previous = session.scalars(
        select(Course)
        .where(
            Course.patient_id == course.patient_id,
            Course.id != course.id,
            Course.archived_at.is_(None),
            Course.started_on <= course.started_on,
        )
        .order_by(Course.started_on)
    )
    return rc.Course(
        protocol=course.protocol_id,
        started=course.started_on,
        sessions=tuple(past for row in earlier if (past := _past(row[:-1])).at <= as_of),
        previous_courses=tuple(
            rc.PreviousCourse(c.protocol_id, c.started_on, c.ended_on) for c in previous
        ),
    )


def _other_sessions(
    session: Session, patient_id: int, course_id: int | None, day: date, exclude_session: int | None
) -> tuple[rc.PastSession, ...]:
    rows = session.execute(same_day_query(patient_id, course_id, day, exclude_session))
    return tuple(_past(r) for r in rows)


def has_hard_stop(findings: list[Finding]) -> bool:
    return any(f.level is FindingLevel.HARD_STOP for f in findings)
