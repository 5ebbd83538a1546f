"""``export all``: every table of the database as CSV files in one new folder.

The tables are read in one read transaction and streamed, so a large practice exports in
bounded memory. The folder is built under a temporary name beside the target and renamed
into place when complete: a failure leaves no half-filled folder. Binary cells (the stored
PDFs) become files under ``documents/`` and the cell holds the file's relative path.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, RowMapping, Table, select, text

from cryolog import __version__
from cryolog.db.files import private_output, write_private_bytes
from cryolog.db.location import ensure_private_dir
from cryolog.db.models import Base
from cryolog.db.revisions import VERSION_TABLE
from cryolog.db.types import utcnow
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.services import Services, audit
from cryolog.services.export.csv_tables import write_csv
from cryolog.services.export.snapshot import columns_of

FORMAT = "cryolog-database-tables"
FORMAT_VERSION = 1
_BATCH = 1000


@dataclass(frozen=True, slots=True)
class TablesExport:
    folder: Path
    tables: dict[str, int]
    files: int
    audited: bool

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def export_all(services: Services, folder: Path, metadata: MetaData | None = None) -> TablesExport:
    """Write every table of ``metadata`` to ``folder`` (new, or empty) as CSV."""
    metadata = metadata or Base.metadata
    _check_target(folder)
    ensure_private_dir(folder.parent)
    temp = folder.with_name(f".{folder.name}.{os.getpid()}.part")
    if temp.exists():
        shutil.rmtree(temp)
    ensure_private_dir(temp)
    try:
        tables, files, revision = _write_tables(services, temp, metadata)
        _write_manifest(temp, tables, revision, metadata)
        if folder.exists():
            folder.rmdir()  # empty, checked above
        audited = not services.db.read_only
        if audited:
            with services.db.write() as session:
                audit.event(
                    session,
                    services.actor,
                    "export",
                    "database",
                    None,
                    None,
                    {"folder": folder.name, "tables": tables, "documents": files},
                )
        temp.rename(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(temp)
        raise
    return TablesExport(folder, tables, files, audited)


def _check_target(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InvalidInput([FieldError("folder", said("target_is_file", path=str(folder)))])
    if folder.is_dir() and any(folder.iterdir()):
        raise InvalidInput([FieldError("folder", said("folder_not_empty", path=str(folder)))])


def _write_tables(
    services: Services, folder: Path, metadata: MetaData
) -> tuple[dict[str, int], int, str]:
    counts: dict[str, int] = {}
    files = 0
    with services.db.read() as session:
        revision = str(session.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}")))
        for table in metadata.sorted_tables:
            binary = [c.name for c in columns_of(table) if c.binary]
            order = list(table.primary_key.columns) or list(table.columns)
            result = session.execute(
                select(table).order_by(*order), execution_options={"yield_per": _BATCH}
            )
            written: list[str] = []
            rows = _table_rows(result.mappings(), table, binary, folder, written)
            path = folder / f"{table.name}.csv"
            with private_output(path, make_folders=False) as handle:
                out = io.TextIOWrapper(handle, encoding="utf-8", newline="")
                counts[table.name] = write_csv(out, [c.name for c in table.columns], rows)
                out.flush()
                out.detach()  # the private file closes it, once flushed to the disk
            files += len(written)
    return counts, files, revision


_HEX_TABLES = frozenset({"audit_log", "audit_content", "audit_salt"})


def _table_rows(
    mappings: Iterable[RowMapping],
    table: Table,
    binary: list[str],
    folder: Path,
    written: list[str],
) -> Iterator[list[Any]]:
    hashes = table.name in _HEX_TABLES  # the audit trail's hashes and salts: hex text
    for row in mappings:
        values = dict(row)
        for column in binary:
            if hashes:
                data = values[column]
                values[column] = "" if data is None else bytes(data).hex()
                continue
            values[column] = _stored(folder, table, values, column, written)
        yield [values[c.name] for c in table.columns]


def _stored(
    folder: Path, table: Table, row: dict[str, Any], column: str, written: list[str]
) -> str:
    data = row.get(column)
    if data is None:
        return ""
    ident = str(row.get("id", len(written) + 1))
    if bytes(data[:5]) == b"%PDF-":
        kind = f"-{row['kind']}" if isinstance(row.get("kind"), str) else ""
        name = f"documents/{table.name}-{ident}{kind}.pdf"
    else:
        name = f"files/{table.name}-{ident}-{column}.bin"
    ensure_private_dir((folder / name).parent)
    write_private_bytes(folder / name, bytes(data))
    written.append(name)
    return name


def _write_manifest(
    folder: Path, tables: dict[str, int], revision: str, metadata: MetaData
) -> None:
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"cryolog {__version__}",
        "generated_at": utcnow().isoformat(),
        "schema_revision": revision,
        "tables": {
            t.name: {
                "file": f"{t.name}.csv",
                "rows": tables[t.name],
                "columns": [{"name": c.name, "type": c.type} for c in columns_of(t)],
            }
            for t in metadata.sorted_tables
        },
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    write_private_bytes(folder / "manifest.json", data)
