"""Database work off the window's thread: one operation API on two lanes.

The interactive lane runs what the practitioner waits for (searches, record loads, saves);
the background lane runs housekeeping (warm-up, integrity scan, verify, backups, Today's
plan, documents), so a search never waits behind it. Reads are "newest request wins" per
channel (an older result is dropped); saves are never dropped: each has a channel of its
own, its Save button is disabled until it finishes, and its outcome — the result, field
errors or a failure — is handled on the window's thread. A save that succeeds announces
its ``Change`` on the one "changed" hub (ui/changes.py) before ``on_done`` runs.

Anki's CollectionOp/QueryOp is the model. ``MainWindow.runner`` and ``.background`` are
the two lanes; ``submit(channel, work, on_done, on_error=None, owner=None)`` keeps working.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QAbstractButton

from cryolog.domain.errors import InvalidInput
from cryolog.ui.changes import Change, hub
from cryolog.ui.tasks import Callback, ErrorCallback, TaskRunner

_save_ids = itertools.count(1)


Lane = TaskRunner
"""A lane is a TaskRunner: ``query`` for reads (newest wins), ``save`` for writes."""


def save_on(
    lane: TaskRunner,
    work: Callable[[], Any],
    on_done: Callback,
    *,
    change: Callable[[Any], Change | None] | Change | None = None,
    on_invalid: Callable[[InvalidInput], None] | None = None,
    on_error: ErrorCallback | None = None,
    button: QAbstractButton | None = None,
    owner: QObject | None = None,
) -> int:
    """Run a write on ``lane``; never superseded. ``button`` is disabled while it is
    pending (and given back its state after). ``change`` (or a function of the result
    giving it) is announced once the database has the write, even when ``owner`` (the
    form) has closed meanwhile; the callbacks run only while ``owner`` lives."""
    enabled = button.isEnabled() if button is not None else False
    if button is not None:
        button.setEnabled(False)

    def release() -> None:
        if button is not None and shiboken6.isValid(button):
            button.setEnabled(enabled)

    def gone() -> bool:
        return owner is not None and not shiboken6.isValid(owner)

    def done(result: Any) -> None:
        release()
        announced = change(result) if callable(change) else change
        if announced is not None:
            hub().announce(announced)
        if not gone():
            on_done(result)

    def failed(exc: BaseException, details: str) -> None:
        release()
        if gone():
            return
        if isinstance(exc, InvalidInput) and on_invalid is not None:
            on_invalid(exc)
        elif on_error is not None:
            on_error(exc, details)
        else:
            from cryolog.ui.errors import show_error

            show_error(
                None, QCoreApplication.translate("ops", "Not saved"), exc, details, saving=True
            )

    key = lane.submit(f"save:{next(_save_ids)}", work, done, failed)
    if key == 0:  # the window is closing: nothing was sent
        release()
    return key


_document_lanes: list[TaskRunner] = []
_own_document_lane: TaskRunner | None = None


def use_for_documents(lane: TaskRunner) -> None:
    """Documents are made and drawn on ``lane`` (the window's background lane): one
    worker, as PDFium is not thread-safe; it stops when the window closes."""
    _document_lanes.append(lane)


def release_for_documents(lane: TaskRunner) -> None:
    if lane in _document_lanes:
        _document_lanes.remove(lane)


def document_lane() -> TaskRunner:
    """The lane of the newest open window, or (no window: a test, a script) one of its own."""
    global _own_document_lane
    _document_lanes[:] = [
        lane for lane in _document_lanes if shiboken6.isValid(lane) and not lane.closed
    ]
    if _document_lanes:
        return _document_lanes[-1]
    if _own_document_lane is None:
        _own_document_lane = TaskRunner(None, "documents")
    return _own_document_lane


class Operations:
    """The two lanes of one window; ``shutdown`` ends both (the window is closing)."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.interactive = TaskRunner(parent, "db")
        self.background = TaskRunner(parent, "background")
        use_for_documents(self.background)

    def shutdown(self) -> None:
        release_for_documents(self.background)
        self.background.shutdown()
        self.interactive.shutdown()
