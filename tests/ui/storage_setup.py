"""Helpers for the storage tests of the window: a desktop app on a file, answered questions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cryolog.db.database import open_database
from cryolog.db.models import Patient
from cryolog.services import Services
from cryolog.ui.app import DesktopApp


def make_db(path: Path, patients: int = 3) -> Path:
    """A database at ``path`` with ``patients`` more patients (each a different person)."""
    db = open_database(path)
    with db.read() as session:
        first = session.scalar(select(func.count()).select_from(Patient)) or 0
    with Services.open(db, "t").unit() as services:
        for i in range(first, first + patients):
            services.patients.register({"family_name": f"Name{i}", "birth_date": date(1980, 1, 1)})
    db.dispose()
    return path


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[DesktopApp]:
    app = DesktopApp(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    yield app
    if app.window is not None:
        app.window.close()
    app.close()


def started(qtbot: QtBot, desktop: DesktopApp, target: Path) -> DesktopApp:
    assert desktop.start(str(target))
    assert desktop.window is not None
    qtbot.addWidget(desktop.window)
    return desktop


def background_done(qtbot: QtBot, desktop: DesktopApp) -> None:
    window = desktop.window
    assert window is not None
    qtbot.waitUntil(lambda: not window.background.is_busy(), timeout=20_000)
