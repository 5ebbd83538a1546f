"""Generated patients as ready-to-insert rows: ids assigned, values encoded, audit hashed.

``RowBuilder(actor, next_ids, encode)`` takes patient plans in order and gives a ``RowChunk``:
per table, value lists in the table's column order. Ids continue from ``next_ids``; since
``id_counts(plans)`` says how many ids a list of plans takes, the next chunk's ids are known
before this chunk is built, so chunks can be built side by side in separate processes.

Each record gets the audit entry the services would write (``services.audit``): for a new
record the salted hash of its state (``db.audit_state``: the same columns, kinds and child
rows ``cryolog verify`` reads back), for a later edit the hashes before and after and the
content record with both states. Entries are "pending" here: their ids and chain hashes
depend on the chain head, which only the inserting process knows (``writer``). Each
patient's salt is derived from the seed and the patient's index, so a seed gives the same
data (demo patients are invented; real patients get random salts).

With ``encode`` the values are already what SQLAlchemy would bind for SQLite (dates as its
text form, UTC timestamps as the integer of ``audit_plain.stored_time``; booleans go as
they are, which the driver stores as 0/1 just as SQLAlchemy's processor would), so the
inserts can go straight to the driver.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, Table
from sqlalchemy.dialects.sqlite import pysqlite

from cryolog.db.audit_chain import canonical, content_hash, state_hash
from cryolog.db.audit_plain import Plain, stored_time
from cryolog.db.audit_rows import change_record
from cryolog.db.audit_state import TableSpec, model_specs
from cryolog.db.models import (
    AdverseEvent,
    Assessment,
    AuditSalt,
    Clearance,
    ColdTest,
    Consent,
    Course,
    Patient,
    PatientNamePrefix,
    PatientNameToken,
    PatientPhoneKey,
    Screening,
    ScreeningAnswer,
    SessionArea,
    SessionBPReading,
    SessionFinding,
    SessionPainZone,
    TreatmentSession,
)
from cryolog.db.types import UTCDateTime
from cryolog.domain.phone import index_keys
from cryolog.domain.text import name_prefixes
from cryolog.services.demo.records import Change, PatientPlan, Row, SessionRec

Encoder = Callable[[Any], Any]
Values = Sequence[Any]

ORDER: tuple[Any, ...] = (
    Patient, AuditSalt, PatientNameToken, PatientNamePrefix, PatientPhoneKey, Screening,
    ScreeningAnswer, Clearance, Consent, ColdTest, Course, TreatmentSession, SessionArea,
    SessionPainZone, SessionFinding, SessionBPReading, AdverseEvent, Assessment,
)  # fmt: skip
"""Every table the generator fills with plain rows, parents before children (the audit
entries follow them, chained by ``writer``)."""
WITH_IDS: tuple[Any, ...] = (
    Patient, Screening, Clearance, Consent, ColdTest, Course, TreatmentSession, SessionArea,
    SessionPainZone, SessionFinding, SessionBPReading, AdverseEvent, Assessment,
)  # fmt: skip
"""The tables whose ids the generator assigns (audit entries get theirs when inserted)."""

PendingEntry = tuple[Any, ...]
"""An audit entry before its id and chain hashes: ``(at, actor, action, entity, entity id,
patient id, reason, row hash, before hash, content, content hash)``."""
_SQLITE = pysqlite.dialect()


def table_of(model: Any) -> Table:
    table: Table = model.__table__
    return table


def sqlite_date(value: date | None) -> str | None:
    """A date as SQLAlchemy's SQLite ``Date`` stores it."""
    return None if value is None else value.isoformat()


def sqlite_utc(value: datetime | None) -> int | None:
    """An aware timestamp as ``UTCDateTime`` stores it in SQLite: the integer of
    microseconds since 1970 UTC (``audit_plain.stored_time``)."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return stored_time(value)


def _encoder(column: Any) -> Encoder | None:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return sqlite_utc
    if isinstance(kind, Date):
        return sqlite_date
    if isinstance(kind, Boolean):
        return None
    found: Encoder | None = kind.dialect_impl(_SQLITE).bind_processor(_SQLITE)
    return found


@dataclass(frozen=True)
class Shape:
    """What the builder needs to know about one table."""

    name: str
    keys: tuple[str, ...]  # the inserted columns, in the order of the value lists
    template: Row  # every column with its scalar default (None where it has none)
    encoders: tuple[tuple[int, Encoder], ...]

    def values(self, row: Row, encode: bool) -> Values:
        found: tuple[Any, ...] = itemgetter(*self.keys)(row)
        if not encode or not self.encoders:
            return found
        out = list(found)
        for index, encoder in self.encoders:
            out[index] = encoder(out[index])
        return tuple(out)


def _shape(model: Any) -> Shape:
    table = table_of(model)
    columns = list(table.columns)
    template: Row = {}
    for column in columns:
        default = column.default
        scalar = default is not None and getattr(default, "is_scalar", False)
        template[column.key] = getattr(default, "arg", None) if scalar else None
    encoders = [(i, _encoder(c)) for i, c in enumerate(columns)]
    return Shape(
        name=table.name,
        keys=tuple(template),
        template=template,
        encoders=tuple((i, e) for i, e in encoders if e is not None),
    )


SHAPES: dict[Any, Shape] = {model: _shape(model) for model in ORDER}


def to_utc(moment: datetime) -> datetime:
    """A naive local time (or an aware one) as an aware UTC datetime."""
    return moment.astimezone(UTC)


def at_nine(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=9)


def demo_salt(seed: int, index: int) -> bytes:
    """The audit salt of the demo patient with this index (reproducible, see above)."""
    return hashlib.sha256(f"cryolog demo salt {seed} {index}".encode()).digest()


def id_counts(plans: Sequence[PatientPlan]) -> dict[str, int]:
    """How many ids of each table the rows of ``plans`` take."""
    sessions = [s for plan in plans for _, s in plan.all_sessions()]
    counts = {
        Patient: len(plans),
        Screening: sum(len(p.screenings) for p in plans),
        Clearance: sum(len(p.clearances) for p in plans),
        Consent: sum(len(p.consents) for p in plans),
        ColdTest: sum(len(p.cold_tests) for p in plans),
        Course: sum(len(p.courses) for p in plans),
        TreatmentSession: len(sessions),
        SessionArea: sum(len(s.areas) for s in sessions),
        SessionPainZone: sum(len(s.pain_zones) for s in sessions),
        SessionFinding: sum(len(s.findings) for s in sessions),
        SessionBPReading: sum(1 for s in sessions if _bp_reading(s.row)),
        AdverseEvent: sum(len(p.events) for p in plans),
        Assessment: sum(len(c.assessments) for p in plans for c in p.courses),
    }
    return {SHAPES[model].name: count for model, count in counts.items()}


def advance(next_ids: Mapping[str, int], counts: Mapping[str, int]) -> dict[str, int]:
    return {name: next_ids[name] + counts.get(name, 0) for name in next_ids}


@dataclass
class RowChunk:
    """The rows of a run of patients, per table name in ``ORDER``, and what to report."""

    rows: dict[str, list[Values]]
    audit: list[PendingEntry] = field(default_factory=list)
    course_ids: dict[str, int] = field(default_factory=dict)  # protocol id -> first course
    example_ids: dict[str, int] = field(default_factory=dict)  # "cyrillic"/"accented" -> patient


class RowBuilder:
    """Assigns ids and completes rows; ``finish()`` gives them as value lists."""

    def __init__(
        self, actor: str, next_ids: Mapping[str, int], *, encode: bool, seed: int = 0
    ) -> None:
        self.actor = actor
        self.encode = encode
        self.seed = seed
        self.next_id = {model: next_ids[SHAPES[model].name] for model in WITH_IDS}
        self.rows: dict[Any, list[Row]] = {model: [] for model in ORDER}
        self.tokens: list[Values] = []
        self.prefixes: list[Values] = []
        self.phone_keys: list[Values] = []
        self.chunk = RowChunk({})
        self.salt = b""
        self.specs = {SHAPES[m].name: t for m in ORDER for t in _specs_of(m)}

    def finish(self) -> RowChunk:
        for model, rows in self.rows.items():
            shape = SHAPES[model]
            if model is PatientNameToken:
                self.chunk.rows[shape.name] = self.tokens
            elif model is PatientNamePrefix:
                self.chunk.rows[shape.name] = self.prefixes
            elif model is PatientPhoneKey:
                self.chunk.rows[shape.name] = self.phone_keys
            else:
                self.chunk.rows[shape.name] = [shape.values(r, self.encode) for r in rows]
        return self.chunk

    def ids_after(self) -> dict[str, int]:
        return {SHAPES[model].name: self.next_id[model] for model in WITH_IDS}

    # --- rows ----------------------------------------------------------------------------
    def _new(self, model: Any, values: Row, **ids: int | None) -> Row:
        row = {**SHAPES[model].template, **values, **ids, "id": self.next_id[model]}
        self.next_id[model] += 1
        created = row.get("created_at")
        if isinstance(created, datetime):
            row["created_at"] = row["updated_at"] = to_utc(created)
        self.rows[model].append(row)
        return row

    def _state(self, model: Any, row: Row, **children: list[Row]) -> dict[str, Plain]:
        """The record's state as ``db.audit_state`` reads it back (children in id order)."""
        state = _state_of(self.specs[SHAPES[model].name], row)
        for key, rows in children.items():
            child = self.specs[SHAPES[_CHILD_MODELS[key]].name]
            state[key] = [_state_of(child, r) for r in rows]
        return state

    def _audit(
        self,
        at: datetime,
        action: str,
        entity: str,
        ids: tuple[int | None, int | None],
        before: dict[str, Plain] | None,
        after: dict[str, Plain],
        reason: str = "",
    ) -> None:
        salt = self.salt
        content = None
        if before is not None:
            content = canonical(change_record(before, after)).decode("ascii")
        self.chunk.audit.append(
            (
                to_utc(at), self.actor, action, entity, ids[0], ids[1], reason or None,
                state_hash(salt, after), None if before is None else state_hash(salt, before),
                content, None if content is None else content_hash(salt, content),
            )
        )  # fmt: skip

    def _record(self, model: Any, entity: str, values: Row, pid: int, **children: list[Row]) -> Row:
        row = self._new(model, values, patient_id=pid)
        self._audit(row["created_at"], "create", entity, (row["id"], pid), None,
                    self._state(model, row, **children))  # fmt: skip
        return row

    def _changed(self, model: Any, entity: str, values: Row, pid: int, change: Change) -> Row:
        """A record created and later edited once: audit both, store the final state."""
        row = self._record(model, entity, values, pid)
        before = self._state(model, row)
        at = to_utc(change.at)
        row.update(change.values, version=2, updated_at=at)
        self._audit(at, change.action, entity, (row["id"], pid), before,
                    self._state(model, row), change.reason)  # fmt: skip
        return row

    def add(self, plan: PatientPlan) -> None:
        patient = self._new(Patient, plan.row)
        pid = patient["id"]
        self.salt = demo_salt(self.seed, plan.index)
        self.rows[AuditSalt].append({**SHAPES[AuditSalt].template, "patient_id": pid,
                                     "salt": self.salt})  # fmt: skip
        self._audit(patient["created_at"], "create", "patient", (pid, pid), None,
                    self._state(Patient, patient))  # fmt: skip
        self._examples(plan, pid)
        self.tokens.extend((pid, token) for token in sorted(plan.tokens))
        sort = patient["search_name"]
        self.prefixes.extend((p, sort, pid) for p in name_prefixes(plan.tokens))
        keys = index_keys(patient["phone"], "")  # demo numbers are international
        self.phone_keys.extend((key, pid, whole) for key, whole in sorted(keys.items()))
        for screening in plan.screenings:
            self._screening(screening.row, screening.answers, pid)
        for model, entity, rows in (
            (Clearance, "clearance", plan.clearances),
            (Consent, "consent", plan.consents),
            (ColdTest, "cold_test", plan.cold_tests),
        ):
            for values in rows:
                self._record(model, entity, {**values, "created_at": _stamp(plan, values)}, pid)
        self._courses(plan, pid)
        for rec in plan.loose_sessions:
            self._session(rec, pid, None)
        for event in plan.events:
            values = {**event.row, "created_at": _event_time(event.row)}
            values["session_id"] = event.session.row["id"] if event.session else None
            if event.change is None:
                self._record(AdverseEvent, "adverse_event", values, pid)
            else:
                self._changed(AdverseEvent, "adverse_event", values, pid, event.change)

    def _courses(self, plan: PatientPlan, pid: int) -> None:
        for course in plan.courses:
            if course.change is None:
                row = self._record(Course, "course", course.row, pid)
            else:
                row = self._changed(Course, "course", course.row, pid, course.change)
            self.chunk.course_ids.setdefault(course.protocol, row["id"])
            for rec in course.sessions:
                self._session(rec, pid, row["id"])
            for values in course.assessments:
                values = {**values, "course_id": row["id"], "created_at": _stamp(plan, values)}
                self._record(Assessment, "assessment", values, pid)

    def _screening(self, values: Row, answers: dict[str, str], pid: int) -> None:
        row = self._new(Screening, {**values, "created_at": at_nine(values["screened_on"])},
                        patient_id=pid)  # fmt: skip
        children = [
            {"screening_id": row["id"], "condition_id": c, "answer": a}
            for c, a in sorted(answers.items())
        ]
        self.rows[ScreeningAnswer].extend(children)
        self._audit(row["created_at"], "create", "screening", (row["id"], pid), None,
                    self._state(Screening, row, answers=children))  # fmt: skip

    def _session(self, rec: SessionRec, pid: int, course_id: int | None) -> None:
        row = self._new(TreatmentSession, rec.row, patient_id=pid, course_id=course_id)
        row["completed_at"] = row["signed_at"] = row["created_at"]  # saved complete: signed
        rec.row["id"] = sid = row["id"]
        reading = _bp_reading(row)
        kids = {
            "areas": [self._new(SessionArea, {**a, "position": i}, session_id=sid)
                      for i, a in enumerate(rec.areas)],
            "pain_zones": [self._new(SessionPainZone, {**z, "position": i}, session_id=sid)
                           for i, z in enumerate(rec.pain_zones)],
            "findings": [self._new(SessionFinding, f, session_id=sid) for f in rec.findings],
            "bp_readings": [self._new(SessionBPReading, reading, session_id=sid)]
                           if reading else [],
        }  # fmt: skip
        self._audit(row["created_at"], "create", "session", (sid, pid), None,
                    self._state(TreatmentSession, row, **kids))  # fmt: skip

    def _examples(self, plan: PatientPlan, pid: int) -> None:
        family: str = plan.row["family_name"]
        found = self.chunk.example_ids
        if any("\u0400" <= ch <= "\u04ff" for ch in family):
            found.setdefault("cyrillic", pid)
        elif any(ch.isalpha() and not ch.isascii() for ch in family) and plan.culture != "el":
            found.setdefault("accented", pid)


def build_rows(
    plans: Sequence[PatientPlan],
    next_ids: Mapping[str, int],
    actor: str,
    *,
    encode: bool,
    seed: int = 0,
) -> RowChunk:
    """The rows of ``plans`` with ids from ``next_ids`` on (which ``id_counts`` advances)."""
    builder = RowBuilder(actor, next_ids, encode=encode, seed=seed)
    for plan in plans:
        builder.add(plan)
    if builder.ids_after() != advance(next_ids, id_counts(plans)):
        raise RuntimeError("demo rows took other ids than counted")
    return builder.finish()


def _bp_reading(session: Row) -> Row | None:
    """The one pre-session reading of a generated session (its latest is its only one)."""
    systolic, diastolic = session.get("bp_pre_sys"), session.get("bp_pre_dia")
    if systolic is None or diastolic is None:
        return None
    return {"position": 0, "systolic": systolic, "diastolic": diastolic, "measured_at": None}


def _stamp(plan: PatientPlan, values: Row) -> datetime:
    for key in ("issued_on", "signed_on", "performed_on", "assessed_on"):
        if key in values:
            return at_nine(values[key]).replace(minute=plan.index % 50)
    raise KeyError("record without a date")


def _event_time(values: Row) -> datetime:
    return at_nine(values["onset_on"]).replace(hour=17)


_CHILD_MODELS: dict[str, Any] = {
    "answers": ScreeningAnswer,
    "areas": SessionArea,
    "pain_zones": SessionPainZone,
    "findings": SessionFinding,
    "bp_readings": SessionBPReading,
}


def _specs_of(model: Any) -> list[TableSpec]:
    """The hashed-column specs that describe ``model``'s table (none: not audited)."""
    name = SHAPES[model].name
    found: list[TableSpec] = []
    for spec in model_specs().values():
        if spec.table.name == name:
            found.append(spec.table)
        found.extend(c.table for c in spec.children if c.table.name == name)
    return found


@cache
def _converter(table: TableSpec) -> Callable[[Sequence[Any]], dict[str, Plain]]:
    return table.converter()


def _state_of(table: TableSpec, row: Row) -> dict[str, Plain]:
    return _converter(table)([row.get(name) for name in table.names])
