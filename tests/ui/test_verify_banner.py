"""After start the app verifies the audit trail in the background; a break shows a red
banner over the window (with the details a click away), a sound file shows nothing."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database, open_database
from cryolog.services import Services
from cryolog.ui.app import start_background_work
from cryolog.ui.main_window import MainWindow
from cryolog.ui.verify_banner import VerifyBanner, show_verification

TIMEOUT_MS = 30_000


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(Services.open(db, "dr.test"))
    qtbot.addWidget(window)
    window.show()
    start_background_work(
        window.background,
        db,
        lambda _exc: None,
        window.closing.is_set,
        on_verified=lambda report: show_verification(window, report),
    )
    return window


def _shown(window: MainWindow) -> bool:
    banner = window.findChild(VerifyBanner)
    return banner is not None and banner.isVisible()


def _patient(db: Database) -> int:
    data = {"family_name": "Иванова", "birth_date": date(1980, 5, 2), "notes": "Prefers mornings"}
    return Services.open(db, "dr.test").patients.register(data).id


@pytest.mark.tampered
def test_a_tampered_file_gets_a_red_banner_with_the_details(qtbot: QtBot, db: Database) -> None:
    pid = _patient(db)
    assert db.path is not None
    with closing(sqlite3.connect(db.path)) as conn:
        conn.execute("UPDATE patient SET notes = 'Prefers evenings' WHERE id = ?", (pid,))
        conn.commit()
    window = _window(qtbot, db)
    qtbot.waitUntil(lambda: _shown(window), timeout=TIMEOUT_MS)
    banner = window.findChild(VerifyBanner)
    assert banner is not None
    assert "does not verify" in banner.text.text() and "b3261e" in banner.styleSheet()
    box = banner.show_details()
    assert f"patient {pid}: " in box.detailedText()
    assert f"patient {pid}: " in box.informativeText()
    assert f"cryolog verify --db {db.path}" in box.informativeText()


def test_a_sound_file_shows_no_banner(qtbot: QtBot, db: Database) -> None:
    _patient(db)
    window = _window(qtbot, db)
    with qtbot.waitSignal(
        window.background.delivered, timeout=TIMEOUT_MS, check_params_cb=lambda c: c == "verify"
    ):
        pass
    assert window.findChild(VerifyBanner) is None


def test_a_copy_without_its_anchor_gets_a_quiet_note(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    _patient(db)
    db.dispose()
    assert db.path is not None
    copy = tmp_path / "copy.db"
    shutil.copy(db.path, copy)
    other = open_database(copy, verify=False)
    try:
        window = _window(qtbot, other)
        qtbot.waitUntil(lambda: window.findChild(VerifyBanner) is not None, timeout=TIMEOUT_MS)
        banner = window.findChild(VerifyBanner)
        assert banner is not None and "cannot be checked" in banner.text.text()
        assert not banner.details.isVisibleTo(banner)
        window.close()
    finally:
        other.dispose()
