"""Edit the practice's week: opening hours, closed days, staff, resources; and a patient's
preferred visit times. Every change is validated, then written with its audit row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cryolog.db.models import (
    AppointmentSeat,
    BookingPreference,
    BookingResource,
    BookingSettings,
    ClosedDay,
    OpeningInterval,
    StaffMinute,
)
from cryolog.domain.booking.prefs import Preferences, preference_errors
from cryolog.domain.booking.week import (
    ClosedDay as ClosedDayValue,
)
from cryolog.domain.booking.week import (
    Interval,
    PracticeWeek,
    Resource,
    closed_day_errors,
    hours_errors,
    require,
    resource_errors,
    staff_errors,
)
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.services import audit
from cryolog.services.appointments_zone import epoch_minute
from cryolog.services.base import Service


def resource_value(row: BookingResource) -> Resource:
    modalities = tuple(m for m in row.modalities.split(",") if m)
    return Resource(
        row.id, row.name, modalities, row.capacity, row.session_min, row.turnaround_min, row.active
    )


def load_week(session: Session) -> PracticeWeek:
    hours = tuple(
        Interval(r.weekday, r.start_min, r.end_min)
        for r in session.scalars(select(OpeningInterval).order_by(OpeningInterval.id))
    )
    closed = tuple(
        ClosedDayValue(r.day, r.label)
        for r in session.scalars(select(ClosedDay).order_by(ClosedDay.day))
    )
    resources = tuple(
        resource_value(r)
        for r in session.scalars(
            select(BookingResource).order_by(BookingResource.position, BookingResource.id)
        )
    )
    settings = session.get(BookingSettings, 1)
    return PracticeWeek(hours, closed, resources, settings.staff_count if settings else 1)


def load_preferences(session: Session, patient_id: int) -> Preferences:
    row = session.get(BookingPreference, patient_id)
    if row is None:
        return Preferences()
    days = frozenset(int(d) for d in row.weekdays.split(",") if d)
    return Preferences(days, row.earliest_min, row.latest_min, row.note)


def _hours_data(hours: Sequence[Interval]) -> list[dict[str, int]]:
    return [
        {"weekday": i.weekday, "start_min": i.start_min, "end_min": i.end_min}
        for i in sorted(hours, key=lambda i: (i.weekday, i.start_min))
    ]


def _closed_data(closed: Sequence[ClosedDayValue]) -> list[dict[str, str]]:
    return [
        {"day": c.day.isoformat(), "label": c.label} for c in sorted(closed, key=lambda c: c.day)
    ]


def _now_minute() -> int:
    return epoch_minute(datetime.now(UTC))


class WeekService(Service):
    def week(self) -> PracticeWeek:
        with self.read() as session:
            return load_week(session)

    def save_week(
        self, hours: Sequence[Interval], closed: Sequence[ClosedDayValue], staff: int
    ) -> PracticeWeek:
        """Replace the opening hours and closed days and set the staff count, together."""
        cleaned = [ClosedDayValue(c.day, c.label.strip()) for c in closed]
        require(hours_errors(hours) + closed_day_errors(cleaned) + staff_errors(staff))
        with self.write() as session:
            before = load_week(session)
            self._check_staff(session, staff)
            if _hours_data(before.hours) != _hours_data(hours):
                state = audit.current_state(session, "opening_hours", None)
                session.execute(delete(OpeningInterval))
                session.add_all(
                    OpeningInterval(weekday=i.weekday, start_min=i.start_min, end_min=i.end_min)
                    for i in hours
                )
                self._audit(session, "opening_hours", None, state)
            if _closed_data(before.closed) != _closed_data(cleaned):
                state = audit.current_state(session, "closed_days", None)
                session.execute(delete(ClosedDay))
                session.add_all(ClosedDay(day=c.day, label=c.label) for c in cleaned)
                self._audit(session, "closed_days", None, state)
            if before.staff != staff:
                settings = self.get(session, BookingSettings, 1)
                state = audit.snapshot(settings)
                settings.staff_count = staff
                self._audit(session, "booking_settings", 1, state)
            session.flush()
            return load_week(session)

    def save_resource(self, res: Resource) -> Resource:
        """Add (``res.id`` 0) or change a resource."""
        res = Resource(
            res.id,
            res.name.strip(),
            tuple(dict.fromkeys(res.modalities)),
            res.capacity,
            res.session_min,
            res.turnaround_min,
            res.active,
        )
        with self.write() as session:
            others = load_week(session).resources
            require(resource_errors(res, others))
            if res.id:
                row = self.get(session, BookingResource, res.id)
                before = audit.snapshot(row)
                self._check_capacity(session, res)
                action = "update"
            else:
                top = session.scalar(select(func.max(BookingResource.position))) or 0
                row = BookingResource(position=top + 1)
                before = None
                action = "create"
            row.name, row.modalities = res.name, ",".join(res.modalities)
            row.capacity, row.session_min = res.capacity, res.session_min
            row.turnaround_min, row.active = res.turnaround_min, res.active
            session.add(row)
            session.flush()
            audit.write(
                session,
                self.actor,
                action,
                "booking_resource",
                row.id,
                None,
                before,
            )
            return resource_value(row)

    def preferences(self, patient_id: int) -> Preferences:
        with self.read() as session:
            return load_preferences(session, patient_id)

    def set_preferences(self, patient_id: int, prefs: Preferences) -> Preferences:
        prefs = Preferences(
            prefs.weekdays, prefs.earliest_min, prefs.latest_min, prefs.note.strip()
        )
        require(preference_errors(prefs))
        with self.write() as session:
            self.live_patient(session, patient_id)
            before = load_preferences(session, patient_id)
            if before == prefs:
                return prefs
            row = session.get(BookingPreference, patient_id)
            state = None if row is None else audit.snapshot(row)
            if row is None:
                row = BookingPreference(patient_id=patient_id)
            row.weekdays = ",".join(str(d) for d in sorted(prefs.weekdays))
            row.earliest_min, row.latest_min, row.note = (
                prefs.earliest_min,
                prefs.latest_min,
                prefs.note,
            )
            session.add(row)
            session.flush()
            audit.write(
                session,
                self.actor,
                "create" if state is None else "update",
                "booking_preference",
                patient_id,
                patient_id,
                state,
            )
            return prefs

    # --- helpers -------------------------------------------------------------------------

    def _audit(
        self, session: Session, entity: str, entity_id: int | None, before: audit.State | None
    ) -> None:
        """Chain the change of ``entity``; ``before`` is its state read before the change."""
        audit.write(session, self.actor, "update", entity, entity_id, None, before)

    @staticmethod
    def _check_staff(session: Session, staff: int) -> None:
        """Fewer staff than future bookings already need is refused."""
        needed = session.scalar(
            select(func.max(StaffMinute.staff_seat)).where(StaffMinute.minute >= _now_minute())
        )
        if needed is not None and needed + 1 > staff:
            raise InvalidInput([FieldError("staff", said("staff_needed", n=needed + 1))])

    @staticmethod
    def _check_capacity(session: Session, res: Resource) -> None:
        used = session.scalar(
            select(func.max(AppointmentSeat.seat)).where(
                AppointmentSeat.resource_id == res.id, AppointmentSeat.minute >= _now_minute()
            )
        )
        if used is not None and used + 1 > res.capacity:
            raise InvalidInput([FieldError("capacity", said("places_used", n=used + 1))])
