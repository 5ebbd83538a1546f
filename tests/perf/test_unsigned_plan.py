"""The index on the sessions' state holds only the sessions not signed yet (revision 0021),
and Today's reads of those sessions still search it (EXPLAIN QUERY PLAN on the statements
the service runs, on a file made by the real migrations)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event

from cryolog.db.database import Database
from cryolog.services import Services
from cryolog.services.today import TodayService

pytestmark = pytest.mark.sqlite_only  # SQLite's query plans


def _session_reads(db: Database, action: Callable[[], Any]) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        if "FROM treatment_session" in sql:
            seen.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_the_state_index_leaves_the_signed_sessions_out(db: Database) -> None:
    ((sql,),) = db.rows(
        "SELECT sql FROM sqlite_master WHERE name = 'ix_treatment_session_state'", {}
    )
    assert str(sql).rstrip().endswith("WHERE state <> 'signed'"), sql


@pytest.mark.parametrize("read", [TodayService.to_complete, TodayService.unfinished])
def test_the_sessions_not_signed_are_read_on_the_state_index(
    db: Database, read: Callable[[TodayService], Any]
) -> None:
    today = Services.open(db, actor="dr.test").today
    statements = _session_reads(db, lambda: read(today))
    assert len(statements) == 1
    sql, params = statements[0]
    raw = db.engine.raw_connection()
    try:
        rows = raw.cursor().execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    finally:
        raw.close()
    plan = " | ".join(str(row[-1]) for row in rows)
    assert "USING INDEX ix_treatment_session_state" in plan, plan
    assert "SCAN treatment_session" not in plan, plan
