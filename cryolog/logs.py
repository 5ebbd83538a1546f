"""cryolog's log file: rotating, private to the user, and free of patient data.

The log lives in the user's log folder (platformdirs ``user_log_path``; ``$CRYOLOG_LOG_DIR``
overrides it) as ``cryolog.log``, rotated at ``MAX_BYTES`` with ``BACKUPS`` older files kept.
The folder is created readable by the user only and the files with mode 0600. Every
record passes through a ``Scrubber`` (cryolog.scrub) before it is written, on a thread of
the log's own. A log that cannot be written (read-only or full disk) is given up quietly,
once: the program goes on.
"""

from __future__ import annotations

import atexit
import io
import logging
import logging.handlers
import os
import platform
import queue
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path, user_log_path

from cryolog import __version__
from cryolog.scrub import Scrubber

LOG_DIR_ENV = "CRYOLOG_LOG_DIR"
LOG_NAME = "cryolog.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
MAX_RECORD_CHARS = 20_000
FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"
_QUIET_LIBRARIES = ("sqlalchemy", "alembic", "PIL", "reportlab", "multiprocessing")

_lock = threading.Lock()


_active: _Active | None = None


def log_dir() -> Path:
    configured = os.environ.get(LOG_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return user_log_path("cryolog", appauthor=False)


def log_file() -> Path:
    return log_dir() / LOG_NAME


def safe_roots() -> list[str]:
    """Folders whose paths may appear in the log: cryolog's own program and data."""
    package = Path(__file__).resolve().parent
    roots = [
        str(package),
        str(user_data_path("cryolog", appauthor=False)),
        str(log_dir()),
        sys.prefix,
        sys.base_prefix,
    ]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(str(bundle))
    return roots


def default_scrubber() -> Scrubber:
    return Scrubber(safe_roots())


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


@dataclass
class _Active:
    file: PrivateRotatingHandler
    front: logging.handlers.QueueHandler
    listener: logging.handlers.QueueListener


def setup_logging(path: Path | None = None) -> PrivateRotatingHandler:
    """Send cryolog's records (INFO and up; libraries' from WARNING) to the log file.

    The calling thread only queues a record; a thread of the log's own scrubs and writes
    it, so the window's thread never waits on the disk. Calling it again with the same
    file keeps the existing log; another file replaces it.
    """
    global _active
    target = path or log_file()
    with _lock:
        if _active is not None:
            if _active.file.path == target:
                return _active.file
            _stop(_active)
        handler = PrivateRotatingHandler(target)
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(ScrubFilter(default_scrubber()))
        records: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
        front = logging.handlers.QueueHandler(records)
        listener = logging.handlers.QueueListener(records, handler)
        listener.start()
        root = logging.getLogger()
        root.addHandler(front)
        if root.level == logging.NOTSET or root.level > logging.INFO:
            root.setLevel(logging.INFO)
        for name in _QUIET_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)
        _active = _Active(handler, front, listener)
        _register_exit()
        return handler


def _stop(active: _Active) -> None:
    logging.getLogger().removeHandler(active.front)
    active.listener.stop()  # writes what is queued
    active.file.close()


_exit_registered = False


def _register_exit() -> None:
    global _exit_registered
    if not _exit_registered:
        atexit.register(shutdown_logging)
        _exit_registered = True


def shutdown_logging() -> None:
    """Write what is queued, close the log file and take its handler off."""
    global _active
    with _lock:
        if _active is not None:
            _stop(_active)
            _active = None


def flush() -> None:
    """Wait until every record queued so far is in the file (before a crash report, or
    a fatal error that ends the program)."""
    with _lock:
        if _active is not None:
            _active.listener.stop()
            _active.file.flush()
            _active.listener.start()


def active_handler() -> PrivateRotatingHandler | None:
    return None if _active is None else _active.file


def where_logged() -> str:
    """The log file's path, or why nothing could be written there."""
    if _active is None:
        return "no log file is kept for this run"
    return _active.file.failure or str(_active.file.path)


def environment_summary() -> str:
    """Version, Python, system and build: the first lines of a crash report."""
    frozen = "built application" if getattr(sys, "frozen", False) else "from source"
    return (
        f"cryolog {__version__} ({frozen}); Python {platform.python_version()};"
        f" {platform.system()} {platform.release()} ({platform.machine()})"
    )
