"""Validation errors that name the field, for the form to show next to it."""

from __future__ import annotations

from dataclasses import dataclass


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
