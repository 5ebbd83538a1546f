"""Problems with a JSON case, named by field path, in the practitioner's words (not pydantic's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cryolog.domain.rules.jsonmodels import COLD_TEST_KINDS


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a case is invalid; ``path`` like ``course.sessions[2].at`` ('' = the whole)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidCase(ValueError):
    """The case cannot be evaluated; ``problems`` lists every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


FIXED_MESSAGES: dict[str, str] = {
    "missing": "required",
    "extra_forbidden": "unknown key",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
    "string_type": "must be a string",
    "string_too_short": "must not be empty",
    "model_type": "must be an object",
    "dict_type": "must be an object",
    "list_type": "must be a list",
    "tuple_type": "must be a list [systolic, diastolic]",
    "too_short": "must be a list [systolic, diastolic]",
    "too_long": "must be a list [systolic, diastolic]",
    "date_type": "must be a date YYYY-MM-DD",
    "date_parsing": "must be a date YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date YYYY-MM-DD",
    "datetime_type": "must be a local time YYYY-MM-DDTHH:MM",
    "datetime_parsing": "must be a local time YYYY-MM-DDTHH:MM",
    "datetime_from_date_parsing": "must be a local time YYYY-MM-DDTHH:MM",
    "finite_number": "must be a finite number",
    "union_tag_not_found": "required (ice_cube, cold_pressor or temp_threshold)",
    "union_tag_invalid": "must be one of ice_cube, cold_pressor, temp_threshold",
}


def format_path(loc: Sequence[str | int]) -> str:
    """('course', 'sessions', 2, 'at') -> 'course.sessions[2].at'."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _clean_loc(loc: Sequence[str | int], kind: str) -> list[str | int]:
    """Drop pydantic's own markers: dict-key marks and the cold-test union tag."""
    parts: list[str | int] = []
    for part in loc:
        tag = part in COLD_TEST_KINDS and bool(parts) and isinstance(parts[-1], int)
        if part != "[key]" and not tag:
            parts.append(part)
    if kind.startswith("union_tag"):
        parts.append("kind")
    return parts


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if kind == "literal_error":
        return f"must be {ctx.get('expected', 'one of the allowed values')}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    return FIXED_MESSAGES.get(kind, error["msg"].removeprefix("Value error, "))


def problems_of(error: ValidationError) -> list[Problem]:
    return [
        Problem(format_path(_clean_loc(e["loc"], e["type"])), _message(e)) for e in error.errors()
    ]
