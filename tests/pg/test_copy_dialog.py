"""File › Copy to a server… and File › Save a file snapshot…: the window's copy, on the
background lane, with its progress and outcome in the dialog, refused plainly."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cryolog.db.database import Database, open_database
from cryolog.services import Services
from cryolog.services.verify import verify_file
from cryolog.services.verify_server import verify_server
from cryolog.ui.copy_dialog import CopyDialog
from cryolog.ui.main_window import MainWindow
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    return window


def _copy_to(qtbot: QtBot, window: MainWindow, target: str) -> CopyDialog:
    assert window.copy_action in window.file_menu.actions()
    window.copy_action.trigger()
    dialog = window.findChild(CopyDialog, "copyDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.target.setText(target)
    dialog.start.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60_000)
    return dialog


def test_a_file_is_copied_to_a_server_from_the_file_menu(
    qtbot: QtBot, db: Database, pg_empty: ServerDatabase, tmp_path: Path
) -> None:
    services = Services.open(db, "practitioner")
    for name in ("Alpha", "Beta", "Gamma"):
        services.patients.register(other_patient(name))
    window = _window(qtbot, db)
    assert "server" in window.copy_action.text()
    dialog = _copy_to(qtbot, window, pg_empty.url)
    assert dialog.outcome is not None and dialog.outcome.startswith("Copied"), dialog.outcome
    dialog.grab().save(str(tmp_path / "copied.png"))
    report = verify_server(pg_empty.url)
    assert report.breaks == []
    server = open_database(pg_empty.url)
    try:
        names = {p.family_name for p in Services.open(server).search.search("")}
    finally:
        server.dispose()
    assert names == {"Alpha", "Beta", "Gamma"}
    window.close()


def test_a_server_is_saved_as_a_file_snapshot(
    qtbot: QtBot, pg_database: ServerDatabase, tmp_path: Path
) -> None:
    server = open_database(pg_database.url)
    Services.open(server, "front.desk").patients.register(other_patient("Snap"))
    window = _window(qtbot, server)
    assert "snapshot" in window.copy_action.text()
    target = tmp_path / "snapshots" / "clinic.db"
    dialog = _copy_to(qtbot, window, str(target))
    assert dialog.outcome is not None and dialog.outcome.startswith("Copied"), dialog.outcome
    report = verify_file(target)
    assert report.breaks == [] and report.exit_status == 0
    window.close()
    server.dispose()


def test_a_copy_that_cannot_be_made_says_why_and_keeps_nothing(
    qtbot: QtBot, pg_database: ServerDatabase, tmp_path: Path
) -> None:
    server = open_database(pg_database.url)
    window = _window(qtbot, server)
    existing = tmp_path / "there.db"
    existing.write_bytes(b"not mine")
    dialog = _copy_to(qtbot, window, str(existing))
    assert dialog.outcome is not None and "exists already" in dialog.outcome
    assert existing.read_bytes() == b"not mine"
    assert dialog.start.isEnabled()  # it can be tried again with another name
    dialog.target.setText("postgresql://x@server")
    dialog.start.click()
    assert "new file on this computer" in dialog.status.text()
    window.close()
    server.dispose()


def test_an_unreachable_server_is_said_plainly(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = _window(qtbot, db)
    dialog = _copy_to(qtbot, window, "postgresql://u:Pw-77@127.0.0.1:1/x")
    assert dialog.outcome is not None
    assert "Nothing was copied" in dialog.outcome and "cannot be reached" in dialog.outcome
    assert "Pw-77" not in dialog.outcome and "Traceback" not in dialog.outcome
    window.close()
