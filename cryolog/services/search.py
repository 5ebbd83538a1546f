"""Patient search: name-word prefixes, birth date or phone digits, accent- and case-blind.

Every branch runs on an index (name tokens, birth date, phone digits forwards and
reversed for "ends with"), so a search over 100,000 patients reads a handful of pages.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from cryolog.db.models import Patient, PatientNameToken
from cryolog.domain.query import PatientQuery, parse_query
from cryolog.services.base import Service
from cryolog.services.dto import PatientSummary

_TOP = "\U0010ffff"  # sorts after every character: [w, w + _TOP) is "starts with w"


def _prefix(column: InstrumentedAttribute[str], prefix: str) -> ColumnElement[bool]:
    return and_(column >= prefix, column < prefix + _TOP)


def _conditions(query: PatientQuery, include_archived: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not include_archived:
        conditions.append(Patient.archived_at.is_(None))
    for word in query.words:
        tokens = select(PatientNameToken.patient_id).where(_prefix(PatientNameToken.token, word))
        conditions.append(Patient.id.in_(tokens))
    if query.birth_date is not None:
        conditions.append(Patient.birth_date == query.birth_date)
    if query.phone_digits:
        conditions.append(
            or_(
                _prefix(Patient.phone_digits, query.phone_digits),
                _prefix(Patient.phone_digits_rev, query.phone_digits[::-1]),
            )
        )
    return conditions


_SUMMARY_COLUMNS = (
    Patient.id,
    Patient.family_name,
    Patient.given_name,
    Patient.middle_name,
    Patient.birth_date,
    Patient.phone,
    Patient.archived_at,
)


def _summary(row: Any) -> PatientSummary:
    pid, family, given, middle, birth, phone, archived_at = row
    return PatientSummary(pid, family, given, middle, birth, phone, archived_at is not None)


class SearchService(Service):
    def search(
        self, text: str, *, include_archived: bool = False, limit: int = 200, offset: int = 0
    ) -> list[PatientSummary]:
        """Patients matching ``text``, ordered by name; ``limit``/``offset`` page through."""
        query = parse_query(text)
        stmt = (
            select(*_SUMMARY_COLUMNS)
            .where(*_conditions(query, include_archived))
            .order_by(Patient.search_name, Patient.id)
            .limit(limit)
            .offset(offset)
        )
        with self.db.read() as session:
            return [_summary(row) for row in session.execute(stmt)]

    def count(self, text: str, *, include_archived: bool = False) -> int:
        query = parse_query(text)
        stmt = (
            select(func.count()).select_from(Patient).where(*_conditions(query, include_archived))
        )
        with self.db.read() as session:
            return int(session.execute(stmt).scalar_one())
