"""What the demo file weighs in the current layout, and with candidate changes, on a copy
(not a test).

    python bench/bench_file_size.py [--patients N ...] [--use N=FILE ...]

For each size (default 1,000 and 10,000; cached demo files, bench/perfkit.py, or ``--use``
a file of N patients made earlier) a copy is compacted as it stands (VACUUM), upgraded to
the current revision the way cryolog opens a file when it is older (revision 0019 dropped
the redundant indexes and stored the key-only tables WITHOUT ROWID; 0021 stores a time of
a whole second without its zero fraction and leaves the signed sessions out of the state
index) and compacted again,
printing KB per patient after each step; then the candidates not (yet) taken:

- drop indexes whose columns begin another index of the same table, if any are left;
- tables whose primary key is their only identity, and which no table references, stored
  WITHOUT ROWID, if any are left;
- a page size of 8 KB instead of 4 KB.

It ends with the largest tables and the audit trail's hash columns, per patient, and the
largest B-trees one by one (tables and indexes, sqlite's ``dbstat``, with the share of
their pages left empty), as they are in the compacted current layout.
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


def revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def upgrade(path: Path) -> None:
    from cryolog.db.database import open_database

    open_database(path, verify=False).dispose()
    for made in path.parent.glob("backups"):
        shutil.rmtree(made, ignore_errors=True)


def rowid_tables(conn: sqlite3.Connection) -> list[str]:
    found = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if table in KEYED_TABLES:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,))
            if "WITHOUT ROWID" not in str(sql.fetchone()[0]).upper():
                found.append(table)
    return found


def breakdown(path: Path, patients: int) -> list[str]:
    """The largest tables (with their indexes) and the audit trail's hashes, in KB/patient."""
    with closing(sqlite3.connect(path)) as conn:
        tables = dict(
            conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table','index')")
        )
        sizes: dict[str, int] = {}
        for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            owner = tables.get(name, name)
            sizes[owner] = sizes.get(owner, 0) + int(size)
        (hashes,) = conn.execute(
            "SELECT coalesce(sum(coalesce(length(row_hash), 0) + coalesce(length(before_hash), 0)"
            " + coalesce(length(content_hash), 0) + coalesce(length(entry_hash), 0)), 0)"
            " FROM audit_log"
        ).fetchone()
    biggest = sorted(sizes.items(), key=lambda kv: -kv[1])[:6]
    lines = [f"{name} {size / patients / 1024:.1f}" for name, size in biggest]
    lines.append(f"audit_log hash columns {int(hashes) / patients / 1024:.1f}")
    return lines


def btrees(path: Path, patients: int, top: int) -> list[str]:
    """The ``top`` largest B-trees (tables and indexes apart) in KB/patient, and how much
    of their pages is unused."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT name, sum(pgsize), sum(unused) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    lines = [
        f"{name:<40} {size / patients / 1024:6.3f}  {100 * unused / size:3.0f} % unused"
        for name, size, unused in rows[:top]
    ]
    rest = sum(size for _name, size, _unused in rows[top:])
    lines.append(f"{'(the others)':<40} {rest / patients / 1024:6.3f}")
    return lines


def measure(
    patients: int, work: Path, source: Path | None = None, top: int = 12
) -> list[tuple[str, float]]:
    source = source or perfkit.demo_db(patients)
    copy = work / f"size-{patients}.db"
    shutil.copyfile(source, copy)
    steps = [(f"as made (revision {revision(copy)})", kb_per_patient(copy, patients))]
    vacuum(copy)
    steps.append(("compacted (VACUUM)", kb_per_patient(copy, patients)))
    from cryolog.db.revisions import HEAD_REVISION

    if revision(copy) != HEAD_REVISION:
        upgrade(copy)
        vacuum(copy)
        steps.append((f"upgraded to {HEAD_REVISION} and compacted", kb_per_patient(copy, patients)))
    with closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        dropped = redundant_indexes(conn)
        keyed = rowid_tables(conn)
        conn.execute("PRAGMA legacy_alter_table = ON")
        conn.execute("BEGIN")
        for name in dropped:
            conn.execute(f"DROP INDEX {name}")
        for table in keyed:
            without_rowid(conn, table)
        conn.execute("COMMIT")
    if dropped or keyed:
        vacuum(copy)
        steps.append((f"and without {', '.join(dropped + keyed)}", kb_per_patient(copy, patients)))
    for line in breakdown(copy, patients):
        print(f"  KB per patient: {line}")
    print("  B-trees, KB per patient:")
    for line in btrees(copy, patients, top):
        print(f"    {line}")
    vacuum(copy, 8192)
    steps.append(("and 8 KB pages", kb_per_patient(copy, patients)))
    copy.unlink()
    return steps


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patients", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--use", nargs="+", default=[], metavar="N=FILE")
    parser.add_argument("--btrees", type=int, default=12, metavar="N", help="B-trees listed")
    args = parser.parse_args(argv)
    given = {int(n): Path(f) for n, f in (item.split("=", 1) for item in args.use)}
    with tempfile.TemporaryDirectory(prefix="cryolog-bench-size-") as tmp:
        for patients in sorted(given) or args.patients:
            print(f"== {patients:,} patients")
            for what, kb in measure(patients, Path(tmp), given.get(patients), args.btrees):
                print(f"  {kb:5.1f} KB per patient  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
