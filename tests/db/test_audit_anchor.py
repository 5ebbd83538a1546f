"""The anchor beside the file: written after every commit, atomically and private; it only
moves forward along the same chain, and a new file replaces a stale one."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from cryolog.db.audit_anchor import AnchorUnreadable, anchor_path, clear_stale_temps, read_anchor
from cryolog.db.audit_chain import ChainHead
from cryolog.db.database import Database, open_database
from cryolog.services import Services
from tests.services.conftest import other_patient, patient_data

pytestmark = pytest.mark.sqlite_only  # the anchor file beside a database file


def _head(db: Database) -> ChainHead | None:
    assert db.path is not None
    found = read_anchor(db.path)
    return None if found is None else found.head


def test_a_new_file_is_anchored_at_its_genesis(db: Database) -> None:
    head = _head(db)
    assert head is not None and head.entry_id == 1
    assert db.path is not None
    assert stat.S_IMODE(anchor_path(db.path).stat().st_mode) == 0o600


def test_every_commit_moves_the_anchor_to_the_head(db: Database) -> None:
    services = Services.open(db, "dr.test")
    services.patients.register(patient_data())
    assert _head(db) == ChainHead(2, _entry_hash(db, 2))
    with services.unit() as unit:
        unit.patients.register(other_patient("Dupont"))
        unit.patients.register(other_patient("Martin"))
    head = _head(db)
    assert head is not None and head.entry_id == 4


def _entry_hash(db: Database, entry_id: int) -> bytes:
    rows = db.rows("SELECT entry_hash FROM audit_log WHERE id = :i", {"i": entry_id})
    return bytes(rows[0][0])


def test_a_failed_unit_of_work_leaves_the_anchor(db: Database) -> None:
    services = Services.open(db, "dr.test")
    before = _head(db)
    try:
        with services.unit() as unit:
            unit.patients.register(patient_data())
            raise RuntimeError("the practitioner's machine lost power, say")
    except RuntimeError:
        pass
    assert _head(db) == before


@pytest.mark.tampered
def test_an_anchor_that_no_longer_matches_is_kept_as_evidence(db: Database) -> None:
    assert db.path is not None
    forged = {"format": 1, "entry_id": 1, "entry_hash": "00" * 32}
    anchor_path(db.path).write_text(json.dumps(forged))
    Services.open(db, "dr.test").patients.register(patient_data())
    assert json.loads(anchor_path(db.path).read_text()) == forged


def test_a_new_file_replaces_a_stale_anchor(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    anchor_path(path).write_text(json.dumps({"format": 1, "entry_id": 99, "entry_hash": "00" * 32}))
    db = open_database(path)
    try:
        head = _head(db)
        assert head is not None and head.entry_id == 1
    finally:
        db.dispose()


def test_temporaries_of_a_killed_writer_are_cleared(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    old = tmp_path / f".{path.name}.anchor.abc.tmp"
    young = tmp_path / f".{path.name}.anchor.def.tmp"
    for temp in (old, young):
        temp.write_text("{}")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    clear_stale_temps(path)
    assert not old.exists() and young.exists()  # another writer may still be using it


@pytest.mark.tampered
@pytest.mark.parametrize(("digits", "readable"), [(32, True), (64, True), (16, False), (48, False)])
def test_an_anchor_names_a_hash_of_16_or_32_bytes(
    tmp_path: Path, digits: int, readable: bool
) -> None:
    path = tmp_path / "practice.db"
    anchor_path(path).write_text(
        json.dumps({"format": 1, "entry_id": 5, "entry_hash": "ab" * (digits // 2)})
    )
    if readable:
        found = read_anchor(path)
        assert found is not None and found.head == ChainHead(5, bytes([0xAB]) * (digits // 2))
    else:
        with pytest.raises(AnchorUnreadable):
            read_anchor(path)
