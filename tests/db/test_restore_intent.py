"""The note of a restore: private, read back as written, and settled at the next open by the
file's own chain head (completed, or the anchor put back byte for byte)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.audit_anchor import anchor_path, read_anchor
from cryolog.db.backends import SqliteFileBackend
from cryolog.db.backup import backup_folder, make_backup
from cryolog.db.chain_head import ChainHead
from cryolog.db.database import Database, open_database
from cryolog.db.restore_intent import (
    RestoreIntent,
    finish_interrupted_restore,
    intent_path,
    read_intent,
    write_intent,
)
from cryolog.services import Services
from cryolog.services.verify import verify_file

pytestmark = pytest.mark.sqlite_only  # notes and anchors beside a database file


def _register(db: Database, name: str) -> None:
    Services.open(db, "note").patients.register(
        {"family_name": name, "birth_date": date(1980, 1, 1)}
    )


def test_the_note_is_private_and_reads_back_as_written(tmp_path: Path) -> None:
    database = tmp_path / "x.db"
    intent = RestoreIntent("/backups/x.db.b", ChainHead(7, "ab" * 32), b'{"format": 1}')
    write_intent(database, intent)
    assert read_intent(database) == intent
    if sys.platform != "win32":
        assert (intent_path(database).stat().st_mode & 0o777) == 0o600
    write_intent(database, RestoreIntent("b", None, None))
    assert read_intent(database) == RestoreIntent("b", None, None)
    assert [p.name for p in tmp_path.iterdir()] == ["x.db.restoring"]


def test_an_anchor_moved_before_a_swap_that_never_came_is_put_back_at_the_next_open(
    db: Database,
) -> None:
    """The file is still the old one: the anchor goes back to its exact bytes, not to the
    backup's head (which this file holds with other content after more writes)."""
    assert db.path is not None
    path = db.path
    _register(db, "Kept")
    backup = make_backup(db.storage, backup_folder(path))
    head = backup.manifest.facts.head
    assert head is not None
    _register(db, "Later")
    db.dispose()
    before = anchor_path(path).read_bytes()
    # another chain's entry of the same id: what an anchor moved ahead of the swap would name
    other = ChainHead(head.id + 1, "cd" * 32)
    write_intent(path, RestoreIntent(str(backup.path), other, before))
    anchor_path(path).write_text(
        f'{{"format": 1, "entry_id": {other.id}, "entry_hash": "{"cd" * 32}"}}'
    )
    assert verify_file(path).exit_status == 1  # the pair disagrees until it is settled
    open_database(path).dispose()
    assert anchor_path(path).read_bytes() == before
    assert not intent_path(path).exists()
    assert verify_file(path).exit_status == 0


def test_a_file_holding_the_noted_head_gets_its_anchor_and_an_unreadable_note_is_left(
    db: Database,
) -> None:
    assert db.path is not None
    path = db.path
    _register(db, "Restored")
    db.dispose()
    found = read_anchor(path)
    assert found is not None
    head = ChainHead(found.head.entry_id, found.head.entry_hash.hex())
    anchor_path(path).unlink()
    write_intent(path, RestoreIntent("b", head, None))
    assert finish_interrupted_restore(SqliteFileBackend(path)) == "completed"
    reread = read_anchor(path)
    assert reread is not None and reread.head == found.head
    intent_path(path).write_text("not a note")
    assert finish_interrupted_restore(SqliteFileBackend(path)) is None
    assert intent_path(path).read_text() == "not a note"  # evidence left as found
    assert read_anchor(path) == reread
    intent_path(path).unlink()
