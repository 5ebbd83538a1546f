"""``cryolog appointments``: the day's plan, and the iCalendar export read back by icalendar."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from cryolog.cli import main
from cryolog.db.database import Database
from cryolog.services import Services, appointments_zone
from cryolog.services.appointments_dto import BookingRequest
from tests.services.appointments_setup import at, next_weekday, set_up_week
from tests.services.conftest import other_patient, patient_data

TUESDAY = next_weekday(1)
ZONE = ZoneInfo("Europe/Berlin")


@pytest.fixture
def booked(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(appointments_zone, "machine_zone", lambda: ZONE)
    services = Services.open(db, "dr.test")
    chamber, cabin = set_up_week(services)
    pid = services.patients.register(patient_data()).id
    other = services.patients.register(other_patient("Smith", given_name="Anna")).id
    course = services.courses.open_course(pid, {"protocol_id": "acne", "started_on": date.today()})
    ids = [
        services.appointments.book(BookingRequest(pid, cabin, at(TUESDAY, 9), course.id)).id,
        services.appointments.book(BookingRequest(other, chamber, at(TUESDAY, 10, 24))).id,
    ]
    cancelled = services.appointments.book(BookingRequest(other, cabin, at(TUESDAY, 15)))
    services.appointments.cancel(cancelled.id, "Patient rang to cancel the visit")
    return [*ids, cancelled.id]


def test_day_plan_lists_the_appointments_per_resource(
    db_path: Path, booked: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["appointments", "--date", TUESDAY.isoformat(), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    chamber, cabin = out.index("Chamber"), out.index("Cabin 1")
    assert chamber < out.index("10:24–10:27  Smith Anna") < cabin
    assert cabin < out.index("09:00–09:20  Иванова Мария Петровна")
    assert "Acne" in out and "cancelled" in out


def test_export_writes_one_event_per_appointment_with_the_zone(
    db_path: Path, tmp_path: Path, booked: list[int]
) -> None:
    target = tmp_path / "visits.ics"
    args = [
        "appointments",
        "export",
        "--from",
        TUESDAY.isoformat(),
        "--to",
        (TUESDAY + timedelta(days=1)).isoformat(),
        "-o",
        str(target),
        "--db",
        str(db_path),
    ]
    assert main(args) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    cal = Calendar.from_ical(target.read_bytes())
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["uid"]) for e in events] == [f"appointment-{i}@cryolog" for i in booked]
    starts = [e.decoded("dtstart") for e in events]
    assert starts[0] == at(TUESDAY, 9).replace(tzinfo=ZONE)
    assert events[0]["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [str(t["tzid"]) for t in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert str(events[0]["summary"]) == "Appointment: И. М. П."
    text = target.read_text(encoding="utf-8")
    for private in ("Acne", "Chamber", "Cabin", "wbc", "+7", "Иванова"):
        assert private not in text
    # the same appointments export with the same UIDs
    assert main(args) == 0
    again = Calendar.from_ical(target.read_bytes())
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == sorted(
        str(e["uid"]) for e in events
    )


@pytest.mark.parametrize(
    ("names", "resource", "summary", "location"),
    [
        ("full", True, "Appointment: Иванова Мария Петровна", "Cabin 1"),
        ("none", False, "Appointment", None),
    ],
)
def test_names_and_resource_by_choice(
    db_path: Path,
    tmp_path: Path,
    booked: list[int],
    names: str,
    resource: bool,
    summary: str,
    location: str | None,
) -> None:
    target = tmp_path / "v.ics"
    args = [
        "appointments",
        "export",
        "--from",
        TUESDAY.isoformat(),
        "--to",
        TUESDAY.isoformat(),
        "-o",
        str(target),
        "--names",
        names,
        "--db",
        str(db_path),
    ]
    assert main([*args, "--with-resource"] if resource else args) == 0
    first = sorted(
        Calendar.from_ical(target.read_bytes()).walk("VEVENT"), key=lambda e: e.decoded("dtstart")
    )[0]
    assert str(first["summary"]) == summary
    assert (str(first["location"]) if "location" in first else None) == location


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["appointments", "--date", "2026-02-30"], "is not a date"),
        (
            ["appointments", "export", "--from", "2027-01-05", "--to", "2027-01-01", "-o", "x.ics"],
            "is before --from",
        ),
        (
            ["appointments", "export", "--from", "2020-01-01", "--to", "2027-01-01", "-o", "x.ics"],
            "at most",
        ),
        (
            ["appointments", "export", "--from", "yesterday", "--to", "2027-01-01", "-o", "x.ics"],
            "is not a date",
        ),
        (
            [
                "appointments",
                "export",
                "--from",
                "2027-01-01",
                "--to",
                "2027-01-02",
                "-o",
                "/nonexistent/dir/x.ics",
            ],
            "cannot write",
        ),
    ],
)
def test_bad_dates_and_ranges_give_one_line(
    db_path: Path,
    booked: list[int],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    assert main([*args, "--db", str(db_path)]) != 0
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_a_missing_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["appointments", "--db", str(tmp_path / "none.db")]) == 1
    assert "Traceback" not in capsys.readouterr().err
