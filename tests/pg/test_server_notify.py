"""Another workstation's save reaches this one: NOTIFY on the server, heard by a listener
on its own connection, with the window's own writes left out and a lost connection
retried."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from cryolog.db.backends.postgres import PostgresBackend
from cryolog.db.backends.postgres_notify import ChangeListener, ServerChange
from cryolog.db.database import Database, open_database
from cryolog.services import Services
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient


class Heard:
    def __init__(self) -> None:
        self.changes: list[ServerChange] = []
        self.states: list[bool] = []
        self.event = threading.Event()

    def change(self, change: ServerChange) -> None:
        self.changes.append(change)
        self.event.set()

    def state(self, connected: bool) -> None:
        self.states.append(connected)

    def wait_for(self, test: object, timeout_s: float = 15.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if callable(test) and test():
                return
            time.sleep(0.02)
        raise AssertionError(f"not heard in time: {self.changes}, states {self.states}")


@pytest.fixture
def two_desks(pg_database: ServerDatabase) -> Iterator[tuple[Database, Database]]:
    desks = (open_database(pg_database.url), open_database(pg_database.url))
    yield desks
    for desk in desks:
        desk.dispose()


def _listen(db: Database, heard: Heard) -> ChangeListener:
    backend = db.storage
    assert isinstance(backend, PostgresBackend)
    listener = backend.listener(heard.change, heard.state)
    listener.retry_s = (0.1, 0.2)
    listener.start()
    return listener


def test_a_save_on_one_workstation_is_heard_on_the_other_but_not_its_own(
    two_desks: tuple[Database, Database],
) -> None:
    here, there = two_desks
    heard = Heard()
    listener = _listen(here, heard)
    try:
        heard.wait_for(lambda: heard.states == [True])
        Services.open(here, actor="desk").patients.register(other_patient("Mine"))
        saved = Services.open(there, actor="dr.petrova").patients.register(other_patient("Theirs"))
        heard.wait_for(lambda: heard.changes)
        time.sleep(0.3)  # anything else (our own save) would have arrived by now
    finally:
        listener.stop()
    assert heard.changes == [ServerChange(frozenset({"patient"}), frozenset({saved.id}))]
    assert not listener.running


def test_a_save_rolled_back_is_never_heard(two_desks: tuple[Database, Database]) -> None:
    from cryolog.domain.errors import InvalidInput

    here, there = two_desks
    heard = Heard()
    listener = _listen(here, heard)
    try:
        heard.wait_for(lambda: heard.states == [True])
        with pytest.raises(InvalidInput):
            Services.open(there, actor="dr.petrova").patients.register(
                other_patient("Broken", date_of_birth="not a date")
            )
        time.sleep(0.5)
    finally:
        listener.stop()
    assert heard.changes == []


def test_a_save_made_by_another_process_is_heard(
    pg_database: ServerDatabase, two_desks: tuple[Database, Database]
) -> None:
    here, _ = two_desks
    heard = Heard()
    listener = _listen(here, heard)
    script = (
        "import sys\n"
        "from cryolog.db.database import open_database\n"
        "from cryolog.services import Services\n"
        "from tests.services.conftest import other_patient\n"
        "db = open_database(sys.argv[1])\n"
        "print(Services.open(db, actor='front.desk').patients.register("
        "other_patient('Elsewhere')).id)\n"
        "db.dispose()\n"
    )
    try:
        heard.wait_for(lambda: heard.states == [True])
        done = subprocess.run(
            [sys.executable, "-c", script, pg_database.url],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        heard.wait_for(lambda: heard.changes)
    finally:
        listener.stop()
    assert heard.changes[0].patient_ids == {int(done.stdout.strip())}


def test_a_lost_listener_connection_reconnects_and_hears_again(
    pg_database: ServerDatabase, two_desks: tuple[Database, Database]
) -> None:
    here, there = two_desks
    heard = Heard()
    listener = _listen(here, heard)
    try:
        heard.wait_for(lambda: heard.states == [True])
        pg_database.cluster.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{pg_database.name}' AND query LIKE 'LISTEN%'"
        )
        heard.wait_for(lambda: heard.states == [True, False, True])
        heard.wait_for(lambda: any(c.everything for c in heard.changes))  # may have missed some
        saved = Services.open(there, actor="dr.petrova").patients.register(other_patient("Later"))
        heard.wait_for(lambda: any(saved.id in c.patient_ids for c in heard.changes))
    finally:
        listener.stop()


def test_an_unreachable_server_is_retried_without_end(pg_database: ServerDatabase) -> None:
    attempts: list[int] = []

    def refuse() -> object:
        attempts.append(1)
        raise OSError("no route to host")

    heard = Heard()
    listener = ChangeListener(refuse, heard.change, heard.state, retry_s=(0.05,))
    listener.start()
    try:
        heard.wait_for(lambda: len(attempts) >= 3)
    finally:
        listener.stop()
    assert heard.states == [False]
    assert heard.changes == []
    assert not listener.running
