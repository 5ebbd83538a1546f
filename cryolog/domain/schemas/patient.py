"""Input for registering and editing a patient."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, field_validator

from cryolog.domain.age import years_before
from cryolog.domain.enums import Sex
from cryolog.domain.errors import refuse
from cryolog.domain.ranges import MAX_AGE_YEARS
from cryolog.domain.reasons import has_visible_letter
from cryolog.domain.schemas._base import Choice, Height, Input, Line, RequiredLine, Text, Weight

_PHONE = re.compile(r"^[0-9+()\-./ ]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _birth_date(value: date) -> date:
    today = date.today()
    if value >= today:
        raise refuse("not_past", day=value)
    oldest = years_before(today, MAX_AGE_YEARS)
    if value < oldest:
        raise refuse("too_old", day=value, years=MAX_AGE_YEARS)
    return value


BirthDate = Annotated[date, AfterValidator(_birth_date)]

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(_[a-z]{2})?")


class PatientInput(Input):
    family_name: RequiredLine
    given_name: Line = ""
    middle_name: Line = ""
    birth_date: BirthDate
    sex: Choice[Sex] = Sex.UNKNOWN
    height_cm: Height | None = None
    weight_kg: Weight | None = None
    phone: Line = ""
    email: Line = ""
    address: Text = ""
    notes: Text = ""
    handout_language: str = "en"

    @field_validator("family_name", "given_name", "middle_name")
    @classmethod
    def _has_a_letter(cls, value: str) -> str:
        if value and not has_visible_letter(value):
            raise refuse("name_letter")
        return value

    @field_validator("phone")
    @classmethod
    def _phone_chars(cls, value: str) -> str:
        if not _PHONE.match(value):
            raise refuse("phone_characters")
        if value and sum(ch.isdigit() for ch in value) < 3:
            raise refuse("phone_digits")
        return value

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str) -> str:
        if value and not _EMAIL.match(value):
            raise refuse("email", value=value)
        return value

    @field_validator("handout_language")
    @classmethod
    def _language(cls, value: str) -> str:
        # which languages exist is data (the ``language`` table, checked by the service);
        # here only the shape of a code
        if not _LANGUAGE_CODE.fullmatch(value):
            raise refuse("language_code")
        return value
