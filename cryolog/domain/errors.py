"""Validation errors that name the field, for the form to show next to it.

A field error is a path and a keyed message (``field.<code>`` with its values): the form
shows it in the window's language, the command line in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryolog.domain.messages import Message, as_message

if TYPE_CHECKING:
    from cryolog.domain.other_change import OtherChange
    from cryolog.domain.rules.base import Finding


@dataclass(frozen=True, slots=True, init=False)
class FieldError:
    path: str  # e.g. "bp_pre.systolic", "areas[1].exposure_s"
    text: Message

    def __init__(self, path: str, message: Message | str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "text", as_message(message))

    @property
    def message(self) -> str:
        """The sentence in the current language."""
        return self.text.render()

    @property
    def code(self) -> str:
        """'required', 'outside', ... (the message's key without ``field.``)."""
        return self.text.key.removeprefix("field.")

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def said(code: str, /, **values: Any) -> Message:
    """The field message ``field.<code>`` of the catalog."""
    return Message(f"field.{code}", **values)


class MessageError(ValueError):
    """A validator's refusal carrying its keyed message (pydantic keeps the exception)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.said = message

    def __str__(self) -> str:
        return self.said.render()


def refuse(code: str, /, **values: Any) -> MessageError:
    """``raise refuse("future", day=value)`` inside a validator."""
    return MessageError(said(code, **values))


REQUIRED = said("required")


class InvalidInput(Exception):
    """Input refused before anything was written; ``errors`` name each field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        return "; ".join(str(e) for e in self.errors)

    def for_field(self, path: str) -> list[str]:
        return [e.message for e in self.errors if e.path == path]


class Said(Exception):
    """An exception whose text is a keyed message (rendered when it is shown)."""

    def __init__(self, message: Message | str) -> None:
        self.said = as_message(message)
        super().__init__(self.said)

    def __str__(self) -> str:
        return self.said.render()


class RecordNotFound(Said):
    pass


class StaleRecord(Said):
    """The record was changed since it was loaded; the edit was not applied. ``other``
    (when known) is what was saved meanwhile (``domain.other_change``)."""

    def __init__(self, message: Message | str, other: OtherChange | None = None) -> None:
        super().__init__(message)
        self.other = other


class SafetyStop(Exception):
    """A hard stop without a written override reason: the session was not saved."""

    def __init__(self, findings: Sequence[Finding], unresolved: Sequence[Finding]) -> None:
        rules = ", ".join(f.rule for f in unresolved)
        super().__init__(f"Override reason required for: {rules}")
        self.findings = list(findings)
        self.unresolved = list(unresolved)
