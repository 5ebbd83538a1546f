"""The practice's week (opening hours, closed days, resources, staff), patients' preferred
visit times, and appointments with the places they hold.

Why a double booking is impossible even from two workstations at once: every minute an
appointment holds on its resource is a row of ``appointment_seat`` keyed by (resource,
minute, seat), and every minute a resource needs a practitioner is a row of
``staff_minute`` keyed by (minute, staff seat) and unique per (minute, resource). The
service picks a free seat after checking the rules; if another workstation took the same
place meanwhile, the primary key refuses the second insert and the whole booking rolls
back. Each booking transaction also increments ``booking_settings.calendar_seq`` first,
which on SQLite takes the write lock before anything is read and on a server locks that
row, so the checks and the inserts of two bookings never interleave. Minutes are counted
from 1970-01-01 00:00 UTC.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.models._common import between, in_list, patient_fk
from cryolog.db.types import UTCDateTime, utcnow
from cryolog.domain.booking.bookings import AppointmentStatus

STATUSES = tuple(s.value for s in AppointmentStatus)


class BookingSettings(Base):
    """The single row of calendar settings (id is always 1)."""

    __tablename__ = "booking_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(between("staff_count", 1, 50, nullable=False), name="staff_plausible"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    staff_count: Mapped[int] = mapped_column(Integer, default=1)
    calendar_seq: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OpeningInterval(Base):
    __tablename__ = "opening_interval"
    __table_args__ = (
        CheckConstraint(between("weekday", 0, 6, nullable=False), name="weekday_known"),
        CheckConstraint("start_min >= 0 AND end_min <= 1440", name="within_day"),
        CheckConstraint("start_min < end_min", name="opens_before_closing"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start_min: Mapped[int] = mapped_column(Integer)
    end_min: Mapped[int] = mapped_column(Integer)


class ClosedDay(Base):
    __tablename__ = "closed_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    label: Mapped[str] = mapped_column(String(120), default="")


class BookingResource(Base):
    """A chamber, cabin or device; ``modalities`` is a comma-separated list of ids."""

    __tablename__ = "booking_resource"
    __table_args__ = (
        CheckConstraint("length(name) > 0", name="name_present"),
        CheckConstraint(between("capacity", 1, 20, nullable=False), name="capacity_plausible"),
        CheckConstraint(between("session_min", 1, 480, nullable=False), name="session_plausible"),
        CheckConstraint(
            between("turnaround_min", 0, 240, nullable=False), name="turnaround_plausible"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    modalities: Mapped[str] = mapped_column(String(400))
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    session_min: Mapped[int] = mapped_column(Integer)
    turnaround_min: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class BookingPreference(Base):
    """A patient's preferred visit days (comma-separated weekdays, Monday = 0) and times."""

    __tablename__ = "booking_preference"
    __table_args__ = (
        CheckConstraint(between("earliest_min", 0, 1439), name="earliest_plausible"),
        CheckConstraint(between("latest_min", 0, 1439), name="latest_plausible"),
    )

    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patient.id", ondelete="CASCADE"), primary_key=True
    )
    weekdays: Mapped[str] = mapped_column(String(20), default="")
    earliest_min: Mapped[int | None] = mapped_column(Integer)
    latest_min: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class Appointment(Base):
    """One booked visit. ``local_day`` is its calendar day in the practice's time zone."""

    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint(in_list("status", STATUSES), name="status_known"),
        CheckConstraint(between("length_min", 1, 480, nullable=False), name="length_plausible"),
        CheckConstraint(
            "status <> 'cancelled' OR length(cancel_reason) > 0", name="cancel_has_reason"
        ),
        CheckConstraint("status <> 'attended' OR session_id IS NOT NULL", name="attended_linked"),
        Index("ix_appointment_day", "local_day", "starts_at"),
        Index("ix_appointment_patient_day", "patient_id", "local_day"),
        # the courses with a visit held from a day on, from the index alone (0020)
        Index("ix_appointment_day_course", "local_day", "status", "course_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = patient_fk(index=False)  # ix_appointment_patient_day
    course_id: Mapped[int | None] = mapped_column(
        ForeignKey("course.id", ondelete="RESTRICT"), index=True
    )
    resource_id: Mapped[int] = mapped_column(ForeignKey("booking_resource.id", ondelete="RESTRICT"))
    modality: Mapped[str | None] = mapped_column(String(40))
    general: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    local_day: Mapped[date] = mapped_column(Date)
    length_min: Mapped[int] = mapped_column(Integer)
    turnaround_min: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default=AppointmentStatus.BOOKED.value)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    warnings: Mapped[str] = mapped_column(Text, default="")  # the text shown when booked
    # the warnings' rules, keys and values (None when booked before keyed messages, or
    # without warnings), and the language ``warnings`` is written in (domain/booking/stored)
    warnings_said: Mapped[str | None] = mapped_column(Text)
    warnings_language: Mapped[str | None] = mapped_column(String(16))
    warning_reason: Mapped[str] = mapped_column(Text, default="")
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("treatment_session.id", ondelete="RESTRICT"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class AppointmentSeat(Base):
    """One minute of one seat of a resource, held by an appointment (see the module note)."""

    __tablename__ = "appointment_seat"
    __table_args__ = ({"sqlite_with_rowid": False},)  # the key is the row (0019)

    resource_id: Mapped[int] = mapped_column(
        ForeignKey("booking_resource.id", ondelete="RESTRICT"), primary_key=True
    )
    minute: Mapped[int] = mapped_column(Integer, primary_key=True)
    seat: Mapped[int] = mapped_column(Integer, primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"), index=True
    )
    staffed: Mapped[bool] = mapped_column(Boolean, default=True)


class StaffMinute(Base):
    """One minute of one member of staff running a resource."""

    __tablename__ = "staff_minute"
    __table_args__ = (
        UniqueConstraint("minute", "resource_id", name="uq_staff_minute_resource"),
        {"sqlite_with_rowid": False},  # the key is the row (0019)
    )

    minute: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_seat: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("booking_resource.id", ondelete="RESTRICT"))
