"""The generated records of one patient, as column dicts, before they have ids.

Each ``row`` holds the table's column values (without ``id``, ``patient_id`` and the
parent ids, which the writer assigns). Links between records are object references.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Row = dict[str, Any]


@dataclass(slots=True)
class SessionRec:
    local: datetime  # start in the practice's local time, naive (what the rule engine reads)
    row: Row
    areas: list[Row] = field(default_factory=list)
    pain_zones: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)
    overrides: dict[str, str] = field(default_factory=dict)

    @property
    def day(self) -> date:
        value: date = self.row["session_date"]
        return value


@dataclass(frozen=True, slots=True)
class Change:
    """A later edit of a record (closing a course, resolving an event), audited as such."""

    at: datetime
    action: str
    values: Row
    reason: str = ""


@dataclass(slots=True)
class CourseRec:
    row: Row
    sessions: list[SessionRec] = field(default_factory=list)
    assessments: list[Row] = field(default_factory=list)
    change: Change | None = None

    @property
    def protocol(self) -> str:
        value: str = self.row["protocol_id"]
        return value


@dataclass(slots=True)
class ScreeningRec:
    row: Row
    answers: dict[str, str]


@dataclass(slots=True)
class EventRec:
    row: Row
    session: SessionRec | None
    change: Change | None = None


@dataclass(slots=True)
class PatientPlan:
    """Everything generated for one patient."""

    index: int
    culture: str
    row: Row
    tokens: set[str]
    screenings: list[ScreeningRec] = field(default_factory=list)
    clearances: list[Row] = field(default_factory=list)
    consents: list[Row] = field(default_factory=list)
    cold_tests: list[Row] = field(default_factory=list)
    courses: list[CourseRec] = field(default_factory=list)
    loose_sessions: list[SessionRec] = field(default_factory=list)
    events: list[EventRec] = field(default_factory=list)
    assessments: list[Row] = field(default_factory=list)

    def all_sessions(self) -> list[tuple[CourseRec | None, SessionRec]]:
        pairs: list[tuple[CourseRec | None, SessionRec]] = [
            (c, s) for c in self.courses for s in c.sessions
        ]
        pairs.extend((None, s) for s in self.loose_sessions)
        return pairs
