"""The desktop window on a PostgreSQL server: the list, a new patient, the record."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cryolog.db.database import open_database
from cryolog.db.models import AuditEntry, Patient
from cryolog.services import Services
from cryolog.ui.main_window import MainWindow
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient


def test_the_window_works_on_a_server(
    qtbot: QtBot, pg_database: ServerDatabase, tmp_path: Path
) -> None:
    db = open_database(pg_database.url)
    services = Services.open(db)
    services.patients.register(other_patient("Dupont"))
    services.patients.register(other_patient("Ёлкина"))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert window.patients_page.currentWidget() is window.patients
    assert [window.model.row_at(i).family_name for i in range(2)] == ["Dupont", "Ёлкина"]
    assert window.grab().save(str(tmp_path / "server-window.png"))  # looked at by eye

    dialog = window.new_patient()
    dialog.form.family.insert("Иванова")
    dialog.form.given.insert("Мария")
    qtbot.keyClicks(dialog.form.birth, "14.03.1985")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: bool(window.records))
    with db.read() as s:
        saved = s.scalars(select(Patient).where(Patient.family_name == "Иванова")).one()
        actors = set(s.scalars(select(AuditEntry.actor).where(AuditEntry.id > 1)))
    assert saved.id in window.records
    assert actors == {"cryolog"}  # the role signed in (the test cluster's)
    window.close()
    db.dispose()
    pg_database.assert_verifies()
