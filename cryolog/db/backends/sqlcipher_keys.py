"""The key of an encrypted database file, and the key-check file kept beside it.

SQLCipher answers "file is not a database" alike for a wrong key, a damaged file and a file
that was never a database. So the key is checked before SQLCipher sees it: beside
``patients.db`` lies ``patients.db.key`` (private to the user) with a random salt, the
database key wrapped with the passphrase (PBKDF2-HMAC-SHA256, once per opening) and a
verifier of the key. A passphrase that does not unwrap a key matching the verifier is a
wrong passphrase; a key that matches but whose file SQLCipher refuses is a damaged file.

The database key itself is 32 random bytes handed to SQLCipher as a raw key (``x'…'``), so
no connection derives anything: the derivation happens once, when the passphrase is given.
The same key, written out in groups, is the recovery key the practitioner copies by hand;
changing the passphrase re-wraps it (backups made earlier stay readable).

Keys opened in this process are kept in memory only (``remember``/``key_for``), by file, so
every connection to the file — the start-up reader, checks, migrations, the engine, backups
— gets it from the one place that connects (``sqlite_connect``).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

KEY_SUFFIX = ".key"
KEY_BYTES = 32
SALT_BYTES = 16
FORMAT = "cryolog-key-check"
FORMAT_VERSION = 1
KDF = "pbkdf2-sha256"
ITERATIONS = 600_000
"""PBKDF2 rounds for a new key file (tests lower it); the file records its own count."""
MAX_PASSPHRASE = 1024
MIN_PASSPHRASE = 8
_VERIFIER_LABEL = b"cryolog database key check"
_KEY_FILE_MAX = 4096
_PAGE = 4096
SPARE_FOLDER = "backups"
"""Where the spare key-check file lies: the backups folder (db/backup.BACKUP_FOLDER)."""


class KeyFileProblem(Exception):
    """The key-check file is missing, unreadable or not one cryolog wrote."""


class WrongKey(Exception):
    """The passphrase (or recovery key) does not open this database."""


@dataclass(frozen=True)
class KeyFile:
    salt: bytes
    iterations: int
    wrapped: bytes
    verifier: bytes

    def as_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "kdf": KDF,
            "iterations": self.iterations,
            "salt": self.salt.hex(),
            "wrapped_key": self.wrapped.hex(),
            "verifier": self.verifier.hex(),
        }


def key_file_path(database: Path) -> Path:
    return database.with_name(database.name + KEY_SUFFIX)


SQLITE_MAGIC = b"SQLite format 3\x00"


def is_encrypted(database: Path) -> bool:
    """A file cryolog encrypted: its key-check file lies beside it and the file does not
    start as a plain SQLite file does (a conversion interrupted before its swap leaves a
    plain file with a key-check file: it is still plain)."""
    if not key_file_path(database).is_file():
        return False
    try:
        with database.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC
    except OSError:
        return True


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` cannot protect a database, or None when it can."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"The passphrase needs at least {MIN_PASSPHRASE} characters."
    if len(passphrase) > MAX_PASSPHRASE:
        return f"The passphrase may have at most {MAX_PASSPHRASE} characters."
    if any(ord(c) < 32 or ord(c) == 127 for c in passphrase):
        return "The passphrase holds a control character (a tab or a line break?)."
    if not passphrase.strip():
        return "The passphrase is only spaces."
    return None


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _derive(passphrase: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, iterations, KEY_BYTES)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def verifier_of(key: bytes) -> bytes:
    return hmac.new(key, _VERIFIER_LABEL, hashlib.sha256).digest()


def wrap(key: bytes, passphrase: str, iterations: int | None = None) -> KeyFile:
    """A key file for ``key`` under ``passphrase`` (a fresh salt each time)."""
    rounds = ITERATIONS if iterations is None else iterations
    salt = secrets.token_bytes(SALT_BYTES)
    return KeyFile(salt, rounds, _xor(key, _derive(passphrase, salt, rounds)), verifier_of(key))


def unwrap(key_file: KeyFile, passphrase: str) -> bytes:
    """The database key, or WrongKey."""
    key = _xor(key_file.wrapped, _derive(passphrase, key_file.salt, key_file.iterations))
    if not hmac.compare_digest(verifier_of(key), key_file.verifier):
        raise WrongKey("wrong passphrase")
    return key


def check_recovery_key(key_file: KeyFile | None, key: bytes) -> bytes:
    if key_file is not None and not hmac.compare_digest(verifier_of(key), key_file.verifier):
        raise WrongKey("wrong recovery key")
    return key


def recovery_text(key: bytes) -> str:
    """The key as the practitioner copies it: 16 groups of 4 hex digits."""
    digits = key.hex().upper()
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def parse_recovery(text: str) -> bytes | None:
    """A recovery key as typed (groups, spaces and case do not matter), or None."""
    digits = "".join(c for c in text if c not in "- \t").lower()
    if len(digits) != KEY_BYTES * 2 or any(c not in "0123456789abcdef" for c in digits):
        return None
    return bytes.fromhex(digits)


def read_key_file(database: Path) -> KeyFile:
    path = key_file_path(database)
    try:
        with path.open("rb") as handle:
            raw = handle.read(_KEY_FILE_MAX + 1)
    except FileNotFoundError as exc:
        raise KeyFileProblem(f"The key-check file {path} is missing.") from exc
    except OSError as exc:
        raise KeyFileProblem(f"The key-check file {path} cannot be read: {exc.strerror}.") from exc
    try:
        if len(raw) > _KEY_FILE_MAX:
            raise ValueError("too large")
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT or data.get("kdf") != KDF:
            raise ValueError("not a key-check file")
        if data.get("version") != FORMAT_VERSION:
            raise ValueError("an unknown version")
        iterations = int(data["iterations"])
        if not 1 <= iterations <= 100_000_000:
            raise ValueError("bad iteration count")
        key_file = KeyFile(
            bytes.fromhex(data["salt"]),
            iterations,
            bytes.fromhex(data["wrapped_key"]),
            bytes.fromhex(data["verifier"]),
        )
        if len(key_file.wrapped) != KEY_BYTES or len(key_file.verifier) != 32:
            raise ValueError("bad lengths")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise KeyFileProblem(f"The key-check file {path} is damaged ({exc}).") from exc
    return key_file


def write_key_file(database: Path, key_file: KeyFile) -> Path:
    """Write the key file atomically, private to the user, and its spare copy in the
    backups folder (best effort: the spare is what a lost key-check file is rebuilt from)."""
    from cryolog.db.files import write_private_bytes

    path = key_file_path(database)
    data = json.dumps(key_file.as_json(), indent=1).encode()
    write_private_bytes(path, data, make_folders=False)
    with contextlib.suppress(OSError):  # a read-only or full backups folder: no spare
        write_private_bytes(spare_key_file_path(database), data, make_folders=True)
    return path


def spare_key_file_path(database: Path) -> Path:
    """The spare copy of the key-check file: ``backups/<name>.key`` beside the database
    (the wrapped key and its verifier only; like the key-check file it opens nothing
    without the passphrase)."""
    return database.parent / SPARE_FOLDER / (database.name + KEY_SUFFIX)


def read_spare_key_file(database: Path) -> KeyFile | None:
    """The spare copy of the key-check file, or None when there is no usable one."""
    spare = spare_key_file_path(database)
    try:
        return read_key_file(spare.with_name(spare.name[: -len(KEY_SUFFIX)]))
    except KeyFileProblem:
        return None


def remove_key_files(database: Path) -> None:
    """The key-check file and its spare go (the database is plain again)."""
    key_file_path(database).unlink(missing_ok=True)
    spare_key_file_path(database).unlink(missing_ok=True)


def _looks_random(head: bytes) -> bool:
    """A whole first page that reads as noise: SQLCipher's pages do; a plain SQLite page,
    even a damaged one, is full of zeros and structure."""
    return len(head) >= _PAGE and head.count(0) <= _PAGE // 64 and len(set(head)) >= 200


def key_file_lost(database: Path) -> bool:
    """An encrypted file whose key-check file is missing: no key-check file beside it,
    not a plain SQLite file, and either a spare key-check file in the backups folder or
    a first page that reads as noise (a damaged plain file does not)."""
    if key_file_path(database).exists():
        return False
    try:
        with database.open("rb") as handle:
            head = handle.read(_PAGE)
    except OSError:
        return False
    if head.startswith(SQLITE_MAGIC) or len(head) < len(SQLITE_MAGIC):
        return False
    return spare_key_file_path(database).is_file() or _looks_random(head)


# keys opened in this process ---------------------------------------------------------------

_ring: dict[str, bytes] = {}
_ring_lock = threading.Lock()


def _name(path: Path) -> str:
    return os.path.realpath(path)


def remember(path: Path, key: bytes) -> None:
    with _ring_lock:
        _ring[_name(path)] = key


def forget(path: Path) -> None:
    with _ring_lock:
        _ring.pop(_name(path), None)


def key_for(path: Path) -> bytes | None:
    if not _ring:
        return None
    with _ring_lock:
        return _ring.get(_name(path))
