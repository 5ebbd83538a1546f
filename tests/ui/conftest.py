"""GUI test helpers: questions that would block (modal boxes) are answered by the test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from cryolog.ui import dirty, prompts, session_clock
from cryolog.ui.prompts import Unsaved
from cryolog.ui.session_clock import Alarm
from cryolog.ui.translations import install_translations


@dataclass
class DiscardAnswers:
    """What 'close and lose your changes?' answers, and every time it was asked.

    ``answer`` True discards, False cancels; ``choice`` (when set) answers the
    save / discard / cancel question instead."""

    answer: bool = False
    asked: list[str] = field(default_factory=list)
    choice: Unsaved | None = None

    def __call__(self, parent: object, what: str = "this form") -> bool:
        self.asked.append(what)
        return self.answer

    def unsaved(self, parent: object, what: str) -> Unsaved:
        self.asked.append(what)
        if self.choice is not None:
            return self.choice
        return Unsaved.DISCARD if self.answer else Unsaved.CANCEL


@dataclass
class PromptAnswers:
    """Answers to the duplicate and demo questions, and what each was asked with."""

    duplicate_patient: prompts.DuplicateChoice | None = None
    another_course: bool = False
    demo: str = "separate"  # "separate", "here" or "cancel"
    restore: bool = False
    asked: list[tuple[str, Any]] = field(default_factory=list)


@pytest.fixture(autouse=True)
def discard(monkeypatch: pytest.MonkeyPatch) -> DiscardAnswers:
    answers = DiscardAnswers(answer=True)
    monkeypatch.setattr(dirty, "confirm_discard", answers)
    monkeypatch.setattr(prompts, "ask_unsaved", answers.unsaved)
    return answers


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> PromptAnswers:
    given = PromptAnswers()

    def duplicate(parent: object, matches: Any) -> prompts.DuplicateChoice | None:
        given.asked.append(("duplicate_patient", matches))
        return given.duplicate_patient

    def course(parent: object, courses: Any) -> bool:
        given.asked.append(("another_course", courses))
        return given.another_course

    def demo(parent: object, path: Any) -> prompts.DemoChoice | None:
        given.asked.append(("demo", path))
        if given.demo == "cancel":
            return None
        return prompts.DemoChoice(given.demo == "separate", path)

    def restore(parent: object, patients: int) -> bool:
        given.asked.append(("restore", patients))
        return given.restore

    monkeypatch.setattr(prompts, "restore_kept", restore)
    monkeypatch.setattr(prompts, "duplicate_patient", duplicate)
    monkeypatch.setattr(prompts, "open_another_course", course)
    monkeypatch.setattr(prompts, "demo_target", demo)
    return given


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


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: QApplication) -> Iterator[None]:
    """The window as it starts in English: the plural forms ('1 patient', '5 patients') of
    the texts written in the code come from cryolog_en.qm, as in the app."""
    translators = install_translations(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    """The window in Russian (Qt's texts and the message catalogs) for one test."""
    from cryolog.domain import locale as loc
    from cryolog.ui import language

    translators = language.apply_language(qapp, "ru")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    loc.use_language(None)
