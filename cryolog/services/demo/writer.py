"""Bulk insertion of generated patients, with ids assigned here and one audit row per record.

Rows go in with SQLAlchemy Core ``insert`` in executemany batches, table by table in
foreign-key order, inside the caller's unit of work. The audit rows carry the same JSON
snapshot the services write (``services.audit``): every column but the search keys and
``updated_at``, dates in ISO form, child rows for sessions and screenings.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from cryolog.db.models import (
    AdverseEvent,
    Assessment,
    AuditEntry,
    Clearance,
    ColdTest,
    Consent,
    Course,
    Patient,
    PatientNameToken,
    Practice,
    Screening,
    ScreeningAnswer,
    SessionArea,
    SessionFinding,
    SessionPainZone,
    TreatmentSession,
)
from cryolog.services.demo import texts
from cryolog.services.demo.records import Change, PatientPlan, Row, SessionRec

BATCH = 5000
_SKIP = frozenset({"search_name", "phone_digits", "phone_digits_rev", "updated_at"})
_ORDER: tuple[Any, ...] = (
    Patient, PatientNameToken, Screening, ScreeningAnswer, Clearance, Consent, ColdTest, Course,
    TreatmentSession, SessionArea, SessionPainZone, SessionFinding, AdverseEvent, Assessment,
    AuditEntry,
)  # fmt: skip
_WITH_IDS: tuple[Any, ...] = (
    Patient, Screening, Clearance, Consent, ColdTest, Course, TreatmentSession, SessionArea,
    SessionPainZone, SessionFinding, AdverseEvent, Assessment,
)  # fmt: skip


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _template(model: Any) -> Row:
    """Every column of the table with its scalar default (None where it has none)."""
    row: Row = {}
    for column in _table(model).columns:
        default = column.default
        scalar = default is not None and getattr(default, "is_scalar", False)
        row[column.key] = getattr(default, "arg", None) if scalar else None
    return row


_TEMPLATES = {model: _template(model) for model in _ORDER}


def to_utc(moment: datetime) -> datetime:
    """A naive local time (or an aware one) as an aware UTC datetime."""
    return moment.astimezone(UTC)


_DATES = (date, datetime)


def _plain(row: Row, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The row's values as JSON-ready data (dates and times in ISO form)."""
    return {k: v.isoformat() if type(v) in _DATES else v for k, v in row.items() if k not in skip}


def snapshot(row: Row, **children: list[Row]) -> dict[str, Any]:
    data = _plain(row, _SKIP)
    for name, rows in children.items():
        data[name] = [_plain(child) for child in rows]
    return data


def _dump(data: dict[str, Any] | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, sort_keys=True)


class DemoWriter:
    """Assigns ids, completes rows and inserts them; counts what it wrote."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        self.next_id: dict[Any, int] = {}
        self.rows: dict[Any, list[Row]] = {model: [] for model in _ORDER}
        self.counts: Counter[str] = Counter()
        self.course_ids: dict[str, int] = {}
        self.example_ids: dict[str, int] = {}

    # --- setup -------------------------------------------------------------------------
    def start(self, session: Session, today: date) -> None:
        """Read the next free ids; fill in the practice details if they are empty."""
        for model in _WITH_IDS:
            top = session.execute(select(func.max(_table(model).c.id))).scalar_one()
            self.next_id[model] = (top or 0) + 1
        practice = session.get(Practice, 1)
        if practice is not None and not practice.name:
            before = {"name": practice.name, "address": practice.address,
                      "phone": practice.phone, "practitioner": practice.practitioner}  # fmt: skip
            at = to_utc(_at_nine(today).replace(hour=8))
            table = _table(Practice)
            session.execute(
                update(table).where(table.c.id == 1).values(**texts.PRACTICE, updated_at=at)
            )
            self._audit(at, "update", "practice", 1, None, before, dict(texts.PRACTICE))

    # --- rows ----------------------------------------------------------------------------
    def _new(self, model: Any, values: Row, **ids: int | None) -> Row:
        row = {**_TEMPLATES[model], **values, **ids, "id": self.next_id[model]}
        self.next_id[model] += 1
        if "created_at" in row and isinstance(row["created_at"], datetime):
            row["created_at"] = row["updated_at"] = to_utc(row["created_at"])
        self.rows[model].append(row)
        return row

    def _audit(
        self,
        at: datetime,
        action: str,
        entity: str,
        entity_id: int | None,
        patient_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        reason: str = "",
    ) -> None:
        self.rows[AuditEntry].append(
            {
                "at": at, "actor": self.actor, "action": action, "entity": entity,
                "entity_id": entity_id, "patient_id": patient_id, "before_json": _dump(before),
                "after_json": _dump(after), "reason": reason or None,
            }
        )  # fmt: skip

    def _record(self, model: Any, entity: str, values: Row, pid: int, **children: list[Row]) -> Row:
        row = self._new(model, values, patient_id=pid)
        self._audit(row["created_at"], "create", entity, row["id"], pid,
                    None, snapshot(row, **children))  # fmt: skip
        return row

    def _changed(self, model: Any, entity: str, values: Row, pid: int, change: Change) -> Row:
        """A record created and later edited once: audit both, store the final state."""
        row = self._record(model, entity, values, pid)
        before = snapshot(row)
        row.update(change.values, version=2, updated_at=to_utc(change.at))
        self._audit(to_utc(change.at), change.action, entity, row["id"], pid, before,
                    snapshot(row), change.reason)  # fmt: skip
        return row

    def add(self, plan: PatientPlan) -> None:
        patient = self._new(Patient, plan.row)
        pid = patient["id"]
        self._audit(patient["created_at"], "create", "patient", pid, pid, None, snapshot(patient))
        self._examples(plan, pid)
        for token in sorted(plan.tokens):
            self.rows[PatientNameToken].append({"patient_id": pid, "token": token})
        for screening in plan.screenings:
            self._screening(screening.row, screening.answers, pid)
        for model, entity, rows in (
            (Clearance, "clearance", plan.clearances),
            (Consent, "consent", plan.consents),
            (ColdTest, "cold_test", plan.cold_tests),
        ):
            for values in rows:
                self._record(model, entity, {**values, "created_at": _stamp(plan, values)}, pid)
        for course in plan.courses:
            if course.change is None:
                row = self._record(Course, "course", course.row, pid)
            else:
                row = self._changed(Course, "course", course.row, pid, course.change)
            self.course_ids.setdefault(course.protocol, row["id"])
            for rec in course.sessions:
                self._session(rec, pid, row["id"])
            for values in course.assessments:
                values = {**values, "course_id": row["id"], "created_at": _stamp(plan, values)}
                self._record(Assessment, "assessment", values, pid)
        for rec in plan.loose_sessions:
            self._session(rec, pid, None)
        for event in plan.events:
            values = {**event.row, "created_at": _event_time(event.row)}
            values["session_id"] = event.session.row["id"] if event.session else None
            if event.change is None:
                self._record(AdverseEvent, "adverse_event", values, pid)
            else:
                self._changed(AdverseEvent, "adverse_event", values, pid, event.change)

    def _screening(self, values: Row, answers: dict[str, str], pid: int) -> None:
        row = self._new(Screening, {**values, "created_at": _at_nine(values["screened_on"])},
                        patient_id=pid)  # fmt: skip
        children = [
            {"screening_id": row["id"], "condition_id": c, "answer": a}
            for c, a in sorted(answers.items())
        ]
        self.rows[ScreeningAnswer].extend(children)
        self._audit(row["created_at"], "create", "screening", row["id"], pid, None,
                    snapshot(row, answers=children))  # fmt: skip

    def _session(self, rec: SessionRec, pid: int, course_id: int | None) -> None:
        row = self._new(TreatmentSession, rec.row, patient_id=pid, course_id=course_id)
        rec.row["id"] = row["id"]
        sid = row["id"]
        kids = {
            "areas": [self._new(SessionArea, {**a, "position": i}, session_id=sid)
                      for i, a in enumerate(rec.areas)],
            "pain_zones": [self._new(SessionPainZone, {**z, "position": i}, session_id=sid)
                           for i, z in enumerate(rec.pain_zones)],
            "findings": [self._new(SessionFinding, f, session_id=sid) for f in rec.findings],
        }  # fmt: skip
        self._audit(row["created_at"], "create", "session", sid, pid, None, snapshot(row, **kids))

    def _examples(self, plan: PatientPlan, pid: int) -> None:
        family: str = plan.row["family_name"]
        if any("\u0400" <= ch <= "\u04ff" for ch in family):
            self.example_ids.setdefault("cyrillic", pid)
        elif any(ch.isalpha() and not ch.isascii() for ch in family) and plan.culture != "el":
            self.example_ids.setdefault("accented", pid)

    # --- output --------------------------------------------------------------------------
    def flush(self, session: Session) -> None:
        """Insert everything collected so far, in foreign-key order."""
        for model in _ORDER:
            rows = self.rows[model]
            for start in range(0, len(rows), BATCH):
                session.execute(insert(_table(model)), rows[start : start + BATCH])
            self.counts[_table(model).name] += len(rows)
            rows.clear()


def _at_nine(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=9)


def _stamp(plan: PatientPlan, values: Row) -> datetime:
    for key in ("issued_on", "signed_on", "performed_on", "assessed_on"):
        if key in values:
            return _at_nine(values[key]).replace(minute=plan.index % 50)
    raise KeyError("record without a date")


def _event_time(values: Row) -> datetime:
    return _at_nine(values["onset_on"]).replace(hour=17)
