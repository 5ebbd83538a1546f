"""Everything generated for one patient, from one seeded random stream.

``plan_patient(seed, index, today, settings)`` depends only on its arguments (and the
machine's time zone, which turns local appointment times into UTC), so the same seed gives
the same data whatever the chunk size. The first patients follow fixed scenarios so that
even a small demo has every culture, every protocol and every modality.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from cryolog.domain.catalog import MODALITIES, ModalityGroup
from cryolog.services.demo import pretreatment as pre
from cryolog.services.demo import texts
from cryolog.services.demo.findings import attach_findings
from cryolog.services.demo.outcomes import assessments, maybe_event
from cryolog.services.demo.params import CourseStyle, course_style, session_row
from cryolog.services.demo.people import Profile, make_patient
from cryolog.services.demo.records import Change, CourseRec, PatientPlan, SessionRec
from cryolog.services.demo.timeline import (
    MINOR_WEIGHTS,
    MODALITY_WEIGHTS,
    PROTOCOL_WEIGHTS,
    CoursePlan,
    at_hour,
    lay_out,
    next_start,
    pick,
    planned_sessions,
    stop_early,
)


@dataclass(frozen=True, slots=True)
class Scenario:
    culture: str
    protocol: str
    modality: str
    current: bool  # the course is running today


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("ru", "wbc_course", "wbc_chamber", True),
    Scenario("fr", "acne", "ln2_applicator", False),
    Scenario("uk", "local_pain", "cold_air", True),
    Scenario("de", "rosacea", "ln2_applicator", False),
    Scenario("el", "alopecia", "ln2_applicator", True),
    Scenario("es", "alopecia_areata", "ln2_applicator", False),
    Scenario("pl", "cryopeeling", "ln2_spray", True),
    Scenario("cs", "custom", "cold_pack", False),
    Scenario("nordic", "wbc_course", "cryosauna_n2", False),
    Scenario("en", "local_pain", "ln2_spray", False),
    Scenario("ru", "local_pain", "co2", True),
    Scenario("fr", "custom", "ice_massage", True),
    Scenario("de", "custom", "cold_bath", False),
    Scenario("en", "cryopeeling", "ln2_applicator", False),
)


def rng_for(seed: int, index: int) -> random.Random:
    return random.Random(f"cryolog-demo:{seed}:{index}")


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    """A naive local time on ``day`` (the writer turns it into UTC)."""
    return datetime.combine(day, time(max(8, min(19, hour)), minute))


def plan_patient(seed: int, index: int, today: date, settings: Mapping[str, float]) -> PatientPlan:
    rng = rng_for(seed, index)
    scenario = SCENARIOS[index] if index < len(SCENARIOS) else None
    row, tokens, profile, culture = make_patient(
        rng,
        today,
        culture_id=scenario.culture if scenario else None,
        minor=False if scenario else None,
    )
    if scenario and profile.age_on(today) < 20:
        row["birth_date"] = profile.birth_date - timedelta(days=365 * 10)
        profile = Profile(row["birth_date"], *_rest(profile))
    if scenario and (profile.height_cm or 0) < 160:
        row["height_cm"] = 168.0
        profile = Profile(profile.birth_date, profile.female, 168.0, *_rest(profile)[2:])
    plan = PatientPlan(index, culture, row, tokens)
    builder = _Builder(plan, profile, rng, today, settings, scenario)
    builder.build()
    attach_findings(plan, profile, settings)
    return plan


def _rest(profile: Profile) -> tuple[bool, float | None, int, int, int]:
    return (profile.female, profile.height_cm, profile.bp_sys, profile.bp_dia, profile.hr)


class _Builder:
    def __init__(
        self,
        plan: PatientPlan,
        profile: Profile,
        rng: random.Random,
        today: date,
        settings: Mapping[str, float],
        scenario: Scenario | None,
    ) -> None:
        self.plan, self.profile, self.rng, self.today = plan, profile, rng, today
        self.settings, self.scenario = settings, scenario
        self.hour = rng.randint(8, 18)

    def build(self) -> None:
        rng = self.rng
        answers, fit = pre.screening_answers(rng, self.profile, clean=self.scenario is not None)
        self.answers = answers
        self.intake = self._intake()
        plan = self.plan
        plan.row["created_at"] = moment(self.intake, self.hour - 1)
        plan.consents.append(pre.consent(self.intake, int(self.settings["consent_form_version"])))
        pre.add_screening(plan, self.intake, answers, fit.reason)
        positive = self.scenario is None and rng.random() < 0.015
        test = pre.positive_cold_test if positive else pre.cold_test
        plan.cold_tests.append(test(self.intake, rng))
        if positive or not fit.local:
            return
        self._courses(fit.general)
        self._loose_sessions()

    def _intake(self) -> date:
        rng, today = self.rng, self.today
        if self.scenario is not None:
            back = rng.randint(6, 12) if self.scenario.current else rng.randint(150, 400)
        elif rng.random() < 0.25:
            back = rng.randint(0, 60)
        else:
            back = rng.randint(60, 1100)
        return today - timedelta(days=back)

    def _count(self) -> int:
        if self.scenario is not None:
            return 1
        return self.rng.choices((0, 1, 2, 3), weights=(5, 67, 20, 8))[0]

    def _choose(self, start: date, general_ok: bool, previous: str | None) -> tuple[str, str]:
        rng, profile = self.rng, self.profile
        if self.scenario is not None:
            return self.scenario.protocol, self.scenario.modality
        adult = profile.age_on(start) >= 18
        weights = dict(PROTOCOL_WEIGHTS if adult else MINOR_WEIGHTS)
        if not (general_ok and adult):
            weights.pop("wbc_course", None)
        keep = previous in weights and rng.random() < 0.7
        protocol = previous if keep and previous else pick(rng, weights)
        options = dict(MODALITY_WEIGHTS.get(protocol, {"ln2_applicator": 1}))
        if (profile.height_cm or 0) < 155:
            options.pop("cryosauna_n2", None)
        return protocol, pick(rng, options)

    def _courses(self, general_ok: bool) -> None:
        rng, today = self.rng, self.today
        start = self.intake if self.scenario else self.intake + timedelta(days=rng.randint(0, 10))
        previous: str | None = None
        for _ in range(self._count()):
            if start >= today:
                break
            protocol, modality = self._choose(start, general_ok, previous)
            course = CoursePlan(protocol, modality, start, planned_sessions(protocol, rng))
            overdue = self.scenario is None and rng.random() < 0.1
            lay_out(course, today, self.hour, rng, overdue=overdue)
            if course.status == "completed" and rng.random() < 0.06 and len(course.days) > 2:
                stop_early(
                    course, rng.randint(2, len(course.days) - 1), rng.choice(texts.STOP_NOTES)
                )
            self._cover(course)
            self._record_course(course)
            if course.status == "open":
                break
            previous = protocol
            start = next_start(course, rng)

    def _cover(self, course: CoursePlan) -> None:
        """Pre-treatment records so every session of the course passes the hard stops."""
        rng, plan = self.rng, self.plan
        first = course.days[0].date() if course.days else course.started
        last = course.days[-1].date() if course.days else first
        near = max(self.intake, course.started - timedelta(days=rng.randint(0, 7)))
        if (last - plan.screenings[-1].row["screened_on"]).days > 365:
            pre.add_screening(plan, near, self.answers, "Annual re-screening.")
        tests = [t for t in plan.cold_tests if t["kind"] != "cold_pressor"]
        if (last - tests[-1]["performed_on"]).days > 180:
            plan.cold_tests.append(pre.cold_test(near, rng))
        if MODALITIES[course.modality].group is not ModalityGroup.GENERAL:
            return
        pressors = [t for t in plan.cold_tests if t["kind"] == "cold_pressor"]
        if not pressors or (last - pressors[-1]["performed_on"]).days > 180:
            plan.cold_tests.append(pre.cold_pressor(near, self.profile, rng))
        latest = plan.clearances[-1] if plan.clearances else None
        if latest is None or latest["issued_on"] > first or latest["valid_until"] < last:
            issued = max(self.intake, course.started - timedelta(days=rng.randint(2, 20)))
            plan.clearances.append(pre.clearance(issued, last, rng))

    def _record_course(self, course: CoursePlan) -> None:
        rng = self.rng
        style = course_style(course.protocol, course.modality, rng)
        style.hour = self.hour
        row = {
            "protocol_id": course.protocol,
            "indication": rng.choice(texts.INDICATIONS[course.protocol]),
            "body_area": ", ".join(style.sites),
            "planned_sessions": course.planned,
            "status": "open",
            "started_on": course.started,
            "ended_on": None,
            "notes": "",
            "created_at": moment(course.started, self.hour - 1, 50),
        }
        rec = CourseRec(row)
        self.plan.courses.append(rec)
        self._sessions(rec, course, style)
        if course.status != "open" and course.ended is not None:
            values = {"status": course.status, "ended_on": course.ended}
            rec.change = Change(moment(course.ended, self.hour + 1), "close", values,
                                course.stop_note)  # fmt: skip
        rec.assessments = assessments(rec, rng)

    def _sessions(self, rec: CourseRec, course: CoursePlan, style: CourseStyle) -> None:
        previous: int | None = None
        for number, local in enumerate(course.days):
            session = self._session(style, number, previous, local, rec)
            previous = session.row["duration_s"]
            event = maybe_event(session, self.today, self.rng, time(self.hour, 30))
            if event is None:
                continue
            self.plan.events.append(event)
            if event.row["severity"] != "mild" and number + 1 < len(course.days):
                note = f"Stopped after an adverse event ({event.row['event_type']})."
                stop_early(course, number + 1, note)
                break

    def _session(
        self,
        style: CourseStyle,
        number: int,
        previous: int | None,
        local: datetime,
        course: CourseRec | None,
    ) -> SessionRec:
        rng = self.rng
        row, areas, zones = session_row(style, self.profile, number, previous, rng)
        rec = SessionRec(local, row, areas, zones)
        general = MODALITIES[style.modality].group is ModalityGroup.GENERAL
        if general and rng.random() < 0.01:
            row["duration_s"] = rng.randint(30, 80)
            row.update(aborted=True, abort_reason=rng.choice(texts.ABORT_REASONS))
        if general and rng.random() < 0.005:
            row["chk_protective_gear"] = False
            rec.overrides["checklist_incomplete"] = rng.choice(texts.OVERRIDE_REASONS)
        row["started_at"] = local.astimezone(UTC)
        row["session_date"] = local.date()
        row["created_at"] = local + timedelta(seconds=row["duration_s"] + 300)
        if course is not None:
            course.sessions.append(rec)
        return rec

    def _loose_sessions(self) -> None:
        rng, today = self.rng, self.today
        span = (today - self.intake).days - 1
        if self.scenario is not None or span < 1 or rng.random() >= 0.05:
            return
        taken = {s.day for _, s in self.plan.all_sessions()}
        modality = rng.choice(("cold_pack", "ice_massage"))
        style = course_style("custom", modality, rng)
        for _ in range(rng.randint(1, 2)):
            day = self.intake + timedelta(days=rng.randint(0, min(150, span)))
            if day in taken or day >= today:
                continue
            taken.add(day)
            rec = self._session(style, 0, None, at_hour(day, self.hour, rng), None)
            self.plan.loose_sessions.append(rec)
