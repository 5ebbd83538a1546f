"""Keyed messages: what the layers below the window say, in any language.

A ``Message`` is a key and its values ("rule.bp_over", systolic=165, ...). Its sentence
is written from the catalog of the language it is shown in (``resources/messages/<lang>.toml``,
see ``messages_catalog``), with numbers, dates and plurals in that language's forms
(``domain.locale``). ``str(message)`` renders in the current locale, so a message can go
wherever text went before; ``render(locale)`` picks one.

A template is text with ``{name}`` or ``{name:spec}`` placeholders:

- a number takes a Python format spec (``{temp:.1f}``), written with the locale's decimal
  sign and minus; without one it is written shortest ('160', '14,5');
- a date or a time is written the locale's way (``{day:iso}`` keeps ISO);
- a ``Ref`` (a catalog term such as a modality) is written as its label, ``{x:id}`` as its id;
- a nested ``Message`` is rendered in the same locale;
- a tuple is a list: ``{x}`` or ``{x:and}`` joins 'a, b and c', ``{x:semi}`` 'a; b',
  ``{x:comma}`` 'a, b';
- text is written as it is (names, notes: what someone typed).

A plural entry is a table of CLDR forms (one, few, many, other ...); the value ``n``
chooses the form.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Union

from cryolog.domain import locale as loc
from cryolog.domain.messages_catalog import Entry, catalog

Param = Union[str, int, float, Decimal, date, datetime, "Message", "Ref", tuple["Param", ...]]


class Ref:
    """A term of the catalog ('modality', 'wbc_chamber'): written as its label
    (``<kind>.<id>`` in the catalog), or as the id itself when the catalog has none."""

    __slots__ = ("id", "kind")

    def __init__(self, kind: str, id_: str) -> None:
        self.kind = kind
        self.id = id_

    @property
    def key(self) -> str:
        return f"{self.kind}.{self.id}"

    def render(self, locale: loc.Locale | None = None) -> str:
        chosen = locale or loc.current()
        entry = catalog(chosen.language).get(self.key) or catalog("en").get(self.key)
        if entry is None:
            return self.id
        return _Formatter(chosen, {}).template(entry, {})

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Ref({self.kind!r}, {self.id!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ref) and (self.kind, self.id) == (other.kind, other.id)

    def __hash__(self) -> int:
        return hash(("ref", self.kind, self.id))


def _frozen(value: Any) -> Param:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a message value cannot be {value!r}")
    return value  # type: ignore[no-any-return]


class Message:
    """A key with its values; immutable and comparable."""

    __slots__ = ("key", "params")

    key: str
    params: tuple[tuple[str, Param], ...]

    def __init__(self, key: str, /, **params: Any) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(
            self, "params", tuple(sorted((k, _frozen(v)) for k, v in params.items()))
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Message is immutable")

    @classmethod
    def text(cls, text: str) -> Message:
        """Text that is already written (someone's words, or a message not keyed yet)."""
        return cls("text", text=text)

    @property
    def values(self) -> dict[str, Param]:
        return dict(self.params)

    def render(self, locale: loc.Locale | None = None) -> str:
        chosen = locale or loc.current()
        entry = catalog(chosen.language).get(self.key)
        if entry is None:
            entry = catalog("en").get(self.key)
        if entry is None:
            return self.key
        return _Formatter(chosen, self.values).template(entry, self.values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.params)
        return f"Message({self.key!r}{', ' if inner else ''}{inner})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        return hash((self.key, self.params))

    # stored form ------------------------------------------------------------------------

    def to_json(self) -> str:
        """The key and values as canonical JSON (sorted keys), for the database."""
        return json.dumps(_encode(self), sort_keys=True, ensure_ascii=False)

    def values_json(self) -> str:
        """The values alone as canonical JSON (stored beside the key)."""
        return json.dumps(
            {k: _encode(v) for k, v in self.params}, sort_keys=True, ensure_ascii=False
        )

    @classmethod
    def stored(cls, key: str, values_json: str | None) -> Message:
        """The message saved as ``key`` and ``values_json`` (see ``values_json``)."""
        values = json.loads(values_json) if values_json else {}
        if not isinstance(values, dict):
            raise ValueError("not stored message values")
        return cls(key, **{k: _decode(v) for k, v in values.items()})

    @classmethod
    def from_json(cls, text: str) -> Message:
        decoded = _decode(json.loads(text))
        if not isinstance(decoded, Message):
            raise ValueError("not a stored message")
        return decoded


def render(value: Message | str, locale: loc.Locale | None = None) -> str:
    return value.render(locale) if isinstance(value, Message) else value


def as_message(value: Message | str) -> Message:
    return value if isinstance(value, Message) else Message.text(value)


# rendering ------------------------------------------------------------------------------

_JOINERS = {"semi": "; ", "comma": ", "}


class _Formatter(string.Formatter):
    def __init__(self, locale: loc.Locale, values: Mapping[str, Param]) -> None:
        super().__init__()
        self.locale = locale
        self.values = values

    def template(self, entry: Entry, values: Mapping[str, Param]) -> str:
        if isinstance(entry, str):
            return self.vformat(entry, (), dict(values))
        count = values.get("n", 0)
        form = self.locale.plural(count) if isinstance(count, int | float | Decimal) else "other"
        text = entry.get(form) or entry.get("other") or next(iter(entry.values()))
        return self.vformat(text, (), dict(values))

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key in kwargs:
            return kwargs[key]
        return _Missing(str(key))

    def format_field(self, value: Any, format_spec: str) -> str:
        return self.write(value, format_spec)

    def write(self, value: Any, spec: str) -> str:
        if isinstance(value, _Missing):
            return "{" + value.name + "}"
        if isinstance(value, Message):
            return value.render(self.locale)
        if isinstance(value, Ref):
            if spec == "id":
                return value.id
            text = value.render(self.locale)
            return text.lower() if spec == "lower" else text
        if isinstance(value, tuple):
            parts = [self.write(v, "" if spec in ("and", "semi", "comma") else spec) for v in value]
            return self.join(parts, spec)
        if isinstance(value, datetime):
            return value.isoformat() if spec == "iso" else self.locale.datetime(value)
        if isinstance(value, date):
            return value.isoformat() if spec == "iso" else self.locale.date(value)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return self.locale.number(value, spec)
        return str(value)

    def join(self, parts: list[str], spec: str) -> str:
        if spec in _JOINERS:
            return _JOINERS[spec].join(parts)
        if len(parts) <= 1:
            return "".join(parts)
        last = catalog(self.locale.language).get("list.and") or catalog("en").get("list.and")
        template = last if isinstance(last, str) else "{a} and {b}"
        return template.format(a=", ".join(parts[:-1]), b=parts[-1])


class _Missing:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


# JSON -------------------------------------------------------------------------------------


def _encode(value: Param) -> Any:
    if isinstance(value, Message):
        return {"key": value.key, "params": {k: _encode(v) for k, v in value.params}}
    if isinstance(value, Ref):
        return {"ref": [value.kind, value.id]}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if not isinstance(value, dict):
        return value
    if "key" in value and "params" in value:
        return Message(value["key"], **{k: _decode(v) for k, v in value["params"].items()})
    if "ref" in value:
        kind, id_ = value["ref"]
        return Ref(str(kind), str(id_))
    if "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    if "date" in value:
        return date.fromisoformat(value["date"])
    if "decimal" in value:
        return Decimal(value["decimal"])
    raise ValueError(f"unknown stored value {value!r}")
