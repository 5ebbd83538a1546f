"""Unsaved typing kept aside on disk every few seconds, offered back after a crash.

One private file per database in the user's data folder (folder 0700, file 0600), written
atomically (a temporary name, then a rename). What is written passes through a ``Codec``:
plain JSON today; once the database is encrypted, a codec with the database key makes the
kept typing as private as the records. A clean close removes the file, so a file found at
start means the window did not close cleanly (a crash, a power cut, a killed process).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from platformdirs import user_data_dir

from cryolog.db.files import write_private_bytes

INTERVAL_MS = int(os.environ.get("CRYOLOG_KEEP_ASIDE_MS", "3000"))
Kept = dict[int, dict[str, dict[str, Any]]]
"""patient id → form name → the form's fields (ui/form_state.py)."""


class Codec(Protocol):
    def encode(self, data: bytes) -> bytes: ...

    def decode(self, data: bytes) -> bytes: ...


class PlainCodec:
    def encode(self, data: bytes) -> bytes:
        return data

    def decode(self, data: bytes) -> bytes:
        return data


@dataclass
class KeptTyping:
    """The kept-aside typing of one database."""

    path: Path
    codec: Codec

    @classmethod
    def for_database(cls, label: str, codec: Codec | None = None) -> KeptTyping:
        folder = Path(user_data_dir("cryolog", appauthor=False)) / "kept-typing"
        name = hashlib.sha256(label.encode()).hexdigest()[:24]
        return cls(folder / f"{name}.json", codec or PlainCodec())

    def write(self, kept: Kept) -> None:
        """Keep ``kept`` (an empty one removes the file). Never raises: keeping aside is
        a safety net, and a full disk must not stop the practitioner typing."""
        if not kept:
            self.clear()
            return
        payload = {
            "saved_at": datetime.now(UTC).isoformat(),
            "records": {str(pid): forms for pid, forms in kept.items()},
        }
        data = self.codec.encode(json.dumps(payload, ensure_ascii=False).encode())
        try:
            write_private_bytes(self.path, data)
        except OSError:
            return

    def read(self) -> Kept:
        """What was kept, or {} when nothing (or nothing readable) is there."""
        try:
            raw = json.loads(self.codec.decode(self.path.read_bytes()))
            records = raw["records"]
            return {int(pid): dict(forms) for pid, forms in records.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            return
