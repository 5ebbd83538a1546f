"""A worker thread for database work; results come back on the UI thread.

Every request belongs to a channel ("search", "findings", ...). Submitting to a channel
makes every earlier request of that channel stale: its result is dropped, never delivered.
Callbacks run on the UI thread; the worker never touches a widget.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException, str], None]


@dataclass
class _Request:
    channel: str
    tag: int
    on_done: Callback
    on_error: ErrorCallback | None
    owner: QObject | None = None

    @property
    def orphaned(self) -> bool:
        """The widget the result was for has been destroyed meanwhile."""
        return self.owner is not None and not shiboken6.isValid(self.owner)


def _run(relay: _Relay, key: int, work: Callable[[], Any]) -> None:
    """Runs on the worker thread; only emits signals (queued to the UI thread)."""
    try:
        result = work()
    except Exception as exc:  # delivered to the UI thread, shown there
        relay.failed.emit(key, exc, traceback.format_exc())
    else:
        relay.done.emit(key, result)


class _Relay(QObject):
    """Lives on the UI thread; signals emitted by the worker are queued to it."""

    done = Signal(int, object)
    failed = Signal(int, object, str)


class TaskRunner(QObject):
    """A single-worker executor. ``idle`` fires when nothing is pending any more."""

    idle = Signal()
    delivered = Signal(str)

    def __init__(self, parent: QObject | None = None, name: str = "db") -> None:
        super().__init__(parent)
        # A plain Python thread: the worker only runs Python callables and emits signals,
        # which Qt queues to the relay living on the UI thread.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"cryolog-{name}")
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._latest: dict[str, int] = {}
        self._pending: dict[int, _Request] = {}
        self._next_key = 0
        self._closed = False

    def submit(
        self,
        channel: str,
        work: Callable[[], Any],
        on_done: Callback,
        on_error: ErrorCallback | None = None,
        owner: QObject | None = None,
    ) -> int:
        """Run ``work`` on the worker; ``on_done(result)`` later, unless superseded or
        ``owner`` (the widget the result is for) has been destroyed by then. After
        ``shutdown`` (the window is closing) requests are dropped; the key is then 0."""
        if self._closed:
            return 0
        self._next_key += 1
        key = self._next_key
        self._latest[channel] = key
        self._pending[key] = _Request(channel, key, on_done, on_error, owner)
        self._executor.submit(_run, self._relay, key, work)
        return key

    def query(
        self,
        channel: str,
        work: Callable[[], Any],
        on_done: Callback,
        on_error: ErrorCallback | None = None,
        owner: QObject | None = None,
    ) -> int:
        """A read: the newest request of ``channel`` wins (see ui/ops.py)."""
        return self.submit(channel, work, on_done, on_error, owner)

    def save(self, work: Callable[[], Any], on_done: Callback, **options: Any) -> int:
        """A write, never dropped; see ``cryolog.ui.ops.save_on`` for the options."""
        from cryolog.ui.ops import save_on

        return save_on(self, work, on_done, **options)

    @property
    def closed(self) -> bool:
        return self._closed

    def is_busy(self, channel: str | None = None) -> bool:
        if channel is None:
            return bool(self._pending)
        return any(r.channel == channel for r in self._pending.values())

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker has finished what was submitted so far."""
        try:
            self._executor.submit(lambda: None).result(timeout=msecs / 1000)
        except FutureTimeout:
            return False
        return True

    def shutdown(self) -> None:
        """Finish the running job, drop queued ones and every result not yet delivered,
        and end the worker thread."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()

    def _take(self, key: int) -> _Request | None:
        if self._closed:
            return None
        request = self._pending.pop(key, None)
        if request is None or self._latest.get(request.channel) != key:
            return None  # stale: a newer request of the same channel was made
        return None if request.orphaned else request

    def _on_done(self, key: int, result: Any) -> None:
        request = self._take(key)
        if request is not None:
            request.on_done(result)
            self.delivered.emit(request.channel)
        self._maybe_idle()

    def _on_failed(self, key: int, exc: BaseException, details: str) -> None:
        request = self._take(key)
        if request is not None:
            if request.on_error is not None:
                request.on_error(exc, details)
            else:
                from cryolog.ui.errors import show_error

                show_error(None, self.tr("The request could not be completed"), exc, details)
            self.delivered.emit(request.channel)
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._pending:
            self.idle.emit()
