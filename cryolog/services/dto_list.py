"""The patient list's row (re-exported by cryolog.services.dto): on its own so that the
window's first page does not wait for every other result type to be made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PatientSummary:
    id: int
    family_name: str
    given_name: str
    middle_name: str
    birth_date: date
    phone: str
    archived: bool

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.given_name, self.middle_name) if p)
