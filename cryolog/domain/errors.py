"""Validation errors that name the field, for the form to show next to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryolog.domain.rules.base import Finding


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str  # e.g. "bp_pre.systolic", "areas[1].exposure_s"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInput(Exception):
    """Input refused before anything was written; ``errors`` name each field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    def for_field(self, path: str) -> list[str]:
        return [e.message for e in self.errors if e.path == path]


class RecordNotFound(Exception):
    pass


class StaleRecord(Exception):
    """The record was changed since it was loaded; the edit was not applied."""


class SafetyStop(Exception):
    """A hard stop without a written override reason: the session was not saved."""

    def __init__(self, findings: Sequence[Finding], unresolved: Sequence[Finding]) -> None:
        rules = ", ".join(f.rule for f in unresolved)
        super().__init__(f"Override reason required for: {rules}")
        self.findings = list(findings)
        self.unresolved = list(unresolved)
