"""Registering many validated patients at once, as ``PatientService.register`` does one.

The same row, the same derived search keys and name tokens (``patients.search_columns``,
``domain.text.name_tokens``) and the same audit entry per patient, but with two flushes for
the whole list instead of three statements and a flush per patient: 5,000 patients take
seconds, not minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from cryolog.db.models import Patient, PatientNameToken
from cryolog.domain.text import name_tokens
from cryolog.services import audit
from cryolog.services.patients import search_columns


def register_all(
    session: Session, actor: str, values: Sequence[dict[str, Any]], reasons: Sequence[str]
) -> list[int]:
    """Insert one patient per entry of ``values`` (already validated by ``PatientInput``);
    each gets a "create" audit entry with its reason. The new ids, in order."""
    rows = []
    for data in values:
        row = Patient(**data)
        keys = search_columns(row.family_name, row.given_name, row.middle_name, row.phone)
        for key, value in keys.items():
            setattr(row, key, value)
        rows.append(row)
    session.add_all(rows)
    session.flush()
    for row, reason in zip(rows, reasons, strict=True):
        tokens = name_tokens(row.family_name, row.given_name, row.middle_name)
        session.add_all(PatientNameToken(patient_id=row.id, token=t) for t in sorted(tokens))
        audit.write(
            session,
            actor,
            "create",
            "patient",
            row.id,
            row.id,
            after=audit.snapshot(row),
            reason=reason,
        )
    session.flush()
    return [row.id for row in rows]
