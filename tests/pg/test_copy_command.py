"""``cryolog copy``: file → server → file, every row and the audit chain identical."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from cryolog.db.models import Base
from cryolog.services.verify import verify_file
from cryolog.services.verify_server import verify_server
from tests.pg.fixtures import ServerDatabase


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cryolog", *argv], capture_output=True, text=True, timeout=300
    )


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        return {
            t.name: conn.execute(f"SELECT * FROM {t.name} ORDER BY 1, 2").fetchall()
            for t in Base.metadata.sorted_tables
            if len(t.columns) > 1
        }


def _copy_entries(path: Path) -> list[tuple[str, str, str | None]]:
    """The copies recorded in a file's audit trail: actor, entity and content."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT a.actor, a.entity, c.content FROM audit_log a"
            " JOIN audit_content c ON c.entry_id = a.id WHERE a.action = 'copy' ORDER BY a.id"
        ).fetchall()


def test_a_round_trip_through_the_server_gives_every_row_and_the_chain_back(
    tmp_path: Path, pg_empty: ServerDatabase
) -> None:
    original = tmp_path / "clinic.db"
    demo = _cli("demo", "--db", str(original), "--patients", "6")
    assert demo.returncode == 0, demo.stderr
    before = original.read_bytes()
    head = verify_file(original).head
    assert head is not None
    secret_url = pg_empty.url.replace("cryolog@", "cryolog:Pw-77@")  # trust: any password
    up = _cli("copy", "--from", str(original), "--to", secret_url)
    assert up.returncode == 0, up.stderr
    assert "match the source" in up.stdout and "recorded in its audit trail" in up.stdout
    assert original.read_bytes() == before  # the source is only read
    assert verify_server(pg_empty.url).breaks == []
    back = tmp_path / "snapshot" / "clinic-copy.db"
    down = _cli("copy", "--from", pg_empty.url, "--to", str(back))
    assert down.returncode == 0, down.stderr
    copied, source = _rows(back), _rows(original)
    # every row of the original, and after its chain head only the two copies' own entries
    for table in ("audit_log", "audit_content"):
        key = 0
        extra = [r for r in copied.pop(table) if int(r[key]) > head.entry_id]
        kept = [r for r in _rows(back)[table] if int(r[key]) <= head.entry_id]
        assert kept == source.pop(table)
        assert len(extra) == 2
    assert copied == source
    again = verify_file(back)
    assert again.breaks == [] and again.exit_status == 0  # its anchor names the head
    assert again.head is not None and again.head.entry_id == head.entry_id + 2
    entries = _copy_entries(back)
    assert [(actor, entity) for actor, entity, _ in entries] == [
        ("cryolog", "database_copy"),  # either way: the role signed in on the server
        ("cryolog", "database_copy"),
    ]
    first, second = (json.loads(content)["after"] for _, _, content in entries)
    assert first["from"] == str(original) and first["rows"] > 0
    assert "Pw-77" not in entries[0][2] and "Pw-77" not in up.stdout + up.stderr
    assert first["to"].startswith("postgresql://cryolog") and second["to"] == str(back)
    assert second["copied_head"] == head.entry_id + 1


def test_copy_refuses_without_a_trace_and_keeps_nothing(
    tmp_path: Path, pg_database: ServerDatabase
) -> None:
    original = tmp_path / "clinic.db"
    assert _cli("demo", "--db", str(original), "--patients", "2").returncode == 0
    into_used = _cli("copy", "--from", str(original), "--to", pg_database.url)
    assert into_used.returncode == 1 and "already holds a database" in into_used.stderr
    over_a_file = _cli("copy", "--from", pg_database.url, "--to", str(original))
    assert over_a_file.returncode == 1 and "exists already" in over_a_file.stderr
    unreachable = _cli(
        "copy", "--from", str(original), "--to", "postgresql://u:Pw-77@127.0.0.1:1/x"
    )
    assert unreachable.returncode == 1 and "cannot be reached" in unreachable.stderr
    for done in (into_used, over_a_file, unreachable):
        assert "Traceback" not in done.stderr and "Pw-77" not in done.stderr
    missing = _cli("copy", "--from", str(tmp_path / "none.db"), "--to", pg_database.url)
    assert missing.returncode == 1 and "does not exist" in missing.stderr
