"""Record and amend treatment sessions, with the safety findings of the rule engine.

A session recorded in the window goes through the states of domain.session_state
(``services.session_flow``); ``record_session`` stores a complete one in one go (signed),
as a session entered afterwards from paper is.
"""

from __future__ import annotations

from cryolog.db.models import TreatmentSession
from cryolog.db.types import utcnow
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.reasons import check_reason
from cryolog.domain.schemas import SessionInput
from cryolog.domain.session_state import SessionState
from cryolog.services import audit
from cryolog.services.appointments_links import mark_attended_for_session
from cryolog.services.base import Payload, Service
from cryolog.services.dto import SessionDTO
from cryolog.services.safety import Finding, evaluate_for_session, load_thresholds
from cryolog.services.session_checks import (
    check_course,
    live_patient_facts,
    require_over_max_note,
    require_overrides,
    with_overrides,
)
from cryolog.services.session_flow import SessionFlow
from cryolog.services.session_insert import insert_session, stored_dto
from cryolog.services.session_rows import (
    apply,
    audit_children,
    child_keys,
    local_day,
    session_columns,
    session_dto,
)

__all__ = ["SessionService", "local_day", "session_columns", "session_dto"]

NOTHING_CHANGED = said("nothing_changed")


class SessionService(SessionFlow, Service):
    def record_session(self, patient_id: int, data: Payload) -> SessionDTO:
        """A complete session in one go (entered afterwards): stored signed."""
        values = self.validate(SessionInput, data)
        with self.write() as session:
            patient = live_patient_facts(session, patient_id)
            course = check_course(session, patient_id, values)
            settings = load_thresholds(session)
            findings = evaluate_for_session(
                session,
                patient_id,
                values,
                exclude_session=None,
                settings=settings,
                patient=patient,
                course=course,
            )
            values = with_overrides(values, require_overrides(findings, values.overrides))
            values = require_over_max_note(session, values, settings)
            now = utcnow()
            columns = {
                "patient_id": patient_id,
                "state": SessionState.SIGNED.value,
                "completed_at": now,
                "signed_at": now,
                **session_columns(values),
            }
            stored = insert_session(session, columns, child_keys(values, findings))
            audit.write(
                session, self.actor, "create", "session", stored.id, patient_id,
                inserted=stored.inserted,
            )  # fmt: skip
            mark_attended_for_session(session, stored, self.actor, new=True)
            return stored_dto(stored)

    def preview_findings(
        self, patient_id: int, data: Payload, session_id: int | None = None
    ) -> list[Finding]:
        """What the rule engine says about a proposed session, without saving anything."""
        values = self.validate(SessionInput, data)
        with self.read() as session:
            return evaluate_for_session(session, patient_id, values, exclude_session=session_id)

    def amend_session(
        self,
        session_id: int,
        data: Payload,
        *,
        reason: str,
        expected_version: int | None = None,
    ) -> SessionDTO:
        """Change a signed session, with a reason; an amendment that changes nothing is
        refused and leaves the stored session as it was, byte for byte."""
        values = self.validate(SessionInput, data)
        reason = check_reason(reason)
        with self.write() as session:
            row = self.get(session, TreatmentSession, session_id)
            self.check_version(row, expected_version, values)
            if row.state != SessionState.SIGNED.value:
                raise InvalidInput([FieldError("", said("only_signed_amended"))])
            course = check_course(session, row.patient_id, values, amending=True)
            settings = load_thresholds(session)
            findings = evaluate_for_session(
                session,
                row.patient_id,
                values,
                exclude_session=row.id,
                settings=settings,
                course=course,
            )
            values = with_overrides(values, require_overrides(findings, values.overrides))
            values = require_over_max_note(session, values, settings)
            before = audit.snapshot(row, **audit_children(row))
            if not apply(row, values, None):
                raise InvalidInput([FieldError("", NOTHING_CHANGED)])
            apply(row, values, findings)
            audit.write(
                session, self.actor, "amend", "session", row.id, row.patient_id, before,
                reason=reason, written=row,
            )  # fmt: skip
            return session_dto(row)

    def archive(self, session_id: int, reason: str) -> None:
        reason = check_reason(reason)
        with self.write() as session:
            row = self.get(session, TreatmentSession, session_id)
            if row.state == SessionState.DRAFT.value:
                raise InvalidInput([FieldError("", said("draft_abandoned"))])
            self.archive_row(session, row, "session", row.patient_id, reason)
