"""Shared pieces of the input schemas: strict models, ranged numbers, clean text."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Strict, ValidationError

from cryolog.domain import ranges
from cryolog.domain.errors import FieldError, InvalidInput, MessageError, refuse, said
from cryolog.domain.messages import Message
from cryolog.domain.ranges import Range
from cryolog.domain.text import bad_characters

LINE_MAX = 200
TEXT_MAX = 20_000

M = TypeVar("M", bound=BaseModel)
E = TypeVar("E")

Choice = Annotated[E, Strict(False)]
"""An enum field that accepts its string values ("F" for TempUnit.F)."""


class Input(BaseModel):
    """Strict: no unknown fields, no silent type coercion ("12" is not 12)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


def _in_range(spec: Range) -> Callable[[float], float]:
    def check(value: float) -> float:
        problem = spec.problem(value)
        if problem:
            raise MessageError(problem)
        return value

    return check


def _clean(max_len: int, *, multiline: bool, required: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = unicodedata.normalize("NFC", value.strip())
        if required and not value:
            raise refuse("required")
        if len(value) > max_len:
            raise refuse("too_long", length=len(value), maximum=max_len)
        problem = bad_characters(value, multiline=multiline)
        if problem:
            raise MessageError(problem)
        return value

    return check


def _past_date(value: date) -> date:
    if value > date.today():
        raise refuse("future", day=value)
    return value


Line = Annotated[str, AfterValidator(_clean(LINE_MAX, multiline=False, required=False))]
RequiredLine = Annotated[str, AfterValidator(_clean(LINE_MAX, multiline=False, required=True))]
Text = Annotated[str, AfterValidator(_clean(TEXT_MAX, multiline=True, required=False))]
Reason = Annotated[str, AfterValidator(_clean(TEXT_MAX, multiline=True, required=True))]
PastDate = Annotated[date, AfterValidator(_past_date)]

Systolic = Annotated[int, AfterValidator(_in_range(ranges.SYSTOLIC))]
Diastolic = Annotated[int, AfterValidator(_in_range(ranges.DIASTOLIC))]
HeartRate = Annotated[int, AfterValidator(_in_range(ranges.HEART_RATE))]
SpO2 = Annotated[int, AfterValidator(_in_range(ranges.SPO2))]
Nrs = Annotated[int, AfterValidator(_in_range(ranges.NRS))]
SkinTemp = Annotated[float, AfterValidator(_in_range(ranges.SKIN_TEMP))]
Height = Annotated[float, AfterValidator(_in_range(ranges.HEIGHT))]
Weight = Annotated[float, AfterValidator(_in_range(ranges.WEIGHT))]
AreaDm2 = Annotated[float, AfterValidator(_in_range(ranges.AREA_DM2))]
Passes = Annotated[int, AfterValidator(_in_range(ranges.PASSES))]
ExposureS = Annotated[int, AfterValidator(_in_range(ranges.DURATION_LOCAL))]


def ranged(spec: Range) -> AfterValidator:
    return AfterValidator(_in_range(spec))


_FRIENDLY = {
    "missing": "required",
    "int_type": "whole_number",
    "int_from_float": "whole_number",
    "int_parsing": "whole_number",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "yes_or_no",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "datetime_type": "date_time",
    "datetime_parsing": "date_time",
    "string_type": "text",
    "extra_forbidden": "unknown_field",
    "list_type": "list",
    "dict_type": "answers",
    "timezone_aware": "time_zone",
    "enum": "choice",
}


def field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for item in loc:
        path += f"[{item}]" if isinstance(item, int) else (f".{item}" if path else str(item))
    return path


def friendly_errors(exc: ValidationError) -> list[FieldError]:
    errors = []
    for err in exc.errors():
        ctx: dict[str, Any] = err.get("ctx") or {}
        error = ctx.get("error")
        message: Message
        if err["type"] == "value_error" and isinstance(error, MessageError):
            message = error.said
        elif err["type"] == "value_error" and error is not None:
            message = Message.text(str(error))
        elif err["type"] in _FRIENDLY:
            message = said(_FRIENDLY[err["type"]])
        else:
            message = Message.text(err["msg"][0].lower() + err["msg"][1:])
        errors.append(FieldError(field_path(err["loc"]), message))
    return errors


def parse(model: type[M], data: Any) -> M:
    """Validate ``data`` (a dict or a model instance) or raise InvalidInput naming each field."""
    try:
        if isinstance(data, model):
            return data  # validated when it was built; models are frozen
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(friendly_errors(exc)) from None
