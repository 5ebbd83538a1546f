"""Alembic environment: always run on a connection handed over by cryolog.db.migrate."""

from __future__ import annotations

from alembic import context

import cryolog.db.models  # noqa: F401  (registers every table)
from cryolog.db.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("cryolog migrations run through cryolog.db.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
