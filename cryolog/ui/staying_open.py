"""Keep the application running while its only window is closed for work on the file
(a restore, an encryption): the window closes, the work runs, a new window opens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication


@contextmanager
def staying_open() -> Iterator[None]:
    """Closing the last window does not quit inside this block; the setting comes back."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        yield
        return
    keep_running = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        yield
    finally:
        app.setQuitOnLastWindowClosed(keep_running)
