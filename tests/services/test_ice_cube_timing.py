"""The ice cube test's reading time: before it, a result is only saved as "read early"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import ColdTest
from cryolog.domain.errors import InvalidInput
from cryolog.services import Services
from tests.services.conftest import TODAY, patient_data

pytestmark = pytest.mark.both_backends  # also on a PostgreSQL server (tests/pg)


@pytest.fixture
def pid(services: Services) -> int:
    return services.patients.register(patient_data()).id


def _timed(removed_minutes_ago: float, **changes: Any) -> dict[str, Any]:
    removed = datetime.now(UTC) - timedelta(minutes=removed_minutes_ago)
    return {
        "performed_on": TODAY,
        "result": "negative",
        "contact_s": 300,
        "read_after_min": 10,
        "contact_started_at": removed - timedelta(seconds=300),
        "cube_removed_at": removed,
        **changes,
    }


def _stored(db: Database) -> list[ColdTest]:
    with db.read() as s:
        return list(s.scalars(select(ColdTest)))


def test_a_result_before_the_reading_time_needs_read_early(
    services: Services, pid: int, db: Database
) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.pretreatment.record_cold_test(pid, "ice_cube", _timed(4))
    message = refused.value.for_field("read_early")[0]
    assert "before the reading time" in message and "read early" in message
    assert _stored(db) == []
    services.pretreatment.record_cold_test(pid, "ice_cube", _timed(4, read_early=True))
    (test,) = _stored(db)
    assert test.read_early and test.read_at is not None and test.cube_removed_at is not None
    assert test.read_at - test.cube_removed_at < timedelta(minutes=10)


def test_a_result_at_the_reading_time_is_not_early(
    services: Services, pid: int, db: Database
) -> None:
    dto = services.pretreatment.record_cold_test(pid, "ice_cube", _timed(10.5, read_early=True))
    assert dto.read_early is False and dto.contact_started_at is not None


def test_a_test_entered_from_paper_needs_no_timer(
    services: Services, pid: int, db: Database
) -> None:
    data = {"performed_on": TODAY - timedelta(days=2), "result": "negative", "contact_s": 300}
    dto = services.pretreatment.record_cold_test(pid, "ice_cube", data)
    assert (dto.read_early, dto.cube_removed_at, dto.read_at) == (False, None, None)


@pytest.mark.parametrize(
    "changes",
    [
        {"contact_started_at": None},
        {"cube_removed_at": None},
        {"read_at": datetime.now(UTC) + timedelta(hours=1)},
    ],
)
def test_incomplete_or_impossible_timings_are_refused(
    services: Services, pid: int, db: Database, changes: dict[str, Any]
) -> None:
    with pytest.raises(InvalidInput):
        services.pretreatment.record_cold_test(pid, "ice_cube", _timed(12, **changes))
    assert _stored(db) == []


def test_read_early_is_for_timed_tests_only(services: Services, pid: int) -> None:
    data = {"performed_on": TODAY, "result": "negative", "read_early": True}
    with pytest.raises(InvalidInput, match="timed test"):
        services.pretreatment.record_cold_test(pid, "ice_cube", data)
