"""The message catalogs: ``resources/messages/<language>.toml``, one per window language.

Tables nest the keys (``[rule]`` + ``bp_missing = "..."`` is the key ``rule.bp_missing``).
A table whose keys are all CLDR plural categories (``one``, ``few``, ``many``, ``other``)
is one plural entry, not a group of keys. A language without a catalog, or a key missing
from one, falls back to English.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

Entry = str | dict[str, str]

PLURAL_KEYS = frozenset({"zero", "one", "two", "few", "many", "other"})
_PACKAGE = Path(__file__).resolve().parent.parent
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z_][a-z0-9_]*)(?::[^{}]*)?\}")


def messages_dir() -> Path:
    """Where the catalogs are: installed inside the package, or beside it in a checkout."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        folder = candidate / "messages"
        if folder.is_dir():
            return folder
    raise FileNotFoundError(f"cryolog's message catalogs are missing (looked beside {_PACKAGE})")


def is_plural(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= PLURAL_KEYS


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, str):
            out[key] = value
        elif is_plural(value):
            out[key] = {form: str(text) for form, text in value.items()}
        elif isinstance(value, dict):
            out.update(flatten(value, f"{key}."))
        else:
            raise ValueError(f"catalog entry {key} is neither text nor a table")
    return out


@cache
def catalog(language: str) -> dict[str, Entry]:
    """Every key of ``language``'s catalog; empty when cryolog has none for it."""
    path = messages_dir() / f"{language}.toml"
    if not path.is_file():
        return {}
    import tomllib  # with the first catalog read, not with every import of the messages

    with path.open("rb") as handle:
        return flatten(tomllib.load(handle))


def languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in messages_dir().glob("*.toml")))


def placeholders(entry: Entry) -> frozenset[str]:
    """The value names an entry uses (every plural form together)."""
    texts = [entry] if isinstance(entry, str) else list(entry.values())
    return frozenset(name for text in texts for name in _PLACEHOLDER.findall(text))
