"""Problems with the database file, each with a message a practitioner can act on.

The message is keyed (``db.<key>`` in the message catalogs) where cryolog writes it, so
the window says it in its language and the command line in English.
"""

from __future__ import annotations

from typing import Any

from cryolog.domain.messages import Message, as_message


def db_said(key: str, /, **values: Any) -> Message:
    return Message(f"db.{key}", **values)


class DatabaseProblem(Exception):
    """Base class: ``str(exc)`` is one sentence for the user, ``path`` the file concerned."""

    def __init__(self, message: Message | str, path: str = "") -> None:
        self.said = as_message(message)
        super().__init__(self.said)
        self.path = path

    def __str__(self) -> str:
        return self.said.render()


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
