"""GUI test helpers: questions that would block (modal boxes) are answered by the test."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from cryolog.ui import dirty


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
