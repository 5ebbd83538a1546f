"""The single worker: results come back on the UI thread, stale or orphaned ones are dropped."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cryolog.ui.tasks import TaskRunner


def test_newer_request_of_a_channel_supersedes_the_older(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    got: list[str] = []
    runner.submit("search", lambda: release.wait(5) and "old", got.append)
    runner.submit("search", lambda: "new", got.append)
    release.set()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        pass
    assert got == ["new"]
    runner.shutdown()


def test_result_for_a_destroyed_widget_is_dropped(qtbot: QtBot) -> None:
    runner = TaskRunner()
    owner = QLabel()
    release = threading.Event()
    got: list[object] = []
    runner.submit("findings", lambda: release.wait(5), got.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    release.set()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        pass
    assert got == []
    runner.shutdown()


def test_errors_reach_the_error_callback_on_the_ui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[tuple[BaseException, bool]] = []

    def fail() -> None:
        raise ValueError("no such patient")

    runner.submit(
        "record",
        fail,
        lambda _result: None,
        lambda exc, _details: errors.append(
            (exc, threading.current_thread() is threading.main_thread())
        ),
    )
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0][0], ValueError) and errors[0][1]
    runner.shutdown()


def test_after_shutdown_requests_and_late_results_are_dropped(qtbot: QtBot) -> None:
    runner = TaskRunner()
    got: list[object] = []
    runner.submit("patients", lambda: "finished before shutdown", got.append)
    runner.shutdown()  # the result's signal is queued but not yet delivered
    assert runner.submit("practice", lambda: "too late", got.append) == 0
    qtbot.wait(50)
    assert got == []
    assert not runner.is_busy()
