"""Where the database lives: ``--db``, else ``$CRYOLOG_DB``, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

ENV_VAR = "CRYOLOG_DB"
DEFAULT_FILENAME = "cryolog.db"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def default_database_path() -> Path:
    return user_data_path("cryolog", appauthor=False) / DEFAULT_FILENAME


def resolve_target(cli_value: str | None) -> str:
    """The database the user asked for, as a path or an SQLAlchemy URL."""
    if cli_value:
        return cli_value
    from_env = os.environ.get(ENV_VAR, "").strip()
    return from_env or str(default_database_path())


def is_url(target: str) -> bool:
    return "://" in target


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each readable by the owner only
    (folders that exist are left as they are)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_DIR_MODE)
        path.chmod(PRIVATE_DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty file that only its owner may read or write."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    path.chmod(PRIVATE_FILE_MODE)


def sqlite_url(path: str) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite:///{path}"
