"""Tamper evidence on a PostgreSQL server: ``cryolog verify --db postgresql://…``.

The same checks as a file's (``cryolog.services.verify``), in one read-only, repeatable-read
transaction (a snapshot: workstations may go on saving meanwhile): the append-only triggers
are all there, enabled and unchanged; the chain; every record and document against it. The
chain and the records are checked by the very code that checks a file, on the same
canonical encoding, so a chain copied between a file and a server verifies on both.

At a workstation's start the check is incremental: from the chain head this workstation
verified last (kept in its data folder, by the database's address without password), the
triggers, that entry unchanged, and every entry after it; ``cryolog verify --full`` (or a
first check) also checks every record and document against the chain.

A server has no anchor file: the end of its trail is guarded by the triggers and by the
roles (a practitioner's role cannot drop them), so a report whose triggers are intact
counts the tail as checked; one whose triggers are missing or altered says so as a break.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryolog.db.audit_chain import ChainHead, runner
from cryolog.db.audit_checkpoint import load_salts
from cryolog.db.audit_state import model_specs
from cryolog.db.backends.postgres import PostgresBackend
from cryolog.db.backends.postgres_guards import GUARDS, TRIGGERS_SQL, expected_bodies
from cryolog.db.errors import DatabaseProblem, NotACryologDatabase
from cryolog.db.revisions import HEAD_REVISION, current_revision
from cryolog.services.verify import Break, Tail, VerifyReport
from cryolog.services.verify_chain import VerifyCancelled, verify_chain
from cryolog.services.verify_rows import verify_documents, verify_records

Found = Callable[[str, str], None]


@dataclass
class ServerVerifyReport(VerifyReport):
    label: str = ""
    since: ChainHead | None = None
    """Incremental: the head verified before, after which the entries were checked."""

    def summary(self) -> str:
        if self.breaks or self.tail is not Tail.CHECKED:
            return super().summary()
        if self.since is not None:
            return (
                f"Everything verifies since entry {self.since.entry_id} (checked before on this"
                f" workstation): {self.entries} new audit entries chain on to it; the"
                " append-only triggers are in place. `cryolog verify --full` checks every"
                " record again."
            )
        return (
            f"Everything verifies: {self.entries} audit entries, {self.records} records,"
            f" {self.documents} documents; the append-only triggers are in place."
        )


def verify_server(
    target: str | PostgresBackend,
    cancelled: Callable[[], bool] | None = None,
    *,
    since: ChainHead | None = None,
) -> ServerVerifyReport:
    """Verify the cryolog database on a server; DatabaseProblem if it cannot be read.
    ``since`` (a head verified before): the triggers, that entry, and the entries after it
    only (the records are not scanned)."""
    backend = target if isinstance(target, PostgresBackend) else PostgresBackend(target)
    from cryolog.db.engine import make_engine

    stop = cancelled or (lambda: False)
    report = ServerVerifyReport(Path(backend.label), label=backend.label, since=since)
    engine = make_engine(backend)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            revision = current_revision(conn)
            if revision != HEAD_REVISION:
                raise NotACryologDatabase(
                    f"{backend.label} is not a cryolog database at schema {HEAD_REVISION}"
                    f" (found {revision or 'none'}); open it once with this cryolog first.",
                    backend.label,
                )
            if since is None:
                _verify(conn, report, stop)
            else:
                _verify_since(conn, report, since)
            conn.rollback()
    except (DatabaseProblem, VerifyCancelled):
        raise
    except Exception as exc:
        raise backend.translate(exc) from exc
    finally:
        engine.dispose()
    return report


def _verify(conn: object, report: ServerVerifyReport, cancelled: Callable[[], bool]) -> None:
    def found(where: str, what: str) -> None:
        report.breaks.append(Break(where, what))

    intact = check_guards(conn, found)
    sql = runner(conn)
    salts = load_salts(sql)
    chain = verify_chain(sql, salts, found, look_for=None)
    report.entries, report.head = chain.entries, chain.head
    if cancelled():
        raise VerifyCancelled(report.label)
    report.records = verify_records(sql, model_specs(), salts, chain, found, cancelled)
    if cancelled():
        raise VerifyCancelled(report.label)
    report.documents = verify_documents(sql, found)
    if intact:
        report.tail = Tail.CHECKED


def _verify_since(conn: object, report: ServerVerifyReport, since: ChainHead) -> None:
    def found(where: str, what: str) -> None:
        report.breaks.append(Break(where, what))

    intact = check_guards(conn, found)
    sql = runner(conn)
    stored = list(sql("SELECT entry_hash FROM audit_log WHERE id = :id", {"id": since.entry_id}))
    if not stored or stored[0][0] is None or bytes(stored[0][0]) != since.entry_hash:
        found(
            f"audit_log {since.entry_id}",
            "the entry verified last time on this workstation is gone or changed",
        )
        return
    chain = verify_chain(sql, load_salts(sql), found, since=since)
    report.entries = chain.entries
    report.head = chain.head or since
    if intact:
        report.tail = Tail.CHECKED


def verify_at_start(
    target: str | PostgresBackend, cancelled: Callable[[], bool] | None = None
) -> ServerVerifyReport:
    """A workstation's check at start: incremental from the head it verified last (a full
    check the first time); a clean report becomes the next starting point."""
    backend = target if isinstance(target, PostgresBackend) else PostgresBackend(target)
    report = verify_server(backend, cancelled, since=last_verified(backend.label))
    if report.ok and report.head is not None:
        remember_verified(backend.label, report.head)
    return report


def verified_heads_file() -> Path:
    from platformdirs import user_data_path

    return user_data_path("cryolog", appauthor=False) / "verified-servers.json"


def last_verified(label: str) -> ChainHead | None:
    """The head this workstation verified last on the database at ``label``, if any."""
    try:
        known = json.loads(verified_heads_file().read_text(encoding="utf-8"))
        entry = known[label]
        return ChainHead(int(entry["entry_id"]), bytes.fromhex(str(entry["entry_hash"])))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or unreadable: the next check is a full one


def remember_verified(label: str, head: ChainHead) -> None:
    """Keep ``head`` as the next check's starting point (written whole, then renamed)."""
    from cryolog.db.location import ensure_private_dir

    path = verified_heads_file()
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(known, dict):
            known = {}
    except (OSError, ValueError):
        known = {}
    known[label] = {"entry_id": head.entry_id, "entry_hash": head.entry_hash.hex()}
    try:
        ensure_private_dir(path.parent)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(known, indent=1, sort_keys=True), encoding="utf-8")
        partial.replace(path)
    except OSError:  # not kept: the next start checks everything again, only slower
        return


def check_guards(conn: object, found: Found) -> bool:
    """Whether every audit trigger is there, enabled and runs its function as written."""
    sql = runner(conn)
    stored = {str(r[0]): (str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in sql(TRIGGERS_SQL)}
    bodies = expected_bodies()
    intact = True
    for guard in GUARDS:
        where = f"trigger {guard.trigger}"
        have = stored.get(guard.trigger)
        if have is None or have[0] != guard.table:
            found(where, "missing: the audit trail can be rewritten (dropped)")
        elif have[3] == "D":
            found(where, "disabled: the audit trail can be rewritten")
        elif have[1] != guard.function or " ".join(have[2].split()) != " ".join(
            bodies[guard.function].split()
        ):
            found(where, "altered: it no longer guards the audit trail as made")
        else:
            continue
        intact = False
    return intact
