"""Problems with the database file, each with a message a practitioner can act on."""

from __future__ import annotations


class DatabaseProblem(Exception):
    """Base class: ``str(exc)`` is one sentence for the user, ``path`` the file concerned."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path


class DatabaseMissing(DatabaseProblem):
    pass


class DatabaseLocked(DatabaseProblem):
    pass


class DatabaseReadOnly(DatabaseProblem):
    pass


class DatabaseCorrupt(DatabaseProblem):
    pass


class NotACryologDatabase(DatabaseProblem):
    pass


class DatabaseTooNew(DatabaseProblem):
    pass


class MigrationFailed(DatabaseProblem):
    pass


class DiskFull(DatabaseProblem):
    pass


class DatabaseEmpty(DatabaseProblem):
    """An existing file with nothing in it: set it up only when the practitioner says so
    (it may be a copy that went wrong)."""
