"""Practice details for the printouts, and the clinical thresholds."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel
from sqlalchemy import select

from cryolog.db.models import ClinicalThreshold, Practice
from cryolog.domain.errors import FieldError, InvalidInput, StaleRecord, said
from cryolog.domain.messages import Message, Ref
from cryolog.domain.reasons import check_reason
from cryolog.domain.schemas import PracticeInput
from cryolog.domain.thresholds import threshold_problem
from cryolog.services import audit
from cryolog.services.base import Payload, Service
from cryolog.services.dto import PracticeDTO, from_row
from cryolog.services.patients import reindex_phones
from cryolog.services.practice_versions import (
    check_limits_version,
    limits_change,
    limits_version,
    merged,
)
from cryolog.services.safety import load_thresholds

# Pairs that must stay ordered: (lower, higher).
_ORDERED = (
    ("bp_warn_systolic", "bp_stop_systolic"),
    ("bp_warn_diastolic", "bp_stop_diastolic"),
    ("exposure_long_s", "exposure_max_s"),
)


def threshold_errors(values: Mapping[str, float]) -> list[FieldError]:
    errors = [
        FieldError(name, problem)
        for name, value in values.items()
        if (problem := threshold_problem(name, value))
    ]
    if errors:
        return errors
    for low, high in _ORDERED:
        if values[low] >= values[high]:
            errors.append(
                FieldError(
                    low, said("below_setting", setting=Ref("threshold", high), value=values[high])
                )
            )
    return errors


class PracticeService(Service):
    def practice(self) -> PracticeDTO:
        """The practice details, with the versions a Preferences save is checked against."""
        with self.read() as session:
            row = self.get(session, Practice, 1)
            return from_row(PracticeDTO, row, limits_version=limits_version(session))

    def update_practice(self, data: Payload, expected_version: int | None = None) -> PracticeDTO:
        """Save the practice details; with ``expected_version`` (the version they were read
        at), refused as changed elsewhere when another save came in between."""
        values = self.validate(PracticeInput, data)
        with self.write() as session:
            row = self.get(session, Practice, 1)
            self.check_version(row, expected_version, values.model_dump(exclude_none=True))
            before = audit.snapshot(row)
            country = row.country
            for key, value in values.model_dump(exclude_none=True).items():
                setattr(row, key, value)
            if row.country != country:  # numbers typed without "+" read differently now
                reindex_phones(session, row.country)
            session.flush()
            audit.write(session, self.actor, "update", "practice", 1, None, before)
            return from_row(PracticeDTO, row, limits_version=limits_version(session))

    def check_preferences(
        self,
        versions: tuple[int, int],
        practice: Payload,
        changes: Mapping[str, float],
    ) -> None:
        """Refuse a Preferences save opened at ``versions`` (the practice's, the limits')
        when either was saved since, with everything the others changed in one refusal
        (``practice``, ``changes``: what this save would store)."""
        from cryolog.services.changed_elsewhere import other_change

        typed = practice.model_dump() if isinstance(practice, BaseModel) else dict(practice)
        with self.write() as session:
            # the practice row locked until the save commits (on a server: FOR UPDATE), so
            # two Preferences saves at once are checked one after the other
            locked = select(Practice).where(Practice.id == 1).with_for_update()
            row = session.scalars(locked.execution_options(populate_existing=True)).one()
            current = load_thresholds(session)
            others = []
            if row.version != versions[0]:
                others.append(other_change(session, row, versions[0], typed))
            now = limits_version(session)
            differ = any(current.get(name) != value for name, value in changes.items())
            if differ and now != versions[1]:
                others.append(limits_change(session, versions[1], now, changes, current))
            if others:
                raise StaleRecord(Message("db.stale"), merged(others))

    def thresholds(self) -> dict[str, float]:
        with self.read() as session:
            return load_thresholds(session)

    def set_thresholds(
        self,
        changes: Mapping[str, float],
        reason: str = "",
        expected_version: int | None = None,
    ) -> dict[str, float]:
        """Change some thresholds; all are checked together and saved together, or none.

        A change needs a reason (``check_reason``); one audit entry per changed value. With
        ``expected_version`` (``PracticeDTO.limits_version`` as read), refused as changed
        elsewhere when the limits were saved since."""
        if not isinstance(changes, Mapping) or not all(isinstance(k, str) for k in changes):
            raise InvalidInput([FieldError("", said("named_values"))])
        with self.write() as session:
            current = load_thresholds(session)
            proposed = {**current, **changes}
            errors = threshold_errors({**proposed, **{k: changes[k] for k in changes}})
            if errors:
                raise InvalidInput(errors)
            changed = {name: v for name, v in changes.items() if current[name] != v}
            if not changed:
                return proposed
            check_limits_version(session, expected_version, changes, current)
            reason = check_reason(reason)
            stored = {t.name: t for t in session.scalars(select(ClinicalThreshold))}
            for name, value in changed.items():
                before = audit.current_state(session, "clinical_threshold", None)
                row = stored.get(name) or ClinicalThreshold(name=name, value=value)
                row.value = float(value)
                session.add(row)
                audit.write(
                    session,
                    self.actor,
                    "update",
                    "clinical_threshold",
                    None,
                    None,
                    before,
                    reason=reason,
                )
            return proposed
