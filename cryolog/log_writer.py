"""The writing side of cryolog's log (cryolog.logs): the scrubbing filter, the private
rotating file and the thread that writes queued records to it.

Imported when the log starts writing (the window: once its first page is on screen), so
a start does not wait for the rotating file handler, the scrubber's patterns or the
platform's folders.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import queue
import sys
from pathlib import Path

from cryolog.logs import BACKUPS, FORMAT, MAX_BYTES, MAX_RECORD_CHARS
from cryolog.scrub import Scrubber


class ScrubFilter(logging.Filter):
    """Rewrites each record's message and traceback with the scrubber before it is written."""

    def __init__(self, scrubber: Scrubber) -> None:
        super().__init__()
        self.scrubber = scrubber

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._clean(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self._clean(record.stack_info)
        return True

    def _clean(self, text: str) -> str:
        if len(text) > MAX_RECORD_CHARS:  # a runaway message: its end is enough
            cut = len(text) - MAX_RECORD_CHARS
            text = f"[{cut} characters left out]\n{text[-MAX_RECORD_CHARS:]}"
        return self.scrubber.text(text)


class PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating file whose folder (0700) and files (0600) are private; made on the first
    record, so a command that logs nothing creates nothing."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        self.path = path
        self.failure: str | None = None

    def _open(self) -> io.TextIOWrapper:
        folder = self.path.parent
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return io.TextIOWrapper(io.FileIO(fd, "a"), encoding="utf-8")

    def emit(self, record: logging.LogRecord) -> None:
        if self.failure is None:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        """The log cannot be written: say so once on the terminal (if any) and stop."""
        exc = sys.exc_info()[1]
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        self.failure = f"cannot write the log {self.path}: {reason}"
        if sys.stderr is not None:
            print(f"cryolog: {self.failure}", file=sys.stderr)


class Writer:
    """The file and the thread writing the queued records to it, through the scrubber."""

    def __init__(
        self, records: queue.SimpleQueue[logging.LogRecord], path: Path, scrubber: Scrubber
    ) -> None:
        self.file = PrivateRotatingHandler(path)
        self.file.setFormatter(logging.Formatter(FORMAT))
        self.file.addFilter(ScrubFilter(scrubber))
        self.listener = logging.handlers.QueueListener(records, self.file)
        self.listener.start()  # what was queued before now is written first

    def flush(self) -> None:
        """Return once every record queued so far is in the file."""
        self.listener.stop()
        self.file.flush()
        self.listener.start()

    def stop(self) -> None:
        self.listener.stop()  # writes what is queued
        self.file.close()
