"""Phone numbers as they are dictated: the digit forms a number is found by.

A stored number is kept as typed; for searching it is also read with the phonenumbers
library (the practice's country is the region for numbers typed without "+") and indexed
in three digit forms: as typed, international (country code and number, "79121234567")
and national, with the country's trunk prefix ("89121234567", French "0612345678"). A
search for any run of at least ``MIN_DIGITS`` digits matches when one of the forms holds
it, so "345-67", "8 912 …" and "+7 912 …" all find "+7 912 345-67-89". Every suffix of
every form is a key in a plain indexed table, so "contains" is a prefix range on a B-tree
(portable SQL, no full-text module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the functions that read numbers: a name search and the
    import phonenumbers  # window's start do not need it

MIN_DIGITS = 3
MAX_KEY_DIGITS = 20
DEFAULT_REGION = "RU"


def digits(text: str) -> str:
    return "".join(ch for ch in text if "0" <= ch <= "9")


def is_region(code: str) -> bool:
    """A two-letter country code the phone library knows ("RU", "FR", …)."""
    import phonenumbers

    return code in phonenumbers.SUPPORTED_REGIONS


def regions() -> list[str]:
    import phonenumbers

    return sorted(phonenumbers.SUPPORTED_REGIONS)


def _parsed(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    if len(digits(text)) < MIN_DIGITS:
        return None
    try:
        return phonenumbers.parse(text, region if is_region(region) else None)
    except phonenumbers.NumberParseException:
        return None


def international_digits(text: str, region: str) -> str:
    """Country code and number as digits ("79121234567"), or '' when it cannot be read."""
    import phonenumbers

    number = _parsed(text, region)
    if number is None:
        return ""
    return digits(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def forms(text: str, region: str) -> set[str]:
    """The digit forms ``text`` is found by: as typed, international and national."""
    import phonenumbers

    found = {digits(text)}
    number = _parsed(text, region)
    if number is not None:
        for style in (phonenumbers.PhoneNumberFormat.E164, phonenumbers.PhoneNumberFormat.NATIONAL):
            found.add(digits(phonenumbers.format_number(number, style)))
    return {f[:MAX_KEY_DIGITS] for f in found if len(f) >= MIN_DIGITS}


def whole_forms(text: str, region: str) -> set[str]:
    """What two numbers must share to be the same number: the international form, or the
    digits as typed when the library cannot read it."""
    international = international_digits(text, region)
    if international:
        return {international}
    typed = digits(text)
    return {typed} if len(typed) >= MIN_DIGITS else set()


def index_keys(text: str, region: str) -> dict[str, bool]:
    """Every suffix (of at least ``MIN_DIGITS``) of every form, and whether it is a whole
    form (True) or only a part of one."""
    wholes = whole_forms(text, region)
    keys: dict[str, bool] = {}
    for form in forms(text, region):
        for start in range(len(form) - MIN_DIGITS + 1):
            key = form[start:]
            keys[key] = keys.get(key, False) or key in wholes
    return keys


def query_digits(text: str) -> str:
    """The digits a phone search looks for ('' when there are too few to search)."""
    found = digits(text)
    return found[:MAX_KEY_DIGITS] if len(found) >= MIN_DIGITS else ""
