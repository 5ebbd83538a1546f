"""Kill a writer with SIGKILL at random moments, then check what the file kept.

After each kill: the file opens as cryolog opens it, SQLite's integrity check is ok, foreign
keys hold, every acknowledged write is there with exactly the values written (or a later
write of the same record, with a higher version, superseded it), and ``verify`` finds the
chain, every record, every document and the anchor intact — so nothing was half-written.

Writers are forked from a server process that has imported cryolog already, so a kill can
land anywhere in a write, not only during start-up.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from cryolog.db.audit_anchor import read_anchor
from cryolog.db.database import open_database
from cryolog.db.restore_intent import intent_path
from cryolog.services.verify import verify_file
from tests.crash import writer
from tests.instants import table_as_instants

KILLS_ENV = "CRYOLOG_CRASH_KILLS"
WRITERS = multiprocessing.get_context("forkserver")
WRITERS.set_forkserver_preload(["tests.crash.writer"])


def kills(default: int) -> int:
    """How many kills to do: ``CRYOLOG_CRASH_KILLS`` (``make soak``), else ``default``."""
    return int(os.environ.get(KILLS_ENV, default))


@dataclass
class Outcome:
    kills: int = 0
    acks: int = 0
    expected: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)


def kill_after(
    target: Callable[..., None], args: tuple[Any, ...], delay: float
) -> tuple[bool, list[Any]]:
    """Start ``target`` in a fresh writer, SIGKILL it after ``delay`` s: whether it was
    still running when killed, and its acks."""
    receiving, sending = WRITERS.Pipe(duplex=False)
    process = WRITERS.Process(target=target, args=(*args, sending), daemon=True)
    process.start()
    sending.close()
    process.join(delay)
    if process.exitcode is None:
        process.kill()  # SIGKILL; it may have finished just before
        process.join()
    killed = process.exitcode == -signal.SIGKILL
    assert killed or process.exitcode == 0, f"the writer failed (status {process.exitcode})"
    return killed, _drain(receiving)


def run_once(target: Callable[..., None], args: tuple[Any, ...]) -> float:
    """How long ``target`` takes in a writer when nobody kills it (seconds)."""
    start = time.monotonic()
    killed, _ = kill_after(target, args, 60.0)
    assert not killed
    return time.monotonic() - start


def _drain(link: Connection) -> list[Any]:
    found: list[Any] = []
    try:
        while link.poll():
            found.append(link.recv())
    except (EOFError, OSError):
        pass  # the writer's end closed: everything it sent has been read
    finally:
        link.close()
    return found


def _run_writer(path: str, seed: int, acks: Connection) -> None:
    writer.run(path, acks, seed)


def kill_writers(path: Path, count: int, seed: int) -> Outcome:
    rng = random.Random(seed)
    outcome = Outcome()
    for round_ in range(count):
        killed, acks = kill_after(
            _run_writer, (str(path), seed * 100_000 + round_), rng.uniform(0.05, 0.7)
        )
        assert killed, "a writer stopped writing before it was killed"
        outcome.kills += 1
        outcome.acks += len(acks)
        for kind, record_id, values in acks:
            outcome.expected[(kind, record_id)] = values
        check_file(path, outcome.expected)
    return outcome


def check_file(path: Path, expected: dict[tuple[str, int], dict[str, Any]]) -> None:
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for (kind, record_id), values in expected.items():
            _check_ack(conn, kind, record_id, values)
    open_database(path).dispose()  # the file opens as cryolog opens it (with its quick check)
    report = verify_file(path)
    assert report.breaks == [], [b.line() for b in report.breaks]
    assert report.exit_status == 0


_QUERIES = {
    "patient": "SELECT notes, version FROM patient WHERE id = ?",
    "session": "SELECT duration_s, version FROM treatment_session WHERE id = ?",
    "document": "SELECT sha256 FROM document WHERE id = ?",
}


def _check_ack(conn: sqlite3.Connection, kind: str, record_id: int, values: dict[str, Any]) -> None:
    row = conn.execute(_QUERIES[kind], (record_id,)).fetchone()
    assert row is not None, f"acknowledged {kind} {record_id} is missing"
    if kind == "document":
        assert row[0] == values["sha256"]
        return
    value, version = row
    assert version >= values["version"], f"{kind} {record_id} went back to an older version"
    if version == values["version"]:
        field_name = "notes" if kind == "patient" else "duration_s"
        assert value == values[field_name], f"{kind} {record_id}: {value!r} was not acknowledged"


def _run_migration(path: str, _acks: Connection) -> None:
    writer.migrate(path)


def kill_migrations(fixture: Path, folder: Path, count: int, seed: int) -> int:
    """Kill the upgrade of a copy of ``fixture`` at random moments within the time one
    takes; after each, the file opens (the upgrade completes), keeps every row and
    verifies. Returns the kills done (an upgrade that finished first is not one)."""
    rng = random.Random(seed)
    tables = ("patient", "screening", "course", "treatment_session", "session_area", "assessment")
    with closing(sqlite3.connect(fixture)) as conn:
        before = {t: table_as_instants(conn, t) for t in tables}
    timing = folder / "timing.db"
    timing.write_bytes(fixture.read_bytes())
    duration = run_once(_run_migration, (str(timing),))
    done = attempts = 0
    window = duration
    while done < count and attempts < count * 4:
        attempts += 1
        path = folder / f"upgrade-{attempts}.db"
        path.write_bytes(fixture.read_bytes())
        killed, _ = kill_after(_run_migration, (str(path),), rng.uniform(0.0, window))
        done += killed
        if not killed:  # this upgrade ran faster than the timed one (a busier moment): aim earlier
            window *= 0.8
        open_database(path).dispose()
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            for table, rows in before.items():
                now = table_as_instants(conn, table)
                assert [r[: len(rows[0])] for r in now] == rows, table
        report = verify_file(path)
        assert report.breaks == [], [b.line() for b in report.breaks]
        # Killed after the upgrade committed but before its anchor was written, the file
        # has no anchor yet (its next write makes one): only then is the tail unchecked.
        assert report.exit_status == 0 or (report.exit_status == 3 and read_anchor(path) is None)
    return done


def _run_backup(path: str, acks: Connection) -> None:
    writer.backup(path, acks)


def _run_restore(path: str, source: str, acks: Connection) -> None:
    writer.restore(path, source, acks)


def _run_restore_killed_at(path: str, source: str, step: str, acks: Connection) -> None:
    writer.restore(path, source, acks, kill_at=step)


def kill_restore_at(path: Path, source: Path, step: str) -> bool:
    """Restore ``source`` in place of ``path`` in a writer that SIGKILLs itself once the
    restore's step ``step`` is done; whether it was killed (False: it finished)."""
    killed, _ = kill_after(_run_restore_killed_at, (str(path), str(source), step), 60.0)
    return killed


def check_backups(path: Path) -> int:
    """Every file under a backup's name beside ``path`` is a backup that checks; how many."""
    from cryolog.db.backends import SqliteFileBackend
    from cryolog.db.backup import all_folders, check_backup, clean_up, list_backups
    from cryolog.db.manifest import MANIFEST_SUFFIX

    backend = SqliteFileBackend(path)
    folders = all_folders(path)
    listed = list_backups(folders, path.name)
    for backup in listed:
        check_backup(backend, backup)
    named = {
        p
        for folder in folders
        if folder.is_dir()
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(MANIFEST_SUFFIX)
    }
    assert named == {b.path for b in listed}, "a file under a backup's name is no backup"
    for folder in folders:
        clean_up(folder)  # what the next start does with an interrupted one's temporaries
    return len(listed)


def oldest_backup(path: Path) -> Path | None:
    """The oldest backup of ``path`` that the backups' own listing finds."""
    from cryolog.db.backup import all_folders, list_backups

    listed = list_backups(all_folders(path), path.name)
    return listed[-1].path if listed else None


def newest_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` that the backups' own listing finds (after a restore
    of an older one, a chain that the file no longer holds: entries of the same ids were
    written again since)."""
    from cryolog.db.backup import all_folders, list_backups

    listed = list_backups(all_folders(path), path.name)
    return listed[0].path if listed else None


def kill_backups_and_restores(path: Path, count: int, seed: int) -> int:
    """Kill ``cryolog``'s backup and its restore at random moments within the time each
    takes, alternately, with a change between (the restores put back the oldest backup and
    the newest one in turn); after each kill the backups check, the file opens, keeps what
    it must and verifies. Returns the kills done."""
    from cryolog.services import Services

    rng = random.Random(seed)
    base = Path(kill_after(_run_backup, (str(path),), 60.0)[1][0][2]["path"])
    backup_s = run_once(_run_backup, (str(path),))
    restore_s = run_once(_run_restore, (str(path), str(base)))
    done = attempts = 0
    while done < count and attempts < count * 3:
        attempts += 1
        db = open_database(path)
        Services.open(db, "crash").patients.register(
            {"family_name": f"Between-{attempts}", "birth_date": date_of(attempts)},
            allow_duplicate=True,
        )
        db.dispose()
        if attempts % 2:
            killed, _ = kill_after(_run_backup, (str(path),), rng.uniform(0.0, backup_s))
        else:  # the first backup (or the oldest kept) and the newest one, in turn
            oldest = base if base.is_file() else oldest_backup(path) or base
            source = str(oldest if attempts % 4 else newest_backup(path) or oldest)
            killed, _ = kill_after(_run_restore, (str(path), source), rng.uniform(0.0, restore_s))
        done += killed
        assert check_backups(path) >= 1
        check_file(path, {})
        assert not intent_path(path).exists(), "the open left a cut-off restore unsettled"
    return done


def date_of(n: int) -> Any:
    from datetime import date

    return date(1950 + n % 50, 1 + n % 12, 1 + n % 28)
