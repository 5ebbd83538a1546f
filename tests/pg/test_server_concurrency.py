"""Two workstations saving at the same moment: both saves are chained, one after the other."""

from __future__ import annotations

import threading

import pytest

from cryolog.db.database import open_database
from cryolog.services import Services
from cryolog.services.verify_server import verify_server
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient

ROUNDS = 6


def test_saves_from_two_workstations_at_once_are_all_chained(pg_database: ServerDatabase) -> None:
    desks = [open_database(pg_database.url) for _ in range(2)]
    start = threading.Barrier(len(desks))
    failures: list[BaseException] = []

    def work(n: int) -> None:
        services = Services.open(desks[n], actor=f"desk{n}")
        start.wait()
        try:
            for i in range(ROUNDS):
                services.patients.register(other_patient(f"Desk{n}Patient{i}"))
        except BaseException as exc:  # collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(desks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for desk in desks:
        desk.dispose()
    assert failures == []
    report = verify_server(pg_database.url)
    assert [b.line() for b in report.breaks] == []
    assert report.entries == 1 + 2 * ROUNDS  # the genesis, then every save


def test_the_later_of_two_edits_from_two_workstations_is_refused(
    pg_database: ServerDatabase,
) -> None:
    from cryolog.domain.errors import StaleRecord

    front, back = (open_database(pg_database.url) for _ in range(2))
    try:
        desk = Services.open(front, actor="desk")
        room = Services.open(back, actor="dr.petrova")
        opened = desk.patients.register(other_patient("Shared"))
        seen_by_room = room.patients.get_patient(opened.id)  # both have version 1 on screen
        desk.patients.edit(
            opened.id, other_patient("Shared", notes="Called to move the visit"),
            expected_version=opened.version, reason="Phone call from the patient",
        )  # fmt: skip
        with pytest.raises(StaleRecord, match="changed elsewhere"):
            room.patients.edit(
                opened.id, other_patient("Shared", notes="Knee pain after session"),
                expected_version=seen_by_room.version, reason="Noted during the session",
            )  # fmt: skip
        assert room.patients.get_patient(opened.id).notes == "Called to move the visit"
    finally:
        front.dispose()
        back.dispose()
    pg_database.assert_verifies()
