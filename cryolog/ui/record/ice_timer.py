"""The ice cube test timer: the contact, then the reading after the cube came off.

Contact and reading times are the practice's settings (``ice_test_contact_s``,
``ice_test_read_after_min``); a repeat after a negative result uses a longer contact.
It reads the clock, so it stays right while the window is busy; it calls the practitioner
(``alarm``) when the cube is to come off and when the skin is to be read.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

from cryolog.domain.units import describe_duration, format_duration
from cryolog.ui.session_clock import Clock, elapsed_s

CONTACT_S = 300
READ_AFTER_MIN = 10


class Phase(StrEnum):
    IDLE = "idle"
    CONTACT = "contact"
    REMOVE = "remove"  # the contact time is up, the cube is still on
    WAITING = "waiting"
    READ = "read"


PROMPTS = {
    Phase.IDLE: "Place the ice cube (in a thin bag) on the forearm, then press Start.",
    Phase.CONTACT: "Contact: {left} left. Remove the cube when the time is up.",
    Phase.REMOVE: "Time is up: remove the cube now, then press Cube removed.",
    Phase.WAITING: "Cube removed. Read the skin in {left}.",
    Phase.READ: "Read the result now and record it below.",
}


def clock(seconds: int) -> str:
    return format_duration(max(0, seconds))


class IceTimer(QObject):
    """``changed`` on every tick; ``alarm`` ("remove" or "read") when it calls."""

    changed = Signal()
    alarm = Signal(str)

    def __init__(self, time: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.time = time
        self.contact_s = CONTACT_S
        self.read_after_min = READ_AFTER_MIN
        self.phase = Phase.IDLE
        self.planned_contact_s = CONTACT_S
        self.started_at: datetime | None = None
        self.removed_at: datetime | None = None
        self._qtimer = QTimer(self)
        self._qtimer.setInterval(250)
        self._qtimer.timeout.connect(self.tick)

    def set_times(self, contact_s: int, read_after_min: int) -> None:
        """The practice's contact and reading times (for the next test)."""
        self.contact_s, self.read_after_min = contact_s, read_after_min
        self.changed.emit()

    @property
    def remaining(self) -> int:
        if self.phase is Phase.CONTACT and self.started_at is not None:
            return self.planned_contact_s - elapsed_s(self.started_at, self.time)
        if self.phase is Phase.WAITING and self.read_due is not None:
            return int((self.read_due - self.time.now()).total_seconds() + 0.999)
        return 0

    @property
    def read_due(self) -> datetime | None:
        if self.removed_at is None:
            return None
        return self.removed_at + timedelta(minutes=self.read_after_min)

    @property
    def contact_done_s(self) -> int:
        if self.started_at is None or self.removed_at is None:
            return 0
        return max(1, int((self.removed_at - self.started_at).total_seconds()))

    @property
    def timed(self) -> bool:
        """A test whose cube came off under the timer (its moments are recorded)."""
        return self.removed_at is not None

    @property
    def prompt(self) -> str:
        return PROMPTS[self.phase].format(left=clock(self.remaining))

    def start_label(self, contact_s: int | None = None) -> str:
        return f"Start {describe_duration(contact_s or self.contact_s)} contact"

    def start(self, contact_s: int | None = None) -> None:
        self.phase = Phase.CONTACT
        self.planned_contact_s = contact_s or self.contact_s
        self.started_at, self.removed_at = self.time.now(), None
        self._qtimer.start()
        self.changed.emit()

    def remove_now(self) -> None:
        """The cube came off (early or on time): the reading wait starts."""
        if self.phase in (Phase.CONTACT, Phase.REMOVE):
            self.removed_at = self.time.now()
            self.phase = Phase.WAITING
            self.changed.emit()

    def stop(self) -> None:
        self._qtimer.stop()
        self.phase, self.started_at, self.removed_at = Phase.IDLE, None, None
        self.changed.emit()

    def tick(self) -> None:
        if self.phase is Phase.CONTACT and self.remaining <= 0:
            self.phase = Phase.REMOVE
            self.alarm.emit("remove")
        elif self.phase is Phase.WAITING and self.remaining <= 0:
            self.phase = Phase.READ
            self._qtimer.stop()
            self.alarm.emit("read")
        self.changed.emit()
