"""Read-side use cases of the calendar: propose a course's remaining visits, and the day
plan (appointments per resource, then who is due but not booked)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.models import Course, TreatmentSession
from cryolog.domain.booking.proposer import ProposalRequest, propose
from cryolog.domain.booking.week import PracticeWeek
from cryolog.domain.catalog import Protocol, protocol
from cryolog.domain.enums import CourseStatus
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.schedule import WEEK_DAYS, min_interval, planned_sessions
from cryolog.services.appointments_dto import (
    AppointmentDTO,
    DayPlan,
    ProposalDTO,
    ProposedVisitDTO,
    ResourcePlan,
)
from cryolog.services.appointments_query import appointment_dtos
from cryolog.services.appointments_rules import course_context, held_bookings, validity_findings
from cryolog.services.appointments_week import load_preferences, load_week
from cryolog.services.appointments_zone import now_local, practice_zone
from cryolog.services.safety import load_thresholds
from cryolog.services.today import DuePage, TodayService

MAX_VISITS = 100
HORIZON_DAYS = 365


def _modality(session: Session, course: Course, week: PracticeWeek) -> str | None:
    """The course's last session's modality, else the protocol's first that a resource runs."""
    last = session.scalars(
        select(TreatmentSession.modality)
        .where(TreatmentSession.course_id == course.id, TreatmentSession.archived_at.is_(None))
        .order_by(TreatmentSession.started_at.desc())
        .limit(1)
    ).first()
    wanted = protocol(course.protocol_id).modalities
    offered = {m for r in week.resources if r.active for m in r.modalities}
    if last is not None and last in offered:
        return last
    return next((m for m in wanted if m in offered), None)


def horizon_days(proto: Protocol, count: int, not_before: date | None, today: date) -> int:
    """How far ahead to look: room for every visit at twice the protocol's pace, a month
    more, and the break still to run; at most a year."""
    pace = max(min_interval(proto), -(-WEEK_DAYS // (proto.max_per_7_days or WEEK_DAYS)))
    wait = max((not_before - today).days, 0) if not_before else 0
    return min(HORIZON_DAYS, 2 * pace * count + 30 + wait)


def propose_for_course(
    session: Session, course_id: int, count: int | None, resource_id: int | None
) -> ProposalDTO:
    course = session.get(Course, course_id)
    if course is None:
        raise InvalidInput([FieldError("course", said("no_course", id=str(course_id)))])
    if course.status != CourseStatus.OPEN.value or course.archived_at is not None:
        raise InvalidInput([FieldError("course", said("course_closed"))])
    context = course_context(session, course)
    planned = planned_sessions(protocol(course.protocol_id), course.planned_sessions)
    if count is None:
        if planned is None:
            return ProposalDTO(course.id, course.patient_id, 0, (), asks_count=True)
        count = max(planned - len(context.taken), 0)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_VISITS:
        raise InvalidInput([FieldError("count", said("whole_number_span", low=0, high=MAX_VISITS))])
    zone, week = practice_zone(session), load_week(session)
    now = now_local(zone)
    modality = _modality(session, course, week)
    horizon = horizon_days(context.protocol, count, context.not_before, now.date())
    request = ProposalRequest(
        patient_id=course.patient_id,
        count=count,
        week=week,
        course=context,
        bookings=held_bookings(session, zone, now.date(), now.date() + timedelta(horizon)),
        now=now,
        modality=modality,
        prefs=load_preferences(session, course.patient_id),
        resource_id=resource_id,
        stop_others=int(load_thresholds(session)["daily_general_stop_others"]),
        horizon_days=horizon,
    )
    found = propose(request)
    names = {r.id: r.name for r in week.resources}
    visits = tuple(
        ProposedVisitDTO(
            v.resource_id, names[v.resource_id], v.start, v.length_min, v.outside_preferences
        )
        for v in found.visits
    )
    warnings = (
        validity_findings(session, course.patient_id, modality, visits[-1].start, now)
        if visits
        else []
    )
    return ProposalDTO(
        course.id, course.patient_id, count, visits, planned is None, tuple(warnings)
    )


DUE_PAGE = 200
"""Due courses the day plan lists at first (the window asks for the rest as it scrolls):
however long the list, the first screen is ready at once, with the list's length."""


def day_plan(
    session: Session, db_service: TodayService, day: date, due_limit: int | None = DUE_PAGE
) -> DayPlan:
    """The day's appointments per resource, the first ``due_limit`` courses due but not
    booked (None: all of them) with how many there are, and the sessions not signed."""
    zone, week = practice_zone(session), load_week(session)
    found = appointment_dtos(session, zone, first=day, last=day)
    order = [r for r in week.resources if r.active or any(a.resource_id == r.id for a in found)]
    plans = tuple(ResourcePlan(r, tuple(a for a in found if a.resource_id == r.id)) for r in order)
    booked_today = booked_patients(found)
    due = db_service.due_page(day, unbooked=True, leave_out=booked_today, limit=due_limit)
    drafts = tuple(db_service.unfinished(min(day, date.today())))
    return DayPlan(day, week.open_label(day), plans, due.items, drafts, due.total)


def booked_patients(found: Sequence[AppointmentDTO]) -> set[int]:
    """The patients with a visit holding its place on the day (not listed as due)."""
    return {a.patient_id for a in found if a.holds_place}


def due_unbooked(
    session: Session, db_service: TodayService, day: date, offset: int, limit: int
) -> DuePage:
    """More of the day plan's due list: ``limit`` courses from ``offset`` on."""
    zone = practice_zone(session)
    booked = booked_patients(appointment_dtos(session, zone, first=day, last=day))
    return db_service.due_page(day, unbooked=True, leave_out=booked, offset=offset, limit=limit)
