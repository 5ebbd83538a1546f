"""A failed save keeps what was typed; locked, read-only and missing databases are explained."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.db.errors import DatabaseLocked, DatabaseMissing, DatabaseReadOnly, DiskFull
from cryolog.db.lock import InstanceLock
from cryolog.services import Services
from cryolog.services.patients import PatientService
from cryolog.ui.app import open_for_window, problem_box
from cryolog.ui.main_window import MainWindow
from cryolog.ui.models import PAGE


def test_a_failed_save_keeps_the_typed_values(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    dialog = window.new_patient()
    dialog.form.family.insert("Петров")
    dialog.form.birth.set_value(date(1970, 1, 2))
    dialog.form.height_cm.setText("181")

    def full_disk(self: PatientService, data: object) -> None:
        raise DiskFull("The disk holding the database is full; nothing was saved.")

    monkeypatch.setattr(PatientService, "register", full_disk)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "errorBox") is not None)

    assert dialog.isVisible()
    assert dialog.form.family.text() == "Петров"
    assert dialog.form.height_cm.text() == "181"
    box = dialog.findChild(QMessageBox, "errorBox")
    assert box is not None and "disk" in box.text() and "still in the form" in box.text()


def test_invalid_values_are_shown_next_to_the_field_and_nothing_is_written(
    qtbot: QtBot, db: Database
) -> None:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    dialog = window.new_patient()
    dialog.form.height_cm.setText("1800")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "is required" in dialog.form.errors.messages("family_name"))
    assert dialog.isVisible()
    assert "is required" in dialog.form.errors.messages("birth_date")  # no silent default
    assert "50 … 250 cm" in dialog.form.errors.messages("height_cm")
    assert Services.open(db).search.count("") == 0


def test_closing_with_unsaved_changes_asks(qtbot: QtBot, db: Database, discard: object) -> None:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    dialog = window.new_patient()
    dialog.form.family.insert("Unsaved")
    discard.answer = False  # type: ignore[attr-defined]
    dialog.reject()
    assert dialog.isVisible() and discard.asked == ["the patient form"]  # type: ignore[attr-defined]


def test_second_window_on_the_same_file_is_told_it_is_locked(db_path: Path, qtbot: QtBot) -> None:
    first = open_for_window(str(db_path))
    try:
        with pytest.raises(DatabaseLocked) as caught:
            open_for_window(str(db_path))
        box = problem_box(caught.value)
        qtbot.addWidget(box)
        assert "already open in another cryolog window" in box.text()
        assert any(b.text().startswith("Choose another file") for b in box.buttons())
    finally:
        first.close()
    open_for_window(str(db_path)).close()  # released: opens again


def test_a_missing_database_is_explained(tmp_path: Path, qtbot: QtBot) -> None:
    from cryolog.db.database import open_database

    with pytest.raises(DatabaseMissing) as caught:
        open_database(tmp_path / "gone.db", create=False)
    box = problem_box(caught.value)
    qtbot.addWidget(box)
    assert "does not exist" in box.text()


def test_a_read_only_database_is_explained(db: Database, qtbot: QtBot) -> None:
    """A real read-only connection (SQLite URI mode=ro) refusing a write."""
    from cryolog.db.backends import Access, SqliteFileBackend
    from cryolog.db.database import Database as Db
    from cryolog.db.migrate import read_only_reason

    assert db.path is not None
    backend = SqliteFileBackend(db.path, Access.READ_ONLY, read_only_reason(db.path))
    ro = Db(backend.url, db.path, backend=backend)
    with pytest.raises(DatabaseReadOnly) as caught:
        Services.open(ro).patients.register({"family_name": "X", "birth_date": date(1980, 1, 1)})
    ro.dispose()
    box = problem_box(caught.value)
    qtbot.addWidget(box)
    assert "cannot be written" in box.text()


def test_lock_file_is_named_after_the_file_identity(db: Database, db_path: Path) -> None:
    with InstanceLock(db_path) as lock:
        inode = db_path.stat().st_ino
        assert lock.held and lock.path is not None
        assert lock.path.name.endswith(f"-{inode:x}.lock") and lock.path.parent != db_path.parent


def test_patient_list_model_fetches_lazily_and_passes_the_model_tester(
    qtbot: QtBot, db: Database
) -> None:
    s = Services.open(db, "tester")
    for i in range(PAGE + 5):
        s.patients.register({"family_name": f"Name{i:03d}", "birth_date": date(1980, 1, 1)})
    window = MainWindow(s)
    qtbot.addWidget(window)
    QAbstractItemModelTester(window.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    qtbot.waitUntil(lambda: window.model.rowCount() == PAGE)
    assert window.model.canFetchMore()
    status = window.patients.status
    qtbot.waitUntil(lambda: status.text() == f"{PAGE + 5} patients")  # counted on the worker
    window.model.fetchMore()
    qtbot.waitUntil(lambda: window.model.rowCount() == PAGE + 5)
    assert not window.model.canFetchMore()
    assert status.text() == f"{PAGE + 5} patients"

    window.patients.search.setText("name00")  # ten matches: one page, nothing to count
    qtbot.waitUntil(lambda: status.text() == "10 patients")
    window.patients.search.setText("")
    qtbot.waitUntil(lambda: status.text() == f"{PAGE + 5} patients")


@pytest.mark.tampered
def test_integrity_scan_runs_after_opening_and_reports_corruption(
    db: Database, qtbot: QtBot
) -> None:
    import sqlite3
    from contextlib import closing

    from cryolog.db.errors import DatabaseCorrupt
    from cryolog.ui.app import start_background_work
    from cryolog.ui.tasks import TaskRunner

    assert db.path is not None
    db.dispose()
    with closing(sqlite3.connect(db.path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.path.read_bytes())
    data[-page:] = b"\xff" * page
    db.path.write_bytes(bytes(data))

    runner = TaskRunner()
    failures: list[BaseException] = []
    start_background_work(runner, db, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert isinstance(failures[0], DatabaseCorrupt)
    runner.shutdown()


def test_closing_the_window_stops_the_integrity_scan_quietly(db: Database, qtbot: QtBot) -> None:
    from cryolog.ui.app import start_background_work

    services = Services.open(db, "tester")
    for i in range(60):
        services.patients.register({"family_name": f"Name{i:03d}", "birth_date": date(1980, 1, 1)})
    window = MainWindow(services)
    qtbot.addWidget(window)
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(window.closing.is_set())
        return window.closing.is_set()

    window.closing.set()  # as closeEvent does before it waits for the background worker
    failures: list[BaseException] = []
    start_background_work(window.background, db, failures.append, cancelled)
    assert window.background.wait()
    qtbot.wait(50)  # let a (wrong) failure report arrive, were there one
    assert asked and all(asked)
    assert failures == []


def test_close_event_tells_background_work_to_stop(db: Database, qtbot: QtBot) -> None:
    window = MainWindow(Services.open(db, "tester"))
    qtbot.addWidget(window)
    window.show()
    assert not window.closing.is_set()
    assert window.close()
    assert window.closing.is_set()
