"""Changes made by other workstations on a PostgreSQL server: LISTEN/NOTIFY.

Every audited write appends a row to ``audit_log``; a trigger on that table (migration
0014) sends ``NOTIFY cryolog_changed`` with the entry's entity and patient. The server
delivers a notification only when the writing transaction commits, so a listener hears of
saved changes only, never of a save that was rolled back.

``ChangeListener`` holds one connection of its own (outside the pool) on a background
thread, waits for notifications, gathers those that arrive together (one save writes
several entries) and hands them to a callback as one ``ServerChange``. Notifications sent
by this process's own connections are left out: its window already announced them. A lost
connection (server restart, network cut) is retried with a growing pause; the callback is
told whether the listener is connected, so the window can say so, and on reconnecting a
change "everything may have changed" is sent, as notifications sent meanwhile are lost.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cryolog.db.audit_state import ENTITIES, WHOLE_TABLES

log = logging.getLogger(__name__)

CHANNEL = "cryolog_changed"
FUNCTION = "cryolog_notify_change"
TRIGGER = "audit_log_notify_change"
FUNCTION_BODY = (
    f" BEGIN PERFORM pg_notify('{CHANNEL}', json_build_object("
    "'entity', NEW.entity, 'patient', NEW.patient_id)::text); RETURN NULL; END "
)
KNOWN_ENTITIES = frozenset(ENTITIES) | frozenset(WHOLE_TABLES)
GATHER_S = 0.05
"""How long to wait for the rest of one save's notifications before handing them on."""
RETRY_S = (1.0, 2.0, 5.0, 10.0, 30.0)


def create_statements() -> list[str]:
    return [
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger"
        f" LANGUAGE plpgsql AS $${FUNCTION_BODY}$$",
        f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_log",
        f"CREATE TRIGGER {TRIGGER} AFTER INSERT ON audit_log"
        f" FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
    ]


def drop_statements() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_log",
        f"DROP FUNCTION IF EXISTS {FUNCTION}()",
    ]


@dataclass(frozen=True)
class ServerChange:
    """What other workstations saved: the audited entities and the patients concerned.
    ``everything`` when notifications may have been missed (after a reconnection)."""

    entities: frozenset[str] = frozenset()
    patient_ids: frozenset[int] = frozenset()
    everything: bool = False


def parse_payloads(payloads: Iterable[str]) -> ServerChange | None:
    """One change from the payloads of several notifications; None when none names a
    record (an unknown entity, a payload that is not ours)."""
    entities: set[str] = set()
    patients: set[int] = set()
    for payload in payloads:
        try:
            data = json.loads(payload)
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        entity = data.get("entity")
        if not isinstance(entity, str) or entity not in KNOWN_ENTITIES:
            continue
        entities.add(entity)
        patient = data.get("patient")
        if isinstance(patient, int) and not isinstance(patient, bool):
            patients.add(patient)
    if not entities:
        return None
    return ServerChange(frozenset(entities), frozenset(patients))


@dataclass
class ChangeListener:
    """Listens on its own connection (``connect()`` gives a psycopg connection in autocommit
    mode) until ``stop()``; ``on_change`` and ``on_state`` run on the listener's thread."""

    connect: Callable[[], Any]
    on_change: Callable[[ServerChange], None]
    on_state: Callable[[bool], None] = lambda connected: None
    own_pids: Callable[[], frozenset[int]] = lambda: frozenset()
    retry_s: tuple[float, ...] = RETRY_S
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _conn: Any = None
    connected: bool | None = None  # not tried yet

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="server-changes", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Ends the thread (it wakes at least every second to look)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        attempt = 0
        first = True
        while not self._stop.is_set():
            try:
                self._conn = self.connect()
                self._conn.execute(f"LISTEN {CHANNEL}")
            except Exception as exc:
                self._close()
                log.info("server changes: cannot listen (%s)", type(exc).__name__)
                self._set_state(False)
                pause = self.retry_s[min(attempt, len(self.retry_s) - 1)]
                attempt += 1
                self._stop.wait(pause)
                continue
            attempt = 0
            self._set_state(True)
            if not first:
                self._deliver(ServerChange(everything=True))
            first = False
            try:
                self._listen()
            except Exception as exc:
                if not self._stop.is_set():
                    log.info("server changes: connection lost (%s)", type(exc).__name__)
            finally:
                self._close()
            if not self._stop.is_set():
                self._set_state(False)
                self._stop.wait(self.retry_s[0])

    def _listen(self) -> None:
        conn = self._conn
        while not self._stop.is_set():
            batch = [n for n in conn.notifies(timeout=1.0, stop_after=1) if n.channel == CHANNEL]
            if not batch:
                if conn.closed or conn.broken:
                    raise ConnectionError("the listener's connection closed")
                continue
            batch += [n for n in conn.notifies(timeout=GATHER_S) if n.channel == CHANNEL]
            own = self.own_pids()
            change = parse_payloads(n.payload for n in batch if n.pid not in own)
            if change is not None:
                self._deliver(change)

    def _deliver(self, change: ServerChange) -> None:
        try:
            self.on_change(change)
        except Exception:  # a listener must not die of what the window does with it
            log.exception("server changes: the change could not be handed on")

    def _set_state(self, connected: bool) -> None:
        if connected == self.connected:
            return
        self.connected = connected
        try:
            self.on_state(connected)
        except Exception:
            log.exception("server changes: the state could not be handed on")

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # it may be gone already
                conn.close()
