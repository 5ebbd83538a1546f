"""The exposure timer: counts the planned exposure down from the moment it started.

It reads the clock (not its own ticks), so it is right after the window was busy, and a
session still running after a restart picks up where it is. At the planned end it rings
and keeps counting the time over, ringing again every ``REPEAT_S`` until it is stopped.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from cryolog.domain.units import format_duration
from cryolog.ui.session_clock import Clock, elapsed_s

TICK_MS = 250
REPEAT_S = 15
REPEATS = 4


class ExposureTimer(QObject):
    """``ticked`` after every tick; ``alarm`` at the planned end and its repeats."""

    ticked = Signal()
    alarm = Signal(int)  # the how-manieth ring (0: time is up)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.started: datetime | None = None
        self.planned_s = 0
        self.stopped_at_s: int | None = None
        self._rings = 0
        self._qtimer = QTimer(self)
        self._qtimer.setInterval(TICK_MS)
        self._qtimer.timeout.connect(self.tick)

    @property
    def running(self) -> bool:
        return self.started is not None and self.stopped_at_s is None

    @property
    def elapsed_s(self) -> int:
        if self.started is None:
            return 0
        if self.stopped_at_s is not None:
            return self.stopped_at_s
        return elapsed_s(self.started, self.clock)

    @property
    def remaining_s(self) -> int:
        """Seconds left of the plan; negative once it ran over."""
        return self.planned_s - self.elapsed_s

    @property
    def over(self) -> bool:
        return self.started is not None and self.remaining_s <= 0

    def text(self) -> str:
        if self.started is None:
            return format_duration(self.planned_s)
        remaining = self.remaining_s
        return format_duration(remaining) if remaining > 0 else f"+{format_duration(-remaining)}"

    def start(self, started: datetime, planned_s: int) -> None:
        """Count from ``started`` (also a moment in the past: a session still running)."""
        self.started, self.planned_s, self.stopped_at_s = started, planned_s, None
        elapsed = self.elapsed_s - planned_s
        self._rings = 0 if elapsed < 0 else min(REPEATS + 1, elapsed // REPEAT_S + 1)
        self._qtimer.start()
        self.tick()

    def stop(self) -> int:
        """Stop counting; the exposure it measured, in whole seconds (at least 1)."""
        measured = max(1, self.elapsed_s)
        self.stopped_at_s = measured
        self._qtimer.stop()
        self.ticked.emit()
        return measured

    def tick(self) -> None:
        if not self.running:
            return
        over = self.elapsed_s - self.planned_s
        if over >= 0 and self._rings <= REPEATS and over >= self._rings * REPEAT_S:
            self.alarm.emit(self._rings)
            self._rings += 1
        self.ticked.emit()
