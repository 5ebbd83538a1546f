"""Guessing how a CSV file was written: its encoding and its delimiter.

Encodings: a byte-order mark decides (UTF-8, UTF-16 from Excel's "Unicode text"); text that
is valid UTF-8 is UTF-8; otherwise it is Windows-1251 (Cyrillic) or cp1252 (Western), which
charset-normalizer tells apart from the letters the bytes would make.
"""

from __future__ import annotations

import codecs
import csv
import io

from charset_normalizer import from_bytes

from cryolog.services.importing.limits import ImportProblem, import_said

LEGACY_ENCODINGS = ("cp1251", "cp1252")
DELIMITERS = (";", ",", "\t", "|")
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_RECORDS = 50

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with (``encoding`` if given)."""
    if encoding:
        return _strict(data, name, encoding), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, name, codec), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    guessed = best.encoding if best is not None else "cp1252"
    return _strict(data, name, guessed), guessed


def _strict(data: bytes, name: str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportProblem(import_said("unknown_encoding", encoding=repr(encoding))) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            import_said(
                "wrong_encoding",
                name=name,
                encoding=encoding,
                byte=f"0x{data[exc.start]:02x}",
                position=exc.start + 1,
            )
        ) from None
    return text.removeprefix("\ufeff")


def excel_separator(text: str) -> tuple[str | None, str]:
    """Excel's ``sep=;`` first line: the delimiter it names, and the text after it."""
    first, newline, rest = text.partition("\n")
    line = first.rstrip("\r")
    if line.lower().startswith("sep=") and len(line) == 5:
        return line[4], rest if newline else ""
    return None, text


def guess_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the same number (> 1) of columns."""
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        widths = _widths(sample, delimiter)
        if not widths or widths[0] < 2:
            continue
        same = sum(1 for w in widths if w == widths[0]) / len(widths)
        score = (same, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _widths(sample: str, delimiter: str) -> list[int]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    widths = []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                widths.append(len(record))
            if len(widths) >= _SAMPLE_RECORDS:
                break
    except csv.Error:
        return widths
    return widths
