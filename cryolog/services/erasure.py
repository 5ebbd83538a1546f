"""Erasure on request (GDPR Art. 17): the one deliberate exception to "archive, never delete".

``erase_patient`` exports the record first (the caller names the file), then in ONE write
transaction removes every record of the patient — each removal with its own audit entry
(the record's last state hashed, no row hash: "removed") — the search tokens and phone
index, and finally calls the audit trail's erasure hook, which blanks the content of the
patient's entries and their salt while every hash stays, so ``cryolog verify`` still
passes. The erasure's own entries hold no personal data: the reason is a fixed sentence.
Afterwards the file is vacuumed and its write-ahead log truncated (with ``secure_delete``
on for the deletes), so none of the patient's strings stay in free pages or the -wal file.
Backups are not rewritten: they age out by their rotation (``backups_gone_by``).
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, select, text
from sqlalchemy.orm import Session

from cryolog.db.audit_plain import stored_instant
from cryolog.db.audit_state import model_specs
from cryolog.db.backup import all_folders, list_backups
from cryolog.db.database import Database
from cryolog.db.models import Base, Patient
from cryolog.db.rotation import RotationPolicy
from cryolog.domain.errors import RecordNotFound
from cryolog.services import Services, audit

ERASURE_REASON = "Erasure on the patient's request (GDPR Art. 17)"
"""The reason of every erasure entry: fixed, so no personal data can enter the trail."""

KEPT_WHEN_ANONYMISED = (
    "course",
    "session",
    "cold_test",
    "assessment",
    "adverse_event",
    "screening",
    "clearance",
    "consent",
)
"""The clinical records "anonymise" keeps, moved to a pseudonymous patient."""
FREE_TEXT = (
    "notes",
    "archive_reason",
    "description",
    "reactions",
    "abort_reason",
    "over_max_note",
    "issued_by",
)
"""Free-text columns blanked in the records kept by "anonymise"."""


@dataclass(frozen=True)
class ErasurePlan:
    patient_id: int
    registered_on: date
    last_activity: date
    retention_years: int
    backups_holding: int
    backups_gone_by: date | None

    @property
    def kept_until(self) -> date:
        """The end of the retention period, from the last activity on the record."""
        try:
            return self.last_activity.replace(year=self.last_activity.year + self.retention_years)
        except ValueError:  # 29 February
            return self.last_activity.replace(
                year=self.last_activity.year + self.retention_years, day=28
            )

    def too_young(self, today: date | None = None) -> bool:
        return (today or date.today()) < self.kept_until


@dataclass(frozen=True)
class Erased:
    patient_id: int
    records_removed: int
    contents_blanked: int
    export: Path | None


def _patient_tables() -> list[Table]:
    """Tables with a ``patient_id``, children before parents."""
    tables = [t for t in reversed(Base.metadata.sorted_tables) if "patient_id" in t.columns]
    return [t for t in tables if not t.name.startswith("audit_")]


def _model_of(table: Table) -> type[Any] | None:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    return None


def _last_activity(session: Session, patient_id: int, registered: date) -> date:
    """The day of the patient's latest audit entry. Compared here, not by ``max(at)``: on
    SQLite an older file's entries keep their text times beside the newer integers, and
    SQLite orders any text after any number."""
    rows = session.execute(
        text("SELECT at FROM audit_log WHERE patient_id = :p"), {"p": patient_id}
    ).scalars()
    found = max((stored_instant(at) for at in rows), default=None)
    return registered if found is None else found.date()


def backups_gone_by(
    database: Path, since: datetime, policy: RotationPolicy, now: datetime | None = None
) -> tuple[int, date | None]:
    """How many backups (made since ``since``) hold the patient, and by when the last of
    them leaves the rotation (None: none holds them). Copies kept apart (before a
    migration or a restore) are never rotated: they count, and say "when removed"."""
    holding = [
        b for b in list_backups(all_folders(database), database.name) if b.created_at >= since
    ]
    if not holding:
        return 0, None
    newest = max(holding, key=lambda b: b.created_at).created_at
    horizon = max(
        timedelta(days=policy.daily),
        timedelta(weeks=policy.weekly),
        timedelta(days=31 * policy.monthly),
    )
    start = max(newest, now or datetime.now(UTC))
    return len(holding), (start + horizon).date()


def erasure_plan(
    db: Database, patient_id: int, retention_years: int, policy: RotationPolicy | None = None
) -> ErasurePlan:
    with db.read() as session:
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise RecordNotFound(f"There is no patient {patient_id}.")
        created = patient.created_at
        registered = created.date()
        last = _last_activity(session, patient_id, registered)
    count, gone = (0, None)
    if db.path is not None:
        since = created if created.tzinfo else created.replace(tzinfo=UTC)
        count, gone = backups_gone_by(db.path, since, policy or RotationPolicy())
    return ErasurePlan(patient_id, registered, last, retention_years, count, gone)


def _pseudonym(session: Session, patient: Patient, actor: str) -> int:
    """A patient with no personal data (the birth year only) for the kept records."""
    from cryolog.domain.schemas.patient import PatientInput
    from cryolog.services.patients import add_patients

    values = PatientInput(
        family_name="Anonymised", birth_date=date(patient.birth_date.year, 1, 1)
    ).model_dump()
    values.update(sex=patient.sex, height_cm=patient.height_cm, weight_kg=patient.weight_kg)
    (row,) = add_patients(session, [values])
    audit.write(session, actor, "create", "patient", row.id, row.id, reason=ERASURE_REASON)
    return int(row.id)


def _blank(row: Any) -> None:
    for name in FREE_TEXT:
        if hasattr(row, name) and isinstance(getattr(row, name), str):
            column = row.__table__.columns.get(name)
            setattr(row, name, None if column is not None and column.nullable else "")
    for finding in getattr(row, "findings", ()) or ():
        if getattr(finding, "override_reason", None):
            finding.override_reason = None


def _move(
    session: Session, row: Any, entity: str, key: str, old: int, new: int, actor: str
) -> None:
    """Move ``row`` to the pseudonymous patient, free text blanked: the entry's before is
    hashed with the old salt (it follows the record's last entry), its state with the new."""
    from cryolog.db.audit_chain import Entry, append, next_entry_id, runner, state_hash
    from cryolog.db.audit_checkpoint import salt_for
    from cryolog.db.audit_rows import read_state
    from cryolog.db.types import utcnow

    before = audit.snapshot(row)
    _blank(row)
    row.patient_id = new
    session.flush()
    sql = runner(session.connection())
    old_salt, new_salt = salt_for(sql, old), salt_for(sql, new)
    row_id = int(getattr(row, key))
    state = read_state(sql, model_specs()[entity], row_id)
    append(
        sql,
        Entry(
            id=next_entry_id(sql),
            at=utcnow(),
            actor=actor,
            action="anonymise",
            entity=entity,
            entity_id=row_id,
            patient_id=new,
            reason=ERASURE_REASON,
            row_hash=None if state is None else state_hash(new_salt, state),
            before_hash=state_hash(old_salt, before),
        ),
        None,
        new_salt,
    )


def _remove_records(
    session: Session, patient_id: int, actor: str, keep_into: int | None = None
) -> int:
    specs = model_specs()
    by_table = {spec.table.name: entity for entity, spec in specs.items()}
    removed = 0
    for table in _patient_tables():
        entity = by_table.get(table.name)
        model = _model_of(table)
        if entity is None or model is None:
            session.execute(delete(table).where(table.c.patient_id == patient_id))
            continue
        rows: list[Any] = list(
            session.scalars(select(model).where(table.c.patient_id == patient_id))
        )
        key = specs[entity].key
        for row in rows:
            if keep_into is not None and entity in KEPT_WHEN_ANONYMISED:
                _move(session, row, entity, key, patient_id, keep_into, actor)
                continue
            before = audit.snapshot(row)
            row_id = int(getattr(row, key))
            session.delete(row)
            session.flush()
            audit.write(
                session, actor, "erase", entity, row_id, patient_id, before, reason=ERASURE_REASON
            )
            removed += 1
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise RecordNotFound(f"There is no patient {patient_id}.")
    before = audit.snapshot(patient)
    session.delete(patient)
    session.flush()
    audit.write(
        session, actor, "erase", "patient", patient_id, patient_id, before, reason=ERASURE_REASON
    )
    return removed + 1


def erase_patient(
    services: Services,
    patient_id: int,
    *,
    export_to: Path | None,
    export_password: str | None = None,
    anonymise: bool = False,
) -> Erased:
    """Export (when ``export_to``), remove, blank, and leave nothing in free pages. With
    ``anonymise`` the clinical records (courses, sessions and their numbers, cold tests,
    outcome scores, adverse events, screening, clearance, consent) are kept, their free
    text blanked, under a new patient "Anonymised" who has only the birth year."""
    from cryolog.services.export.patient_export import export_patient

    db = services.db
    if db.read_only:
        raise RecordNotFound(db.read_only_reason or "The database is read-only.")
    if export_to is not None:
        export_patient(services, patient_id, export_to, export_password)
    with db.write() as session:
        session.execute(text("PRAGMA secure_delete = ON"))
        keep_into = None
        if anonymise:
            patient = session.get(Patient, patient_id)
            if patient is None:
                raise RecordNotFound(f"There is no patient {patient_id}.")
            keep_into = _pseudonym(session, patient, services.actor)
        removed = _remove_records(session, patient_id, services.actor, keep_into)
        blanked = audit.erase_patient_content(session, patient_id, services.actor, ERASURE_REASON)
    compact(db)
    return Erased(patient_id, removed, blanked.contents, export_to)


def compact(db: Database) -> None:
    """VACUUM and truncate the write-ahead log: no freed page keeps what was removed."""
    storage = db.storage
    conn = storage.connect(write=True)
    with closing(conn):
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
