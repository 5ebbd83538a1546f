"""What a practitioner reads when the server cannot be used: one sentence, never a secret."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from cryolog.db.backends.postgres_errors import (
    ConnectionLost,
    LoginRefused,
    PermissionRefused,
    ServerUnreachable,
)
from cryolog.db.database import open_database
from cryolog.db.models import Patient
from cryolog.services import Services
from tests.pg.cluster import Cluster
from tests.pg.fixtures import ServerDatabase

_roles = itertools.count(1)
PASSWORD = "Right-Pa55word"


def _role(cluster: Cluster) -> str:
    name = f"dr_{next(_roles)}"
    cluster.sql(f"CREATE ROLE {name} LOGIN PASSWORD '{PASSWORD}'")
    return name


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cryolog", *argv], capture_output=True, text=True, timeout=120
    )


def test_a_wrong_password_is_a_refused_sign_in_without_the_password(
    pg_cluster: Cluster, pg_database: ServerDatabase
) -> None:
    role = _role(pg_cluster)
    url = pg_cluster.url(pg_database.name, role, "Wrong-Secret")
    with pytest.raises(LoginRefused) as refused:
        open_database(url)
    assert "refused the sign-in" in str(refused.value)
    assert "Wrong-Secret" not in str(refused.value) and role in str(refused.value)
    with pytest.raises(PermissionRefused, match="may not do this"):  # signed in; no grants
        open_database(pg_cluster.url(pg_database.name, role, PASSWORD))


def test_an_unknown_role_and_a_missing_database_are_refused(
    pg_cluster: Cluster, pg_database: ServerDatabase
) -> None:
    with pytest.raises(LoginRefused, match="refused the sign-in"):
        open_database(pg_cluster.url(pg_database.name, "nobody_here", "x"))
    with pytest.raises(LoginRefused, match="does not exist on the server"):
        open_database(pg_cluster.url("no_such_database"))


def test_a_server_that_does_not_answer_is_unreachable(pg_cluster: Cluster) -> None:
    url = f"postgresql://dr:Secret-1@/cryo?host={pg_cluster.socket_dir}&port=1"
    with pytest.raises(ServerUnreachable, match="cannot be reached") as unreachable:
        open_database(url)
    assert "Secret-1" not in str(unreachable.value)


def test_the_command_line_says_it_in_one_line_with_no_traceback(pg_cluster: Cluster) -> None:
    url = f"postgresql://dr:Secret-1@/cryo?host={pg_cluster.socket_dir}&port=1"
    done = _cli("check", "--db", url)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "Secret-1" not in done.stderr + done.stdout
    assert "cannot be reached" in done.stderr


def test_a_connection_lost_in_the_middle_of_a_save_writes_nothing_and_the_save_can_be_retried(
    pg_cluster: Cluster, pg_database: ServerDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cryolog.services.audit as audit

    db = open_database(pg_database.url)
    services = Services.open(db, actor="dr.test")
    real_append, cut = audit.append_after, [True]  # type: ignore[attr-defined]

    def append_after_losing_the_connection(sql: Any, *args: Any) -> Any:
        if cut.pop() if cut else False:  # the patient row is written, the entry not yet
            pid = next(iter(sql("SELECT pg_backend_pid()")))[0]
            pg_cluster.sql(f"SELECT pg_terminate_backend({int(pid)})")
        return real_append(sql, *args)

    monkeypatch.setattr(audit, "append_after", append_after_losing_the_connection)
    data = {"family_name": "Lost", "given_name": "Anna", "birth_date": date(1970, 1, 2)}
    try:
        with pytest.raises(ConnectionLost, match="nothing of this change was saved"):
            services.patients.register(data)
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Patient)) == 0
        again = services.patients.register(data)  # the same save, tried again, works
        assert again.family_name == "Lost"
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Patient)) == 1
    finally:
        db.dispose()
    pg_database.assert_verifies()
