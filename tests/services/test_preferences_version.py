"""Preferences saved at two workstations: the one started from an older copy is refused
with what the other saved, on an SQLite file and on the PostgreSQL server alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from cryolog.db.database import Database, open_database
from cryolog.db.models import AuditEntry, Practice
from cryolog.domain.errors import StaleRecord
from cryolog.services import Services
from cryolog.ui.preferences import save_preferences

pytestmark = pytest.mark.both_backends
REASON = "New guidance from the chamber maker"


@pytest.fixture
def desks(
    db: Database, db_path: Path, backend_kind: str, request: pytest.FixtureRequest
) -> Iterator[tuple[Services, Services]]:
    """Two workstations on one database: ``db`` and a second connection to it."""
    if backend_kind == "postgresql":
        other = open_database(request.getfixturevalue("pg_database").url)
    else:
        other = open_database(db_path)
    yield Services.open(db, actor="dr.petrova"), Services.open(other, actor="front.desk")
    other.dispose()


def _entries(services: Services) -> int:
    with services.db.read() as s:
        return len(s.scalars(select(AuditEntry.id)).all())


def test_a_practice_save_over_a_newer_copy_is_refused_with_theirs_and_yours(
    desks: tuple[Services, Services],
) -> None:
    here, there = desks
    opened = here.practice.practice()
    there.practice.update_practice({"name": "Cryo Nord"}, expected_version=opened.version)
    before = _entries(here)
    with pytest.raises(StaleRecord) as refused:
        here.practice.update_practice({"name": "Cryo Süd"}, expected_version=opened.version)
    other = refused.value.other
    assert other is not None and other.actor == "front.desk"
    assert other.version == opened.version + 1
    change = {f.field: f for f in other.fields}["name"]
    assert (change.theirs, change.yours, change.conflicting) == ("Cryo Nord", "Cryo Süd", True)
    assert here.practice.practice().name == "Cryo Nord"
    assert _entries(here) == before
    saved = here.practice.update_practice({"name": "Cryo Süd"}, expected_version=other.version)
    assert (saved.name, saved.version) == ("Cryo Süd", other.version + 1)


def test_a_limit_changed_elsewhere_refuses_this_change_and_the_practice_with_it(
    desks: tuple[Services, Services],
) -> None:
    here, there = desks
    opened = here.practice.practice()
    assert opened.limits_version == 0
    there.practice.set_thresholds(
        {"exposure_max_s": 230.0}, REASON, expected_version=opened.limits_version
    )
    with pytest.raises(StaleRecord) as refused:
        save_preferences(
            here,
            {"name": "Mine"},
            {"exposure_max_s": 220.0, "cold_pack_max_s": 900.0},
            REASON,
            (opened.version, opened.limits_version),
        )
    other = refused.value.other
    assert other is not None and other.actor == "front.desk" and other.version == 1
    fields = {f.field: f for f in other.fields}
    assert list(fields) == ["exposure_max_s"]
    assert (fields["exposure_max_s"].theirs, fields["exposure_max_s"].yours) == (230.0, 220.0)
    now = here.practice.thresholds()
    assert now["exposure_max_s"] == 230.0 and now["cold_pack_max_s"] != 900.0
    with here.db.read() as s:
        assert s.get(Practice, 1).name == ""  # type: ignore[union-attr]
    save_preferences(
        here, {"name": "Mine"}, {"exposure_max_s": 220.0}, REASON, (opened.version, other.version)
    )
    assert here.practice.thresholds()["exposure_max_s"] == 220.0
    assert here.practice.practice().limits_version == 2


def test_limits_left_alone_and_no_change_are_not_refused(
    desks: tuple[Services, Services],
) -> None:
    here, there = desks
    opened = here.practice.practice()
    there.practice.set_thresholds({"exposure_max_s": 230.0}, REASON)
    # the same value they saved: nothing to store, nothing to refuse
    here.practice.set_thresholds(
        {"exposure_max_s": 230.0}, REASON, expected_version=opened.limits_version
    )
    # the version as read now: the change goes in, and counts the version up by one
    now = here.practice.practice()
    here.practice.set_thresholds(
        {"cold_pack_max_s": 900.0}, REASON, expected_version=now.limits_version
    )
    assert here.practice.practice().limits_version == now.limits_version + 1


def test_two_saves_at_once_are_checked_one_after_the_other(
    desks: tuple[Services, Services],
) -> None:
    """The second save waits for the first (on a server: the practice row locked by the
    check) and is then refused as changed elsewhere, not failed with a driver error."""
    import threading

    here, there = desks
    opened = here.practice.practice()
    versions = (opened.version, opened.limits_version)
    outcome: list[BaseException | None] = []
    with here.unit() as unit:
        unit.practice.check_preferences(versions, {"name": "First"}, {"exposure_max_s": 230.0})
        unit.practice.update_practice({"name": "First"})
        unit.practice.set_thresholds({"exposure_max_s": 230.0}, REASON)

        def second() -> None:
            try:
                save_preferences(
                    there, {"name": "Second"}, {"exposure_max_s": 220.0}, REASON, versions
                )
                outcome.append(None)
            except BaseException as exc:
                outcome.append(exc)

        worker = threading.Thread(target=second)
        worker.start()
        worker.join(0.5)
        assert worker.is_alive()  # waiting for the first save's transaction
    worker.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], StaleRecord), outcome
    fields = {f.field for f in outcome[0].other.fields} if outcome[0].other else set()
    assert fields == {"name", "exposure_max_s"}
    assert here.practice.practice().name == "First"
    assert here.practice.thresholds()["exposure_max_s"] == 230.0
