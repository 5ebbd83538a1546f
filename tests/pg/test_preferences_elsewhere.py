"""Preferences open at two workstations (an SQLite file shared, and the server): the later
save through the real dialog is refused with what the other saved next to the form, the
typing stays, and the practitioner reloads theirs or saves their own over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database, open_database
from cryolog.services import Services
from cryolog.ui.changed_elsewhere import ChangedElsewhere
from cryolog.ui.preferences import PreferencesDialog
from cryolog.ui.tasks import TaskRunner
from tests.ui.conftest import discard  # noqa: F401  (closing with typing: discard, don't ask)

pytestmark = pytest.mark.both_backends
REASON = "New guidance from the chamber maker"


@pytest.fixture
def desks(
    db: Database, db_path: Path, backend_kind: str, request: pytest.FixtureRequest
) -> Iterator[tuple[Services, Services]]:
    if backend_kind == "postgresql":
        other = open_database(request.getfixturevalue("pg_database").url)
    else:
        other = open_database(db_path)
    yield Services.open(db, actor="dr.petrova"), Services.open(other, actor="front.desk")
    other.dispose()


@pytest.fixture
def lane() -> Iterator[TaskRunner]:
    runner = TaskRunner(None, "db")
    yield runner
    runner.shutdown()


def _give_reason(qtbot: QtBot, dialog: PreferencesDialog, reason: str) -> None:
    asked = dialog.reason_dialog
    assert asked is not None
    qtbot.waitUntil(asked.isVisible)
    asked.edit.setPlainText(reason)
    asked.ok.click()


def _refused(
    qtbot: QtBot, desks: tuple[Services, Services], lane: TaskRunner
) -> tuple[PreferencesDialog, ChangedElsewhere]:
    here, there = desks
    dialog = PreferencesDialog(here, lane=lane)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.practice.name.setText("Cryo Süd")
    dialog.limits["exposure_max_s"].setText("220")
    # meanwhile at the front desk: another name and another limit
    there.practice.update_practice({"name": "Cryo Nord"}, expected_version=1)
    there.practice.set_thresholds({"exposure_max_s": 230.0, "cold_pack_max_s": 900.0}, REASON)
    dialog.save_button.click()
    _give_reason(qtbot, dialog, REASON)

    def shown() -> bool:
        note = dialog.findChild(ChangedElsewhere, "changedElsewhere")
        return note is not None and note.isVisible()

    qtbot.waitUntil(shown, timeout=10_000)
    return dialog, dialog.findChild(ChangedElsewhere, "changedElsewhere")


def test_the_refused_save_shows_theirs_beside_the_typing_and_saves_nothing(
    qtbot: QtBot, desks: tuple[Services, Services], lane: TaskRunner
) -> None:
    dialog, note = _refused(qtbot, desks, lane)
    text = note.text.text()
    assert "front.desk" in text
    assert "theirs “230”, yours “220”" in text
    assert "Practice name: theirs “Cryo Nord”, yours “Cryo Süd”" in text
    assert "theirs “900”" in text
    assert dialog.isVisible() and dialog.has_unsaved_changes()
    assert dialog.practice.name.text() == "Cryo Süd"
    assert dialog.limits["exposure_max_s"].text() == "220"
    here = desks[0]
    assert here.practice.practice().name == "Cryo Nord"
    assert here.practice.thresholds()["exposure_max_s"] == 230.0


def test_reload_theirs_shows_what_was_saved_and_saves_from_it(
    qtbot: QtBot, desks: tuple[Services, Services], lane: TaskRunner
) -> None:
    dialog, note = _refused(qtbot, desks, lane)
    note.reload_button.click()
    qtbot.waitUntil(lambda: dialog.practice.name.text() == "Cryo Nord", timeout=10_000)
    assert dialog.limits["exposure_max_s"].text() == "230"
    assert dialog.limits["cold_pack_max_s"].text() == "900"
    assert not dialog.has_unsaved_changes() and not note.isVisible()
    dialog.practice.phone.setText("+49 30 1234567")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    saved = desks[1].practice.practice()
    assert (saved.name, saved.phone) == ("Cryo Nord", "+49 30 1234567")


def test_save_mine_over_theirs_keeps_the_limits_left_alone(
    qtbot: QtBot, desks: tuple[Services, Services], lane: TaskRunner
) -> None:
    dialog, note = _refused(qtbot, desks, lane)
    first = dialog.reason_dialog
    note.reapply_button.click()  # reads the versions saved now, then asks the reason again
    qtbot.waitUntil(lambda: dialog.reason_dialog is not first, timeout=10_000)
    _give_reason(qtbot, dialog, "Ours is the right limit for this chamber")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    there = desks[1]
    assert there.practice.practice().name == "Cryo Süd"
    limits = there.practice.thresholds()
    assert (limits["exposure_max_s"], limits["cold_pack_max_s"]) == (220.0, 900.0)
