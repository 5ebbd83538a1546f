"""What the demo file would weigh with candidate layout changes, tried on a copy (not a test).

    python bench/bench_file_size.py [--patients N ...]

For each size (default 1,000 and 10,000; cached demo files, bench/perfkit.py) a copy is
compacted as it stands (VACUUM: the baseline), then each change is applied on top and the
file compacted again, printing KB per patient after each step. Nothing is migrated: this
measures what a later schema revision would gain before it is written.

The changes tried:
- drop indexes whose columns begin another index of the same table (the longer one
  answers the same lookups);
- tables whose primary key is their only identity, and which no table references, stored
  WITHOUT ROWID (the table is its key's B-tree: no second copy of the key in an index);
- a page size of 8 KB instead of 4 KB.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import perfkit

KEYED_TABLES = ("screening_answer", "staff_minute", "patient_phone_key", "appointment_seat")


def kb_per_patient(path: Path, patients: int) -> float:
    return path.stat().st_size / patients / 1024


def redundant_indexes(conn: sqlite3.Connection) -> list[str]:
    """Indexes (not unique, not automatic) whose columns are a prefix of another index's
    columns on the same table."""
    columns: dict[str, tuple[str, list[str], bool]] = {}
    for name, table in conn.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"
    ):
        info = [row[2] for row in conn.execute(f"PRAGMA index_info('{name}')")]
        unique = any(
            row[1] == name and row[2] for row in conn.execute(f"PRAGMA index_list('{table}')")
        )
        columns[name] = (table, info, unique)
    found = []
    for name, (table, cols, unique) in columns.items():
        if unique or name.startswith("sqlite_autoindex"):
            continue
        if any(
            other != name and t == table and len(c) > len(cols) and c[: len(cols)] == cols
            for other, (t, c, _u) in columns.items()
        ):
            found.append(name)
    return sorted(found)


def without_rowid(conn: sqlite3.Connection, table: str) -> None:
    """Rebuild ``table`` as WITHOUT ROWID with the same columns, keys and indexes."""
    create = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    indexes = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master"
            " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        )
    ]
    conn.execute(f"ALTER TABLE {table} RENAME TO {table}_old")
    conn.execute(create.rstrip().rstrip(";") + " WITHOUT ROWID")
    conn.execute(f"INSERT INTO {table} SELECT * FROM {table}_old")
    conn.execute(f"DROP TABLE {table}_old")
    for sql in indexes:
        conn.execute(sql)


def vacuum(path: Path, page_size: int | None = None) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        if page_size:
            conn.execute(f"PRAGMA page_size = {page_size}")
        conn.execute("VACUUM")


def measure(patients: int, work: Path) -> list[tuple[str, float]]:
    source = perfkit.demo_db(patients)
    copy = work / f"size-{patients}.db"
    shutil.copyfile(source, copy)
    steps = [("as generated", kb_per_patient(copy, patients))]
    vacuum(copy)
    steps.append(("compacted (VACUUM)", kb_per_patient(copy, patients)))
    with closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        dropped = redundant_indexes(conn)
        conn.execute("BEGIN")
        for name in dropped:
            conn.execute(f"DROP INDEX {name}")
        conn.execute("COMMIT")
    vacuum(copy)
    steps.append((f"without {', '.join(dropped) or 'no index'}", kb_per_patient(copy, patients)))
    with closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA legacy_alter_table = ON")
        conn.execute("BEGIN")
        for table in KEYED_TABLES:
            without_rowid(conn, table)
        conn.execute("COMMIT")
    vacuum(copy)
    steps.append((f"and {', '.join(KEYED_TABLES)} WITHOUT ROWID", kb_per_patient(copy, patients)))
    vacuum(copy, 8192)
    steps.append(("and 8 KB pages", kb_per_patient(copy, patients)))
    copy.unlink()
    return steps


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cryolog-bench-size-") as tmp:
        for patients in args.patients:
            print(f"== {patients:,} patients")
            for what, kb in measure(patients, Path(tmp)):
                print(f"  {kb:5.1f} KB per patient  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
