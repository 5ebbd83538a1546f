"""Insertion of generated rows, inside the caller's unit of work.

On SQLite the rows arrive encoded (``rows.RowBuilder(encode=True)``) and go to the driver's
``executemany`` through the session's connection, table by table in foreign-key order;
other databases get SQLAlchemy Core inserts of the same values.

While loading, the SQLite connection gets a large page cache (``LOAD_CACHE_KIB``): the
indexes on random keys (session day, names, birth dates) outgrow the default 2 MB within a
few thousand patients; measured on 40,000 patients, the inserts took 72 s with the default
cache and 38 s with this one. ``cache_size`` only sets how much memory the connection may use; it is
not stored in the file and changes nothing about durability (synchronous and the journal
keep the project's settings). ``restore_cache`` puts the previous value back.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from cryolog.db import course_due
from cryolog.db.audit_chain import (
    INSERT_CONTENT,
    INSERT_ENTRY,
    ZERO_HASH,
    Entry,
    bound,
    chain_head,
    chained_values,
    next_entry_id,
    runner,
)
from cryolog.db.models import Course, Practice
from cryolog.services import audit
from cryolog.services.demo import texts
from cryolog.services.demo.rows import (
    ORDER,
    SHAPES,
    WITH_IDS,
    PendingEntry,
    RowChunk,
    at_nine,
    table_of,
    to_utc,
)

BATCH = 5000
LOAD_CACHE_KIB = 256 * 1024


def widen_cache(session: Session) -> int | None:
    """Give the SQLite connection the loading page cache; its previous setting."""
    if not uses_driver_inserts(session):
        return None
    connection = session.connection()
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    return int(previous)


def restore_cache(session: Session, previous: int | None) -> None:
    if previous is not None:
        session.connection().exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


def uses_driver_inserts(session: Session) -> bool:
    """True when rows should be built encoded and inserted through the SQLite driver."""
    return session.get_bind().dialect.name == "sqlite"


def next_ids(session: Session) -> dict[str, int]:
    """The first free id of every table whose ids the generator assigns."""
    found: dict[str, int] = {}
    for model in WITH_IDS:
        table = table_of(model)
        top = session.execute(select(func.max(table.c.id))).scalar_one()
        found[table.name] = (top or 0) + 1
    return found


def fill_practice(session: Session, today: date, actor: str) -> int:
    """Fill in the practice details if they are empty (audited like an edit); audit rows."""
    practice = session.get(Practice, 1)
    if practice is None or practice.name:
        return 0
    before = audit.current_state(session, "practice", 1)
    at = to_utc(at_nine(today).replace(hour=8))
    table = table_of(Practice)
    session.execute(update(table).where(table.c.id == 1).values(**texts.PRACTICE, updated_at=at))
    audit.write(session, actor, "update", "practice", 1, None, before)
    return 1


def insert_chunk(session: Session, chunk: RowChunk) -> Counter[str]:
    """Insert the chunk's rows in foreign-key order, then chain its audit entries after
    the head (read here, inside the write transaction); the rows written per table."""
    driver = uses_driver_inserts(session)
    if driver:  # the unit of work may have another pooled connection than the last one
        session.connection().exec_driver_sql(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    counts: Counter[str] = Counter()
    for model in ORDER:
        rows = chunk.rows[SHAPES[model].name]
        _insert(session, model, rows, driver=driver)
        counts[SHAPES[model].name] += len(rows)
    courses = chunk.rows[SHAPES[Course].name]
    if courses:  # written past the unit of work: their due dates are worked out here
        at = SHAPES[Course].keys.index("id")
        course_due.refresh(session.connection(), [row[at] for row in courses])
    counts["audit_log"] += chain_entries(session, chunk.audit)
    return counts


def chain_entries(session: Session, pending: list[PendingEntry]) -> int:
    """Give the pending entries their ids and chain hashes, and insert them."""
    if not pending:
        return 0
    sql = runner(session.connection())
    head = chain_head(sql)
    previous = head.entry_hash if head is not None else ZERO_HASH
    first = next_entry_id(sql)
    entries: list[dict[str, object]] = []
    contents: list[dict[str, object]] = []
    for offset, item in enumerate(pending):
        at, actor, action, entity, entity_id, patient_id, reason = item[:7]
        row_hash, before_hash, content, hashed = item[7:]
        entry = Entry(first + offset, at, actor, action, entity, entity_id, patient_id,
                      reason, row_hash, before_hash)  # fmt: skip
        values, previous = chained_values(entry, previous, hashed)
        entries.append(values)  # its time bound below, as the backend stores it
        if content is not None:
            contents.append({"entry_id": entry.id, "content": content})
    connection = session.connection()
    on_sqlite = connection.dialect.name == "sqlite"
    entries = [bound(values, sqlite=on_sqlite) for values in entries]
    for statement, rows in ((INSERT_ENTRY, entries), (INSERT_CONTENT, contents)):
        if not rows:
            continue
        if uses_driver_inserts(session):  # SQLite's driver takes the named parameters as they are
            connection.exec_driver_sql(statement, rows)
        else:
            connection.execute(text(statement), rows)
    return len(entries)


def _insert(session: Session, model: Any, rows: list[Any], *, driver: bool) -> None:
    if not rows:
        return
    shape = SHAPES[model]
    table = table_of(model)
    if driver:
        sql = str(insert(table).compile(dialect=session.get_bind().dialect, column_keys=shape.keys))
        session.connection().exec_driver_sql(sql, rows)
        return
    for start in range(0, len(rows), BATCH):
        batch = [
            dict(zip(shape.keys, values, strict=True)) for values in rows[start : start + BATCH]
        ]
        session.execute(insert(table), batch)
