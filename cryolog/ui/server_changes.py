"""What other workstations save reaches this window's "changed" hub (ui/changes.py).

On a PostgreSQL server a ``ChangeListener`` (db/backends/postgres_notify.py) waits on a
background thread; each change it hears is handed to the window's thread through a queued
signal and announced on the hub like the window's own saves, so the patient list, Today
and an open record reload themselves. An open form keeps its typing (the record reloads
what is saved, not what is being typed; a save over a newer version is refused as
"changed elsewhere"). A lost connection is retried by the listener; the status bar says
while the window does not hear of other workstations' changes. On a file nothing starts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from cryolog.db.backends.postgres_notify import ChangeListener, ServerChange
from cryolog.db.database import Database
from cryolog.ui.changes import PATIENT, PRACTICE, Change, hub

ListenerFactory = Callable[[Callable[[ServerChange], None], Callable[[bool], None]], ChangeListener]
"""``backend.listener``: makes a listener from its two callbacks (not started)."""
_PRACTICE_WIDE = frozenset({"practice", "clinical_threshold"})
_BOOKING_WIDE = frozenset(
    {"booking_resource", "booking_settings", "opening_hours", "closed_days"}
)  # fmt: skip
_EVERYTHING = frozenset({PATIENT, PRACTICE, "appointment"})


def as_change(server: ServerChange) -> Change:
    """The hub's change for what another workstation saved."""
    if server.everything:
        return Change(_EVERYTHING)
    kinds = set(server.entities - _PRACTICE_WIDE - _BOOKING_WIDE)
    if server.entities & _PRACTICE_WIDE:
        kinds.add(PRACTICE)
    if server.entities & _BOOKING_WIDE:
        kinds.add("appointment")
    return Change(frozenset(kinds), server.patient_ids)


class ServerChanges(QObject):
    """Owns the listener of one window; ``stop()`` when the window closes."""

    heard = Signal(object)  # ServerChange, emitted on the listener's thread
    reached = Signal(bool)  # emitted on the listener's thread
    connection = Signal(bool)  # on the window's thread: whether others' changes are heard

    def __init__(self, listener_for: ListenerFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.heard.connect(self._announce)  # queued: the slot runs on this object's thread
        self.reached.connect(self._reached)
        self.listener = listener_for(self.heard.emit, self.reached.emit)
        self.listener.start()

    def _announce(self, server: ServerChange) -> None:
        hub().announce(as_change(server))

    def _reached(self, connected: bool) -> None:
        self.connection.emit(connected)

    def stop(self) -> None:
        """Tell the listener to end (it does within a second; the window does not wait)."""
        self.listener.stop(timeout_s=0)


def listen_for_changes(db: Database, parent: QObject | None = None) -> ServerChanges | None:
    """Start hearing other workstations' saves when ``db`` is on a server, else None."""
    listener = getattr(db.storage, "listener", None)
    if listener is None:
        return None
    return ServerChanges(listener, parent)


def install_server_changes(window: QMainWindow, db: Database) -> ServerChanges | None:
    """On a server: listen, and say in ``window``'s status bar while other workstations'
    changes are not heard (the listener reconnects by itself)."""
    changes = listen_for_changes(db, window)
    if changes is None:
        return None
    label = QLabel(
        QCoreApplication.translate(
            "ServerChanges",
            "Not hearing other workstations' changes: reconnecting to the server…",
        )
    )
    label.setObjectName("serverChangesLost")
    label.setVisible(False)
    window.statusBar().addWidget(label)
    changes.connection.connect(lambda connected: label.setVisible(not connected))
    return changes
