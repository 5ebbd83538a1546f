"""Reading a patient list: a CSV file (any of the usual encodings and delimiters) or an
Excel workbook (.xlsx, its first sheet), into a header and rows of cells.

The first non-empty row is the header. Each data row keeps the row number a spreadsheet
shows for it, so a report can say "row 7". Entirely empty rows are left out. Text cells
lose the apostrophe cryolog's own CSV export puts before a formula-like start.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from cryolog.services.export.cells import unguard
from cryolog.services.importing.detect import decode, excel_separator, guess_delimiter
from cryolog.services.importing.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportProblem,
    import_said,
    size_label,
)

Cell = str | date
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_MAX_SHEET_ROWS = 4 * MAX_ROWS


@dataclass(frozen=True, slots=True)
class SourceTable:
    """A header and data rows; ``row_numbers[i]`` is the file row of ``rows[i]``."""

    name: str
    kind: Literal["csv", "xlsx"]
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    row_numbers: tuple[int, ...]
    encoding: str | None = None
    delimiter: str | None = None


def read_table(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None
) -> SourceTable:
    """Read ``path``; ImportProblem (one sentence) for anything that cannot be read."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportProblem(
                import_said(
                    "too_big", name=name, size=size_label(size), most=size_label(MAX_FILE_BYTES)
                )
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportProblem(import_said("missing", path=str(path))) from None
    except IsADirectoryError:
        raise ImportProblem(import_said("folder", path=str(path))) from None
    except OSError as exc:
        raise ImportProblem(
            import_said("unreadable", path=str(path), error=str(exc.strerror or exc))
        ) from None
    if not data.strip():
        raise ImportProblem(import_said("empty", name=name))
    if data.startswith(_OLE_MAGIC):
        raise ImportProblem(import_said("old_excel", name=name))
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, name)
    return read_csv_bytes(data, name, encoding=encoding, delimiter=delimiter)


def read_csv_bytes(
    data: bytes, name: str, *, encoding: str | None = None, delimiter: str | None = None
) -> SourceTable:
    text, used = decode(data, name, encoding)
    named, text = excel_separator(text)
    first_row = 2 if named else 1
    chosen = delimiter or named or guess_delimiter(text)
    if len(chosen) != 1:
        raise ImportProblem(import_said("delimiter", chosen=repr(chosen)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen, strict=False)
    records = _bounded_csv(reader, name)
    header, rows, numbers = _table(((first_row + i, r) for i, r in enumerate(records)), name)
    return SourceTable(name, "csv", header, rows, numbers, used, chosen)


def _bounded_csv(reader: Iterator[list[str]], name: str) -> Iterator[list[str]]:
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS + 1)
    try:
        yield from reader
    except csv.Error as exc:
        line = int(reader.line_num)  # type: ignore[attr-defined]
        raise ImportProblem(
            import_said("bad_csv", name=name, line=line, error=str(exc), most=MAX_CELL_CHARS)
        ) from None
    finally:
        csv.field_size_limit(old)


def _read_xlsx(data: bytes, name: str) -> SourceTable:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ImportProblem(import_said("bad_excel", name=name, error=str(exc))) from None
    except Exception as exc:  # openpyxl raises its own errors for damaged parts
        raise ImportProblem(import_said("bad_excel", name=name, error=str(exc))) from None
    try:
        if not book.worksheets:
            raise ImportProblem(import_said("no_sheet", name=name))
        sheet = book.worksheets[0]
        rows = (
            (number, [_xlsx_cell(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        header, body, numbers = _table(_bounded_sheet(rows, name), name)
    finally:
        book.close()
    return SourceTable(name, "xlsx", header, body, numbers)


def _bounded_sheet(
    rows: Iterable[tuple[int, list[Cell]]], name: str
) -> Iterator[tuple[int, list[Cell]]]:
    """A sheet's rows, refusing one whose rows (empty ones too) go on far past the limit."""
    for number, row in rows:
        if number > _MAX_SHEET_ROWS:
            raise ImportProblem(
                import_said("sheet_too_long", name=name, last=_MAX_SHEET_ROWS, most=MAX_ROWS)
            )
        yield number, row


def _xlsx_cell(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _table(
    numbered: Iterable[tuple[int, Sequence[Cell]]], name: str
) -> tuple[tuple[str, ...], tuple[tuple[Cell, ...], ...], tuple[int, ...]]:
    header: list[str] | None = None
    rows: list[tuple[Cell, ...]] = []
    numbers: list[int] = []
    for number, record in numbered:
        cells = [unguard(c) if isinstance(c, str) else c for c in record]
        if not any(c.strip() if isinstance(c, str) else True for c in cells):
            continue
        _check_row(cells, number, name)
        if header is None:
            header = [str(c).strip() for c in cells]
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportProblem(import_said("too_many", name=name, most=MAX_ROWS))
        rows.append(tuple(cells))
        numbers.append(number)
    if header is None:
        raise ImportProblem(import_said("no_header", name=name))
    width = max([len(header), *(len(r) for r in rows)])
    header += [f"Column {i + 1}" for i in range(len(header), width)]
    header = [h or f"Column {i + 1}" for i, h in enumerate(header)]
    padded = tuple(r + ("",) * (width - len(r)) for r in rows)
    return tuple(header), padded, tuple(numbers)


def _check_row(cells: Sequence[Cell], number: int, name: str) -> None:
    if len(cells) > MAX_COLUMNS:
        raise ImportProblem(import_said("too_wide", name=name, row=number, most=MAX_COLUMNS))
    for cell in cells:
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise ImportProblem(
                import_said(
                    "cell_too_long", name=name, row=number, length=len(cell), most=MAX_CELL_CHARS
                )
            )
