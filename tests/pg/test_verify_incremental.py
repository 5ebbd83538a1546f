"""``cryolog verify`` on a server: incremental from the head this workstation verified
last (a full check the first time and with ``--full``), and a changed starting entry or a
broken new entry still found."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.audit_chain import ChainHead
from cryolog.db.backends.postgres import PostgresBackend
from cryolog.db.database import open_database
from cryolog.services import Services
from cryolog.services.verify_server import last_verified, verify_at_start
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def _register(url: str, *names: str) -> None:
    db = open_database(url)
    try:
        for name in names:
            Services.open(db, actor="front.desk").patients.register(other_patient(name))
    finally:
        db.dispose()


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cryolog", *argv], capture_output=True, text=True,
        timeout=300, env=os.environ.copy(),
    )  # fmt: skip


def test_the_first_check_is_full_the_next_ones_start_from_it(
    pg_database: ServerDatabase,
) -> None:
    _register(pg_database.url, "First", "Second")
    label = PostgresBackend(pg_database.url).label
    first = verify_at_start(pg_database.url)
    assert first.ok and first.since is None and first.records > 0
    assert last_verified(label) == first.head
    _register(pg_database.url, "Third")
    second = verify_at_start(pg_database.url)
    assert second.ok and second.since == first.head
    assert second.entries == 1 and second.records == 0  # only the new entry
    assert second.head is not None and first.head is not None
    assert second.head.entry_id == first.head.entry_id + 1
    assert last_verified(label) == second.head
    assert "since entry" in second.summary()


def test_the_command_is_incremental_and_full_on_demand(pg_database: ServerDatabase) -> None:
    _register(pg_database.url, "One")
    first = _cli("verify", "--db", pg_database.url)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Everything verifies:" in first.stdout
    _register(pg_database.url, "Two")
    again = _cli("verify", "--db", pg_database.url)
    assert again.returncode == 0 and "since entry" in again.stdout, again.stdout
    full = _cli("verify", "--db", pg_database.url, "--full")
    assert full.returncode == 0 and "Everything verifies:" in full.stdout, full.stdout
    assert "Traceback" not in first.stderr + again.stderr + full.stderr


@pytest.mark.tampered
def test_a_changed_starting_entry_is_a_break(pg_database: ServerDatabase) -> None:
    _register(pg_database.url, "Kept")
    first = verify_at_start(pg_database.url)
    assert first.ok and first.head is not None
    label = PostgresBackend(pg_database.url).label
    from cryolog.services.verify_server import remember_verified

    remember_verified(label, ChainHead(first.head.entry_id, b"\x00" * 32))  # not what is there
    report = verify_at_start(pg_database.url)
    assert [b.where for b in report.breaks] == [f"audit_log {first.head.entry_id}"]
    assert last_verified(label) == ChainHead(first.head.entry_id, b"\x00" * 32)  # not moved on


@pytest.mark.tampered
def test_a_new_entry_that_does_not_chain_is_found(pg_database: ServerDatabase) -> None:
    _register(pg_database.url, "Before")
    first = verify_at_start(pg_database.url)
    assert first.ok and first.head is not None
    _register(pg_database.url, "After")
    pg_database.cluster.sql(  # behind cryolog: the owner disables the guard and rewrites it
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;"
        " UPDATE audit_log SET actor = 'someone.else' WHERE id = (SELECT max(id) FROM audit_log);"
        " ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change",
        pg_database.name,
    )
    report = verify_at_start(pg_database.url)
    assert report.breaks and not report.ok
    assert report.since == first.head


def test_a_workstation_checks_the_server_at_start_in_the_background(
    qtbot: QtBot, pg_database: ServerDatabase
) -> None:
    from cryolog.ui.app import start_background_work
    from cryolog.ui.tasks import TaskRunner

    _register(pg_database.url, "Start")
    db = open_database(pg_database.url)
    lane = TaskRunner(None, "background")
    reports: list[object] = []
    try:
        start_background_work(lane, db, lambda exc: reports.append(exc), on_verified=reports.append)
        qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
        start_background_work(lane, db, lambda exc: reports.append(exc), on_verified=reports.append)
        qtbot.waitUntil(lambda: len(reports) == 2, timeout=30_000)
    finally:
        lane.shutdown()
        db.dispose()
    first, second = reports
    assert getattr(first, "ok", False) and getattr(first, "since", "") is None
    assert getattr(second, "ok", False) and getattr(second, "since", None) == first.head
