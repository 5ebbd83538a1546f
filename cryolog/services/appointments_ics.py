"""Appointments as an RFC 5545 iCalendar file for the practitioner's own calendar.

One event per appointment, with a UID that stays the same however often it is exported
(so a calendar program updates the event instead of adding a copy), times in the
practice's time zone with its VTIMEZONE, and cancelled visits as STATUS:CANCELLED. No
health data: the title is neutral, the patient is named in full, by initials or not at
all as chosen, and the resource's name appears only when allowed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from cryolog.services.appointments_dto import AppointmentDTO

PRODID = "-//cryolog//appointments//EN"
TITLE = "Appointment"


class Names(StrEnum):
    FULL = "full"
    INITIALS = "initials"
    NONE = "none"


def initials(name: str) -> str:
    return " ".join(f"{part[0]}." for part in name.split() if part)


def event_uid(appointment_id: int) -> str:
    return f"appointment-{appointment_id}@cryolog"


def _title(item: AppointmentDTO, names: Names) -> str:
    if names is Names.FULL:
        return f"{TITLE}: {item.patient_name}"
    if names is Names.INITIALS:
        return f"{TITLE}: {initials(item.patient_name)}"
    return TITLE


def calendar_bytes(
    items: Sequence[AppointmentDTO],
    zone: ZoneInfo,
    *,
    names: Names = Names.INITIALS,
    with_resource: bool = False,
    stamp: datetime | None = None,
) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamped = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    for item in items:
        start = item.starts_at.astimezone(zone)
        event = Event()
        event.add("uid", event_uid(item.id))
        event.add("dtstamp", stamped)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=item.length_min))
        event.add("summary", _title(item, names))
        event.add("sequence", item.version - 1)
        event.add("status", "CANCELLED" if item.status == "cancelled" else "CONFIRMED")
        if with_resource:
            event.add("location", item.resource_name)
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
