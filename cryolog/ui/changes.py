"""One application-wide "changed" signal: what a finished write changed.

Every save that succeeds announces a ``Change`` (the kinds of records and the patients
concerned); each open view (the patient list, Today, an open record) listens and reloads
itself when the change concerns it. No widget calls another widget's refresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

PATIENT = "patient"
"""Patient details (the list shows them): registered, edited, archived, restored."""
CLINICAL_KINDS = frozenset(
    {"screening", "consent", "clearance", "cold_test", "course", "session", "adverse_event",
     "assessment", "document"}
)  # fmt: skip
PRACTICE = "practice"


@dataclass(frozen=True, slots=True)
class Change:
    kinds: frozenset[str]
    patient_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, kinds: str | Iterable[str], *patient_ids: int | None) -> Change:
        found = frozenset({kinds} if isinstance(kinds, str) else kinds)
        return cls(found, frozenset(p for p in patient_ids if p is not None))

    def concerns(self, patient_id: int) -> bool:
        """True when an open record of ``patient_id`` must reload (a practice-wide change,
        e.g. thresholds, concerns every record)."""
        return patient_id in self.patient_ids or PRACTICE in self.kinds

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))


class ChangeHub(QObject):
    changed = Signal(object)  # Change

    def announce(self, change: Change) -> None:
        self.changed.emit(change)


_hub: ChangeHub | None = None


def hub() -> ChangeHub:
    """The one hub of the application (made on first use, on the window's thread)."""
    global _hub
    if _hub is None:
        _hub = ChangeHub()
    return _hub
