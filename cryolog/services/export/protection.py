"""Whether an export is protected by a password, and what a good enough password is."""

from __future__ import annotations

from cryolog.db.database import Database
from cryolog.domain.errors import said
from cryolog.domain.messages import Message
from cryolog.domain.text import bad_characters

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200


def database_is_encrypted(db: Database) -> bool:
    """True when ``db`` is stored encrypted at rest (an SQLCipher file): every export of
    it is then password-protected by default (``password_by_default``)."""
    from cryolog.db.backends.sqlcipher_file import SqlcipherFileBackend

    return isinstance(db.storage, SqlcipherFileBackend)


def password_by_default(db: Database) -> bool:
    """Whether the export dialog starts with "protect with a password" ticked."""
    return database_is_encrypted(db)


def password_problem(password: str) -> Message | None:
    """Why ``password`` cannot protect an export, or None when it can."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return said("password_short", minimum=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return said("password_long", maximum=MAX_PASSWORD_LENGTH)
    problem = bad_characters(password, multiline=False)
    if problem:
        return said("password_characters", problem=problem)
    return None
