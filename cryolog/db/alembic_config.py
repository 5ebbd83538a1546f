"""Alembic configuration built from the package path, so a frozen build finds its scripts."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(
    connection: Connection | None = None, *, checkpoints: list[str] | None = None
) -> Config:
    """``checkpoints``: the migrations add the reasons of the audit checkpoints they need
    to this list instead of chaining them (the caller chains one at the head)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    if checkpoints is not None:
        config.attributes[CHECKPOINTS] = checkpoints
    return config


CHECKPOINTS = "audit_checkpoints"


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise RuntimeError("no migrations found")
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}
