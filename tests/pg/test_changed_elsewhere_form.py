"""Two workstations edit the same patient on the server: the later save is refused with
what the other saved next to the form, the typing stays, and the practitioner reloads
theirs or saves their own over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database, open_database
from cryolog.services import Services
from cryolog.ui.patient_dialog import PatientDialog
from cryolog.ui.tasks import TaskRunner
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient
from tests.ui.conftest import discard  # noqa: F401  (closing with typing: discard, don't ask)


@pytest.fixture
def desks(pg_database: ServerDatabase) -> Iterator[tuple[Database, Database]]:
    desks = (open_database(pg_database.url), open_database(pg_database.url))
    yield desks
    for desk in desks:
        desk.dispose()


def _save_with_reason(qtbot: QtBot, dialog: PatientDialog, reason: str) -> None:
    dialog.save_button.click()
    asked = dialog.reason_dialog
    assert asked is not None
    qtbot.waitUntil(asked.isVisible)
    asked.edit.setPlainText(reason)
    asked.ok.click()


lanes: list[TaskRunner] = []


@pytest.fixture(autouse=True)
def _lanes_end() -> Iterator[None]:
    yield
    while lanes:
        lanes.pop().shutdown()


def _refused_edit(
    qtbot: QtBot, desks: tuple[Database, Database]
) -> tuple[PatientDialog, Services, int]:
    here, there = desks
    room = Services.open(here, actor="dr.petrova")
    desk = Services.open(there, actor="front.desk")
    opened = room.patients.register(other_patient("Shared"))
    lane = TaskRunner(None, "db")
    lanes.append(lane)
    dialog = PatientDialog(room, room.patients.get_patient(opened.id), lane=lane)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.notes.setPlainText("Knee pain after the session")
    desk.patients.edit(  # meanwhile at the front desk
        opened.id, other_patient("Shared", notes="Called to move the visit", height_cm=172.0),
        expected_version=opened.version, reason="Phone call from the patient",
    )  # fmt: skip
    _save_with_reason(qtbot, dialog, "Noted during the session")
    qtbot.waitUntil(dialog.elsewhere.isVisible, timeout=10_000)
    return dialog, room, opened.id


def test_the_refused_save_shows_the_other_change_and_keeps_the_typing(
    qtbot: QtBot, desks: tuple[Database, Database], tmp_path: Path
) -> None:
    dialog, room, pid = _refused_edit(qtbot, desks)
    text = dialog.elsewhere.text.text()
    assert "front.desk" in text
    assert "Notes: theirs “Called to move the visit”, yours “Knee pain after the session”" in text
    assert "Height (cm): theirs “172”" in text
    assert dialog.isVisible() and dialog.has_unsaved_changes()
    assert dialog.form.notes.toPlainText() == "Knee pain after the session"
    assert room.patients.get_patient(pid).notes == "Called to move the visit"
    dialog.grab().save(str(tmp_path / "changed_elsewhere.png"))


def test_reload_takes_their_version(qtbot: QtBot, desks: tuple[Database, Database]) -> None:
    dialog, room, pid = _refused_edit(qtbot, desks)
    dialog.elsewhere.reload_button.click()
    qtbot.waitUntil(lambda: not dialog.elsewhere.isVisible(), timeout=10_000)
    assert dialog.form.notes.toPlainText() == "Called to move the visit"
    assert dialog.form.height_cm.text() == "172"
    assert not dialog.has_unsaved_changes()
    assert dialog.patient is not None
    assert dialog.patient.version == room.patients.get_patient(pid).version


def test_save_mine_over_it_applies_the_typing_to_the_newer_version(
    qtbot: QtBot, desks: tuple[Database, Database]
) -> None:
    dialog, room, pid = _refused_edit(qtbot, desks)
    dialog.elsewhere.reapply_button.click()
    qtbot.waitUntil(lambda: dialog.reason_dialog is not None and dialog.reason_dialog.isVisible())
    asked = dialog.reason_dialog
    assert asked is not None
    asked.edit.setPlainText("Both notes checked with the patient")
    asked.ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    saved = room.patients.get_patient(pid)
    assert saved.notes == "Knee pain after the session"
    assert saved.height_cm == 165.0  # the form's value: "mine over theirs", whole form
