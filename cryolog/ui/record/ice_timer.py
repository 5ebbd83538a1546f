"""The ice cube test timer: 5 minutes of contact, then the reading 10 minutes after removal."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

CONTACT_S = 300
READ_AFTER_S = 600


class Phase(StrEnum):
    IDLE = "idle"
    CONTACT = "contact"
    WAITING = "waiting"
    READ = "read"


PROMPTS = {
    Phase.IDLE: "Place the ice cube (in a thin bag) on the forearm, then press Start.",
    Phase.CONTACT: "Contact: {left} left. Remove the cube when the time is up.",
    Phase.WAITING: "Cube removed. Read the skin in {left}.",
    Phase.READ: "Read the result now and record it below.",
}


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class IceTimer(QObject):
    """Counts down by ``tick()`` (a 1-second QTimer drives it; tests call it directly)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.phase = Phase.IDLE
        self.remaining = 0
        self.contact_done_s = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    @property
    def prompt(self) -> str:
        return PROMPTS[self.phase].format(left=clock(self.remaining))

    def start(self) -> None:
        self.phase, self.remaining, self.contact_done_s = Phase.CONTACT, CONTACT_S, 0
        self._timer.start()
        self.changed.emit()

    def remove_now(self) -> None:
        """The cube came off (early or on time): the reading wait starts."""
        if self.phase is Phase.CONTACT:
            self.contact_done_s = CONTACT_S - self.remaining
            self.phase, self.remaining = Phase.WAITING, READ_AFTER_S
            self.changed.emit()

    def stop(self) -> None:
        self._timer.stop()
        self.phase, self.remaining = Phase.IDLE, 0
        self.changed.emit()

    def tick(self) -> None:
        if self.phase in (Phase.IDLE, Phase.READ):
            return
        self.remaining -= 1
        if self.remaining <= 0:
            if self.phase is Phase.CONTACT:
                self.remove_now()
                return
            self.phase = Phase.READ
            self._timer.stop()
        self.changed.emit()
