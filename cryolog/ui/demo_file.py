"""Where "Load demo data" writes by default: a file of its own, never the real database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from cryolog.db.database import Database


def demo_file_for(db: Database) -> Path:
    """``<name>-demo.db`` beside the database (a fresh name if that exists already)."""
    folder = db.path.parent if db.path is not None else Path(tempfile.gettempdir())
    stem = db.path.stem if db.path is not None else "cryolog"
    candidate = folder / f"{stem}-demo.db"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-demo-{n}.db"
        n += 1
    return candidate
