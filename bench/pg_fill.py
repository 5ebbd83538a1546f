"""Benchmark-only fast fill: an SQLite file's rows into a fresh server database with COPY.

    python bench/pg_fill.py FILE URL

``cryolog copy`` inserts every row through SQLAlchemy in batches, which at 100,000 patients
(12.7 million rows) takes about forty minutes; a benchmark only needs the same rows on the
server. This builds the schema with the same migrations (no genesis checkpoint of its own,
the rows the migrations seed removed, as ``cryolog copy`` does), then streams each table in
foreign-key order from the file into the server with PostgreSQL's COPY (psycopg's
``cursor.copy``), every value converted by the column's own SQLAlchemy type as an INSERT
would. The session runs as a replica (``session_replication_role``, the superuser's): row
triggers and foreign-key checks do not fire during the load, so 2.2 million audit entries do
not queue 2.2 million change notifications nobody listens to; the rows come from a file whose
foreign keys hold, and what the triggers guard (no UPDATE or DELETE of the trail) is not
touched by an INSERT. Sequences are set past the highest ids, and the row counts and the
audit chain's head are compared with the file's, all in one transaction: the result
verifies with ``cryolog verify --db URL`` like the file. Last, ``VACUUM (ANALYZE)``: the
planner's statistics and the visibility map a server's autovacuum keeps, which a table
filled a minute ago does not have yet (without them the search's plans are guesses). Unlike
``cryolog copy`` it records no copy entry of its own, so the chain head is the file's.

Not a product path: ``cryolog copy`` stays the one audited way to move a practice's data.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 20_000


def _converters(table: Any, dialect: Any) -> list[Callable[[Any], Any] | None]:
    """Each column's bind processor for the server's dialect (None: the value as it is)."""
    return [column.type._cached_bind_processor(dialect) for column in table.columns]


def _rows(reading: Any, table: Any, dialect: Any) -> Iterator[tuple[Any, ...]]:
    from sqlalchemy import select

    convert = _converters(table, dialect)
    order = list(table.primary_key.columns) or list(table.columns)
    result = reading.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    for row in result:
        yield tuple(
            value if value is None or fn is None else fn(value)
            for fn, value in zip(convert, row, strict=True)
        )


def fill(
    source: Path, url: str, progress: Callable[[str, int, float], None] | None = None
) -> dict[str, int]:
    """Copy every row of the file ``source`` into the empty server database ``url``;
    the row counts per table. Raises on any mismatch (nothing is kept then)."""
    from cryolog.db.backends import backend_for
    from cryolog.db.engine import make_engine
    from cryolog.db.revisions import HEAD_REVISION, current_revision
    from cryolog.services.copy import (
        CopyReport,
        _build_schema,
        _compare,
        _reset_sequences,
        tables,
    )

    reading_engine = make_engine(backend_for(str(source)))
    writing_engine = make_engine(backend_for(url), foreign_keys=False)
    report = CopyReport()
    try:
        with reading_engine.connect() as reading, writing_engine.begin() as writing:
            reading.exec_driver_sql("SELECT 1")  # one read snapshot of the file
            if current_revision(reading) != HEAD_REVISION:
                raise SystemExit(f"{source} is not at revision {HEAD_REVISION}: upgrade it first")
            _build_schema(writing)
            writing.exec_driver_sql("SET LOCAL synchronous_commit = off")
            writing.exec_driver_sql("SET LOCAL session_replication_role = replica")
            dialect = writing.dialect
            cursor = writing.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            for table in tables():
                started = time.perf_counter()
                names = ", ".join(f'"{c.name}"' for c in table.columns)
                copied = 0
                with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                    for row in _rows(reading, table, dialect):
                        copy.write_row(row)
                        copied += 1
                report.counts[table.name] = copied
                if progress is not None:
                    progress(table.name, copied, time.perf_counter() - started)
            writing.exec_driver_sql("SET LOCAL session_replication_role = DEFAULT")
            _reset_sequences(writing)
            _compare(reading, writing, report)
            reading.rollback()
        with writing_engine.connect() as tidy:  # what autovacuum does on a server in use
            tidy.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM (ANALYZE)")
    finally:
        reading_engine.dispose()
        writing_engine.dispose()
    return report.counts


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source, url = Path(argv[0]), argv[1]
    if not source.is_file():
        print(f"no such file: {source}", file=sys.stderr)
        return 2
    started = time.perf_counter()

    def said(table: str, rows: int, took: float) -> None:
        print(f"  {table:<24} {rows:>10,} rows {took:7.1f} s", flush=True)

    counts = fill(source, url, said)
    took = time.perf_counter() - started
    print(f"filled {sum(counts.values()):,} rows in {len(counts)} tables in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
