"""The time the session and ice cube timers read, and the alarm they ring.

Both are injected: the window uses the system clock and the system's sound; tests pass a
clock they move by hand and count the alarms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtWidgets import QApplication, QWidget


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class Alarm:
    """The system's sound (PySide6-Essentials has no multimedia module) and a request for
    attention in the task bar; ``rung`` keeps what each ring was for."""

    def __init__(self) -> None:
        self.rung: list[str] = []
        self.listeners: list[Callable[[str], None]] = []
        """Told of every ring (the idle lock shows it over the covered window)."""

    def ring(self, widget: QWidget | None, what: str) -> None:
        self.rung.append(what)
        for listener in list(self.listeners):
            listener(what)
        QApplication.beep()
        if widget is not None:
            QApplication.alert(widget.window(), 0)


def elapsed_s(since: datetime, clock: Clock) -> int:
    """Whole seconds from ``since`` to now (never negative)."""
    return max(0, int((clock.now() - since).total_seconds()))


_clock: Clock = SystemClock()
_alarm = Alarm()


def app_clock() -> Clock:
    """The clock every timer of the window reads (tests put one of their own in)."""
    return _clock


def app_alarm() -> Alarm:
    return _alarm


def use(clock: Clock | None = None, alarm: Alarm | None = None) -> None:
    """Make the window's timers read ``clock`` and ring ``alarm`` from now on."""
    global _clock, _alarm
    _clock = clock or SystemClock()
    _alarm = alarm or Alarm()
