"""Fixtures for service tests: the services over a fresh migrated database."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from cryolog.db.database import Database
from cryolog.db.models import Base
from cryolog.services import Services

TODAY = date.today()


@pytest.fixture
def services(db: Database) -> Services:
    return Services.open(db, actor="dr.test")


@pytest.fixture
def row_counts(db: Database) -> Callable[[], dict[str, int]]:
    def counts() -> dict[str, int]:
        with db.read() as session:
            return {
                t.name: int(session.scalar(select(func.count()).select_from(t)) or 0)
                for t in Base.metadata.sorted_tables
            }

    return counts


def local_now() -> datetime:
    """A moment earlier today (local time), never yesterday, never in the future."""
    start_of_day = datetime.combine(TODAY, time(0, 0))
    return max(start_of_day, datetime.now() - timedelta(minutes=1)).astimezone()


def patient_data(**changes: Any) -> dict[str, Any]:
    return {
        "family_name": "Иванова",
        "given_name": "Мария",
        "middle_name": "Петровна",
        "birth_date": date(1980, 5, 2),
        "height_cm": 165.0,
        "phone": "+7 912 123-45-67",
        **changes,
    }


def own_phone(name: str) -> str:
    """A phone number of ``name``'s own: seeds with several people must not share one (the
    services take the same number for the same person)."""
    number = f"{zlib.crc32(name.encode()) % 10_000_000:07d}"
    return f"+7 901 {number[:3]}-{number[3:5]}-{number[5:]}"


def other_patient(family_name: str, **changes: Any) -> dict[str, Any]:
    """Another person than ``patient_data()``: their own name and phone number."""
    return patient_data(family_name=family_name, phone=own_phone(family_name), **changes)


def wbc_session(**changes: Any) -> dict[str, Any]:
    return {
        "modality": "wbc_chamber",
        "started_at": local_now(),
        "duration_s": 120,
        "set_temp": {"value": -110.0, "unit": "C"},
        "bp_pre": {"systolic": 125, "diastolic": 80},
        "hr_pre": 70,
        "spo2_pre": 98,
        "checklist": {
            "dry_skin": True,
            "no_lotion": True,
            "no_metal": True,
            "protective_gear": True,
        },
        **changes,
    }


@pytest.fixture
def ready_patient(services: Services) -> int:
    """A patient cleared for whole-body sessions today."""
    pid = services.patients.register(patient_data()).id
    services.pretreatment.record_screening(pid, {"screened_on": TODAY, "answers": {}})
    services.pretreatment.record_consent(pid, {"signed_on": TODAY, "form_version": 1})
    services.pretreatment.record_clearance(
        pid,
        {
            "issued_on": TODAY,
            "valid_until": TODAY + timedelta(days=180),
            "ecg": True,
            "blood": True,
            "urine": True,
        },
    )
    services.pretreatment.record_cold_test(
        pid, "ice_cube", {"performed_on": TODAY, "result": "negative"}
    )
    return pid
