"""The seat and staff minutes an appointment holds (see db/models/appointment.py).

``hold`` inserts them after the rules were checked; a place taken meanwhile by another
workstation makes the insert fail on the primary key, and the booking rolls back with
``PlaceTaken``. ``release`` frees them when an appointment is cancelled, missed or moved.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cryolog.db.models import Appointment, AppointmentSeat, BookingSettings, StaffMinute
from cryolog.domain.booking.checks import BookingFinding, Level
from cryolog.domain.booking.errors import BookingRefused, PlaceTaken
from cryolog.domain.messages import Message
from cryolog.services.appointments_zone import epoch_minute


def lock_calendar(session: Session) -> None:
    """Serialise booking transactions (a row lock on servers; SQLite writes are serial)."""
    session.execute(
        update(BookingSettings)
        .where(BookingSettings.id == 1)
        .values(calendar_seq=BookingSettings.calendar_seq + 1)
    )


def _span(row: Appointment) -> tuple[range, range]:
    first = epoch_minute(row.starts_at)
    return (
        range(first, first + row.length_min + row.turnaround_min),
        range(first, first + row.length_min),
    )


def hold(session: Session, row: Appointment, capacity: int, staff: int) -> None:
    minutes, staffed = _span(row)
    used = set(
        session.scalars(
            select(AppointmentSeat.seat).where(
                AppointmentSeat.resource_id == row.resource_id,
                AppointmentSeat.minute.in_(list(minutes)),
            )
        )
    )
    seat = next((s for s in range(capacity) if s not in used), None)
    if seat is None:
        raise BookingRefused(
            [BookingFinding("resource_full", Level.REFUSAL, Message("booking.no_place"))]
        )
    seats = [
        {
            "resource_id": row.resource_id,
            "minute": m,
            "seat": seat,
            "appointment_id": row.id,
            "staffed": m in staffed,
        }
        for m in minutes
    ]
    try:
        with session.begin_nested():
            session.execute(insert(AppointmentSeat), seats)
            _staff(session, row.resource_id, staffed, staff)
    except IntegrityError as exc:
        raise PlaceTaken() from exc


def _staff(session: Session, resource_id: int, staffed: range, staff: int) -> None:
    taken: dict[int, set[int]] = {}
    mine: set[int] = set()
    for minute, held, resource in session.execute(
        select(StaffMinute.minute, StaffMinute.staff_seat, StaffMinute.resource_id).where(
            StaffMinute.minute.in_(list(staffed))
        )
    ):
        taken.setdefault(minute, set()).add(held)
        if resource == resource_id:
            mine.add(minute)
    rows = []
    for minute in staffed:
        if minute in mine:
            continue
        free = next((s for s in range(staff) if s not in taken.get(minute, set())), None)
        if free is None:
            raise BookingRefused(
                [
                    BookingFinding(
                        "practitioner_busy", Level.REFUSAL, Message("booking.no_practitioner")
                    )
                ]
            )
        rows.append({"minute": minute, "staff_seat": free, "resource_id": resource_id})
    if rows:
        session.execute(insert(StaffMinute), rows)


def release(session: Session, row: Appointment) -> None:
    _, staffed = _span(row)
    session.execute(delete(AppointmentSeat).where(AppointmentSeat.appointment_id == row.id))
    still = set(
        session.scalars(
            select(AppointmentSeat.minute).where(
                AppointmentSeat.resource_id == row.resource_id,
                AppointmentSeat.minute.in_(list(staffed)),
                AppointmentSeat.staffed.is_(True),
            )
        )
    )
    free = [m for m in staffed if m not in still]
    if free:
        session.execute(
            delete(StaffMinute).where(
                StaffMinute.resource_id == row.resource_id, StaffMinute.minute.in_(free)
            )
        )
