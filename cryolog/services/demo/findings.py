"""Safety findings of the demo sessions, from the real rule engine.

Each session's case is built in memory from the patient's generated records exactly as
``services.safety.build_case`` builds it from the database, and the stored findings are the
engine's. The generator avoids hard stops; a planned one carries its written override
reason, and an unplanned one (there should be none) gets ``UNPLANNED_OVERRIDE``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from cryolog.domain.enums import Answer, AreaKind, FindingLevel, IceCubeResult
from cryolog.domain.rules import case as rc
from cryolog.domain.rules import evaluate
from cryolog.services.demo.people import Profile
from cryolog.services.demo.records import CourseRec, PatientPlan, Row, SessionRec

UNPLANNED_OVERRIDE = "Reviewed by the practitioner before the session."


def attach_findings(plan: PatientPlan, profile: Profile, settings: Mapping[str, float]) -> None:
    patient = rc.Patient(profile.birth_date, profile.height_cm)
    sessions = plan.all_sessions()
    for course, rec in sessions:
        case = rc.Case(
            as_of=rec.local,
            patient=patient,
            session=_proposed(rec),
            screening=_screening(plan, rec.day),
            clearance=_clearance(plan, rec.day),
            consent=_consent(plan, rec.day),
            cold_tests=_cold_tests(plan, rec.day),
            course=_course(plan, course, rec),
            other_sessions=tuple(
                _past(s)
                for c, s in sessions
                if s.day == rec.day and s is not rec and (course is None or c is not course)
            ),
            settings=settings,
        )
        rec.findings = [
            {
                "position": i,
                "rule": f.rule,
                "level": f.level.value,
                "message": f.message,
                "override_reason": rec.overrides.get(f.rule)
                or (UNPLANNED_OVERRIDE if f.level is FindingLevel.HARD_STOP else None),
            }
            for i, f in enumerate(evaluate(case))
        ]


def _bp(row: Row, phase: str) -> rc.BloodPressure | None:
    systolic, diastolic = row[f"bp_{phase}_sys"], row[f"bp_{phase}_dia"]
    return None if systolic is None or diastolic is None else rc.BloodPressure(systolic, diastolic)


def _proposed(rec: SessionRec) -> rc.ProposedSession:
    row = rec.row
    checklist = {
        item: row[f"chk_{item}"]
        for item in ("dry_skin", "no_lotion", "no_metal", "protective_gear", "oxygen_monitor")
    }
    return rc.ProposedSession(
        modality=row["modality"],
        duration_s=row["duration_s"],
        temp_c=row["set_temp_c"],
        bp_pre=_bp(row, "pre"),
        hr_pre=row["hr_pre"],
        spo2_pre=row["spo2_pre"],
        bp_post=_bp(row, "post"),
        checklist=checklist,
        areas=tuple(
            rc.Area(a["site"], a["area_dm2"], a["exposure_s"], AreaKind(a["kind"]))
            for a in rec.areas
            if a["area_dm2"] is not None and a["exposure_s"] is not None
        ),
        direct_skin_contact=row["direct_skin_contact"],
        skin_temp_before_c=row["skin_temp_before_c"],
        skin_temp_after_c=row["skin_temp_after_c"],
        nrs_pre=row["nrs_pre"],
        nrs_post=row["nrs_post"],
    )


def _screening(plan: PatientPlan, day: date) -> rc.Screening | None:
    found = [s for s in plan.screenings if s.row["screened_on"] <= day]
    if not found:
        return None
    latest = max(enumerate(found), key=lambda p: (p[1].row["screened_on"], p[0]))[1]
    answers = {c: Answer(a) for c, a in latest.answers.items()}
    return rc.Screening(latest.row["screened_on"], answers)


def _clearance(plan: PatientPlan, day: date) -> rc.Clearance | None:
    found = [(c["issued_on"], i, c) for i, c in enumerate(plan.clearances) if c["issued_on"] <= day]
    if not found:
        return None
    c = max(found, key=lambda t: (t[0], t[1]))[2]
    return rc.Clearance(c["issued_on"], c["ecg"], c["blood"], c["urine"], c["valid_until"])


def _consent(plan: PatientPlan, day: date) -> rc.Consent | None:
    found = [c for c in plan.consents if c["signed_on"] <= day]
    if not found:
        return None
    c = max(found, key=lambda r: (r["form_version"], r["signed_on"]))
    return rc.Consent(c["signed_on"], c["form_version"])


def _cold_tests(plan: PatientPlan, day: date) -> tuple[rc.ColdTest, ...]:
    rows = sorted(
        ((t["performed_on"], i, t) for i, t in enumerate(plan.cold_tests)),
        key=lambda x: (x[0], x[1]),
    )
    return tuple(_cold_test(t) for d, _, t in rows if d <= day)


def _cold_test(t: Row) -> rc.ColdTest:
    if t["kind"] == "ice_cube":
        return rc.IceCubeTest(
            t["performed_on"],
            t["contact_s"],
            IceCubeResult(t["ice_result"]),
            bool(t["antihistamine_48h"]),
            t["read_after_min"],
        )
    if t["kind"] == "cold_pressor":
        return rc.ColdPressorTest(
            t["performed_on"],
            rc.BloodPressure(t["bp_before_sys"], t["bp_before_dia"]),
            rc.BloodPressure(t["bp_after_sys"], t["bp_after_dia"]),
            t["water_c"],
            t["immersion_s"],
        )
    return rc.TempThresholdTest(t["performed_on"], t["ctt_c"])


def _past(rec: SessionRec) -> rc.PastSession:
    row = rec.row
    return rc.PastSession(rec.local, row["modality"], row["duration_s"], row["nrs_pre"],
                          row["nrs_post"])  # fmt: skip


def _course(plan: PatientPlan, course: CourseRec | None, rec: SessionRec) -> rc.Course | None:
    if course is None:
        return None
    started: date = course.row["started_on"]
    as_of: datetime = rec.local
    previous = sorted(
        (c for c in plan.courses if c is not course and c.row["started_on"] <= started),
        key=lambda c: c.row["started_on"],
    )
    return rc.Course(
        protocol=course.protocol,
        started=started,
        sessions=tuple(_past(s) for s in course.sessions if s is not rec and s.local <= as_of),
        previous_courses=tuple(
            rc.PreviousCourse(c.protocol, c.row["started_on"], _ended(c)) for c in previous
        ),
    )


def _ended(course: CourseRec) -> date | None:
    if course.change is not None:
        ended: date | None = course.change.values.get("ended_on")
        return ended
    return None
