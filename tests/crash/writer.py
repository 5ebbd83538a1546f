"""The writer the crash harness kills: records through the services as fast as it can and
reports each write on a pipe once it is committed (an "ack"), with the values it wrote.

Started by ``harness`` in a process forked from a server that has imported all of this
already, so a writer is up in a few milliseconds and a kill lands at any moment of a write:
opening the transaction, inserting rows, chaining audit entries, committing, anchoring.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from cryolog.db.database import open_database
from cryolog.domain.errors import SafetyStop
from cryolog.services import Services

Ack = tuple[str, int, dict[str, Any]]
"""(kind of record, id, the values that must be found, with the record's version)."""

TODAY = date.today()
_CONDITIONS = ("diabetes", "raynaud")


def _now() -> datetime:
    start = datetime.combine(TODAY, time(0, 0))
    return max(start, datetime.now() - timedelta(minutes=1)).astimezone()


def session_data(rng: random.Random, **changes: Any) -> dict[str, Any]:
    return {
        "modality": "wbc_chamber",
        "started_at": _now(),
        "duration_s": rng.randint(60, 180),
        "set_temp": {"value": -110.0, "unit": "C"},
        "bp_pre": {"systolic": 125, "diastolic": 80},
        "hr_pre": 70,
        "spo2_pre": 98,
        "checklist": {
            "dry_skin": True,
            "no_lotion": True,
            "no_metal": True,
            "protective_gear": True,
        },
        **changes,
    }


def _with_overrides(call: Callable[[dict[str, Any]], Any], data: dict[str, Any]) -> Any:
    """Save, giving a reason for each hard stop the rules raise (several sessions a day)."""
    try:
        return call(data)
    except SafetyStop as stop:
        reasons = {f.rule: "Crash test: physician approved this session" for f in stop.unresolved}
        return call({**data, "overrides": reasons})


def register(services: Services, rng: random.Random) -> list[Ack]:
    notes = f"note {rng.getrandbits(32):08x} ünïcödé"
    p = services.patients.register(
        {
            "family_name": f"Crash-{rng.choice('ABCDEFGH')}{rng.randint(1, 999)}",
            "given_name": rng.choice(("Мария", "Anne", "Zoë")),
            "birth_date": date(1960 + rng.randint(0, 40), rng.randint(1, 12), 1),
            "notes": notes,
        },
        allow_duplicate=True,  # random names: two writes may pick the same person
    )
    return [("patient", p.id, {"notes": notes, "version": p.version})]


def ready_with_session(services: Services, rng: random.Random) -> list[Ack]:
    """A new patient cleared for whole-body sessions and their first session: one unit."""
    with services.unit() as unit:
        pid = unit.patients.register(
            {"family_name": f"Ready-{rng.randint(1, 9999)}", "birth_date": date(1980, 5, 2)},
            allow_duplicate=True,
        ).id
        unit.pretreatment.record_screening(
            pid, {"screened_on": TODAY, "answers": dict.fromkeys(_CONDITIONS, "no")}
        )
        unit.pretreatment.record_consent(pid, {"signed_on": TODAY, "form_version": 1})
        unit.pretreatment.record_clearance(
            pid,
            {
                "issued_on": TODAY,
                "valid_until": TODAY + timedelta(days=180),
                "ecg": True,
                "blood": True,
                "urine": True,
            },
        )
        unit.pretreatment.record_cold_test(
            pid, "ice_cube", {"performed_on": TODAY, "result": "negative"}
        )
        saved = _with_overrides(
            lambda data: unit.sessions.record_session(pid, data), session_data(rng)
        )
    return [("session", saved.id, {"duration_s": saved.duration_s, "version": saved.version})]


def amend(services: Services, rng: random.Random) -> list[Ack]:
    found = services.db.rows(
        "SELECT id, patient_id, version FROM treatment_session ORDER BY random() LIMIT 1", {}
    )
    if not found:
        return []
    session_id, _patient, version = found[0]
    duration = rng.randint(60, 180)
    saved = _with_overrides(
        lambda data: services.sessions.amend_session(
            session_id, data, reason="Crash test: duration re-read", expected_version=version
        ),
        session_data(rng, duration_s=duration),
    )
    return [("session", saved.id, {"duration_s": duration, "version": saved.version})]


def edit(services: Services, rng: random.Random) -> list[Ack]:
    found = services.db.rows("SELECT id FROM patient ORDER BY random() LIMIT 1", {})
    if not found:
        return []
    current = services.patients.get_patient(int(found[0][0]))
    notes = f"edited {rng.getrandbits(32):08x}"
    saved = services.patients.edit(
        current.id,
        {"family_name": current.family_name, "birth_date": current.birth_date, "notes": notes},
        expected_version=current.version,
        reason="Crash test: note changed at the desk",
    )
    return [("patient", saved.id, {"notes": notes, "version": saved.version})]


def document(services: Services, rng: random.Random) -> list[Ack]:
    found = services.db.rows("SELECT id FROM patient ORDER BY random() LIMIT 1", {})
    if not found:
        return []
    pdf = b"%PDF-1.4\n" + rng.randbytes(rng.randint(100, 200_000))
    saved = services.documents.record(int(found[0][0]), None, "consent", pdf, "en")
    return [("document", saved.id, {"sha256": hashlib.sha256(pdf).hexdigest()})]


OPERATIONS = (register, ready_with_session, amend, edit, document)


def run(path: str, acks: Connection, seed: int) -> None:
    """Write until killed; one ack per committed write."""
    rng = random.Random(seed)
    db = open_database(path, verify=False)
    if seed % 2:  # every other writer anchors as the window does: after its commits
        db.anchor_after_commits()
    services = Services.open(db, "crash-writer")
    while True:
        for ack in rng.choice(OPERATIONS)(services, rng):
            acks.send(ack)


def migrate(path: str) -> None:
    """Open (and so upgrade) an old file; killed somewhere along the way."""
    open_database(path).dispose()


def backup(path: str, acks: Connection) -> None:
    """Make a backup of the file (killed somewhere along the way)."""
    from cryolog.db.backends import SqliteFileBackend
    from cryolog.services.backups import BackupService

    made = BackupService(SqliteFileBackend(Path(path))).back_up(force=True)
    assert made.backup is not None
    acks.send(("backup", 0, {"path": str(made.backup.path)}))


def restore(path: str, source: str, acks: Connection, kill_at: str | None = None) -> None:
    """Restore the backup ``source`` in place of the file (killed somewhere along the way,
    or with SIGKILL once the step ``kill_at`` of ``db.restore.RESTORE_STEPS`` is done)."""
    from cryolog.db.backends import SqliteFileBackend
    from cryolog.services.restore import restore_backup

    def reached(step: str) -> None:
        if step == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    outcome = restore_backup(
        SqliteFileBackend(Path(path)), Path(source), holding=None, reached=reached
    )
    assert outcome.warnings == ()
    acks.send(("restore", 0, {"path": source}))


def _warm() -> None:
    """Import and build now what a writer needs (in the fork server, once for all)."""
    import importlib

    from sqlalchemy.orm import configure_mappers

    from cryolog.db.audit_state import model_specs
    from cryolog.domain import schemas

    for name in (
        "patients",
        "pretreatment",
        "sessions",
        "documents",
        "safety",
        "records",
        "backups",
        "restore",
    ):
        importlib.import_module(f"cryolog.services.{name}")
    configure_mappers()
    for name in schemas.__all__:
        model = getattr(schemas, name)
        if hasattr(model, "model_rebuild"):
            model.model_rebuild(force=True)
    model_specs()


_warm()


def register_many(path: str, count: int, tag: str) -> None:
    """Register ``count`` patients, one unit of work each (two of these run side by side)."""
    db = open_database(path, verify=False)
    services = Services.open(db, f"writer-{tag}")
    for n in range(count):
        services.patients.register({"family_name": f"{tag}-{n}", "birth_date": date(1980, 1, 1)})
    db.dispose()
