"""The practice week's refusals in the Russian window: each resource's problems under it,
the field named and the problem said in Russian; nothing is saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.domain.booking.week import Interval, Resource
from cryolog.services import Services
from cryolog.ui.appointments.week_settings import WeekSettingsDialog
from cryolog.ui.tasks import TaskRunner

TIMEOUT = 20000


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_resource_and_hours_problems_read_in_russian(
    qtbot: QtBot, db: Database, runner: TaskRunner, russian: None
) -> None:
    services = Services.open(db, "dr.test")
    dialog = WeekSettingsDialog(services, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.status.text() == "", timeout=TIMEOUT)
    editor = dialog._add_editor(Resource(0, "", ()))
    dialog.save()
    qtbot.waitUntil(lambda: editor.errors.text() != "", timeout=TIMEOUT)
    assert editor.errors.text() == (
        "название: должно содержать хотя бы одну букву;"
        " виды воздействия: выберите хотя бы один вид воздействия"
    )
    assert "виды воздействия: выберите хотя бы один вид воздействия" in dialog.status.text()
    dialog.hours.add(Interval(2, 13 * 60, 9 * 60))
    dialog.save()
    qtbot.waitUntil(lambda: "часы работы" in dialog.status.text(), timeout=TIMEOUT)
    assert "часы работы: открытие в 13:00, а закрытие в 09:00" in dialog.status.text()
    assert services.week.week().hours == ()
    assert services.week.week().resources == ()
