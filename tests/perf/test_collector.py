"""The collector is settled once start-up has loaded the data layer: what exists then is
frozen out of the full collections, and the first threshold is raised."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from cryolog.db.database import Database
from cryolog.ui import collector
from cryolog.ui.app import DesktopApp, start_background_work
from cryolog.ui.tasks import TaskRunner


@pytest.fixture
def restored() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_settle_freezes_what_exists_and_raises_the_threshold(restored: None) -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    collector.settle()
    assert gc.get_freeze_count() > 10_000  # the modules and objects of start-up
    assert gc.get_threshold() == collector.THRESHOLD


def test_the_app_settles_it_once_the_data_layer_is_loaded(
    qtbot: QtBot, db: Database, restored: None
) -> None:
    assert DesktopApp.settle_collector is False  # only the app's own process (``run``)
    runner = TaskRunner()
    warmed: list[bool] = []
    start_background_work(runner, db, lambda _exc: None, on_warm=lambda: warmed.append(True))
    qtbot.waitUntil(lambda: bool(warmed), timeout=30_000)
    runner.shutdown()
    assert warmed == [True]
