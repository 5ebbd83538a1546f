"""Opening a database for the window: lock it by its identity, open it, and when that
fails ask what the practitioner wants (an empty file, a damaged file with a good backup,
another file)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cryolog.db.backends import SqlcipherFileBackend, SqliteFileBackend, backend_for
from cryolog.db.backends.sqlcipher_file import PassphraseNeeded
from cryolog.db.database import Database, open_database
from cryolog.db.errors import (
    DatabaseCorrupt,
    DatabaseEmpty,
    DatabaseProblem,
    DatabaseReadOnly,
    DiskFull,
)
from cryolog.db.lock import InstanceLock
from cryolog.ui import recovery_questions
from cryolog.ui.backup_progress import run_with_progress
from cryolog.ui.passphrase_dialog import ask_to_unlock


class OpenedDatabase:
    """A database with this window's instance lock on it; ``close()`` releases both."""

    def __init__(self, db: Database, lock: InstanceLock | None) -> None:
        self.db, self.lock = db, lock

    def close(self) -> None:
        self.db.dispose()
        self.release_lock()

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def take_lock(self) -> InstanceLock | None:
        """Hand the lock to the caller (a restore moves it to the restored file)."""
        lock, self.lock = self.lock, None
        return lock


def lock_for_window(backend: SqliteFileBackend) -> InstanceLock | None:
    """The window's lock on the file's identity (creating a new file first, race-free).
    A disk too full even for the lock opens the file read-only instead of failing."""
    from cryolog.db.migrate import create_new, full_disk_reason, read_only_access

    path = backend.file
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise DatabaseReadOnly(
            f"Cannot create the folder {path.parent}: {exc.strerror}. Choose another location.",
            str(path),
        ) from exc
    if not path.exists() and not path.is_symlink():
        create_new(path)
    try:
        return backend.instance_lock().acquire()
    except DiskFull:
        backend.open_read_only(read_only_access(path, full=True), full_disk_reason(path))
        return None


def open_for_window(
    target: str, *, allow_empty: bool = False, lock: InstanceLock | None = None
) -> OpenedDatabase:
    """Lock, then open (creating or migrating); raises DatabaseProblem with a clear sentence.
    ``lock`` is one the caller already holds on the file (after a restore)."""
    backend = backend_for(target)
    if isinstance(backend, SqliteFileBackend) and lock is None:
        lock = lock_for_window(backend)
    try:
        db = open_database(backend, verify=False, allow_empty=allow_empty)
        db.anchor_after_commits()  # saves commit without waiting for the anchor's fsyncs
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return OpenedDatabase(db, lock)


def choose_database(parent: QWidget | None = None) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("recovery_open", "Open or create a cryolog database"),
        "",
        QCoreApplication.translate("recovery_open", "cryolog database (*.db);;All files (*)"),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return path


def recover(
    backend: SqliteFileBackend,
    problem: DatabaseProblem,
    parent: QWidget | None,
    settings: QSettings | None = None,
) -> recovery_questions.Answer | None:
    """Offer the newest good backup for a damaged file and restore it when asked; the
    answer ("proceed" when restored, "choose", "quit"), or None when there is no backup."""
    from cryolog.services.restore import newest_good_backup, restore_backup
    from cryolog.ui.backup_settings import load_backup_settings

    chosen = load_backup_settings(settings)
    found = run_with_progress(
        parent,
        QCoreApplication.translate("recovery_open", "Looking for a backup"),
        QCoreApplication.translate(
            "recovery_open", "Checking the backups of the damaged database…"
        ),
        lambda _progress: newest_good_backup(backend, chosen),
    )
    if found is None:
        return None
    backup, _facts = found
    answer = recovery_questions.ask_recover(problem, backup, parent)
    if answer != "proceed":
        return answer
    lock = InstanceLock(backend.file).acquire()
    try:
        outcome = run_with_progress(
            parent,
            QCoreApplication.translate("recovery_open", "Restoring"),
            QCoreApplication.translate("recovery_open", "Restoring the backup from {0}…").format(
                recovery_questions.when_text(backup.created_at)
            ),
            lambda progress: restore_backup(backend, backup.path, holding=lock, progress=progress),
        )
    except BaseException:
        lock.release()
        raise
    if outcome.lock is not None:
        outcome.lock.release()
    return "proceed"


def open_interactively(
    target: str,
    parent: QWidget | None = None,
    choose: Callable[[QWidget | None], str] = choose_database,
    settings: QSettings | None = None,
) -> OpenedDatabase | None:
    """Try ``target``; on a problem explain it, ask, and let the practitioner pick another
    file; None when they quit."""
    allow_empty = False
    while True:
        answer: recovery_questions.Answer
        try:
            return open_for_window(target, allow_empty=allow_empty)
        except PassphraseNeeded:  # an encrypted file: its passphrase before the window
            backend = backend_for(target)
            if isinstance(backend, SqlcipherFileBackend) and ask_to_unlock(backend, parent):
                continue
            answer = "choose" if parent is not None else "quit"
        except DatabaseEmpty as problem:
            answer = recovery_questions.ask_empty_file(problem, parent)
            if answer == "proceed":
                allow_empty = True
                continue
        except DatabaseCorrupt as problem:
            answer = offer_recovery(target, problem, parent, settings)
            if answer == "proceed":
                continue
        except DatabaseProblem as problem:
            answer = "choose" if problem_answered(problem, parent) else "quit"
        if answer == "quit":
            return None
        target = choose(parent)
        allow_empty = False
        if not target:
            return None


def offer_recovery(
    target: str,
    problem: DatabaseProblem,
    parent: QWidget | None,
    settings: QSettings | None = None,
) -> recovery_questions.Answer:
    """A damaged file: the newest good backup if there is one, else the problem itself."""
    backend = backend_for(target)
    if isinstance(backend, SqliteFileBackend):
        try:
            answer = recover(backend, problem, parent, settings)
        except DatabaseProblem as failed:
            problem = DatabaseCorrupt(
                f"{problem} The backup could not be restored: {failed}", problem.path
            )
            answer = None
        if answer is not None:
            return answer
    return "choose" if problem_answered(problem, parent) else "quit"


def problem_answered(problem: DatabaseProblem, parent: QWidget | None) -> bool:
    """Show the problem; True when the practitioner wants to choose another file."""
    box = recovery_questions.problem_box(problem, parent)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole
