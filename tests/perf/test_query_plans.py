"""The reads the practitioner waits on run on indexes, and their first page needs no
temporary B-tree (EXPLAIN QUERY PLAN on a file made by the real migrations)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from cryolog.db.database import Database
from cryolog.domain.query import parse_query
from cryolog.domain.text import PREFIX_LEN
from cryolog.services import safety
from cryolog.services.search import PageKey, SearchService, _conditions


def _plan(db: Database, sql: str, params: dict[str, Any]) -> str:
    rows = db.rows(f"EXPLAIN QUERY PLAN {sql}", params)
    return " | ".join(str(row[-1]) for row in rows)


def _page_sql(db: Database, words: str, *, walk: bool, after: PageKey | None) -> str:
    """The SQL of one page of keys, captured from the service itself."""
    seen: list[tuple[str, dict[str, Any]]] = []
    real = db.rows

    def capture(sql: str, params: Any) -> Any:
        if sql.startswith(("SELECT id, search_name", "SELECT p.id, p.family_name")):
            seen.append((sql, dict(params)))
        return real(sql, params)

    search = SearchService(db)
    search._dense = lambda _query: walk  # type: ignore[method-assign]
    db.rows = capture  # type: ignore[method-assign]
    try:
        search.search_page(words, after=after)
    finally:
        db.rows = real  # type: ignore[method-assign]
    ((sql, params),) = seen
    return _plan(db, sql, params)


@pytest.mark.parametrize("after", [None, PageKey("mart", 40, 200)], ids=["first", "keyed"])
def test_a_list_page_walks_the_name_index_alone(db: Database, after: PageKey) -> None:
    plan = _page_sql(db, "", walk=False, after=after)
    assert "USING COVERING INDEX ix_patient_search_name" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
    if after is not None:  # a later page starts where the last one ended: one index range,
        # not a walk of the index from its start (which costs the page's offset)
        assert "SEARCH patient USING COVERING INDEX ix_patient_search_name (" in plan, plan
        assert "SCAN" not in plan, plan


@pytest.mark.parametrize("after", [None, PageKey("mart", 40, 200)], ids=["first", "keyed"])
def test_one_word_reads_its_page_in_order_from_the_prefix_key(db: Database, after: PageKey) -> None:
    plan = _page_sql(db, "m", walk=False, after=after)
    assert "SEARCH x USING PRIMARY KEY (prefix=?" in plan, plan  # x: patient_name_prefix
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan
    if after is not None:  # the page's start is part of the key range, not a filter
        assert "(prefix=? AND (search_name,patient_id)>(?,?))" in plan, plan


@pytest.mark.parametrize("after", [None, PageKey("mart", 40, 200)], ids=["first", "keyed"])
def test_several_words_walk_the_rarest_ones_prefix_key_and_probe_the_others(
    db: Database, after: PageKey
) -> None:
    plan = _page_sql(db, "m a s", walk=False, after=after)
    assert plan.startswith("SEARCH x USING PRIMARY KEY (prefix=?"), plan
    assert plan.count("USING PRIMARY KEY (prefix=? AND search_name=? AND patient_id=?)") == 2
    assert "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan


LONG_A, LONG_B = "a" * (PREFIX_LEN + 1), "b" * (PREFIX_LEN + 1)  # past the stored prefixes


@pytest.mark.parametrize("after", [None, PageKey("mart", 40, 200)], ids=["first", "keyed"])
def test_dense_long_words_walk_the_name_index_and_probe_the_token_key(
    db: Database, after: PageKey
) -> None:
    plan = _page_sql(db, f"{LONG_A} {LONG_B}", walk=True, after=after)
    assert "ix_patient_search_name" in plan and "patient_name_token" in plan, plan
    assert "(patient_id=? AND token>? AND token<?)" in plan, plan
    assert "TEMP B-TREE" not in plan and "SCAN t" not in plan, plan


def test_a_rare_word_reads_its_matches_from_the_token_index(db: Database) -> None:
    plan = _page_sql(db, f"{LONG_A} anna", walk=False, after=None)
    assert "USING COVERING INDEX ix_patient_name_token_token (token>? AND token<?)" in plan
    assert "SCAN patient" not in plan, plan  # the sort is of the (few) matches only


def test_the_density_count_is_capped_on_the_token_index(db: Database) -> None:
    conditions, _ = _conditions(parse_query("m"), False, walk=True)
    assert any("EXISTS" in c for c in conditions)
    plan = _plan(
        db,
        "SELECT count(*) FROM (SELECT 1 FROM patient_name_token"
        " WHERE token >= :w AND token < :w_end LIMIT :cap) AS capped",
        {"w": "m", "w_end": "m\U0010ffff", "cap": 10},
    )
    assert "COVERING INDEX ix_patient_name_token_token" in plan, plan


def _compiled(db: Database, statement: Any) -> str:
    with db.read() as session:
        compiled = statement.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        rows = session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    return " | ".join(str(row[-1]) for row in rows)


def test_the_safety_case_reads_the_course_and_the_day_on_indexes(db: Database) -> None:
    course = _compiled(db, safety.course_sessions_query(7, 3))
    assert "ix_treatment_session_course_day (course_id=?)" in course, course
    assert "TEMP B-TREE" not in course and "SCAN" not in course, course
    day = _compiled(db, safety.same_day_query(5, 7, date(2026, 12, 1), 3))
    assert "ix_treatment_session_patient_day (patient_id=? AND session_date=?)" in day, day
    assert "TEMP B-TREE" not in day and "SCAN" not in day, day


def test_the_safety_case_selects_only_the_columns_the_rules_read() -> None:
    sql = str(safety.course_sessions_query(7, None).compile(dialect=sqlite.dialect()))
    selected = sql.split("FROM")[0]
    for column in ("started_at", "modality", "actual_exposure_s", "duration_s", "nrs_pre"):
        assert column in selected
    for column in ("notes", "device", "bp_pre_sys", "abort_reason", "signed_at"):
        assert column not in selected


def test_the_plain_reader_keeps_more_pages_than_sqlites_default(db: Database) -> None:
    # the search's reads (Database.rows) on a file: 16 MiB of page cache, not 2 MiB
    assert [tuple(r) for r in db.rows("PRAGMA cache_size", {})] == [(-16384,)]
