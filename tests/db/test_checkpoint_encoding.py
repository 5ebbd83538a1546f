"""The checkpoint an upgrade chains is the same content, whichever way it is computed: the
upgrade reads through the driver's own connection and hashes the legacy audit rows of each
patient once (the steps after the first reuse the stored hash); the reference below is the
plain algorithm — every row read through SQLAlchemy, every legacy row hashed again."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from cryolog.db import audit_checkpoint as cp
from cryolog.db.audit_chain import HASH_BYTES, runner, state_hash
from cryolog.db.audit_rows import iter_states
from cryolog.db.audit_state import reflected_specs
from cryolog.db.database import open_database
from cryolog.db.engine import make_engine
from cryolog.services.verify import verify_file

pytestmark = pytest.mark.sqlite_only  # an old file upgraded

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rev0001.sqlite"


@pytest.fixture
def upgraded(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "practice.db"
    shutil.copy(FIXTURE, path)
    open_database(path).dispose()
    yield path


def _reference(conn: Any) -> dict[str, Any]:
    """The checkpoint's content by the plain algorithm."""
    sql = runner(conn)
    salts = cp.load_salts(sql)
    buckets = cp.Buckets(HASH_BYTES)
    specs = reflected_specs(conn)
    for entity in sorted(specs):
        for key, patient, state in iter_states(sql, specs[entity]):
            salt = b"" if patient is None else salts.get(patient) or b""
            buckets.add(entity, key, state_hash(salt, state))
    stored = {int(p): bytes(d) for p, d in sql(cp.STORED_LEGACY_SQL)}
    for pid, digest in cp.legacy_hashes(sql, salts):
        recorded = stored.get(pid)
        buckets.add(cp.LEGACY_ENTITY, pid, recorded if recorded is not None else digest)
    return cp.checkpoint_content(buckets.finish())


def _stored_checkpoint(path: Path) -> dict[str, Any]:
    with closing(sqlite3.connect(path)) as conn:
        (content,) = conn.execute(
            "SELECT c.content FROM audit_content c JOIN audit_log a ON a.id = c.entry_id"
            " WHERE a.action = 'checkpoint' ORDER BY a.id DESC LIMIT 1"
        ).fetchone()
    loaded: dict[str, Any] = json.loads(content)
    return loaded


def test_the_upgrade_checkpoint_equals_the_plain_algorithm(upgraded: Path) -> None:
    engine = make_engine(f"sqlite:///{upgraded}")
    try:
        with engine.connect() as conn:
            reference = _reference(conn)
            through_driver = cp.compute_checkpoint(cp.scan_runner(conn), reflected_specs(conn))
    finally:
        engine.dispose()
    stored = _stored_checkpoint(upgraded)
    assert stored == reference == through_driver
    legacy = reference["entities"][cp.LEGACY_ENTITY]
    assert legacy["rows"] >= 2  # patients with rows from before the chain were hashed
    assert verify_file(upgraded).exit_status == 0


def test_stored_legacy_hashes_are_not_hashed_again(upgraded: Path) -> None:
    with closing(sqlite3.connect(upgraded)) as conn:
        sql = runner(conn)
        salts = cp.load_salts(sql)
        stored = {int(p) for p, _ in sql(cp.STORED_LEGACY_SQL)}
        everyone = dict(cp.legacy_hashes(sql, salts))
        unstored = dict(cp.legacy_hashes(sql, salts, unstored=True))
    assert stored and stored <= set(everyone)
    assert set(unstored) == set(everyone) - stored
    assert all(everyone[p] == unstored[p] for p in unstored)


@pytest.mark.tampered
def test_a_changed_legacy_row_changes_the_reference_not_the_stored_hash(upgraded: Path) -> None:
    """The stored hash is what a checkpoint holds, as before: a legacy row rewritten
    behind cryolog's back after the upgrade shows at verification, not in a new checkpoint."""
    with closing(sqlite3.connect(upgraded)) as conn:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute(
            "UPDATE audit_log SET actor = 'someone else'"
            " WHERE entry_hash IS NULL AND patient_id IS NOT NULL"
        )
        conn.commit()
    engine = make_engine(f"sqlite:///{upgraded}")
    try:
        with engine.connect() as conn:
            now = cp.compute_checkpoint(cp.scan_runner(conn), reflected_specs(conn))
            assert now == _reference(conn) == _stored_checkpoint(upgraded)
    finally:
        engine.dispose()
    assert any("changed" in b.line() for b in verify_file(upgraded).breaks)
