"""Reads that printing a record needs without the services that write it: the clinical
thresholds in force, and screenings and cold tests as DTOs.

Kept apart from ``safety`` and ``pretreatment`` (which re-export them) so that a document
built on the command line does not import the rule engine or the input schemas it does not
use (``cryolog report course`` starts a fresh process each time).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.models import ClinicalThreshold, ColdTest, Screening
from cryolog.domain.thresholds import merged
from cryolog.services.dto import ColdTestDTO, ScreeningDTO, from_row


def load_thresholds(session: Session) -> dict[str, float]:
    """Every clinical threshold: the stored values over the defaults."""
    table = ClinicalThreshold.__table__
    if session.autoflush:  # what an ORM query's autoflush did: a change in this unit is seen
        session.flush()
    rows = session.execute(select(table.c.name, table.c.value))  # columns: no objects
    return merged({row[0]: row[1] for row in rows})


def screening_dto(row: Screening) -> ScreeningDTO:
    return from_row(ScreeningDTO, row, answers={a.condition_id: a.answer for a in row.answers})


def cold_test_dto(row: ColdTest) -> ColdTestDTO:
    return from_row(ColdTestDTO, row)
