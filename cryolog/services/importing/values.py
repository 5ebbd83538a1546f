"""Reading one cell as a patient field: birth dates in a chosen layout, full names split."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from cryolog.domain.locale import MACHINE
from cryolog.domain.messages import Message
from cryolog.services.importing.mapping import NameOrder

DATE_FORMATS: dict[str, str] = {
    "dd.mm.yyyy": "%d.%m.%Y",
    "dd/mm/yyyy": "%d/%m/%Y",
    "yyyy-mm-dd": "%Y-%m-%d",
    "mm/dd/yyyy": "%m/%d/%Y",
}
_MIDNIGHT = re.compile(r"[ T]0?0:00(:00(\.0+)?)?$")


class AmbiguousDates(Exception):
    """Every birth date reads both day-first and month-first: the practitioner chooses."""

    def __init__(self, example: str, formats: list[str]) -> None:
        super().__init__(
            f"birth dates such as {example} could be {' or '.join(formats)}; choose the layout"
        )
        self.example = example
        self.formats = formats


class NotADate(ValueError):
    """A birth date cell that is not a date in the layout; ``said`` in any language."""

    def __init__(self, cell: str, layout: str) -> None:
        self.said = Message("import.not_a_date", cell=repr(cell), layout=layout)
        super().__init__(self.said.render(MACHINE))


def parse_date(cell: str | date, layout: str) -> date:
    """A birth date cell in ``layout`` (a DATE_FORMATS key); ValueError says why not."""
    if isinstance(cell, date):
        return cell
    text = _MIDNIGHT.sub("", cell.strip())
    try:
        return datetime.strptime(text, DATE_FORMATS[layout]).date()
    except ValueError:
        raise NotADate(cell.strip(), layout) from None


def guess_date_format(cells: Iterable[str | date]) -> str:
    """The layout every text birth date fits (the one most fit, if none fits them all).

    AmbiguousDates when day-first and month-first both fit every date."""
    texts = [c.strip() for c in cells if isinstance(c, str) and c.strip()]
    if not texts:
        return "dd.mm.yyyy"
    fits = {layout: sum(_fits(t, layout) for t in texts) for layout in DATE_FORMATS}
    best = max(fits.values())
    winners = [layout for layout, n in fits.items() if n == best]
    if len(winners) > 1 and best > 0:
        example = next(t for t in texts if all(_fits(t, w) for w in winners))
        raise AmbiguousDates(example, winners)
    return winners[0]


def _fits(text: str, layout: str) -> bool:
    try:
        parse_date(text, layout)
    except ValueError:
        return False
    return True


def split_full_name(text: str, order: NameOrder) -> tuple[str, str, str]:
    """Family, given and middle name from one cell ("Smith, John" puts the family first)."""
    if "," in text:
        family, _, rest = text.partition(",")
        words = rest.split()
        return family.strip(), words[0] if words else "", " ".join(words[1:])
    words = text.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return words[0], "", ""
    if order is NameOrder.FAMILY_FIRST:
        return words[0], words[1], " ".join(words[2:])
    return words[-1], words[0], " ".join(words[1:-1])
