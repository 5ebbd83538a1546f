"""The patient search on a server: its reads bypass the engine (one statement each, on an
autocommit connection of their own), survive a connection the server dropped, and report
a server that is gone in plain words; bench/pg_fill.py gives the server a file's rows."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from cryolog.db.backends.postgres_reader import ServerReader, driver_sql
from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseProblem
from cryolog.services import Services
from cryolog.services.verify_server import verify_server
from tests.pg.fixtures import ServerDatabase
from tests.services.conftest import other_patient

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(pg_database: ServerDatabase) -> Iterator[Database]:
    db = open_database(pg_database.url)
    yield db
    db.dispose()


def _backend_pids(db: Database) -> set[int]:
    rows = db.rows(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        " AND application_name = 'cryolog'",
        {},
    )
    return {int(r[0]) for r in rows}


def test_driver_sql_turns_names_into_driver_parameters_and_leaves_casts() -> None:
    assert driver_sql("SELECT :a, x::text FROM t WHERE y LIKE '5%' AND z = :b_2") == (
        "SELECT %(a)s, x::text FROM t WHERE y LIKE '5%%' AND z = %(b_2)s"
    )


def test_search_reads_check_out_no_engine_connection(server: Database) -> None:
    services = Services.open(server, actor="dr.test")
    ids = [services.patients.register(other_patient(f"Ivanova{n}")).id for n in range(3)]
    checkouts: list[Any] = []
    event.listen(server.engine, "checkout", lambda *args: checkouts.append(args))
    assert isinstance(server._plain, ServerReader)
    found = services.search.search_page("ivanova").rows
    several = services.search.search_page("ivanova0 мар").rows  # two words: EXISTS
    assert [r.id for r in found] == ids and [r.id for r in several] == ids[:1]
    assert checkouts == []  # the engine's pool (ping, BEGIN, ROLLBACK) was not touched


def test_a_connection_the_server_dropped_is_replaced_and_the_search_answers(
    server: Database, pg_database: ServerDatabase
) -> None:
    services = Services.open(server, actor="dr.test")
    row = services.patients.register(other_patient("Quintana"))
    assert [r.id for r in services.search.search("quin")] == [row.id]
    reader = server._plain
    assert isinstance(reader, ServerReader)
    before = reader._connection()
    pid = before.info.backend_pid
    killer = open_database(pg_database.url)
    try:
        killer.rows("SELECT pg_terminate_backend(:pid)", {"pid": pid})
    finally:
        killer.dispose()
    assert [r.id for r in services.search.search("quin")] == [row.id]
    assert reader._connection() is not before and before.closed
    assert pid not in _backend_pids(server)


def test_a_server_gone_is_a_plain_problem_not_a_driver_error(
    server: Database, pg_database: ServerDatabase
) -> None:
    services = Services.open(server, actor="dr.test")
    services.patients.register(other_patient("Quintana"))
    assert services.search.search("quin")
    pg_database.cluster.sql(f"DROP DATABASE {pg_database.name} WITH (FORCE)")
    with pytest.raises(DatabaseProblem) as raised:
        services.search.search_page("quin")
    assert "Traceback" not in str(raised.value) and str(raised.value)


def test_pg_fill_gives_the_server_every_row_and_the_same_chain(
    tmp_path: Path, pg_empty: ServerDatabase
) -> None:
    original = tmp_path / "clinic.db"
    demo = subprocess.run(
        [sys.executable, "-m", "cryolog", "demo", "--db", str(original), "--patients", "8"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    before = original.read_bytes()
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "pg_fill.py"), str(original), pg_empty.url],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "filled" in done.stdout
    assert original.read_bytes() == before  # the file is only read
    report = verify_server(pg_empty.url)
    assert report.breaks == []
    file_db, server_db = open_database(original), open_database(pg_empty.url)
    try:
        for table in ("patient", "treatment_session", "audit_log", "patient_name_prefix"):
            counted = [db.rows(f"SELECT count(*) FROM {table}", {}) for db in (file_db, server_db)]
            assert int(counted[0][0][0]) == int(counted[1][0][0]) > 0, table
        heads = [
            db.rows("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1", {})
            for db in (file_db, server_db)
        ]
        assert list(heads[0][0]) == list(heads[1][0])
        searches = [Services.open(db, actor="dr.test").search for db in (file_db, server_db)]
        for text in ("a", "m", "o'b", "ив", "s a"):
            on_file, on_server = (s.search_page(text).rows for s in searches)
            assert on_file == on_server, text
        # the sequences are past the copied ids: a new patient gets the next id
        new = Services.open(server_db, actor="dr.test").patients.register(
            other_patient("Zyxwright")
        )
        assert new.id == int(file_db.rows("SELECT max(id) FROM patient", {})[0][0]) + 1
    finally:
        file_db.dispose()
        server_db.dispose()


def _capture_page_sql(db: Database, text: str) -> tuple[str, dict[str, Any]]:
    seen: list[tuple[str, dict[str, Any]]] = []
    real = db.rows

    def capture(sql: str, params: Any) -> Any:
        if sql.startswith("SELECT p.id"):
            seen.append((sql, dict(params)))
        return real(sql, params)

    db.rows = capture  # type: ignore[method-assign]
    try:
        Services.open(db, actor="dr.test").search.search_page(text)
    finally:
        db.rows = real  # type: ignore[method-assign]
    ((sql, params),) = seen
    return sql, params


@pytest.mark.tampered  # 20,000 patients and their prefixes written behind the services
def test_search_pages_read_the_prefix_key_in_order_on_the_server(
    pg_database: ServerDatabase,
) -> None:
    db = open_database(pg_database.url)
    try:
        with db.write() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO patient (id, family_name, given_name, middle_name, birth_date,"
                " sex, phone, email, address, notes, search_name, phone_digits,"
                " phone_digits_rev, created_at, updated_at, version)"
                " SELECT i, 'F' || i, 'G', '', DATE '1970-01-01', 'female', '', '', '', '',"
                " 'f' || lpad(i::text, 6, '0') || ' g', '', '', now(), now(), 1"
                " FROM generate_series(1, 20000) AS i"
            )
            session.connection().exec_driver_sql(
                "INSERT INTO patient_name_prefix (prefix, search_name, patient_id)"
                " SELECT w, 'f' || lpad(i::text, 6, '0') || ' g', i"
                " FROM generate_series(1, 20000) AS i,"
                " LATERAL (VALUES ('f'), ('g'), ('k' || mod(i, 40))) AS v(w)"
            )
            session.connection().exec_driver_sql("ANALYZE patient, patient_name_prefix")
        for text, probes in (("f", 0), ("g k7", 1), ("f g k7", 2)):
            sql, params = _capture_page_sql(db, text)
            plan = [str(r[0]).strip() for r in db.rows(f"EXPLAIN {sql}", params)]
            nodes = [line.removeprefix("->").strip() for line in plan]
            shown = "\n".join(plan)
            assert not any(n.startswith(("Sort", "Seq Scan", "Hash")) for n in nodes), shown
            scans = [n for n in nodes if "using pk_patient_name_prefix" in n]
            assert len(scans) == 1 + probes, shown  # the walk, and one look-up per other word
            conditions = [line for line in plan if "search_name = (x.search_name)" in line]
            assert len(conditions) == probes, shown
        found = Services.open(db, actor="dr.test").search.search_page("g k7").rows
        assert [r.id for r in found][:3] == [7, 47, 87] and len(found) == 200
    finally:
        db.dispose()
