"""The canonical encoding of what the audit trail hashes.

Hashes are taken from Python values after normalising them by the column's kind, never
from the text a driver hands over, so an SQLite file and a PostgreSQL server holding the
same records give the same hashes. ``plain`` turns one value into its plain form:

- NULL (None) → JSON ``null``; booleans → JSON ``true`` / ``false``;
- integers → their decimal digits as a JSON string (``"120"``);
- floating-point numbers → a JSON string of the shortest decimal that reads back as the same
  double (Python's ``repr``), written without an exponent (``"0.00001"``, ``"165.0"``);
  ``-0.0`` is ``"0.0"``; NaN is refused;
- text → itself, exactly as stored (no normalisation: a changed byte must change the hash);
- dates → ``"YYYY-MM-DD"``; times → UTC, ``"YYYY-MM-DDTHH:MM:SS.ffffffZ"`` (always six
  digits of microseconds; a time without a zone is read as UTC, the way the files store it;
  SQLite's integer of microseconds since 1970 and its older texts give the same form);
- bytes → lowercase hexadecimal;
- lists → JSON arrays in their order; mappings → JSON objects.

``audit_chain.canonical`` writes the plain form as JSON with the keys sorted, no spaces
(``separators=(",", ":")``) and every non-ASCII character escaped (``\\u043c``), and
returns its ASCII bytes. A value a column of that kind cannot hold (text in an integer
column, a blob in a text column) becomes ``{"!type": ..., "!value": ...}``, which no valid
value encodes to, so tampering of that sort shows as a changed hash too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

Plain = None | bool | str | list[Any] | dict[str, Any]


def invalid(value: object) -> dict[str, str]:
    """The plain form of a value its column cannot hold (never equal to a valid one)."""
    shown = bytes(value).hex() if isinstance(value, bytes | memoryview) else repr(value)
    return {"!type": type(value).__name__, "!value": shown}


def plain_int(value: object) -> Plain:
    if type(value) is int:
        return str(value)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # SQLite stores 120.0 in an INTEGER column as 120
    return invalid(value)


def float_text(value: float) -> str:
    if math.isnan(value):
        raise ValueError("NaN has no canonical form")
    if value == 0:
        return "0.0"
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def plain_float(value: object) -> Plain:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        return invalid(value) if math.isnan(number) else float_text(number)
    return invalid(value)


def plain_bool(value: object) -> Plain:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    return invalid(value)


def plain_text(value: object) -> Plain:
    if type(value) is str or value is None:
        return value
    return value if isinstance(value, str) else invalid(value)


_STORED_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{6})?")


def plain_date(value: object) -> Plain:
    if type(value) is str and _STORED_DATE.fullmatch(value):
        return value  # the form SQLite files hold: already canonical
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    return invalid(value)


def utc_text(moment: datetime) -> str:
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)


def stored_time(moment: datetime) -> int:
    """A time as SQLite files store it (revision 0022): an integer, the microseconds since
    1970-01-01 UTC (a naive time is read as UTC). Every instant has one form and the
    integers compare and sort as their instants do. Files written before 0022 held text
    (``YYYY-MM-DD HH:MM:SS`` and ``.ffffff`` when it had one, always six digits before
    0021); their audit rows keep it, so every reader takes both (``stored_instant``)."""
    if moment.tzinfo is None:
        return (moment - _NAIVE_EPOCH) // _MICROSECOND
    return (moment - EPOCH) // _MICROSECOND


def stored_instant(value: object) -> datetime:
    """The aware UTC time a stored value holds: the integer of ``stored_time``, SQLite's
    older texts (19 or 26 characters, naive UTC), or a driver's datetime (naive = UTC)."""
    if type(value) is int:
        return EPOCH + timedelta(microseconds=value)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    raise TypeError(f"a stored time cannot be {type(value).__name__}")


def _micros_text(value: int) -> Plain:
    try:
        moment = _NAIVE_EPOCH + timedelta(microseconds=value)
    except OverflowError:
        return invalid(value)
    return moment.isoformat(timespec="microseconds") + "Z"


def plain_datetime(value: object) -> Plain:
    if type(value) is int:
        return _micros_text(value)  # the integer SQLite files hold (``stored_time``)
    if type(value) is str and _STORED_TIME.fullmatch(value):
        # The texts older SQLite files hold, rewritten without parsing; a text of this
        # shape that is no real time cannot equal any real time's form.
        return (
            f"{value[:10]}T{value[11:]}Z"
            if len(value) > 19
            else f"{value[:10]}T{value[11:]}.000000Z"
        )
    if value is None:
        return None
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, str) and len(value) >= 19:
        try:
            return utc_text(datetime.fromisoformat(value))
        except ValueError:
            pass
    return invalid(value)


def plain_bytes(value: object) -> Plain:
    if value is None:
        return None
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return invalid(value)


PLAIN: dict[str, Callable[[object], Plain]] = {
    "int": plain_int,
    "float": plain_float,
    "bool": plain_bool,
    "text": plain_text,
    "date": plain_date,
    "datetime": plain_datetime,
    "bytes": plain_bytes,
}
"""The plain form of a column value, by the column's kind."""


def plain(value: object) -> Plain:
    """The plain form of a value whose kind is its Python type (metadata, content)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    raise TypeError(f"{type(value).__name__} has no canonical form")
