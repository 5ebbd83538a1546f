"""The demo's calendar: the practice's week, its resources and appointments of every status."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from cryolog.db.database import Database
from cryolog.db.models import Appointment, Course
from cryolog.services import Services
from cryolog.services.demo import generate_demo


def test_demo_has_a_week_resources_and_appointments(db: Database) -> None:
    summary = generate_demo(db, 80, 2)
    services = Services.open(db, "demo")
    week = services.week.week()
    assert not any(i.weekday == 6 for i in week.hours), "Sunday is closed"
    assert [r.name for r in week.resources] == ["Chamber", "Cabin 1", "Cabin 2"]
    assert week.resources[0].capacity == 3 and week.closed
    with db.read() as s:
        statuses = dict(
            s.execute(select(Appointment.status, func.count()).group_by(Appointment.status)).all()
        )
        open_courses = set(s.scalars(select(Course.id).where(Course.status == "open")))
        booked_courses = set(
            s.scalars(select(Appointment.course_id).where(Appointment.status == "booked"))
        )
    assert set(statuses) == {"booked", "attended", "cancelled", "no_show"}
    assert booked_courses <= open_courses and len(booked_courses) >= len(open_courses) // 2
    assert summary.counts["appointment"] == sum(statuses.values())
    future = services.appointments.between(date.today(), date.max)
    assert all(week.is_open(a.day) for a in future if a.status == "booked")
    for a in future:
        if a.status == "booked":
            resource = week.resource(a.resource_id)
            assert resource is not None and resource.offers(a.modality)
            assert week.on_grid(resource, a.day, a.start.hour * 60 + a.start.minute)
