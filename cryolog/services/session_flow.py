"""A session recorded beside the chamber: draft → running → completed → signed.

Every step stores what the form holds at that moment in the same transaction, and writes
its audit row without asking a reason (domain.session_state says what each state allows).
Only abandoning a draft needs a reason; changing a signed session is an amendment
(``SessionService.amend_session``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from cryolog.db.models import TreatmentSession
from cryolog.db.types import utcnow
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.messages import Ref
from cryolog.domain.reasons import check_reason
from cryolog.domain.rules import Finding
from cryolog.domain.schemas import SessionDraftInput, SessionInput
from cryolog.domain.session_state import SessionState, transition_problem
from cryolog.services import audit
from cryolog.services.appointments_links import mark_attended_for_session
from cryolog.services.base import Payload, Service
from cryolog.services.dto import SessionDTO
from cryolog.services.safety import evaluate_for_session, load_thresholds
from cryolog.services.safety_reads import CourseFacts
from cryolog.services.session_checks import (
    check_course,
    live_patient_facts,
    require_over_max_note,
    require_overrides,
    with_overrides,
)
from cryolog.services.session_insert import insert_session, stored_dto
from cryolog.services.session_rows import (
    apply,
    audit_children,
    child_keys,
    frozen_changes,
    session_columns,
    session_dto,
)

ACTIONS = {
    SessionState.RUNNING: "start",
    SessionState.COMPLETED: "complete",
    SessionState.SIGNED: "sign",
}
"""The audit action of each step forward (a new draft is "draft", its edits "update")."""

FROZEN = said("frozen")


def abandon_row(session: Session, actor: str, row: TreatmentSession, reason: str) -> None:
    """Give up the draft ``row`` with a checked ``reason``, audited, in ``session``'s unit."""
    before = audit.snapshot(row, **audit_children(row))
    row.state = SessionState.ABANDONED.value
    row.archived_at = utcnow()
    row.archive_reason = reason
    audit.write(
        session, actor, "abandon", "session", row.id, row.patient_id, before,
        reason=reason, written=row,
    )  # fmt: skip


class SessionFlow(Service):
    def start_draft(self, patient_id: int, data: Payload) -> SessionDTO:
        """Store the session as a draft as soon as the practitioner starts it."""
        values = self.validate(SessionDraftInput, data)
        with self.write() as session:
            live_patient_facts(session, patient_id)
            check_course(session, patient_id, values)
            columns = {
                "patient_id": patient_id,
                "state": SessionState.DRAFT.value,
                **session_columns(values),
            }
            stored = insert_session(session, columns, child_keys(values, []))
            audit.write(
                session, self.actor, "draft", "session", stored.id, patient_id,
                inserted=stored.inserted,
            )  # fmt: skip
            return stored_dto(stored)

    def save_draft(
        self, session_id: int, data: Payload, *, expected_version: int | None = None
    ) -> SessionDTO:
        """Keep what is typed into an unsigned session (no reason needed); once the timer
        has run, only the after-session values may change. Unchanged: nothing is written."""
        with self.write() as session:
            row, state = self._open_row(session, session_id, expected_version, data)
            values = self._values(session, row, state, data)
            self._write(session, row, values, None, "update")
            return session_dto(row)

    def start_timer(
        self,
        session_id: int,
        data: Payload,
        *,
        expected_version: int | None = None,
        at: datetime | None = None,
    ) -> SessionDTO:
        """The exposure starts: complete values, every hard stop overridden, then frozen."""
        return self._advance(session_id, data, SessionState.RUNNING, expected_version, at)

    def stop_timer(
        self,
        session_id: int,
        data: Payload,
        *,
        expected_version: int | None = None,
        at: datetime | None = None,
    ) -> SessionDTO:
        """The exposure is over: ``data`` carries the actual exposure the timer measured."""
        return self._advance(session_id, data, SessionState.COMPLETED, expected_version, at)

    def mark_done(
        self, session_id: int, data: Payload, *, expected_version: int | None = None
    ) -> SessionDTO:
        """A draft whose exposure ran without the timer: completed (the plan is the record)."""
        return self._advance(session_id, data, SessionState.COMPLETED, expected_version, None)

    def sign(
        self,
        session_id: int,
        data: Payload,
        *,
        expected_version: int | None = None,
        at: datetime | None = None,
    ) -> SessionDTO:
        """Lock a completed session; from now on a change is an amendment with a reason."""
        return self._advance(session_id, data, SessionState.SIGNED, expected_version, at)

    def abandon(self, session_id: int, reason: str, *, expected_version: int | None = None) -> None:
        """Give up a draft (kept, with the reason, but counted nowhere)."""
        reason = check_reason(reason)
        with self.write() as session:
            row, state = self._open_row(session, session_id, expected_version)
            self._check_step(state, SessionState.ABANDONED)
            abandon_row(session, self.actor, row, reason)

    # steps ------------------------------------------------------------------------------

    def _advance(
        self,
        session_id: int,
        data: Payload,
        target: SessionState,
        expected_version: int | None,
        at: datetime | None,
    ) -> SessionDTO:
        with self.write() as session:
            row, state = self._open_row(session, session_id, expected_version, data)
            self._check_step(state, target)
            values, course = self._checked(session, row, state, data, complete=True)
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
            if target is SessionState.SIGNED:
                values = require_over_max_note(session, values, settings)
            before = audit.snapshot(row, **audit_children(row))
            now = at or utcnow()
            if target is SessionState.RUNNING:
                row.running_at = now
            elif target is SessionState.COMPLETED:
                row.completed_at = now
            else:
                row.signed_at = now
            row.state = target.value
            self._write(session, row, values, findings, ACTIONS[target], before)
            if target.counts:  # it counts from now on: the booking of its day was kept
                mark_attended_for_session(session, row, self.actor)
            return session_dto(row)

    def _write(
        self,
        session: Session,
        row: TreatmentSession,
        values: SessionInput,
        findings: list[Finding] | None,
        action: str,
        before: dict[str, Any] | None = None,
    ) -> None:
        """Apply the differences and audit them; a step forward (``before`` taken ahead of
        its own state change) is audited even when no value changed with it."""
        step = before is not None
        before = before if before is not None else audit.snapshot(row, **audit_children(row))
        changed = apply(row, values, findings)
        if not (changed or step):
            return
        audit.write(
            session, self.actor, action, "session", row.id, row.patient_id, before, written=row
        )

    def _open_row(
        self,
        session: Session,
        session_id: int,
        expected_version: int | None,
        yours: Payload | None = None,
    ) -> tuple[TreatmentSession, SessionState]:
        row = self.get(session, TreatmentSession, session_id)
        self.check_version(row, expected_version, yours)
        state = SessionState(row.state)
        if not state.open:
            raise InvalidInput(
                [
                    FieldError(
                        "", said("no_longer_recorded", state=Ref("session_state", state.value))
                    )
                ]
            )
        return row, state

    @staticmethod
    def _check_step(state: SessionState, target: SessionState) -> None:
        problem = transition_problem(state, target)
        if problem:
            raise InvalidInput([FieldError("", problem)])

    def _values(
        self,
        session: Session,
        row: TreatmentSession,
        state: SessionState,
        data: Payload,
        complete: bool = False,
    ) -> SessionInput:
        return self._checked(session, row, state, data, complete)[0]

    def _checked(
        self,
        session: Session,
        row: TreatmentSession,
        state: SessionState,
        data: Payload,
        complete: bool = False,
    ) -> tuple[SessionInput, CourseFacts | None]:
        """The input as the state needs it: a draft may be incomplete; after the timer it
        must be complete and keep its pre-session values. With its course (to hold)."""
        draft = state is SessionState.DRAFT and not complete
        values = self.validate(SessionDraftInput if draft else SessionInput, data)
        course = check_course(session, row.patient_id, values)
        if state is not SessionState.DRAFT:
            frozen = frozen_changes(row, values)
            if frozen:
                raise InvalidInput([FieldError(name, FROZEN) for name in frozen])
        return values, course
