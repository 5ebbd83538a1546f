"""Registering many validated patients at once, as ``PatientService.register`` does one.

The same rows through the same helper (``patients.add_patients``: the patient, its search
columns, name tokens and phone index) and the same audit entry per patient, with two
flushes for the whole list instead of a flush per patient: 5,000 patients take seconds,
not minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from cryolog.services import audit
from cryolog.services.patients import add_patients


def register_all(
    session: Session, actor: str, values: Sequence[dict[str, Any]], reasons: Sequence[str]
) -> list[int]:
    """Insert one patient per entry of ``values`` (already validated by ``PatientInput``);
    each gets a "create" audit entry with its reason. The new ids, in order."""
    rows = add_patients(session, values)
    for row, reason in zip(rows, reasons, strict=True):
        audit.write(
            session,
            actor,
            "create",
            "patient",
            row.id,
            row.id,
            reason=reason,
        )
    session.flush()
    return [row.id for row in rows]
