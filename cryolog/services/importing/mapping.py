"""Which column holds what: the mapping from a patient list's columns to patient fields.

A mapping is guessed from the header (the usual English and Russian headings, and the
column names of cryolog's own CSV export), chosen in the import dialog, or given on the
command line as ``family=Фамилия,given=Имя,birth=Дата рождения``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from cryolog.domain.text import fold
from cryolog.services.importing.limits import ImportProblem

FIELDS: tuple[str, ...] = (
    "family_name",
    "given_name",
    "middle_name",
    "full_name",
    "birth_date",
    "phone",
    "email",
    "notes",
)
FIELD_LABELS: dict[str, str] = {
    "family_name": "Family name",
    "given_name": "Given name",
    "middle_name": "Middle name / patronymic",
    "full_name": "Full name (one column)",
    "birth_date": "Birth date",
    "phone": "Phone",
    "email": "E-mail",
    "notes": "Notes",
}
SHORT_NAMES: dict[str, str] = {
    "family": "family_name",
    "surname": "family_name",
    "given": "given_name",
    "first": "given_name",
    "middle": "middle_name",
    "patronymic": "middle_name",
    "name": "full_name",
    "full": "full_name",
    "birth": "birth_date",
    "born": "birth_date",
    "dob": "birth_date",
    "phone": "phone",
    "email": "email",
    "notes": "notes",
}


class NameOrder(StrEnum):
    """How one full-name column is ordered."""

    FAMILY_FIRST = "family-first"  # Иванова Мария Петровна; "Smith, John"
    GIVEN_FIRST = "given-first"  # John Michael Smith


NAME_ORDER_LABELS = {
    NameOrder.FAMILY_FIRST: "Family name first (Ivanova Maria Petrovna)",
    NameOrder.GIVEN_FIRST: "Given name first (Mary Ann Smith)",
}

_HEADERS: dict[str, tuple[str, ...]] = {
    "family_name": (
        "family", "family name", "familyname", "surname", "last name", "lastname",
        "фамилия", "фам",
    ),
    "given_name": (
        "given", "given name", "givenname", "first name", "firstname", "forename", "имя",
    ),
    "middle_name": (
        "middle", "middle name", "middlename", "patronymic", "second name", "отчество",
    ),
    "full_name": (
        "name", "full name", "fullname", "patient", "patient name", "фио", "ф и о",
        "имя полностью", "пациент", "полное имя",
    ),
    "birth_date": (
        "birth date", "birthdate", "date of birth", "dob", "birthday", "born", "d o b",
        "дата рождения", "др", "д р", "день рождения", "рожд", "год рождения",
    ),
    "phone": (
        "phone", "telephone", "tel", "mobile", "cell", "phone number", "mobile phone",
        "телефон", "тел", "мобильный", "мобильный телефон", "моб телефон", "номер телефона",
    ),
    "email": (
        "email", "e mail", "mail", "email address", "e mail address",
        "электронная почта", "эл почта", "почта", "емейл", "емэйл",
    ),
    "notes": (
        "notes", "note", "comment", "comments", "remarks", "примечание", "примечания",
        "комментарий", "комментарии", "заметки",
    ),
}  # fmt: skip
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def header_key(text: str) -> str:
    """A heading as compared: case, accents, punctuation and spacing ignored."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


_BY_HEADER = {header_key(h): f for f, names in _HEADERS.items() for h in (*names, f)}


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """``columns[field]`` is the column index holding that field."""

    columns: Mapping[str, int] = field(default_factory=dict)
    name_order: NameOrder = NameOrder.FAMILY_FIRST
    date_format: str | None = None  # a DATE_FORMATS key; None: guess from the values

    def with_column(self, field_name: str, column: int | None) -> ColumnMap:
        columns = {k: v for k, v in self.columns.items() if k != field_name}
        if column is not None:
            columns[field_name] = column
        return replace(self, columns=columns)

    @property
    def uses_full_name(self) -> bool:
        return "family_name" not in self.columns and "full_name" in self.columns

    def problems(self) -> list[str]:
        """What is missing before rows can be read."""
        found = []
        if "family_name" not in self.columns and "full_name" not in self.columns:
            found.append("Choose the column with the family name (or the full name).")
        if "birth_date" not in self.columns:
            found.append("Choose the column with the birth date.")
        return found


def guess_map(header: Sequence[str]) -> ColumnMap:
    """The mapping the header suggests; the first column with a known heading wins."""
    columns: dict[str, int] = {}
    for index, heading in enumerate(header):
        known = _BY_HEADER.get(header_key(heading))
        if known is not None and known not in columns:
            columns[known] = index
    if "family_name" in columns:
        columns.pop("full_name", None)
    return ColumnMap(columns)


def parse_map_option(text: str, header: Sequence[str], base: ColumnMap) -> ColumnMap:
    """``family=Фамилия,given=Имя`` (a heading, or a column number from 1) over ``base``."""
    keys = {header_key(h): i for i, h in reversed(list(enumerate(header)))}
    chosen = base
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, column = part.partition("=")
        target = SHORT_NAMES.get(name.strip().lower(), name.strip().lower())
        if not sep or target not in FIELDS:
            known = ", ".join(sorted(SHORT_NAMES))
            raise ImportProblem(f"--map: {part!r} is not FIELD=COLUMN (fields: {known}).")
        chosen = chosen.with_column(target, _column(column.strip(), keys, len(header)))
    return chosen


def _column(text: str, keys: Mapping[str, int], width: int) -> int:
    if header_key(text) in keys:
        return keys[header_key(text)]
    if text.isdigit() and 1 <= int(text) <= width:
        return int(text) - 1
    raise ImportProblem(f"--map: the file has no column {text!r}.")
