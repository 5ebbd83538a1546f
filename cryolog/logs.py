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
import copy
import logging
import os
import platform
import sys
import threading
from pathlib import Path
from queue import SimpleQueue
from typing import TYPE_CHECKING

from cryolog import __version__

if TYPE_CHECKING:
    from cryolog.log_writer import PrivateRotatingHandler, Writer
    from cryolog.scrub import Scrubber

LOG_DIR_ENV = "CRYOLOG_LOG_DIR"
LOG_NAME = "cryolog.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
MAX_RECORD_CHARS = 20_000
FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s] %(message)s"
_QUIET_LIBRARIES = ("sqlalchemy", "alembic", "PIL", "reportlab", "multiprocessing")

_lock = threading.RLock()


def log_dir() -> Path:
    configured = os.environ.get(LOG_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_log_path

    return user_log_path("cryolog", appauthor=False)


def log_file() -> Path:
    return log_dir() / LOG_NAME


def safe_roots() -> list[str]:
    """Folders whose paths may appear in the log: cryolog's own program and data."""
    from platformdirs import user_data_path

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
    from cryolog.scrub import Scrubber

    return Scrubber(safe_roots())


class _Front(logging.Handler):
    """What the calling thread does with a record: merge its message, arguments and
    traceback into one text and queue a copy (the record itself is left as it was)."""

    def __init__(self, records: SimpleQueue[logging.LogRecord]) -> None:
        super().__init__()
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
            queued = copy.copy(record)
            queued.message = text
            queued.msg = text
            queued.args = None
            queued.exc_info = None
            queued.exc_text = None
            queued.stack_info = None
            self.records.put_nowait(queued)
        except Exception:
            self.handleError(record)


class _Active:
    """The log of this run: the queue the front fills, the file it is meant for (None:
    the default, found when writing starts) and, once started, its writer."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.records: SimpleQueue[logging.LogRecord] = SimpleQueue()
        self.front = _Front(self.records)
        self.writer: Writer | None = None

    def started(self) -> Writer:
        if self.writer is None:
            from cryolog.log_writer import Writer

            self.writer = Writer(self.records, self.path or log_file(), default_scrubber())
        return self.writer


_active: _Active | None = None


def setup_logging(path: Path | None = None, *, deferred: bool = False) -> None:
    """Send cryolog's records (INFO and up; libraries' from WARNING) to the log file.

    The calling thread only queues a record; a thread of the log's own scrubs and writes
    it, so the window's thread never waits on the disk. ``deferred`` (the window) only
    queues for now: the file, the scrubber and the writing thread are made by
    ``start_writing`` (once the first page is on screen), by ``flush`` or at exit, and
    write what was queued first. Calling it again with the same file keeps the existing
    log (starting it unless ``deferred``); another file replaces it.
    """
    global _active
    with _lock:
        if _active is not None and _active.path != path:
            _stop(_active)
            _active = None
        if _active is None:
            _active = _Active(path)
            root = logging.getLogger()
            root.addHandler(_active.front)
            if root.level == logging.NOTSET or root.level > logging.INFO:
                root.setLevel(logging.INFO)
            for name in _QUIET_LIBRARIES:
                logging.getLogger(name).setLevel(logging.WARNING)
            _register_exit()
        if not deferred:
            _active.started()


def start_writing() -> None:
    """Make the log file's writer now (a deferred log); nothing when it already writes."""
    with _lock:
        if _active is not None:
            _active.started()


def writing() -> bool:
    """Whether the log's file and writing thread exist yet."""
    return _active is not None and _active.writer is not None


def _stop(active: _Active) -> None:
    logging.getLogger().removeHandler(active.front)
    if active.writer is None and active.records.empty():
        return  # nothing was logged: no file, no writer
    active.started().stop()  # writes what is queued


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
            _active.started().flush()


def active_handler() -> PrivateRotatingHandler | None:
    with _lock:
        return None if _active is None else _active.started().file


def where_logged() -> str:
    """The log file's path, or why nothing could be written there."""
    handler = active_handler()
    if handler is None:
        return "no log file is kept for this run"
    return handler.failure or str(handler.path)


def environment_summary() -> str:
    """Version, Python, system and build: the first lines of a crash report."""
    frozen = "built application" if getattr(sys, "frozen", False) else "from source"
    return (
        f"cryolog {__version__} ({frozen}); Python {platform.python_version()};"
        f" {platform.system()} {platform.release()} ({platform.machine()})"
    )
