"""An SQLite file encrypted with SQLCipher: the plain file's backend, with a key.

Everything the plain file does (pragmas, transactions, read-only modes, the instance lock,
checks, copies through the backup API) holds unchanged: its connections are made by the
same ``sqlite_connect.connect_file``, which keys them once the key is opened here
(``unlock``). Copies (backups, their checks, restores) are keyed with the same key, so a
backup of an encrypted database is encrypted too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backends.base import Progress
from cryolog.db.backends.sqlite_connect import Access
from cryolog.db.backends.sqlite_file import SqliteFileBackend
from cryolog.db.errors import DatabaseCorrupt, DatabaseProblem
from cryolog.db.snapshot import Facts

if TYPE_CHECKING:
    import sqlite3

    from cryolog.db.migrate import MigrationReport


class PassphraseNeeded(DatabaseProblem):
    """The file is encrypted and its key was not opened yet: ask for the passphrase."""


class WrongPassphrase(DatabaseProblem):
    """The passphrase (or recovery key) given does not open this file."""


class KeyFileDamaged(DatabaseProblem):
    """The key-check file beside the database cannot be used (the recovery key still can)."""


def wrong_passphrase_message(path: Path) -> str:
    return f"The passphrase is wrong for {path}. Nothing was opened; try again."


class SqlcipherFileBackend(SqliteFileBackend):
    kind = "sqlcipher-file"

    def __init__(self, path: Path, access: Access = Access.READ_WRITE, reason: str = "") -> None:
        super().__init__(path, access, reason)

    @property
    def key(self) -> bytes | None:
        return keys.key_for(self.file)

    @property
    def unlocked(self) -> bool:
        return self.key is not None

    def unlock(self, passphrase: str) -> None:
        """Derive the key from ``passphrase`` (once for this opening) and keep it in memory;
        WrongPassphrase or KeyFileDamaged otherwise."""
        if len(passphrase) > keys.MAX_PASSPHRASE:
            raise WrongPassphrase(wrong_passphrase_message(self.file), str(self.file))
        key_file = self._key_file()
        try:
            key = keys.unwrap(key_file, passphrase)
        except keys.WrongKey as exc:
            raise WrongPassphrase(wrong_passphrase_message(self.file), str(self.file)) from exc
        keys.remember(self.file, key)

    def unlock_with_recovery_key(self, text: str) -> None:
        key = keys.parse_recovery(text)
        if key is None:
            raise WrongPassphrase(
                "A recovery key is 64 letters and digits (0-9, A-F) in 16 groups of 4.",
                str(self.file),
            )
        try:
            key_file: keys.KeyFile | None = keys.read_key_file(self.file)
        except keys.KeyFileProblem:
            key_file = None  # the recovery key is exactly for a lost or damaged key file
        try:
            keys.check_recovery_key(key_file, key)
        except keys.WrongKey as exc:
            raise WrongPassphrase(
                f"The recovery key is wrong for {self.file}. Nothing was opened.", str(self.file)
            ) from exc
        keys.remember(self.file, key)

    def _key_file(self) -> keys.KeyFile:
        try:
            return keys.read_key_file(self.file)
        except keys.KeyFileProblem as exc:
            raise KeyFileDamaged(
                f"{exc} The database can still be opened with its recovery key.", str(self.file)
            ) from exc

    def _require_key(self) -> bytes:
        key = self.key
        if key is None:
            raise PassphraseNeeded(
                f"{self.file} is encrypted; its passphrase is needed to open it.", str(self.file)
            )
        return key

    def prepare(self, *, create: bool, verify: bool, allow_empty: bool) -> MigrationReport:
        self._require_key()
        try:
            return super().prepare(create=create, verify=verify, allow_empty=allow_empty)
        except DatabaseCorrupt as exc:
            raise DatabaseCorrupt(
                f"{self.file} is damaged: its passphrase is right but the file cannot be"
                " read. Restore it from a backup.",
                str(self.file),
            ) from exc

    def connect(self, *, write: bool = False, timeout_s: float | None = None) -> sqlite3.Connection:
        self._require_key()
        return super().connect(write=write, timeout_s=timeout_s)

    def creator(self, *, foreign_keys: bool = True) -> Callable[[], Any]:
        self._require_key()
        return super().creator(foreign_keys=foreign_keys)

    def copy_to(self, destination: Path, progress: Progress | None = None) -> Facts:
        keys.remember(destination, self._require_key())
        return super().copy_to(destination, progress)

    def connect_copy(self, path: Path, *, write: bool = False) -> sqlite3.Connection:
        keys.remember(path, self._require_key())
        return super().connect_copy(path, write=write)
