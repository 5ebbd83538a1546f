"""Patient search: name-word prefixes, birth date or phone digits, accent- and case-blind.

Every branch runs on an index (name tokens, birth date, and every digit suffix of every
form of the phone number, see domain/phone.py), so a search over 100,000 patients reads a
handful of pages.

Pages are keyed, not counted: the next page starts after the last row's sort key, so any
page of the list costs what the first does wherever it lies (``search_page``). One name
word, as typed letter by letter, reads its page in the list's order from the name prefixes'
primary key (``patient_name_prefix``) and stops there, whatever the number of matches.
Several words walk the same key for the rarest of them (one statement counts each word's
prefixes, capped) and test the others on that key by point look-ups, so the page is again
read in order and needs no sort; a word that begins another of the query's words ("o" of
"o'b" → "b", "o", "ob") is dropped first, since it matches whenever that word does. Longer
words, and words with a birth date, read the name tokens: a word matched by many patients
walks the name index in order and stops at a page; one matched by few reads its matches and
sorts them (``DENSE``).

The query is plain, portable SQL run with ``Database.rows``: the patient list is the first
thing the window shows, and on an SQLite file it must not wait for the ORM to load.
tests/services/test_search.py runs it through both the plain reader and the engine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from cryolog.db.database import Database, as_date
from cryolog.domain.query import PatientQuery, parse_query
from cryolog.domain.text import PREFIX_LEN
from cryolog.services.dto_list import PatientSummary

_TOP = "\U0010ffff"  # sorts after every character: [w, w + _TOP) is "starts with w"

_COLUMNS = "id, family_name, given_name, middle_name, birth_date, phone, archived_at"

DENSE = 500
"""The fewest name tokens a word needs to be "dense": its page walks the name index in
order instead of reading every match and sorting them (see ``_dense_at``)."""

RAREST_CAP = 2_000
"""How far each word's prefixes are counted to choose the rarest: walking fewer entries
than this costs well under a millisecond whatever the others match."""

COUNT_CAP = 10_000
"""``count`` stops here: the list says "10,000+" rather than counting every patient."""


@dataclass(frozen=True, slots=True)
class PageKey:
    """Where the next page starts: after this sort key and id (``shown`` rows so far)."""

    sort: str
    id: int
    shown: int


@dataclass(frozen=True, slots=True)
class SearchPage:
    rows: list[PatientSummary]
    after: PageKey | None
    """The key of the next page; None when this page is the last."""


def _prefix(params: dict[str, object], column: str, name: str, value: str) -> str:
    params[name], params[name + "_end"] = value, value + _TOP
    return f"{column} >= :{name} AND {column} < :{name}_end"


def _where(query: PatientQuery, include_archived: bool) -> tuple[str, dict[str, object]]:
    """The WHERE clause (or '') for ``query`` and its parameters."""
    conditions, params = _conditions(query, include_archived)
    return _clause(conditions), params


def _conditions(
    query: PatientQuery, include_archived: bool, *, walk: bool = False
) -> tuple[list[str], dict[str, object]]:
    """The conditions for ``query`` and their parameters. ``walk`` tests each word per
    patient (an EXISTS on the token key) so the planner can walk the name index in order."""
    conditions: list[str] = []
    params: dict[str, object] = {}
    if not include_archived:
        conditions.append("archived_at IS NULL")
    for i, word in enumerate(query.words):
        if walk:
            match = _prefix(params, "t.token", f"w{i}", word)
            conditions.append(
                "EXISTS (SELECT 1 FROM patient_name_token t"
                f" WHERE t.patient_id = patient.id AND {match})"
            )
        else:
            match = _prefix(params, "token", f"w{i}", word)
            conditions.append(f"id IN (SELECT patient_id FROM patient_name_token WHERE {match})")
    if query.birth_date is not None:
        params["birth_date"] = query.birth_date
        conditions.append("birth_date = :birth_date")
    if query.phone_digits:  # "contains": a prefix of one of the indexed suffixes
        key = _prefix(params, "key", "phone", query.phone_digits)
        conditions.append(f"id IN (SELECT patient_id FROM patient_phone_key WHERE {key})")
    return conditions, params


def _clause(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _one_word(query: PatientQuery) -> bool:
    """A single name word short enough to be a stored prefix, and nothing else."""
    return len(query.words) == 1 and _prefixes_only(query)


def _prefixes_only(query: PatientQuery) -> bool:
    """Name words only, each short enough to be a stored prefix."""
    return (
        bool(query.words)
        and all(len(word) <= PREFIX_LEN for word in query.words)
        and query.birth_date is None
        and not query.phone_digits
    )


def _without_implied(query: PatientQuery) -> PatientQuery:
    """``query`` without the words that begin another of its words: every word is matched
    by some name token on its own, so a word matched by a token is matched by that token's
    beginnings too, and the shorter word adds nothing ("o'brien" → "brien", "obrien")."""
    words = query.words
    kept = tuple(w for w in words if not any(o != w and o.startswith(w) for o in words))
    return replace(query, words=kept) if kept != words else query


def _summary(row: Sequence[Any]) -> PatientSummary:
    pid, family, given, middle, birth, phone, archived_at = row[:7]
    return PatientSummary(
        int(pid), family, given, middle, as_date(birth), phone, archived_at is not None
    )


class SearchService:
    """Read-only; needs no actor, but takes one like every other service."""

    def __init__(self, db: Database, actor: str = "") -> None:
        self.db = db
        self.actor = actor

    def search(
        self, text: str, *, include_archived: bool = False, limit: int = 200, offset: int = 0
    ) -> list[PatientSummary]:
        """Patients matching ``text``, ordered by name (a phone search: by the number, as
        dictated); ``limit``/``offset`` page through (``search_page`` pages by key)."""
        limit, offset = max(0, limit), max(0, offset)
        query = _without_implied(parse_query(text))
        if query.phone_digits and not (query.words or query.birth_date):
            return self._by_phone(query.phone_digits, include_archived, limit, offset)
        return self._by_name(query, include_archived, limit + offset, None)[offset:]

    def search_page(
        self,
        text: str,
        *,
        include_archived: bool = False,
        limit: int = 200,
        after: PageKey | None = None,
    ) -> SearchPage:
        """One page of ``search``: the first without ``after``, else the one after it."""
        limit = max(1, limit)
        query = _without_implied(parse_query(text))
        shown = after.shown if after else 0
        if query.phone_digits and not (query.words or query.birth_date):
            rows = self._by_phone(query.phone_digits, include_archived, limit + 1, shown)
            more = len(rows) > limit
            rows = rows[:limit]
            key = PageKey("", 0, shown + len(rows)) if more else None
            return SearchPage(rows, key)
        if _prefixes_only(query):
            entries = self._by_prefix(query.words, include_archived, limit + 1, after)
            rows = [row for _sort, row in entries[:limit]]
            if len(entries) <= limit:
                return SearchPage(rows, None)
            last_sort, last = entries[limit - 1]
            return SearchPage(rows, PageKey(last_sort, last.id, shown + limit))
        found = self._keys(query, include_archived, limit + 1, after)
        page = self._rows([pid for pid, _sort in found[:limit]])
        if len(found) <= limit:
            return SearchPage(page, None)
        last_id, last_sort = found[limit - 1]
        return SearchPage(page, PageKey(last_sort, last_id, shown + limit))

    def _by_name(
        self, query: PatientQuery, include_archived: bool, limit: int, after: PageKey | None
    ) -> list[PatientSummary]:
        if _prefixes_only(query):
            return [
                row for _sort, row in self._by_prefix(query.words, include_archived, limit, after)
            ]
        return self._rows([pid for pid, _ in self._keys(query, include_archived, limit, after)])

    def _keys(
        self, query: PatientQuery, include_archived: bool, limit: int, after: PageKey | None
    ) -> list[tuple[int, str]]:
        """(id, search_name) of the matches in name order after ``after``: read from the
        name index alone (the live patients' partial index unless archived ones are asked
        for), so a page costs its own rows, not the patients' whole records."""
        conditions, params = _conditions(query, include_archived, walk=self._dense(query))
        if after is not None:
            conditions.append("(search_name, id) > (:after_sort, :after_id)")  # one index range
            params["after_sort"], params["after_id"] = after.sort, after.id
        sql = (
            f"SELECT id, search_name FROM patient{_clause(conditions)}"
            " ORDER BY search_name, id LIMIT :limit"
        )
        rows = self.db.rows(sql, {**params, "limit": max(0, limit)})
        return [(int(r[0]), str(r[1])) for r in rows]

    def _by_prefix(
        self, words: Sequence[str], include_archived: bool, limit: int, after: PageKey | None
    ) -> list[tuple[str, PatientSummary]]:
        """A page of prefix words, sort keys and rows, in one statement: the name prefixes'
        primary key gives the rarest word's matches in the list's order, each other word is
        a point look-up on the same key (its prefix, that sort key, that patient) and each
        match's patient row is read by its id, so the page reads its own entries (and, for
        several words, at most the rarest word's) whatever the number of matches. The other
        words are scalar subqueries, not EXISTS: a server's planner turns an EXISTS into a
        join, and misjudging how often two words meet, may hash the commoner word's every
        entry and sort (tests/pg/test_search_server.py pins the plan)."""
        first, *others = self._rarest_first(words)
        params: dict[str, object] = {"word": first, "limit": max(0, limit)}
        conditions = ["x.prefix = :word"]
        for n, word in enumerate(others):
            params[f"also{n}"] = word
            conditions.append(  # a scalar subquery: a look-up per entry walked, never a join
                f"(SELECT 1 FROM patient_name_prefix y{n} WHERE y{n}.prefix = :also{n}"
                f" AND y{n}.search_name = x.search_name AND y{n}.patient_id = x.patient_id)"
                " IS NOT NULL"
            )
        if not include_archived:
            conditions.append("p.archived_at IS NULL")
        if after is not None:
            conditions.append("(x.search_name, x.patient_id) > (:after_sort, :after_id)")
            params["after_sort"], params["after_id"] = after.sort, after.id
        columns = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))
        rows = self.db.rows(
            f"SELECT {columns}, x.search_name FROM patient_name_prefix x"
            " JOIN patient p ON p.id = x.patient_id"
            f"{_clause(conditions)} ORDER BY x.search_name, x.patient_id LIMIT :limit",
            params,
        )
        return [(str(r[7]), _summary(r)) for r in rows]

    def _rarest_first(self, words: Sequence[str]) -> list[str]:
        """``words``, the one with the fewest name prefixes first (counted in one
        statement, each up to ``RAREST_CAP``; the longer word on a tie)."""
        if len(words) < 2:
            return list(words)
        params: dict[str, object] = {"cap": RAREST_CAP}
        counts = []
        for n, word in enumerate(words):
            params[f"w{n}"] = word
            counts.append(
                f"(SELECT count(*) FROM (SELECT 1 FROM patient_name_prefix"
                f" WHERE prefix = :w{n} LIMIT :cap) AS c{n})"
            )
        (found,) = self.db.rows(f"SELECT {', '.join(counts)}", params)
        ranked = sorted(range(len(words)), key=lambda n: (int(found[n]), -len(words[n]), n))
        return [words[n] for n in ranked]

    def _rows(self, ids: list[int]) -> list[PatientSummary]:
        """The summaries of ``ids``, in that order."""
        if not ids:
            return []
        names = {f"i{n}": pid for n, pid in enumerate(ids)}
        marks = ", ".join(f":{name}" for name in names)
        rows = self.db.rows(f"SELECT {_COLUMNS} FROM patient WHERE id IN ({marks})", names)
        by_id = {int(r[0]): _summary(r) for r in rows}
        return [by_id[pid] for pid in ids if pid in by_id]

    def _dense(self, query: PatientQuery) -> bool:
        """Every word is a name token of many patients (at least ``dense_at``, counted on
        the token index and capped there); a birth date is always selective."""
        if not query.words or query.birth_date is not None:
            return False
        cap = self._dense_at()
        for word in query.words:
            rows = self.db.rows(
                "SELECT count(*) FROM (SELECT 1 FROM patient_name_token"
                " WHERE token >= :w AND token < :w_end LIMIT :cap) AS capped",
                {"w": word, "w_end": word + _TOP, "cap": cap},
            )
            if int(rows[0][0]) < cap:
                return False
        return True

    def _dense_at(self) -> int:
        """Where walking the name index in order (about PAGE × patients / matches steps)
        gets cheaper than sorting the matches: √(PAGE × patients), at least DENSE."""
        rows = self.db.rows("SELECT max(id) FROM patient", {})
        patients = int(rows[0][0] or 0)
        return max(DENSE, math.isqrt(200 * patients))

    def _by_phone(
        self, phone: str, include_archived: bool, limit: int, offset: int
    ) -> list[PatientSummary]:
        """Walk the phone keys in order from the typed digits: a few hundred index entries
        however many numbers hold them (a broad "090-07" matches thousands)."""
        limit, offset = max(0, limit), max(0, offset)
        wanted = (offset + limit) * 3 + 60  # up to three forms a number; some archived
        keyed = self.db.rows(
            "SELECT patient_id FROM patient_phone_key WHERE key >= :phone AND key < :phone_end"
            " ORDER BY key, patient_id LIMIT :n",
            {"phone": phone, "phone_end": phone + _TOP, "n": wanted},
        )
        ids = list(dict.fromkeys(int(r[0]) for r in keyed))[: offset + limit + 20]
        if not ids:
            return []
        names = {f"i{n}": pid for n, pid in enumerate(ids)}
        marks = ", ".join(f":{name}" for name in names)
        live = "" if include_archived else " AND archived_at IS NULL"
        rows = self.db.rows(f"SELECT {_COLUMNS} FROM patient WHERE id IN ({marks}){live}", names)
        by_id = {int(r[0]): _summary(r) for r in rows}
        return [by_id[pid] for pid in ids if pid in by_id][offset : offset + limit]

    def count(self, text: str, *, include_archived: bool = False, cap: int = COUNT_CAP) -> int:
        """How many patients match, up to ``cap`` + 1 (more than ``cap``: "cap+")."""
        where, params = _where(parse_query(text), include_archived)
        sql = f"SELECT count(*) FROM (SELECT 1 FROM patient{where} LIMIT :cap) AS c"
        rows = self.db.rows(sql, {**params, "cap": max(0, cap) + 1})
        return int(rows[0][0])
