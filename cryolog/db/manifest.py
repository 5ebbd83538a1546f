"""The small JSON file beside each backup: when, how big, what it holds, the audit head.

``<backup>.json`` is written (privately, under a temporary name, then renamed) just before
its backup is renamed into place, so a backup never exists without its manifest; a manifest
without its backup is left over from an interrupted copy and is cleaned up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryolog.db.chain_head import ChainHead
from cryolog.db.files import os_problem, write_private_bytes
from cryolog.db.snapshot import Facts

MANIFEST_FORMAT = 1
MANIFEST_SUFFIX = ".json"
MAX_MANIFEST_BYTES = 1024 * 1024
KINDS = ("automatic", "manual", "pre-migration", "pre-restore")


@dataclass(frozen=True)
class Manifest:
    kind: str
    created_at: datetime
    database: str
    """The name of the database file it was made from (which database's backups)."""
    size: int
    sha256: str
    facts: Facts
    format: int = MANIFEST_FORMAT
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def patients(self) -> int:
        return self.facts.patients

    @property
    def sessions(self) -> int:
        return self.facts.sessions

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "kind": self.kind,
            "created_at": self.created_at.astimezone(UTC).isoformat(),
            "database": self.database,
            "size": self.size,
            "sha256": self.sha256,
            "revision": self.facts.revision,
            "counts": dict(sorted(self.facts.counts.items())),
            "patients": self.patients,
            "sessions": self.sessions,
            "chain_head": None if self.facts.head is None else self.facts.head.as_json(),
            **self.extra,
        }


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def parse_manifest(data: object) -> Manifest | None:
    """The manifest in ``data`` (decoded JSON), or None when it is not one of ours."""
    if not isinstance(data, dict):
        return None
    try:
        created = datetime.fromisoformat(str(data["created_at"]))
        counts = data["counts"]
        if not isinstance(counts, dict) or not all(
            isinstance(k, str) and isinstance(v, int) for k, v in counts.items()
        ):
            return None
        revision = data.get("revision")
        return Manifest(
            kind=str(data["kind"]),
            created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
            database=str(data["database"]),
            size=int(data["size"]),
            sha256=str(data["sha256"]),
            facts=Facts(
                None if revision is None else str(revision),
                dict(counts),
                ChainHead.from_json(data.get("chain_head")),
            ),
            format=int(data.get("format", MANIFEST_FORMAT)),
        )
    except (KeyError, TypeError, ValueError):
        return None


def read_manifest(backup: Path) -> Manifest | None:
    path = manifest_path(backup)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            return None
        return parse_manifest(json.loads(raw.decode("utf-8")))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None


def write_manifest(manifest: Manifest, destination: Path, temporary: Path) -> None:
    """Write ``manifest`` to ``temporary`` (private, flushed), then rename to ``destination``."""
    text = json.dumps(manifest.to_json(), indent=2, ensure_ascii=False, sort_keys=True)
    try:
        data = (text + "\n").encode("utf-8")
        write_private_bytes(destination, data, make_folders=False, temporary=temporary)
    except OSError as exc:
        raise os_problem(exc, "Writing a backup's manifest", destination) from exc
