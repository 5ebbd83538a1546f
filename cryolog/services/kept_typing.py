"""Unsaved typing kept aside on disk, per database, and its removal for one patient.

One private file per database in the user's data folder (folder 0700, file 0600), written
atomically (a temporary name, then a rename). What is written passes through a ``Codec``:
plain JSON for a plain database; for an encrypted one a codec with the database key makes
the kept typing as private as the records. The window keeps its open forms here
(ui/keep_aside.py); an erasure on request — from the window or ``cryolog erase patient`` —
drops the erased patient's part (``forget_patient``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from platformdirs import user_data_dir

from cryolog.db.files import write_private_bytes

if TYPE_CHECKING:
    from cryolog.db.database import Database

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


def kept_for(db: Database) -> KeptTyping:
    """The kept-aside typing of ``db`` (keyed with its key when it is encrypted)."""
    from cryolog.services.encryption_codec import codec_for

    return KeptTyping.for_database(db.label, codec_for(db))


def forget_patient(kept: KeptTyping, patient_id: int) -> bool:
    """Drop ``patient_id``'s kept-aside typing (the rest stays); True when there was some."""
    records = kept.read()
    if patient_id not in records:
        return False
    records.pop(patient_id)
    kept.write(records)
    return True
