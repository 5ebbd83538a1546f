"""Patient search: name-word prefixes, birth date or phone digits, accent- and case-blind.

Every branch runs on an index (name tokens, birth date, and every digit suffix of every
form of the phone number, see domain/phone.py), so a search over 100,000 patients reads a
handful of pages.

The query is plain, portable SQL run with ``Database.rows``: the patient list is the first
thing the window shows, and on an SQLite file it must not wait for the ORM to load.
tests/services/test_search.py runs it through both the plain reader and the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cryolog.db.database import Database, as_date
from cryolog.domain.query import PatientQuery, parse_query
from cryolog.services.dto import PatientSummary

_TOP = "\U0010ffff"  # sorts after every character: [w, w + _TOP) is "starts with w"

_COLUMNS = "id, family_name, given_name, middle_name, birth_date, phone, archived_at"


def _where(query: PatientQuery, include_archived: bool) -> tuple[str, dict[str, object]]:
    """The WHERE clause (or '') for ``query`` and its parameters."""
    conditions: list[str] = []
    params: dict[str, object] = {}

    def prefix(column: str, name: str, value: str) -> str:
        params[name], params[name + "_end"] = value, value + _TOP
        return f"{column} >= :{name} AND {column} < :{name}_end"

    if not include_archived:
        conditions.append("archived_at IS NULL")
    for i, word in enumerate(query.words):
        tokens = f"SELECT patient_id FROM patient_name_token WHERE {prefix('token', f'w{i}', word)}"
        conditions.append(f"id IN ({tokens})")
    if query.birth_date is not None:
        params["birth_date"] = query.birth_date
        conditions.append("birth_date = :birth_date")
    if query.phone_digits:  # "contains": a prefix of one of the indexed suffixes
        key = prefix("key", "phone", query.phone_digits)
        keys = f"SELECT patient_id FROM patient_phone_key WHERE {key}"
        conditions.append(f"id IN ({keys})")
    return (" WHERE " + " AND ".join(conditions) if conditions else ""), params


def _summary(row: Sequence[Any]) -> PatientSummary:
    pid, family, given, middle, birth, phone, archived_at = row
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
        dictated); ``limit``/``offset`` page through."""
        query = parse_query(text)
        if query.phone_digits and not (query.words or query.birth_date):
            return self._by_phone(query.phone_digits, include_archived, limit, offset)
        where, params = _where(query, include_archived)
        sql = (
            f"SELECT {_COLUMNS} FROM patient{where}"
            " ORDER BY search_name, id LIMIT :limit OFFSET :offset"
        )
        rows = self.db.rows(sql, {**params, "limit": max(0, limit), "offset": max(0, offset)})
        return [_summary(row) for row in rows]

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

    def count(self, text: str, *, include_archived: bool = False) -> int:
        where, params = _where(parse_query(text), include_archived)
        rows = self.db.rows(f"SELECT count(*) FROM patient{where}", params)
        return int(rows[0][0])
