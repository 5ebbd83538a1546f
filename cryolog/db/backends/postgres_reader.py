"""Plain reads on a server: one statement, one round trip, outside SQLAlchemy.

``Database.rows`` on a server used to check a pooled connection out (a ping), open a
transaction, run the statement and roll back: four round trips and the engine's work for
one SELECT, which a practitioner waits on at every keystroke of the patient search. This
reader keeps one autocommit psycopg connection per thread (made like every other
connection of the backend: the same address, role and secrets) and sends the statement
alone; a single statement reads one snapshot anyway. A connection the server dropped
(restart, idle timeout) is replaced and the read tried once more, as the engine's ping did
for it; a read changes nothing, so trying it again is safe.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryolog.db.backends.postgres import PostgresBackend

_NAME = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def driver_sql(sql: str) -> str:
    """``:name`` parameters as psycopg's ``%(name)s`` (a ``::`` cast is left alone)."""
    return _NAME.sub(r"%(\1)s", sql.replace("%", "%%"))


class ServerReader:
    """Read-only statements on a server: an autocommit connection per thread."""

    def __init__(self, backend: PostgresBackend) -> None:
        self.backend = backend
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Any] = []

    def _connection(self, *, fresh: bool = False) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None and (fresh or conn.closed):
            self._forget(conn)
            conn = None
        if conn is None:
            conn = self.backend.connect()  # autocommit; a DatabaseProblem when it cannot
            with self._lock:
                self._open.append(conn)
            self._local.conn = conn
        return conn

    def _forget(self, conn: Any) -> None:
        with self._lock:
            if conn in self._open:
                self._open.remove(conn)
        self._local.conn = None
        with suppress(Exception):  # a broken connection may fail to close: it is gone
            conn.close()

    def rows(self, sql: str, params: Mapping[str, object]) -> list[Sequence[Any]]:
        """Every row of one SELECT with ``:name`` parameters."""
        import psycopg

        statement = driver_sql(sql)
        for attempt in (1, 2):
            conn = self._connection(fresh=attempt == 2)
            try:
                with conn.cursor() as cursor:
                    cursor.execute(statement, dict(params))
                    return list(cursor.fetchall())
            except psycopg.OperationalError as exc:
                if attempt == 1 and (conn.closed or conn.broken):
                    continue  # dropped while idle: once more on a new connection
                raise self.backend.translate(exc) from exc
            except psycopg.DataError as exc:  # e.g. a whole number past what it stores
                raise self.backend.translate(exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        with self._lock:
            connections, self._open = self._open, []
        for conn in connections:
            with suppress(Exception):
                conn.close()
        self._local = threading.local()
