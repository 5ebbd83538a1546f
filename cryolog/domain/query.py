"""Understanding what the practitioner typed into the patient search field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from cryolog.domain.phone import query_digits
from cryolog.domain.text import name_tokens

_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y")
_PHONE_LIKE = re.compile(r"^[0-9+()\-./ ]+$")
MAX_WORDS = 8
"""Name words beyond this are ignored: nobody types more, and pasted text must not turn
into a query too big for the database to run."""


@dataclass(frozen=True)
class PatientQuery:
    """Name word prefixes (all must match), an exact birth date, or phone digits."""

    words: tuple[str, ...] = ()
    birth_date: date | None = None
    phone_digits: str = ""

    @property
    def empty(self) -> bool:
        return not (self.words or self.birth_date or self.phone_digits)


def parse_query(text: str) -> PatientQuery:
    text = text.strip()
    if not text:
        return PatientQuery()
    if _PHONE_LIKE.match(text) and not _as_date(text):
        found = query_digits(text)
        if found:
            return PatientQuery(phone_digits=found)
    words: list[str] = []
    birth: date | None = None
    for chunk in text.split():
        as_date = _as_date(chunk)
        if as_date is not None:
            birth = as_date
        else:
            words.extend(sorted(name_tokens(chunk)))
    return PatientQuery(words=tuple(dict.fromkeys(words))[:MAX_WORDS], birth_date=birth)


def _as_date(text: str) -> date | None:
    if not any(ch.isdigit() for ch in text):  # a name word: no date format can match it
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
