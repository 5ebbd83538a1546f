"""GUI test helpers: questions that would block (modal boxes) are answered by the test."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from cryolog.ui import dirty, prompts
from cryolog.ui.prompts import Unsaved


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
