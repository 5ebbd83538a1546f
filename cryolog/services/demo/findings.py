"""Safety findings of the demo sessions, from the real rule engine.

Each session's case is built in memory from the patient's generated records exactly as
``services.safety.build_case`` builds it from the database, and the stored findings are the
engine's. The generator avoids hard stops; a planned one carries its written override
reason, and an unplanned one (there should be none) gets ``UNPLANNED_OVERRIDE``.

The patient's records are turned into the engine's case objects once (``_History``); each
session then only picks the ones in force on its day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from cryolog.domain.enums import Answer, AreaKind, FindingLevel, IceCubeResult
from cryolog.domain.locale import current as current_locale
from cryolog.domain.rules import case as rc
from cryolog.domain.rules import evaluate
from cryolog.services.demo.people import Profile
from cryolog.services.demo.records import CourseRec, PatientPlan, Row, SessionRec

UNPLANNED_OVERRIDE = "Reviewed by the practitioner before the session."
_CHECKLIST = ("dry_skin", "no_lotion", "no_metal", "protective_gear", "oxygen_monitor")
_ANSWERS = {answer.value: answer for answer in Answer}

T = TypeVar("T")


def attach_findings(plan: PatientPlan, profile: Profile, settings: Mapping[str, float]) -> None:
    patient = rc.Patient(profile.birth_date, profile.height_cm)
    history = _History(plan)
    sessions = plan.all_sessions()
    by_day: dict[date, list[tuple[CourseRec | None, SessionRec]]] = {}
    for pair in sessions:
        by_day.setdefault(pair[1].day, []).append(pair)
    for course, rec in sessions:
        day = rec.day
        case = rc.Case(
            as_of=rec.local,
            patient=patient,
            session=_proposed(rec),
            screening=history.screening(day),
            clearance=history.clearance(day),
            consent=history.consent(day),
            cold_tests=history.cold_tests(day),
            course=history.course(course, rec),
            other_sessions=tuple(
                history.past(s)
                for c, s in by_day[day]
                if s is not rec and (course is None or c is not course)
            ),
            settings=settings,
        )
        rec.findings = [
            {
                "position": i,
                "rule": f.rule,
                "level": f.level.value,
                "message": f.message,
                "message_key": f.text.key,
                "message_values": f.text.values_json(),
                "shown_language": current_locale().language,
                "override_reason": rec.overrides.get(f.rule)
                or (UNPLANNED_OVERRIDE if f.level is FindingLevel.HARD_STOP else None),
            }
            for i, f in enumerate(evaluate(case))
        ]


def _latest(records: list[tuple[date, int, T]], day: date) -> T | None:
    """The record of the latest date on or before ``day`` (the later one of a tie)."""
    best: tuple[date, int, T] | None = None
    for item in records:
        if item[0] <= day and (best is None or item[:2] > best[:2]):
            best = item
    return None if best is None else best[2]


class _History:
    """The patient's records as case objects, converted once, looked up by session day."""

    def __init__(self, plan: PatientPlan) -> None:
        self.plan = plan
        self.screenings = [
            (s.row["screened_on"], i, _screening(s.row["screened_on"], s.answers))
            for i, s in enumerate(plan.screenings)
        ]
        self.clearances = [
            (c["issued_on"], i, _clearance(c)) for i, c in enumerate(plan.clearances)
        ]
        tests = sorted(
            ((t["performed_on"], i, t) for i, t in enumerate(plan.cold_tests)),
            key=lambda x: (x[0], x[1]),
        )
        self.test_days = [d for d, _, _ in tests]
        self.tests = [_cold_test(t) for _, _, t in tests]
        self.test_prefixes: dict[int, tuple[rc.ColdTest, ...]] = {}
        self.pasts: dict[int, rc.PastSession] = {}
        self.previous: dict[int, tuple[rc.PreviousCourse, ...]] = {}

    def screening(self, day: date) -> rc.Screening | None:
        return _latest(self.screenings, day)

    def clearance(self, day: date) -> rc.Clearance | None:
        return _latest(self.clearances, day)

    def consent(self, day: date) -> rc.Consent | None:
        found = [c for c in self.plan.consents if c["signed_on"] <= day]
        if not found:
            return None
        c = max(found, key=lambda r: (r["form_version"], r["signed_on"]))
        return rc.Consent(c["signed_on"], c["form_version"])

    def cold_tests(self, day: date) -> tuple[rc.ColdTest, ...]:
        count = bisect_right(self.test_days, day)
        found = self.test_prefixes.get(count)
        if found is None:
            found = self.test_prefixes[count] = tuple(self.tests[:count])
        return found

    def past(self, rec: SessionRec) -> rc.PastSession:
        found = self.pasts.get(id(rec))
        if found is None:
            row = rec.row
            found = rc.PastSession(rec.local, row["modality"], row["duration_s"], row["nrs_pre"],
                                   row["nrs_post"])  # fmt: skip
            self.pasts[id(rec)] = found
        return found

    def course(self, course: CourseRec | None, rec: SessionRec) -> rc.Course | None:
        if course is None:
            return None
        as_of = rec.local
        return rc.Course(
            protocol=course.protocol,
            started=course.row["started_on"],
            sessions=tuple(
                self.past(s) for s in course.sessions if s is not rec and s.local <= as_of
            ),
            previous_courses=self._previous(course),
        )

    def _previous(self, course: CourseRec) -> tuple[rc.PreviousCourse, ...]:
        found = self.previous.get(id(course))
        if found is None:
            started: date = course.row["started_on"]
            earlier = sorted(
                (
                    c
                    for c in self.plan.courses
                    if c is not course and c.row["started_on"] <= started
                ),
                key=lambda c: c.row["started_on"],
            )
            found = tuple(
                rc.PreviousCourse(c.protocol, c.row["started_on"], _ended(c)) for c in earlier
            )
            self.previous[id(course)] = found
        return found


def _bp(row: Row, phase: str) -> rc.BloodPressure | None:
    systolic, diastolic = row[f"bp_{phase}_sys"], row[f"bp_{phase}_dia"]
    return None if systolic is None or diastolic is None else rc.BloodPressure(systolic, diastolic)


def _proposed(rec: SessionRec) -> rc.ProposedSession:
    row = rec.row
    return rc.ProposedSession(
        modality=row["modality"],
        duration_s=row["duration_s"],
        temp_c=row["set_temp_c"],
        bp_pre=_bp(row, "pre"),
        hr_pre=row["hr_pre"],
        spo2_pre=row["spo2_pre"],
        bp_post=_bp(row, "post"),
        checklist={item: row[f"chk_{item}"] for item in _CHECKLIST},
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


def _screening(day: date, answers: dict[str, str]) -> rc.Screening:
    return rc.Screening(day, {c: _ANSWERS[a] for c, a in answers.items()})


def _clearance(c: Row) -> rc.Clearance:
    return rc.Clearance(c["issued_on"], c["ecg"], c["blood"], c["urine"], c["valid_until"])


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


def _ended(course: CourseRec) -> date | None:
    if course.change is not None:
        ended: date | None = course.change.values.get("ended_on")
        return ended
    return None
