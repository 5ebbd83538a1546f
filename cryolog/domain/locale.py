"""How numbers, dates and plurals are written in each language.

A ``Locale`` is everything the messages and the printed documents need to write a value
the way a reader of that language expects: "−110,5 °C" and 01.12.2026 in Russian,
"-110.5 °C" and 01.12.2026 in the English window. ``MACHINE`` is the command line's form
(English words, ISO dates, a plain "-"): exports, JSON and the command line's messages keep
it whatever language the window speaks.

The window's language is one process-wide choice (``use_language``, set once when the
window starts); a document printed in another language renders inside ``in_locale``.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

Number = int | float | Decimal

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _is_integer(value: Number) -> bool:
    return isinstance(value, int) or float(value).is_integer()


def plural_one_other(value: Number) -> str:
    """English and German (CLDR): "one" for exactly 1, written without decimals."""
    return "one" if _is_integer(value) and abs(int(value)) == 1 else "other"


def plural_russian(value: Number) -> str:
    """Russian (CLDR): 1, 21, 101 → one; 2–4, 22–24 → few; 0, 5–20, 25 … → many;
    fractions → other."""
    if not _is_integer(value):
        return "other"
    n = abs(int(value))
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


@dataclass(frozen=True, slots=True)
class Locale:
    language: str
    decimal: str
    minus: str
    date_pattern: str
    datetime_pattern: str
    plural_rule: Callable[[Number], str]
    plural_forms: tuple[str, ...]

    # numbers ---------------------------------------------------------------------------

    def localize(self, text: str) -> str:
        """A number written the Python way ('-110.5') in this locale ('−110,5')."""
        if self.decimal != ".":
            text = text.replace(".", self.decimal)
        if self.minus != "-":
            text = text.replace("-", self.minus)
        return text

    def number(self, value: Number, spec: str = "") -> str:
        """``spec`` is a Python format spec ('.1f'); without one, the shortest plain form:
        '160', '14.5' ('14,5')."""
        if isinstance(value, bool):
            return str(value)
        if spec:
            return self.localize(format(value, spec))
        if isinstance(value, int):
            return self.localize(str(value))
        as_float = float(value)
        return self.localize(str(int(as_float)) if as_float.is_integer() else f"{as_float:g}")

    def parse_number(self, text: str) -> float | None:
        """A typed number in any of the forms people use here: '−110,5', '-110.5', '1 200'.
        None when the text is not a number."""
        cleaned = _NUMBER_SPACES.sub("", text.strip())
        cleaned = cleaned.replace("−", "-").replace("–", "-").replace(",", ".")
        if not _PLAIN_NUMBER.fullmatch(cleaned):
            return None
        return float(cleaned)

    # dates -----------------------------------------------------------------------------

    def date(self, day: date) -> str:
        return day.strftime(self.date_pattern)

    def datetime(self, moment: datetime) -> str:
        """A moment in the machine's local time (an aware time is converted first)."""
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return moment.strftime(self.datetime_pattern)

    # plurals ---------------------------------------------------------------------------

    def plural(self, value: Number) -> str:
        return self.plural_rule(value)


_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f']")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")

ENGLISH = Locale("en", ".", "-", "%d.%m.%Y", "%d.%m.%Y %H:%M", plural_one_other, ("one", "other"))
RUSSIAN = Locale(
    "ru", ",", "−", "%d.%m.%Y", "%d.%m.%Y %H:%M", plural_russian, ("one", "few", "many", "other")
)
GERMAN = Locale("de", ",", "−", "%d.%m.%Y", "%d.%m.%Y %H:%M", plural_one_other, ("one", "other"))
MACHINE = Locale("en", ".", "-", "%Y-%m-%d", "%Y-%m-%d %H:%M", plural_one_other, ("one", "other"))
"""The command line, exports and JSON: English words, ISO dates, plain digits."""

LOCALES: dict[str, Locale] = {loc.language: loc for loc in (ENGLISH, RUSSIAN, GERMAN)}

WINDOW_LANGUAGES: tuple[str, ...] = ("en", "ru")
"""Languages the window and its messages are written in (handouts may have more)."""


def locale_for(language: str) -> Locale:
    """The locale of ``language`` ('ru', 'ru_RU', 'ru-RU'); English when there is none."""
    code = language.replace("-", "_").split("_")[0].lower()
    return LOCALES.get(code, ENGLISH)


def system_language(environ: dict[str, str] | None = None) -> str:
    """The window language the system asks for (LC_ALL, LC_MESSAGES, LANG), if cryolog
    speaks it; English otherwise."""
    import os

    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "").strip()
        if value and value not in ("C", "POSIX"):
            code = value.replace("-", "_").split("_")[0].split(".")[0].split(":")[0].lower()
            return code if code in WINDOW_LANGUAGES else "en"
    return "en"


_default: Locale = MACHINE
_window: Locale = ENGLISH
_scoped: contextvars.ContextVar[Locale | None] = contextvars.ContextVar("locale", default=None)


def current() -> Locale:
    """The locale messages render in: a scoped one (``in_locale``), else the process's."""
    return _scoped.get() or _default


def use_language(language: str | None) -> Locale:
    """Make ``language`` the process's locale (the window's); None goes back to MACHINE."""
    global _default, _window
    _default = MACHINE if language is None else locale_for(language)
    _window = ENGLISH if language is None else _default
    return _default


def window_locale() -> Locale:
    """How the window writes dates and numbers: its language's way (English: 01.12.2026),
    also before ``use_language`` was called (never ISO)."""
    return _scoped.get() or _window


def shown(value: Number, spec: str = "") -> str:
    """A number the way the window writes it: "−110,5" in Russian, "-110.5" in English.
    Every number a window shows goes through here (or through a message)."""
    return window_locale().number(value, spec)


def shown_with_unit(value: Number, unit: str, spec: str = "") -> str:
    """ "−110,5 °C": the number the window's way, a space, its unit."""
    return f"{shown(value, spec)} {unit}" if unit else shown(value, spec)


def shown_range(low: Number, high: Number, unit: str = "") -> str:
    """ "−160 … −110 °C"."""
    return shown_with_unit(high, unit).join((f"{shown(low)} … ", ""))


def shown_size(size_bytes: int) -> str:
    """A file's size: "12 KB", "3.4 MB" ("3,4 MB")."""
    if size_bytes < 1024 * 1024:
        return shown_with_unit(max(size_bytes, 1) / 1024, "KB", ".0f")
    return shown_with_unit(size_bytes / (1024 * 1024), "MB", ".1f")


@contextmanager
def in_locale(locale: Locale | str) -> Iterator[Locale]:
    """Render in ``locale`` inside the block (a document in the patient's language)."""
    chosen = locale_for(locale) if isinstance(locale, str) else locale
    token = _scoped.set(chosen)
    try:
        yield chosen
    finally:
        _scoped.reset(token)
