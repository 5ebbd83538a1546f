"""Appointments as the booking rules see them, and the places they hold.

A ``Booking`` is an appointment that holds its place (booked or attended): the resource's
seat from its start through the session and the turnaround, and the practitioner during
the session itself. Several patients share one run of a resource (a chamber for three)
only when they start together; one practitioner runs one resource at a time unless the
practice has more staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def holds_place(self) -> bool:
        return self in (AppointmentStatus.BOOKED, AppointmentStatus.ATTENDED)


@dataclass(frozen=True, slots=True)
class Booking:
    """A place held on ``resource_id`` from ``start`` (local time) for ``length_min``."""

    id: int
    patient_id: int
    resource_id: int
    start: datetime
    length_min: int
    turnaround_min: int = 0
    course_id: int | None = None
    general: bool = False

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def end(self) -> datetime:
        """When the session itself ends (the practitioner is free again)."""
        return self.start + timedelta(minutes=self.length_min)

    @property
    def free_at(self) -> datetime:
        """When the resource is ready for the next run."""
        return self.end + timedelta(minutes=self.turnaround_min)


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass(frozen=True, slots=True)
class DayBookings:
    """The bookings of one day, with the look-ups the checks need."""

    bookings: tuple[Booking, ...]

    @classmethod
    def of(cls, bookings: Iterable[Booking], day: date, exclude: int | None = None) -> DayBookings:
        return cls(tuple(b for b in bookings if b.day == day and b.id != exclude))

    def on_resource(self, resource_id: int) -> list[Booking]:
        return [b for b in self.bookings if b.resource_id == resource_id]

    def of_patient(self, patient_id: int) -> list[Booking]:
        return [b for b in self.bookings if b.patient_id == patient_id]


def group_by_day(bookings: Sequence[Booking]) -> dict[date, list[Booking]]:
    found: dict[date, list[Booking]] = {}
    for booking in bookings:
        found.setdefault(booking.day, []).append(booking)
    return found
