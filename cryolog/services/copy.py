"""Copy a whole cryolog database between a file and a server, every row as it is.

The destination must be empty (a new file, or an empty database the administrator made):
its schema is built by the same migrations, without a genesis checkpoint of its own, and
every row of every table is copied in foreign-key order, ids and recorded actors kept, in
one transaction. Sequences are then set past the highest id (a server hands out the next
ids from them). Afterwards the row counts of every table and the audit chain's head are
compared: because the chain's canonical encoding does not depend on the driver, the copy
has the same head and verifies like the source. The source is only read.

This is the core of ``cryolog copy`` (file → server, and server → file for a snapshot);
the command, its menu action and its own audit entry build on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.schema import Table

from cryolog.db.audit_chain import ChainHead, chain_head
from cryolog.db.errors import DatabaseProblem, db_said

if TYPE_CHECKING:
    from cryolog.db.backends.base import StorageBackend

BATCH_ROWS = 2_000

Progress = Callable[[str, int], None]
"""``progress(table, rows copied so far)``."""


class CopyFailed(DatabaseProblem):
    """The copy could not be made or does not match its source; nothing was kept."""


@dataclass
class CopyReport:
    counts: dict[str, int] = field(default_factory=dict)
    head: ChainHead | None = None
    """The copied chain's head: the source's."""
    entry_id: int | None = None
    """The copy's own audit entry in the destination, after that head."""

    def summary(self) -> str:
        rows = sum(self.counts.values())
        head = "no audit entries" if self.head is None else f"audit chain head {self.head.entry_id}"
        return (
            f"Copied {rows} rows in {len(self.counts)} tables; row counts and the {head}"
            f" match the source. The copy is recorded in its audit trail (entry {self.entry_id})."
        )


COPY_ENTITY = "database_copy"


def tables() -> list[Table]:
    """Every table of the schema, parents before children."""
    import cryolog.db.models  # noqa: F401  (registers every table)
    from cryolog.db.base import Base

    return list(Base.metadata.sorted_tables)


def copy_between(
    source: str | StorageBackend, destination: str, progress: Progress | None = None
) -> CopyReport:
    """The one path of ``cryolog copy`` and of the window's copy actions: ``source`` (an
    address, or the open database's backend) into ``destination`` (an empty server
    database, or a new file, which gets its anchor). On any problem nothing is kept: the
    server's transaction is rolled back, a new file removed. DatabaseProblem (or the
    driver's error) when it cannot be done."""
    from cryolog.db.backends import backend_for, file_path
    from cryolog.db.database import open_database
    from cryolog.db.engine import make_engine
    from cryolog.db.location import create_private_file, ensure_private_dir

    reading_end = backend_for(source) if isinstance(source, str) else source
    if reading_end.path is not None and not reading_end.path.is_file():
        raise DatabaseProblem(db_said("missing", path=str(reading_end.path)))
    new_file = file_path(destination)
    if new_file is not None and (new_file.exists() or new_file.is_symlink()):
        raise DatabaseProblem(db_said("copy_target_exists", path=str(new_file)))
    writing_end = backend_for(destination)
    if reading_end.url == writing_end.url:
        raise DatabaseProblem(db_said("copy_same"))
    reading = make_engine(reading_end)
    try:
        if new_file is not None:
            ensure_private_dir(new_file.parent)
            create_private_file(new_file)
        writing = make_engine(writing_end, foreign_keys=False)
        try:
            labels = (reading_end.label, writing_end.label)
            report = copy_database(reading, writing, progress, labels=labels)
        except BaseException:
            writing.dispose()
            if new_file is not None:
                new_file.unlink(missing_ok=True)
            raise
        writing.dispose()
    finally:
        reading.dispose()
    if new_file is not None:  # the new file's anchor names the copy's head
        copied = open_database(new_file, create=False)
        copied.anchor(replace=True)
        copied.dispose()
    return report


def copy_database(
    source: Engine,
    destination: Engine,
    progress: Progress | None = None,
    *,
    labels: tuple[str, str] = ("", ""),
) -> CopyReport:
    """Copy everything from ``source`` into the empty ``destination``; CopyFailed if the
    destination is not empty or the copy does not match. Once it matches, the copy gets
    its own audit entry after the copied head (from and to, as ``labels``: addresses with
    no password; the row counts; who made it), in the same transaction."""
    from cryolog.db.revisions import HEAD_REVISION, current_revision

    with source.connect() as reading:
        if reading.dialect.name == "postgresql":
            reading.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        else:
            reading.exec_driver_sql("SELECT 1")  # the read transaction (a snapshot) begins
        if current_revision(reading) != HEAD_REVISION:
            raise CopyFailed(db_said("copy_source_old", revision=HEAD_REVISION), "")
        with destination.begin() as writing:
            _build_schema(writing)
            report = CopyReport()
            for table in tables():
                report.counts[table.name] = _copy_table(reading, writing, table, progress)
            _reset_sequences(writing)
            _compare(reading, writing, report)
            report.entry_id = _record_copy(reading, writing, report, labels)
        reading.rollback()
    return report


def _build_schema(conn: Connection) -> None:
    from alembic import command

    from cryolog.db.alembic_config import alembic_config
    from cryolog.db.revisions import current_revision

    if current_revision(conn) is not None or _has_tables(conn):
        raise CopyFailed(db_said("copy_target_not_empty"), "")
    command.upgrade(alembic_config(conn, checkpoints=[]), "head")  # no genesis of its own
    for table in reversed(tables()):  # rows the migrations seed (settings) come from the source
        conn.execute(table.delete())


def _has_tables(conn: Connection) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(conn).get_table_names())


def _copy_table(
    reading: Connection, writing: Connection, table: Table, progress: Progress | None
) -> int:
    order = list(table.primary_key.columns) or list(table.columns)
    copied = 0
    batch: list[dict[str, Any]] = []
    for row in reading.execute(select(table).order_by(*order)).mappings():
        batch.append(dict(row))
        if len(batch) >= BATCH_ROWS:
            writing.execute(table.insert(), batch)
            copied += len(batch)
            batch.clear()
            if progress is not None:
                progress(table.name, copied)
    if batch:
        writing.execute(table.insert(), batch)
        copied += len(batch)
    if progress is not None:
        progress(table.name, copied)
    return copied


def _reset_sequences(conn: Connection) -> None:
    """Set each serial id's sequence past the copied ids (PostgreSQL only)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        for column in table.primary_key.columns:
            sequence = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            ).scalar()
            if sequence is None:
                continue
            conn.execute(
                text(
                    f"SELECT setval(:s, COALESCE((SELECT max({column.name}) FROM {table.name}),"
                    " 0) + 1, false)"
                ),
                {"s": sequence},
            )


def _compare(reading: Connection, writing: Connection, report: CopyReport) -> None:
    for table in tables():
        there = writing.execute(select(func.count()).select_from(table)).scalar_one()
        if there != report.counts[table.name]:
            raise CopyFailed(
                db_said("copy_count", table=table.name, n=there, source=report.counts[table.name]),
                "",
            )
    report.head = chain_head(writing)
    source_head = chain_head(reading)
    if report.head != source_head:
        raise CopyFailed(db_said("copy_chain"), "")


def _record_copy(
    reading: Connection, writing: Connection, report: CopyReport, labels: tuple[str, str]
) -> int:
    """The copy's audit entry in the destination; its id."""
    from sqlalchemy.orm import Session

    from cryolog.db.audit_chain import chain_head
    from cryolog.services import audit, default_actor

    actor = default_actor()
    for conn in (writing, reading):  # on a server: the role signed in
        if conn.dialect.name == "postgresql":
            actor = str(conn.exec_driver_sql("SELECT current_user").scalar())
            break
    details = {
        "from": labels[0],
        "to": labels[1],
        "rows": sum(report.counts.values()),
        "tables": len(report.counts),
        "copied_head": None if report.head is None else report.head.entry_id,
    }
    with Session(bind=writing) as session:
        audit.event(session, actor, "copy", COPY_ENTITY, None, None, details)
        session.flush()
        head = chain_head(session.connection())
    assert head is not None
    return head.entry_id
