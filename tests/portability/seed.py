"""A patient with something in every part of the record, for the export tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cryolog.domain.catalog import CONDITIONS
from cryolog.services import Services

TODAY = date.today()


@dataclass(frozen=True)
class FullPatient:
    patient_id: int
    course_id: int
    general_session_id: int
    local_session_id: int


def days_ago_at(days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(hour, 0)).astimezone()


def seed_full_patient(
    services: Services, family: str = "Иванова", phone: str = "+7 912 123-45-67"
) -> FullPatient:
    """Screening (cold urticaria yes), clearance, consent, the three cold tests, a course
    with a general and a local session (areas, pain zones, findings), an adverse event, an
    outcome score and a stored PDF."""
    from cryolog.reports import render

    s = services
    pid = s.patients.register(
        {
            "family_name": family,
            "given_name": "Мария",
            "middle_name": "Петровна",
            "birth_date": date(1980, 5, 2),
            "height_cm": 165.0,
            "phone": phone,
            "email": "maria@example.org",
            "notes": '=HYPERLINK("http://x") -allergic to latex',
        }
    ).id
    start = TODAY - timedelta(days=30)
    answers = dict.fromkeys(CONDITIONS, "no") | {"cold_urticaria": "yes", "diabetes": "yes"}
    s.pretreatment.record_screening(pid, {"screened_on": start, "answers": answers})
    s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
    s.pretreatment.record_clearance(
        pid,
        {
            "issued_on": start,
            "valid_until": TODAY + timedelta(days=150),
            "ecg": True,
            "blood": True,
            "urine": True,
        },
    )
    s.pretreatment.record_cold_test(
        pid, "ice_cube", {"performed_on": start, "result": "negative", "contact_s": 300}
    )
    s.pretreatment.record_cold_test(
        pid,
        "cold_pressor",
        {
            "performed_on": start,
            "water_c": 4.0,
            "immersion_s": 120,
            "bp_before": {"systolic": 120, "diastolic": 80},
            "bp_after": {"systolic": 130, "diastolic": 85},
        },
    )
    s.pretreatment.record_cold_test(pid, "temp_threshold", {"performed_on": start, "ctt_c": None})
    course = s.courses.open_course(
        pid, {"protocol_id": "custom", "started_on": start, "indication": "Back pain"}
    ).id
    general = s.sessions.record_session(
        pid,
        {
            "modality": "wbc_chamber",
            "course_id": course,
            "started_at": days_ago_at(10),
            "duration_s": 150,
            "set_temp": {"value": -110.5, "unit": "C"},
            "bp_pre": {"systolic": 125, "diastolic": 80},
            "bp_post": {"systolic": 130, "diastolic": 82},
            "hr_pre": 70,
            "hr_post": 76,
            "spo2_pre": 98,
            "skin_temp_before_c": 32.5,
            "skin_temp_after_c": 14.0,
            "skin_temp_method": "infrared",
            "nrs_pre": 6,
            "nrs_post": 3,
            "checklist": {
                "dry_skin": True,
                "no_lotion": True,
                "no_metal": True,
                "protective_gear": True,
            },
            "overrides": {"contraindication_absolute": "Allergist cleared it in writing this week"},
        },
    ).id
    local = s.sessions.record_session(
        pid,
        {
            "modality": "ln2_spray",
            "course_id": course,
            "started_at": days_ago_at(5),
            "duration_s": 300,
            "set_temp": {"value": -150, "unit": "C"},
            "areas": [{"site": "lower back", "area_dm2": 2.0, "passes": 3, "exposure_s": 240}],
            "pain_zones": [{"zone": "lumbar", "nrs_pre": 5, "nrs_post": 2}],
            "reactions": "+ redness, resolved",
            "overrides": {"contraindication_absolute": "Allergist cleared it in writing this week"},
        },
    ).id
    s.outcomes.record_adverse_event(
        pid,
        {
            "event_type": "erythema",
            "severity": "mild",
            "onset_on": TODAY - timedelta(days=5),
            "session_id": local,
            "description": "@ redness at the site",
        },
    )
    s.outcomes.record_assessment(
        pid, {"kind": "nrs", "assessed_on": TODAY - timedelta(days=5), "value": 4.0}
    )
    s.documents.generate("consent", pid, render)
    _book_a_visit(s, pid, course)
    return FullPatient(pid, course, general, local)


def _book_a_visit(s: Services, pid: int, course: int) -> None:
    """A booked visit of the course, so the appointment tables are part of the record (the
    chamber takes three patients at once: enough for every seeded patient)."""
    from cryolog.domain.booking.prefs import Preferences
    from cryolog.services.appointments_dto import BookingRequest
    from tests.services.appointments_setup import at, next_weekday, set_up_week

    s.week.set_preferences(pid, Preferences(frozenset({1, 3}), 9 * 60, 12 * 60, "mornings"))
    existing = [r.id for r in s.week.week().resources if r.name == "Chamber"]
    chamber = existing[0] if existing else set_up_week(s)[0]
    s.appointments.book(
        BookingRequest(pid, chamber, at(next_weekday(1), 9, 4), course_id=course),
        reason="Booked with the patient at the desk today",
    )
