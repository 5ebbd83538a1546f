"""Validated JSON models (``jsonmodels``) -> the engine's ``Case`` dataclasses."""

from __future__ import annotations

from cryolog.domain.enums import Answer, AreaKind, IceCubeResult
from cryolog.domain.rules.case import (
    Area,
    BloodPressure,
    Case,
    Checklist,
    Clearance,
    ColdPressorTest,
    ColdTest,
    Consent,
    Course,
    IceCubeTest,
    PastSession,
    Patient,
    PreviousCourse,
    ProposedSession,
    Screening,
    TempThresholdTest,
)
from cryolog.domain.rules.jsonmodels import (
    AreaIn,
    CaseIn,
    ChecklistIn,
    ClearanceIn,
    ColdPressorIn,
    ConsentIn,
    CourseIn,
    CourseSessionIn,
    IceCubeIn,
    OtherSessionIn,
    ScreeningIn,
    SessionIn,
    TempThresholdIn,
)
from cryolog.domain.thresholds import merged
from cryolog.domain.units import to_celsius


def _bp(pair: tuple[int, int] | None) -> BloodPressure | None:
    return None if pair is None else BloodPressure(*pair)


def _cold_test(test: IceCubeIn | ColdPressorIn | TempThresholdIn) -> ColdTest:
    if isinstance(test, IceCubeIn):
        return IceCubeTest(
            test.date,
            test.contact_s,
            IceCubeResult(test.result),
            test.antihistamine_48h,
            test.read_after_min,
        )
    if isinstance(test, ColdPressorIn):
        return ColdPressorTest(
            test.date,
            BloodPressure(*test.bp_before),
            BloodPressure(*test.bp_after),
            test.water_c,
            test.immersion_s,
        )
    return TempThresholdTest(test.date, test.ctt_c)


def _past(s: OtherSessionIn) -> PastSession:
    if isinstance(s, CourseSessionIn):
        return PastSession(s.at, s.modality, s.duration_s, s.nrs_pre, s.nrs_post)
    return PastSession(s.at, s.modality, s.duration_s)


def _course(course: CourseIn | None) -> Course | None:
    if course is None:
        return None
    previous = tuple(
        PreviousCourse(p.protocol, p.started, p.ended) for p in course.previous_courses or []
    )
    sessions = tuple(_past(s) for s in course.sessions or [])
    return Course(course.protocol, course.started, sessions, previous)


def _checklist(checklist: ChecklistIn | None) -> Checklist | None:
    return None if checklist is None else checklist.model_dump()


def _area(area: AreaIn) -> Area:
    return Area(area.site, area.area_dm2, area.exposure_s, AreaKind(area.kind))


def _session(s: SessionIn) -> ProposedSession:
    temp = s.temperature
    return ProposedSession(
        modality=s.modality,
        duration_s=s.duration_s,
        temp_c=None if temp is None else to_celsius(temp.value, temp.unit),
        bp_pre=_bp(s.bp_pre),
        hr_pre=s.hr_pre,
        spo2_pre=s.spo2_pre,
        bp_post=_bp(s.bp_post),
        checklist=_checklist(s.checklist),
        areas=tuple(_area(a) for a in s.areas or []),
        direct_skin_contact=s.direct_skin_contact,
        skin_temp_before_c=s.skin_temp_before_c,
        skin_temp_after_c=s.skin_temp_after_c,
        nrs_pre=s.nrs_pre,
        nrs_post=s.nrs_post,
    )


def _screening(s: ScreeningIn | None) -> Screening | None:
    return None if s is None else Screening(s.date, {k: Answer(v) for k, v in s.answers.items()})


def _clearance(c: ClearanceIn | None) -> Clearance | None:
    return None if c is None else Clearance(c.date, c.ecg, c.blood, c.urine, c.valid_until)


def _consent(c: ConsentIn | None) -> Consent | None:
    return None if c is None else Consent(c.signed, c.form_version)


def to_case(c: CaseIn) -> Case:
    return Case(
        as_of=c.as_of,
        patient=Patient(c.patient.birth_date, c.patient.height_cm),
        session=_session(c.session),
        screening=_screening(c.screening),
        clearance=_clearance(c.clearance),
        consent=_consent(c.consent),
        cold_tests=tuple(_cold_test(t) for t in c.cold_tests or []),
        course=_course(c.course),
        other_sessions=tuple(_past(o) for o in c.other_sessions or []),
        settings=merged(c.settings or {}),
    )
