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


class KeyFileMissing(DatabaseProblem):
    """The key-check file beside the database is gone (the database itself may be fine):
    the passphrase still opens it through the spare copy, the recovery key always."""


def key_file_missing_message(path: Path) -> str:
    return (
        f"The key-check file {keys.key_file_path(path).name} beside {path.name} is missing,"
        " so the passphrase cannot be checked on its own."
    )


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

    @property
    def key_file_missing(self) -> bool:
        return not keys.key_file_path(self.file).exists()

    @property
    def has_spare_key_file(self) -> bool:
        return keys.read_spare_key_file(self.file) is not None

    def unlock(self, passphrase: str) -> None:
        """Derive the key from ``passphrase`` (once for this opening) and keep it in memory;
        WrongPassphrase, KeyFileDamaged or (no key-check file and no spare) KeyFileMissing
        otherwise. A missing key-check file is written again from its spare."""
        if not passphrase:
            raise WrongPassphrase("No passphrase was given; nothing was opened.", str(self.file))
        if len(passphrase) > keys.MAX_PASSPHRASE:
            raise WrongPassphrase(wrong_passphrase_message(self.file), str(self.file))
        spare = keys.read_spare_key_file(self.file) if self.key_file_missing else None
        if self.key_file_missing and spare is None:
            raise KeyFileMissing(
                f"{key_file_missing_message(self.file)} No spare copy was found in the backups"
                " folder: open the database with its recovery key.",
                str(self.file),
            )
        key_file = spare if spare is not None else self._key_file()
        try:
            key = keys.unwrap(key_file, passphrase)
        except keys.WrongKey as exc:
            raise WrongPassphrase(wrong_passphrase_message(self.file), str(self.file)) from exc
        if spare is not None:
            self._adopt(key, spare, known_right=True)
        keys.remember(self.file, key)

    def unlock_with_recovery_key(self, text: str, new_passphrase: str | None = None) -> None:
        """Open with the recovery key. Without a usable key-check file (lost or damaged) the
        key is checked against the spare or tried on the file itself, and the key-check file
        is written again (from its spare, or wrapped under
        ``new_passphrase``; with neither the key is kept for this opening only)."""
        key = keys.parse_recovery(text)
        if key is None:
            raise WrongPassphrase(
                "A recovery key is 64 letters and digits (0-9, A-F) in 16 groups of 4.",
                str(self.file),
            )
        try:
            key_file = keys.read_key_file(self.file)
        except keys.KeyFileProblem:  # lost or damaged: what the recovery key is for
            self._recover_lost(key, new_passphrase)
            return
        try:
            keys.check_recovery_key(key_file, key)
        except keys.WrongKey as exc:
            raise WrongPassphrase(
                f"The recovery key is wrong for {self.file}. Nothing was opened.", str(self.file)
            ) from exc
        keys.remember(self.file, key)

    def _recover_lost(self, key: bytes, new_passphrase: str | None) -> None:
        spare = keys.read_spare_key_file(self.file)
        if spare is not None:
            try:
                keys.check_recovery_key(spare, key)
            except keys.WrongKey as exc:
                raise WrongPassphrase(
                    f"The recovery key is wrong for {self.file}. Nothing was opened.",
                    str(self.file),
                ) from exc
            self._adopt(key, spare, known_right=True)
        else:
            if new_passphrase is not None:
                problem = keys.passphrase_problem(new_passphrase)
                if problem:
                    raise DatabaseProblem(f"New passphrase: {problem}", str(self.file))
            rewrapped = None if new_passphrase is None else keys.wrap(key, new_passphrase)
            self._adopt(key, rewrapped, known_right=False)
        keys.remember(self.file, key)

    def _adopt(self, key: bytes, key_file: keys.KeyFile | None, *, known_right: bool) -> None:
        """Try ``key`` on the file itself and write the key-check file (0600) again. A key
        known right (its verifier matched the spare) on a file that cannot be read: the
        file is damaged, and the key is kept for the damaged path's restore."""
        opens = self._opens(key)
        if not opens and not known_right:
            raise WrongPassphrase(
                f"The recovery key does not open {self.file}: the key is wrong, or the file"
                " is damaged. Nothing was opened.",
                str(self.file),
            )
        if key_file is not None:
            self._write_key_file(key_file)
        if not opens:
            keys.remember(self.file, key)
            raise DatabaseCorrupt(
                f"{self.file} is damaged: its key is right but the file cannot be read."
                " Restore it from a backup.",
                str(self.file),
            )

    def _write_key_file(self, key_file: keys.KeyFile) -> None:
        try:
            keys.write_key_file(self.file, key_file)
        except OSError as exc:
            raise DatabaseProblem(
                f"The key is right, but the key-check file could not be written again beside"
                f" {self.file} ({exc.strerror or exc}). Nothing was opened.",
                str(self.file),
            ) from exc

    def _opens(self, key: bytes) -> bool:
        """Whether SQLCipher reads the file's schema with ``key`` (read only)."""
        import sqlite3

        from cryolog.db.backends.sqlcipher_connect import connect_keyed

        uri = f"{self.file.absolute().as_uri()}?mode=ro"
        try:
            conn = connect_keyed(uri, key, timeout=5.0, check_same_thread=False)
        except sqlite3.Error:
            return False
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlite3.Error:
            return False
        finally:
            conn.close()
        return True

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
