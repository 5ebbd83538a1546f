"""Long work on a thread of its own while the window's event loop keeps running: the caller
waits in a local event loop and gets the work's result, or its error raised again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Signal

T = TypeVar("T")


class _Finished(QObject):
    finished = Signal(object, object)  # result, exception


def wait_for_thread(work: Callable[[], T], name: str) -> T:
    """Run ``work()`` on a thread named ``name``; return its result or raise its error.
    Signals the work emits meanwhile are delivered, as is everything else the window does."""
    relay = _Finished()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finish(result: object, error: object) -> None:
        outcome["result"], outcome["error"] = result, error
        loop.quit()

    relay.finished.connect(finish)

    def run() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed back to the window's thread
            relay.finished.emit(None, exc)
        else:
            relay.finished.emit(result, None)

    threading.Thread(target=run, name=name, daemon=True).start()
    loop.exec()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    found: T = outcome["result"]
    return found
