"""Demo calendar: opening hours (Sunday closed, one holiday), a chamber and two cabins,
booked future visits for the open courses (proposed by the real proposer, preferences
included), and past attended, cancelled and missed appointments.

Written in bulk like the rest of the demo: the appointments, the places they hold and one
audit row each go in through Core inserts in one unit of work. Past appointments hold no
seat rows (their places matter to nobody any more)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from cryolog.db.audit_chain import canonical, content_hash, runner, state_hash
from cryolog.db.audit_checkpoint import salt_for
from cryolog.db.audit_rows import change_record, iter_states, read_state
from cryolog.db.audit_state import model_specs
from cryolog.db.database import Database
from cryolog.db.models import (
    Appointment,
    AppointmentSeat,
    BookingPreference,
    BookingResource,
    BookingSettings,
    Course,
    OpeningInterval,
    Patient,
    StaffMinute,
    TreatmentSession,
)
from cryolog.db.models import ClosedDay as ClosedDay_
from cryolog.domain.booking.checks import CourseContext
from cryolog.domain.booking.prefs import Preferences
from cryolog.domain.booking.proposer import BookingCalendar, ProposalRequest, is_general, propose
from cryolog.domain.booking.week import ClosedDay, Interval, PracticeWeek, Resource
from cryolog.domain.catalog import protocol
from cryolog.domain.schedule import planned_sessions
from cryolog.services import audit
from cryolog.services.appointments_week import load_week
from cryolog.services.appointments_zone import epoch_minute, practice_zone, to_utc
from cryolog.services.demo.rows import PendingEntry, table_of
from cryolog.services.demo.writer import chain_entries, uses_driver_inserts

HOURS = (
    *(Interval(d, 8 * 60, 12 * 60 + 30) for d in range(5)),
    *(Interval(d, 14 * 60, 19 * 60) for d in range(5)),
    Interval(5, 9 * 60, 13 * 60),
)  # Sunday closed
RESOURCES = (
    Resource(0, "Chamber", ("wbc_chamber", "cryosauna_n2"), 3, 3, 5),
    Resource(0, "Cabin 1", ("ln2_applicator", "ln2_spray", "cold_air", "co2"), 1, 20, 10),
    Resource(
        0,
        "Cabin 2",
        ("ln2_applicator", "ln2_spray", "cold_air", "co2", "ice_massage", "cold_pack", "cold_bath"),
        1,
        20,
        10,
    ),
)
CANCEL_REASONS = (
    "The patient rang in sick",
    "The patient is travelling this week",
    "Clash with a doctor's appointment",
)
PAST_DAYS = 28
HORIZON_DAYS = 120
MAX_BOOKED = 10
# After this many courses in a row found no free place in the horizon, the calendar is taken
# as full; searching it again for every later course of a large practice would cost minutes
FULL_AFTER = 25


def _week(session: Session, today: date, actor: str, stamp: datetime) -> PracticeWeek:
    """The demo's week, written directly (with fixed times, so a seed gives the same file)."""
    holiday = ClosedDay(_next_weekday(today, 2, weeks=2), "Practice holiday")
    hours_before = audit.current_state(session, "opening_hours", None)
    closed_before = audit.current_state(session, "closed_days", None)
    settings_before = audit.current_state(session, "booking_settings", 1)
    conn = session.connection()
    conn.execute(
        insert(table_of(OpeningInterval)),
        [{"weekday": i.weekday, "start_min": i.start_min, "end_min": i.end_min} for i in HOURS],
    )
    conn.execute(insert(table_of(ClosedDay_)), [{"day": holiday.day, "label": holiday.label}])
    conn.execute(
        insert(table_of(BookingResource)),
        [
            {
                "name": r.name,
                "modalities": ",".join(r.modalities),
                "capacity": r.capacity,
                "session_min": r.session_min,
                "turnaround_min": r.turnaround_min,
                "active": True,
                "position": n,
            }
            for n, r in enumerate(RESOURCES, start=1)
        ],
    )
    conn.execute(update(table_of(BookingSettings)).values(staff_count=2, updated_at=stamp))
    chain_states(
        session,
        [
            ("update", "opening_hours", None, None, hours_before),
            ("update", "closed_days", None, None, closed_before),
            ("update", "booking_settings", 1, None, settings_before),
        ]
        + [("create", "booking_resource", int(r), None, None) for r in resource_ids(session)],
        actor,
        stamp,
    )
    return load_week(session)


def _next_weekday(day: date, weekday: int, weeks: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7 + 7 * weeks)


def _courses(session: Session) -> list[tuple[Course, list[tuple[int, datetime, str, date]]]]:
    courses = list(
        session.scalars(
            select(Course)
            .join(Patient, Patient.id == Course.patient_id)
            .where(
                Course.status == "open", Course.archived_at.is_(None), Patient.archived_at.is_(None)
            )
            .order_by(Course.id)
        )
    )
    sessions: dict[int, list[tuple[int, datetime, str, date]]] = {}
    for sid, cid, started, modality, day in session.execute(
        select(
            TreatmentSession.id,
            TreatmentSession.course_id,
            TreatmentSession.started_at,
            TreatmentSession.modality,
            TreatmentSession.session_date,
        )
        .where(
            TreatmentSession.course_id.in_([c.id for c in courses]),
            TreatmentSession.archived_at.is_(None),
        )
        .order_by(TreatmentSession.started_at)
    ):
        if cid is not None:
            sessions.setdefault(cid, []).append((sid, started, modality, day))
    return [(c, sessions.get(c.id, [])) for c in courses]


class _Writer:
    def __init__(self, session: Session, week: PracticeWeek, actor: str, stamp: datetime) -> None:
        self.session, self.week, self.actor = session, week, actor
        self.zone = practice_zone(session)
        self.next_id = (session.scalar(select(func.max(Appointment.id))) or 0) + 1
        self.rows: list[dict[str, Any]] = []
        self.seats: list[dict[str, Any]] = []
        self.staff: dict[int, dict[int, int]] = {}  # minute -> resource -> staff seat
        self.run_seats: Counter[tuple[int, datetime]] = Counter()
        self.now = stamp

    def add(
        self,
        course: Course,
        res: Resource,
        start: datetime,
        modality: str | None,
        status: str,
        session_id: int | None = None,
        reason: str = "",
        hold: bool = False,
    ) -> dict[str, Any]:
        starts_at = to_utc(start, self.zone) if start.tzinfo is None else start
        row = {
            "id": self.next_id,
            "patient_id": course.patient_id,
            "course_id": course.id,
            "resource_id": res.id,
            "modality": modality,
            "general": is_general(res, modality),
            "starts_at": starts_at,
            "local_day": starts_at.astimezone(self.zone).date(),
            "length_min": res.session_min,
            "turnaround_min": res.turnaround_min,
            "status": status,
            "cancel_reason": reason,
            "warnings": "",
            "warning_reason": "",
            "session_id": session_id,
            "created_at": self.now,
            "updated_at": self.now,
            "version": 1,
        }
        self.next_id += 1
        self.rows.append(row)
        if hold:
            self._hold(row, res)
        return row

    def _hold(self, row: dict[str, Any], res: Resource) -> None:
        first = epoch_minute(row["starts_at"])
        seat = self.run_seats[(res.id, row["starts_at"])]
        self.run_seats[(res.id, row["starts_at"])] += 1
        for minute in range(first, first + res.session_min + res.turnaround_min):
            staffed = minute < first + res.session_min
            self.seats.append(
                {
                    "resource_id": res.id,
                    "minute": minute,
                    "seat": seat,
                    "appointment_id": row["id"],
                    "staffed": staffed,
                }
            )
            if staffed:
                lanes = self.staff.setdefault(minute, {})
                lanes.setdefault(res.id, len(lanes))

    def flush(self) -> Counter[str]:
        s = self.session.connection()
        if self.rows:
            s.execute(insert(table_of(Appointment)), self.rows)
        keys = ("resource_id", "minute", "seat", "appointment_id", "staffed")
        self._plain(AppointmentSeat, keys, [tuple(r[k] for k in keys) for r in self.seats])
        staff = [(m, seat, r) for m, lanes in self.staff.items() for r, seat in lanes.items()]
        self._plain(StaffMinute, ("minute", "staff_seat", "resource_id"), staff)
        entries = chain_states(
            self.session,
            [
                ("book", "appointment", r["id"], r["patient_id"], r["cancel_reason"] or None)
                for r in self.rows
            ],
            self.actor,
            self.now,
        )
        return Counter(
            {
                "appointment": len(self.rows),
                "appointment_seat": len(self.seats),
                "staff_minute": len(staff),
                "audit_log": entries,
            }
        )

    def _plain(self, model: Any, keys: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Whole numbers only: on SQLite straight to the driver (tens of thousands of rows)."""
        if not rows:
            return
        table = table_of(model)
        conn = self.session.connection()
        if uses_driver_inserts(self.session):
            sql = str(insert(table).compile(dialect=conn.dialect, column_keys=list(keys)))
            conn.exec_driver_sql(sql, rows)
        else:
            conn.execute(insert(table), [dict(zip(keys, r, strict=True)) for r in rows])


Pending = tuple[str, str, int | None, int | None, Any]
"""(action, entity, entity id, patient id, reason or the state before) of one entry."""


def resource_ids(session: Session) -> list[int]:
    return [int(i) for i in session.scalars(select(BookingResource.id))]


def chain_states(
    session: Session,
    items: Sequence[Pending],
    actor: str,
    at: datetime,
) -> int:
    """Chain one entry per written record, its state read back from the database. An
    item's last element is the state before (a change) or the reason (a new record)."""
    sql = runner(session.connection())
    specs = model_specs()
    pending: list[PendingEntry] = []
    wanted = {(e, i) for _, e, i, _, _ in items}
    states: dict[tuple[str, int | None], Any] = {}
    for entity in {e for e, _ in wanted}:
        if specs[entity].whole_table or entity != "appointment":
            for e, i in wanted:
                if e == entity:
                    states[(e, i)] = read_state(sql, specs[e], i)
            continue
        for key, _patient, state in iter_states(sql, specs[entity]):
            if (entity, key) in wanted:
                states[(entity, key)] = state
    for action, entity, entity_id, patient_id, extra in items:
        salt = salt_for(sql, patient_id)
        before = extra if isinstance(extra, dict) else None
        reason = extra if isinstance(extra, str) else None
        content = None
        state = states[(entity, entity_id)]
        if before is not None:
            content = canonical(change_record(before, state)).decode("ascii")
        pending.append(
            (
                at, actor, action, entity, entity_id, patient_id, reason,
                state_hash(salt, state), None if before is None else state_hash(salt, before),
                content, None if content is None else content_hash(salt, content),
            )
        )  # fmt: skip
    return chain_entries(session, pending)


def _resource_for(week: PracticeWeek, modality: str) -> Resource | None:
    return next((r for r in week.resources if r.offers(modality)), None)


def add_calendar(db: Database, today: date, seed: int, actor: str) -> Counter[str]:
    """Write the demo calendar; the rows written per table."""
    rng = random.Random(seed * 104_729 + 17)
    with db.write() as session:
        stamp = to_utc(datetime.combine(today, time(7, 30)), practice_zone(session))
        week = _week(session, today, actor, stamp)
        writer = _Writer(session, week, actor, stamp)
        calendar = BookingCalendar(week, ())
        prefs_rows: list[dict[str, Any]] = []
        now = datetime.combine(today, time(7, 0))
        unplaced = 0  # courses in a row for which no visit could be placed
        for course, done in _courses(session):
            proto = protocol(course.protocol_id)
            modality = done[-1][2] if done else (proto.modalities or ("cold_air",))[0]
            res = _resource_for(week, modality)
            if res is None:
                continue
            _past(writer, rng, course, res, modality, done, today)
            prefs = _preferences(rng)
            if not prefs.empty:
                prefs_rows.append(
                    {
                        "patient_id": course.patient_id,
                        "weekdays": ",".join(str(d) for d in sorted(prefs.weekdays)),
                        "earliest_min": prefs.earliest_min,
                        "latest_min": None,
                        "note": "",
                    }
                )
            planned = planned_sessions(proto, course.planned_sessions) or 8
            rest = min(max(planned - len(done), 0), MAX_BOOKED)
            request = ProposalRequest(
                patient_id=course.patient_id,
                count=rest,
                week=week,
                course=CourseContext(proto, tuple(d for *_, d in done)),
                bookings=(),
                now=now,
                modality=modality,
                prefs=prefs,
                horizon_days=HORIZON_DAYS,
            )
            if unplaced >= FULL_AFTER or rest == 0:
                continue  # the calendar is full: a real practice books no further either
            visits = propose(request, calendar).visits
            unplaced = 0 if visits else unplaced + 1
            for visit in visits:
                chosen = next(r for r in week.resources if r.id == visit.resource_id)
                writer.add(course, chosen, visit.start, modality, "booked", hold=True)
        counts = writer.flush()
        unique = {r["patient_id"]: r for r in prefs_rows}
        if unique:
            session.execute(insert(BookingPreference), list(unique.values()))
            counts["audit_log"] += chain_states(
                session,
                [("create", "booking_preference", p, p, None) for p in unique],
                actor,
                stamp,
            )
        counts["booking_preference"] = len(unique)
        return counts


def _preferences(rng: random.Random) -> Preferences:
    roll = rng.random()
    if roll < 0.2:
        return Preferences(frozenset(rng.sample(range(5), 3)))
    if roll < 0.3:
        return Preferences(frozenset(), 14 * 60)
    return Preferences()


def _past(
    writer: _Writer,
    rng: random.Random,
    course: Course,
    res: Resource,
    modality: str,
    done: list[tuple[int, datetime, str, date]],
    today: date,
) -> None:
    """Attended appointments for the recent sessions; now and then a cancelled or missed one."""
    recent = [d for d in done if (today - d[3]).days <= PAST_DAYS]
    for sid, started, _, _ in recent:
        writer.add(course, res, started, modality, "attended", session_id=sid)
    if recent and rng.random() < 0.25:
        day = recent[0][1] - timedelta(days=1)
        kind = rng.choice(("cancelled", "no_show"))
        reason = rng.choice(CANCEL_REASONS) if kind == "cancelled" else ""
        writer.add(course, res, day, modality, kind, reason=reason)
