"""Hypothesis strategies for the service input models: shaped like the model (each field of
roughly its type, near its plausible range) and, now and then, garbage in any field (wrong
types, huge numbers, NaN, odd Unicode, huge text, unknown fields)."""

from __future__ import annotations

import types
import typing
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any

from hypothesis import strategies as st
from pydantic import AwareDatetime, BaseModel

from cryolog.domain.catalog import CONDITIONS, MODALITIES, PROTOCOLS

TODAY = date.today()

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\u200d",
        "\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b",
        "\x00",
        "Иванова",
        "O'Brien-Smith",
        "Zoë\u0301",
        "\U0001f600" * 3,
        "a" * 201,
        "long text " * 3000,
        "line\nbreak",
        "tab\tin it",
        "\u202eevil",
        "Corrected after the physician reviewed the values",
    ]
)
TEXT = st.one_of(st.text(max_size=40), ODD_TEXT)
GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**63 - 2, max_value=2**70),
    st.floats(),
    st.text(max_size=10),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
    st.just(date(1, 1, 1)),
    st.just(datetime(2024, 1, 1, 9, 0)),  # a time without its zone
)

DATES = st.one_of(
    st.dates(min_value=TODAY - timedelta(days=400), max_value=TODAY + timedelta(days=3)),
    st.dates(),
)
RECENT = st.datetimes(
    min_value=datetime.combine(TODAY - timedelta(days=60), datetime.min.time()),
    max_value=datetime.now() - timedelta(minutes=1),
    timezones=st.just(UTC),
)
MOMENTS = st.one_of(RECENT, st.datetimes(timezones=st.just(UTC)))

FIELD_HINTS: dict[str, st.SearchStrategy[Any]] = {
    "modality": st.sampled_from(sorted(MODALITIES)),
    "protocol_id": st.sampled_from(sorted(PROTOCOLS)),
    "started_at": MOMENTS,
    "birth_date": st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    "handout_language": st.sampled_from(["en", "ru", "de", ""]),
    "phone": st.sampled_from(["", "+7 912 123-45-67", "12", "abc", "+44 20 7946 0000"]),
    "email": st.sampled_from(["", "a@b.example", "not-an-email", "x@y"]),
    "duration_s": st.integers(min_value=-5, max_value=8000),
    "value": st.one_of(st.floats(min_value=-5, max_value=100), st.floats()),
}


def _strategy(annotation: Any, name: str = "") -> st.SearchStrategy[Any]:
    if name in FIELD_HINTS:
        return FIELD_HINTS[name]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _strategy(args[0], name)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([_strategy(a, name) for a in args])
    if annotation is type(None):
        return st.none()
    if origin is list:
        return st.lists(_strategy(args[0]), max_size=3)
    if origin is dict:
        keys = st.sampled_from(sorted(CONDITIONS)) if name == "answers" else st.text(max_size=12)
        return st.dictionaries(keys, _strategy(args[1]), max_size=4)
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return model_dicts(annotation)
        if issubclass(annotation, Enum):
            return st.sampled_from([member.value for member in annotation])
        if annotation is AwareDatetime or issubclass(annotation, datetime):
            return MOMENTS
        if annotation is bool:
            return st.booleans()
        if annotation is int:
            return st.one_of(st.integers(min_value=-5, max_value=400), st.integers())
        if annotation is float:
            return st.one_of(st.floats(min_value=-200, max_value=400), st.floats())
        if annotation is str:
            return TEXT
        if issubclass(annotation, date):
            return DATES
    return GARBAGE


def _field(annotation: Any, name: str) -> st.SearchStrategy[Any]:
    shaped = _strategy(annotation, name)
    return st.one_of(shaped, shaped, shaped, shaped, shaped, shaped, shaped, shaped, GARBAGE)


def model_dicts(
    model: type[BaseModel], base: dict[str, Any] | None = None
) -> st.SearchStrategy[Any]:
    """Dicts shaped like ``model``; sometimes a required field is missing, sometimes an
    unknown one is there, and now and then the whole thing is not a dict at all. With a
    valid ``base``, half are that base with one or two fields generated: inputs a field
    away from valid, where the edge cases are."""
    fields = {n: _field(f.annotation, n) for n, f in model.model_fields.items()}
    required = {n: fields[n] for n, f in model.model_fields.items() if f.is_required()}
    optional = {n: fields[n] for n, f in model.model_fields.items() if not f.is_required()}
    shaped = st.fixed_dictionaries(required, optional=optional)
    keys = st.sampled_from(sorted(required) or ["x"])
    mangled = st.builds(_mangle, shaped, st.sampled_from(["drop", "extra", "none"]), keys)
    choices = [shaped, shaped, shaped, shaped, mangled, GARBAGE]
    if base is not None:
        name = st.sampled_from(sorted(fields))
        changes = st.lists(name.flatmap(lambda n: st.tuples(st.just(n), fields[n])), max_size=2)
        near = st.builds(lambda c: {**base, **dict(c)}, changes)
        choices = [near] * len(choices) + choices
    return st.one_of(choices)


def _mangle(data: dict[str, Any], how: str, key: str) -> dict[str, Any]:
    if how == "drop":
        return {k: v for k, v in data.items() if k != key}
    if how == "extra":
        return {**data, "unexpected_field": 1}
    return data
