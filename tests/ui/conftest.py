"""GUI test helpers: questions that would block (modal boxes) are answered by the test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QWidget

from cryolog.ui import dirty, session_clock
from cryolog.ui.session_clock import Alarm


@dataclass
class DiscardAnswers:
    """What 'close and lose your changes?' answers, and every time it was asked."""

    answer: bool = False
    asked: list[str] = field(default_factory=list)

    def __call__(self, parent: object, what: str = "this form") -> bool:
        self.asked.append(what)
        return self.answer


@pytest.fixture(autouse=True)
def discard(monkeypatch: pytest.MonkeyPatch) -> DiscardAnswers:
    answers = DiscardAnswers(answer=True)
    monkeypatch.setattr(dirty, "confirm_discard", answers)
    return answers


def _half_an_hour_ago() -> datetime:
    """Early enough that a test may move the clock on by 30 minutes without reaching the
    future, late enough to stay on today's date."""
    midnight = datetime.combine(date.today(), time(0, 0)).astimezone()
    return max(midnight, datetime.now().astimezone() - timedelta(minutes=30)).astimezone(UTC)


class FakeClock:
    """A clock the test moves by hand (the session and ice cube timers read it)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or _half_an_hour_ago()

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


class QuietAlarm(Alarm):
    """Counts the rings; the system's sound is tested where it is asked for."""

    def ring(self, widget: QWidget | None, what: str) -> None:
        self.rung.append(what)


@pytest.fixture(autouse=True)
def clock() -> Iterator[FakeClock]:
    fake = FakeClock()
    session_clock.use(fake, QuietAlarm())
    yield fake
    session_clock.use()


@pytest.fixture
def alarm(clock: FakeClock) -> Alarm:
    return session_clock.app_alarm()
