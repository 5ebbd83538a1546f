"""CSV tables for spreadsheets: UTF-8 with a byte-order mark (so Excel shows Cyrillic and
accents), comma-separated, CRLF line ends, a header row, cells from ``cells.csv_cell``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import IO, Any

from cryolog.services.export.cells import csv_cell

BOM = "\ufeff"


def write_csv(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a BOM, the header and ``rows`` to ``out``; the number of rows written."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        count += 1
    return count


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO(newline="")
    write_csv(buffer, header, rows)
    return buffer.getvalue()
