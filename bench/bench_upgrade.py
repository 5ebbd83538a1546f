"""Upgrading an existing database file to the current schema, timed (not a test).

    python bench/bench_upgrade.py OLD.db [--keep UPGRADED.db]

A copy of OLD.db is opened as the window and the commands open a file: the pre-migration
backup first, then every revision up to the head. Prints the revision it started from,
the patients, the time of the copy (not counted), of the upgrade, and the sizes before and
after. ``--keep`` keeps the upgraded copy (for the scale bench's ``--use``); otherwise it
and its backup are removed.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path


def facts(path: Path) -> tuple[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        (patients,) = conn.execute("SELECT count(*) FROM patient").fetchone()
    return str(revision), int(patients)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("old", type=Path)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args(argv)
    from cryolog.db.database import open_database
    from cryolog.db.revisions import HEAD_REVISION

    revision, patients = facts(args.old)
    with tempfile.TemporaryDirectory(prefix="cryolog-bench-upgrade-") as tmp:
        copy = args.keep or Path(tmp) / "upgrade.db"
        started = time.perf_counter()
        shutil.copyfile(args.old, copy)
        copied = time.perf_counter() - started
        before = copy.stat().st_size
        started = time.perf_counter()
        db = open_database(copy, verify=False)
        took = time.perf_counter() - started
        report = db.migration
        db.dispose()
        after = copy.stat().st_size
        backup = report.backup if report is not None else None
        print(
            f"upgrade of {patients:,} patients from revision {revision} to {HEAD_REVISION}:"
            f" {took:.1f} s (pre-migration backup included; the copy took {copied:.1f} s)"
        )
        print(
            f"file {before / 2**20:.0f} MB before, {after / 2**20:.0f} MB after"
            f" ({after / patients / 1024:.1f} KB per patient); backup {backup}"
        )
        if backup is not None and args.keep is not None:
            Path(backup).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
