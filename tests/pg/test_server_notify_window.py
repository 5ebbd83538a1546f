"""An open window on a server reloads what another workstation saved, and says so while
it cannot hear the server; the hub's change for each kind of saved record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cryolog.db.backends.postgres_notify import ServerChange, parse_payloads
from cryolog.db.database import Database, open_database
from cryolog.services import Services
from cryolog.ui.changes import PATIENT, PRACTICE, Change, hub
from cryolog.ui.main_window import MainWindow
from cryolog.ui.server_changes import as_change
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient


@pytest.fixture
def desks(pg_database: ServerDatabase) -> Iterator[tuple[Database, Database]]:
    desks = (open_database(pg_database.url), open_database(pg_database.url))
    yield desks
    for desk in desks:
        desk.dispose()


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    assert window.server_changes is not None
    qtbot.waitUntil(lambda: window.server_changes.listener.connected is True, timeout=10_000)
    return window


def test_the_patient_list_and_an_open_record_follow_another_workstations_saves(
    qtbot: QtBot, desks: tuple[Database, Database]
) -> None:
    here, there = desks
    window = _window(qtbot, here)
    announced: list[Change] = []
    hub().changed.connect(announced.append)
    try:
        elsewhere = Services.open(there, actor="front.desk")
        first = elsewhere.patients.register(other_patient("Arrived"))
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
        window.open_patient(first.id)
        view = window.records[first.id]
        qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
        elsewhere.patients.edit(
            first.id, other_patient("Arrived", notes="Moved to Thursday"),
            expected_version=first.version, reason="Phone call from the patient",
        )  # fmt: skip
        qtbot.waitUntil(
            lambda: view.data is not None and view.data.record.patient.notes == "Moved to Thursday",
            timeout=10_000,
        )
    finally:
        hub().changed.disconnect(announced.append)
        window.close()
    assert Change(frozenset({PATIENT}), frozenset({first.id})) in announced


def test_a_lost_connection_is_shown_and_the_window_hears_again(
    qtbot: QtBot, pg_database: ServerDatabase, desks: tuple[Database, Database], tmp_path: Path
) -> None:
    shots = tmp_path
    here, there = desks
    window = _window(qtbot, here)
    changes = window.server_changes
    assert changes is not None
    changes.listener.retry_s = (0.3,)
    lost = window.findChild(QLabel, "serverChangesLost")
    assert lost is not None and not lost.isVisible()
    try:
        pg_database.cluster.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{pg_database.name}' AND query LIKE 'LISTEN%'"
        )
        qtbot.waitUntil(lost.isVisible, timeout=10_000)
        assert "reconnecting" in lost.text()
        window.grab().save(str(shots / "lost.png"))
        qtbot.waitUntil(lambda: not lost.isVisible(), timeout=10_000)
        Services.open(there, actor="front.desk").patients.register(other_patient("After"))
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    finally:
        window.close()
    qtbot.waitUntil(lambda: not changes.listener.running, timeout=5_000)  # closed: it ends


def test_a_window_on_a_file_listens_to_nothing(qtbot: QtBot, db: Database) -> None:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    assert window.server_changes is None
    assert window.findChild(QLabel, "serverChangesLost") is None
    window.close()


def test_each_saved_entity_becomes_the_hubs_change() -> None:
    change = parse_payloads(
        [
            '{"entity": "session", "patient": 4}',
            '{"entity": "patient", "patient": 4}',
            '{"entity": "backup", "patient": null}',  # an event, not a record
            "not json",
            '["entity"]',
            '{"entity": "course", "patient": true}',
        ]
    )
    assert change == ServerChange(frozenset({"session", "patient", "course"}), frozenset({4}))
    assert as_change(change) == Change(frozenset({"session", "patient", "course"}), frozenset({4}))
    assert parse_payloads(['{"entity": "backup"}', "{}"]) is None
    thresholds = as_change(ServerChange(frozenset({"clinical_threshold"})))
    assert thresholds.kinds == {PRACTICE} and thresholds.concerns(123)
    booking = as_change(ServerChange(frozenset({"opening_hours", "appointment"}), frozenset({2})))
    assert booking.kinds == {"appointment"} and booking.patient_ids == {2}
    everything = as_change(ServerChange(everything=True))
    assert everything.touches(PATIENT) and everything.concerns(1)
