"""The anchor written after the commits, on a thread of its own, many commits in one write.

A save's commit is what makes the record safe; the anchor (``db.audit_anchor``) is the
evidence that the trail was not cut behind it. Written on every commit it costs two fsyncs
and a rename, about a quarter of a save. The window's database instead asks its lane to
anchor once a commit is done: the lane reads the committed head on its own connection and
moves the anchor forward exactly as before (only along the same chain, never over a
missing or changed anchored entry). Commits that come while it writes are anchored by its
next write, so a burst of saves costs one or two anchor writes.

What this changes, and what it does not:

- the anchor may be one head behind for a few milliseconds. A crash in that moment leaves
  an anchor naming an earlier entry of the same chain, which ``cryolog verify`` accepts
  (the anchored entry is still there with its hash); the next start anchors the head.
- closing the database (``Database.dispose``), a backup, a restore and a verification in
  this process first wait for the pending anchor (``settle``).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryolog.db.audit_anchor import Rows

log = logging.getLogger(__name__)

_SETTLE_S = 10.0
"""How long a close, backup or verification waits for the anchor before going on."""

_lanes: dict[Path, AnchorLane] = {}
_lanes_lock = threading.Lock()


class AnchorLane:
    """Anchors one database file after its commits (``request``), coalesced."""

    def __init__(self, database: Path, rows: Rows) -> None:
        self.database = database
        self._rows = rows
        self._cond = threading.Condition()
        self._wanted = 0
        self._done = 0
        self._closed = False
        self._thread: threading.Thread | None = None
        self.writing = threading.Lock()
        """Held while the anchor is planned and written (whoever writes it)."""
        self.writes = 0
        """Anchor updates attempted so far (each may cover many commits)."""

    def request(self) -> None:
        """A commit is done: anchor its head soon (never waits for the disk)."""
        with self._cond:
            if self._closed:
                return
            self._wanted += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name=f"anchor {self.database.name}", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def pending(self) -> bool:
        with self._cond:
            return self._done < self._wanted

    def settle(self, timeout_s: float = _SETTLE_S) -> bool:
        """Wait until every commit requested so far is anchored; False on time-out."""
        with self._cond:
            settled = self._cond.wait_for(lambda: self._done >= self._wanted, timeout_s)
        if not settled:
            log.warning("the anchor of %s is still being written", self.database)
        return settled

    def close(self, timeout_s: float = _SETTLE_S) -> None:
        """Write the pending anchor, then stop the thread (later requests are ignored)."""
        self.settle(timeout_s)
        with self._cond:
            self._closed = True
            thread = self._thread
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._done < self._wanted or self._closed)
                if self._done >= self._wanted:
                    return  # closed, nothing left
                target = self._wanted
            try:
                self.write_now()
            except Exception:  # never leave a waiter hanging
                log.exception("the anchor of %s could not be written", self.database)
            with self._cond:
                self._done = max(self._done, target)
                self._cond.notify_all()

    def write_now(self) -> None:
        """Plan and write the anchor from the committed head (``advance_anchor``)."""
        from cryolog.db.audit_anchor import advance_anchor

        with self.writing:
            self.writes += 1
            advance_anchor(self.database, self._rows)


def _key(database: Path) -> Path:
    return Path(database).resolve()


def register(lane: AnchorLane) -> None:
    with _lanes_lock:
        _lanes[_key(lane.database)] = lane


def unregister(lane: AnchorLane) -> None:
    with _lanes_lock:
        key = _key(lane.database)
        if _lanes.get(key) is lane:
            del _lanes[key]


def settle(database: Path | None, timeout_s: float = _SETTLE_S) -> None:
    """Before a backup, restore or verification of ``database``: wait for the anchor its
    open lane in this process still has to write (nothing to wait for without one)."""
    if database is None:
        return
    with _lanes_lock:
        lane = _lanes.get(_key(database))
    if lane is not None:
        lane.settle(timeout_s)
