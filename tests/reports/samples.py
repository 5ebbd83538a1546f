"""Fixed report inputs for the renderer tests (no database), so builds can be compared."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from cryolog.services.document_inputs import (
    ConsentFormInput,
    CourseSummaryInput,
    HandoutInput,
    ScreeningFormInput,
)
from cryolog.services.dto import (
    AdverseEventDTO,
    AssessmentDTO,
    ClearanceDTO,
    ColdTestDTO,
    ConsentDTO,
    CourseDTO,
    FindingDTO,
    PatientDTO,
    PracticeDTO,
    ScreeningDTO,
    SessionDTO,
)

TODAY = date(2026, 11, 20)
START = date(2026, 9, 1)
STAMP = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
PHONE = "+7 (495) 123-45-67"
TRICKY_NOTE = 'Said <b>not bold</b> & O\'Brien "quoted" <script>'
OVERRIDE_REASON = "BP 162/95 re-measured after 10 min rest: 148/88 — Dr. O'Brien agreed & signed"

PRACTICE = PracticeDTO(
    name="Северный Криоцентр · Nordic Cryo Clinic",
    address="ул. Льва Толстого 16\nМосква 119021",
    phone=PHONE,
    practitioner="Dr. Zoë Ørsted-Lefèvre",
    country="RU",
    time_zone="Europe/Moscow",
)


def patient(
    family: str = "Ёлкина",
    given: str = "Анна",
    middle: str = "Сергеевна",
    language: str = "ru",
    pid: int = 7,
) -> PatientDTO:
    return PatientDTO(
        id=pid,
        version=1,
        family_name=family,
        given_name=given,
        middle_name=middle,
        birth_date=date(1984, 2, 29),
        sex="female",
        height_cm=168.0,
        weight_kg=61.0,
        phone="+7 916 000-00-00",
        email="",
        address="",
        notes="",
        handout_language=language,
        created_at=STAMP,
        archived_at=None,
        archive_reason=None,
    )


ACCENTED = patient("Lefèvre-Núñez", "Chloé", "Ångström", "en", pid=8)


def course(protocol: str = "wbc_course", planned: int | None = 20, cid: int = 3) -> CourseDTO:
    return CourseDTO(
        id=cid,
        version=1,
        patient_id=7,
        protocol_id=protocol,
        indication="Low back pain",
        body_area="Whole body",
        planned_sessions=planned,
        status="open",
        started_on=START,
        ended_on=None,
        notes="",
        archived_at=None,
    )


def session(
    number: int,
    day: date,
    *,
    findings: tuple[FindingDTO, ...] = (),
    notes: str = "",
    modality: str = "wbc_chamber",
) -> SessionDTO:
    duration = min(60 + 30 * number, 180)
    return SessionDTO(
        id=100 + number,
        version=1,
        patient_id=7,
        course_id=3,
        modality=modality,
        device="Cryo-X 3",
        applicator="",
        started_at=datetime.combine(day, datetime.min.time(), UTC),
        session_date=day,
        set_temp_c=-120.0,
        measured_temp_c=-112.5,
        temp_unit_entered="C",
        duration_s=duration,
        bp_pre_sys=128 + number % 5,
        bp_pre_dia=82,
        hr_pre=72,
        spo2_pre=98,
        bp_post_sys=134,
        bp_post_dia=85,
        hr_post=78,
        spo2_post=98,
        skin_temp_before_c=32.0,
        skin_temp_after_c=round(17.5 - (number % 6) * 0.8, 1),
        skin_temp_method="infrared",
        nrs_pre=max(7 - number // 3, 1),
        nrs_post=max(5 - number // 3, 0),
        chk_dry_skin=True,
        chk_no_lotion=True,
        chk_no_metal=True,
        chk_protective_gear=True,
        chk_oxygen_monitor=None,
        direct_skin_contact=None,
        reactions="Redness, tingling" if number % 4 == 0 else "",
        aborted=False,
        abort_reason="",
        notes=notes,
        archived_at=None,
        areas=(),
        pain_zones=(),
        findings=findings,
    )


def sessions(count: int, step_days: int = 2) -> tuple[SessionDTO, ...]:
    out = []
    for n in range(1, count + 1):
        findings: tuple[FindingDTO, ...] = ()
        notes = ""
        if n == 2:
            findings = (
                FindingDTO(
                    "bp_high",
                    "hard_stop",
                    "Blood pressure 162/95 mmHg is too high",
                    OVERRIDE_REASON,
                ),
            )
            notes = TRICKY_NOTE
        if n == 5:
            findings = (
                FindingDTO("exposure_long", "warning", "Exposure 180 s is long", None),
                FindingDTO(
                    "checklist_incomplete",
                    "hard_stop",
                    "Gloves not confirmed",
                    "Patient brought own gloves; checked by me",
                ),
            )
        out.append(
            session(n, START + timedelta(days=(n - 1) * step_days), findings=findings, notes=notes)
        )
    return tuple(out)


def summary_input(count: int = 12, person: PatientDTO | None = None) -> CourseSummaryInput:
    runs = sessions(count)
    return CourseSummaryInput(
        practice=PRACTICE,
        patient=person or patient(),
        course=course(),
        sessions=runs,
        screening=ScreeningDTO(
            1,
            7,
            date(2026, 8, 20),
            1,
            {"diabetes": "yes", "claustrophobia": "unknown", "raynaud": "no"},
            "",
            None,
        ),
        clearance=ClearanceDTO(
            1, 7, date(2026, 8, 25), date(2027, 2, 25), True, True, True, "Dr. Иванов", "", None
        ),
        consent=ConsentDTO(1, 7, date(2026, 8, 20), 1, "", None),
        consent_form_version=1,
        screening_valid_days=365,
        cold_pressor_max_rise_mmhg=20,
        cold_tests=(
            ColdTestDTO(
                1,
                7,
                "ice_cube",
                date(2026, 8, 20),
                300,
                10,
                "negative",
                False,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "",
                None,
            ),
            ColdTestDTO(
                2,
                7,
                "cold_pressor",
                date(2026, 8, 20),
                None,
                None,
                None,
                None,
                4.0,
                120,
                120,
                80,
                131,
                86,
                None,
                "",
                None,
            ),
        ),
        adverse_events=tuple(
            AdverseEventDTO(
                1,
                7,
                s.id,
                "erythema",
                "mild",
                s.session_date,
                s.session_date + timedelta(days=1),
                False,
                "Redness on both shins, gone next day",
                None,
            )
            for s in runs[3:4]
        ),
        assessments=(AssessmentDTO(1, 7, 3, START, "nrs", 7, "", None),),
        generated_on=TODAY,
    )


def handout_input(
    language: str = "ru", modality: str = "wbc_chamber", protocol: str = "wbc_course"
) -> HandoutInput:
    return HandoutInput(
        practice=PRACTICE,
        patient=patient(language=language),
        course=course(protocol),
        modality=modality,
        sessions_done=4,
        sessions_planned=10,
        visits=tuple(
            datetime.combine(TODAY + timedelta(days=2 * i), time(9, 30)) for i in range(1, 7)
        ),
        language=language,
        generated_on=TODAY,
    )


def consent_input(language: str = "en", person: PatientDTO | None = None) -> ConsentFormInput:
    return ConsentFormInput(
        practice=PRACTICE,
        patient=person or ACCENTED,
        form_version=3,
        consent=ConsentDTO(1, 8, date(2025, 3, 1), 2, "", None),
        language=language,
        generated_on=TODAY,
    )


def screening_input(
    language: str = "en", *, blank: bool = False, person: PatientDTO | None = None
) -> ScreeningFormInput:
    answers = {"diabetes": "yes", "pregnancy": "no", "claustrophobia": "unknown", "raynaud": "no"}
    screening = (
        None if blank else ScreeningDTO(1, 8, date(2026, 11, 1), 1, answers, TRICKY_NOTE, None)
    )
    return ScreeningFormInput(
        practice=PRACTICE,
        patient=person or ACCENTED,
        screening=screening,
        language=language,
        generated_on=TODAY,
    )
