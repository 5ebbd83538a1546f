"""The canonical encoding and the entry hashes: written down, driver-independent, stable."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cryolog.db.audit_chain import (
    ZERO_HASH,
    Entry,
    canonical,
    chained_values,
    entry_hash,
    hash_matches,
    same_hash,
)
from cryolog.db.audit_plain import PLAIN, plain


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("int", 120, "120"),
        ("int", 120.0, "120"),  # SQLite keeps 120.0 in an INTEGER column as 120
        ("int", None, None),
        ("float", 165, "165.0"),
        ("float", 165.0, "165.0"),
        ("float", 1e-05, "0.00001"),
        ("float", 1e16, "10000000000000000"),
        ("float", -0.0, "0.0"),
        ("float", 36.6, "36.6"),
        ("bool", 1, True),
        ("bool", False, False),
        ("text", "Иванова", "Иванова"),
        ("text", "", ""),
        ("date", date(2024, 2, 29), "2024-02-29"),
        ("date", "2024-02-29", "2024-02-29"),
        ("datetime", datetime(2024, 3, 31, 1, 30, tzinfo=UTC), "2024-03-31T01:30:00.000000Z"),
        (
            "datetime",
            datetime(2024, 3, 31, 3, 30, 0, 5, tzinfo=timezone(timedelta(hours=2))),
            "2024-03-31T01:30:00.000005Z",
        ),
        ("datetime", "2024-03-31 01:30:00.000005", "2024-03-31T01:30:00.000005Z"),
        ("datetime", datetime(2024, 3, 31, 1, 30), "2024-03-31T01:30:00.000000Z"),
        ("bytes", b"\x00\xff", "00ff"),
    ],
)
def test_plain_forms_by_kind(kind: str, value: object, expected: object) -> None:
    assert PLAIN[kind](value) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [("int", "12"), ("int", True), ("bool", 2), ("text", b"x"), ("date", "31.12.2024"),
     ("float", "1.5"), ("datetime", "yesterday")],
)  # fmt: skip
def test_values_a_column_cannot_hold_never_encode_like_valid_ones(kind: str, value: object) -> None:
    found = PLAIN[kind](value)
    assert isinstance(found, dict) and set(found) == {"!type", "!value"}


def test_canonical_bytes_are_the_documented_json() -> None:
    state = {"b": "2", "a": None, "c": [True, "x"], "é": "ё"}
    assert canonical(state) == b'{"a":null,"b":"2","c":[true,"x"],"\\u00e9":"\\u0451"}'
    assert plain({"n": 1, "f": 0.5, "d": date(2024, 1, 2)}) == {
        "n": "1",
        "f": "0.5",
        "d": "2024-01-02",
    }


@given(st.floats(allow_nan=False))
def test_every_float_reads_back_as_itself(value: float) -> None:
    text_form = PLAIN["float"](value)
    assert isinstance(text_form, str) and "e" not in text_form.lower()
    assert float(text_form) == value


def test_entry_hash_is_the_documented_formula() -> None:
    entry = Entry(
        id=7,
        at=datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        actor="dr",
        action="amend",
        entity="session",
        entity_id=3,
        patient_id=1,
        reason="Duration misread",
        row_hash=b"\x01" * 32,
        before_hash=b"\x02" * 32,
    )
    meta = (
        '{"action":"amend","actor":"dr","at":"2024-01-02T03:04:05.000006Z",'
        f'"before_hash":"{"02" * 32}","entity":"session","entity_id":"3","id":"7",'
        f'"patient_id":"1","reason":"Duration misread","row_hash":"{"01" * 32}"}}'
    ).encode()
    content = b"\x03" * 32
    assert (
        entry_hash(ZERO_HASH, entry, content) == hashlib.sha256(ZERO_HASH + meta + content).digest()
    )
    assert (
        entry_hash(b"\x09" * 32, entry, None)
        == hashlib.sha256(b"\x09" * 32 + meta + ZERO_HASH).digest()
    )


def test_a_new_entry_stores_the_first_16_bytes_of_each_hash() -> None:
    """Written down: every hash of a new entry is its SHA-256 cut to 16 bytes, the entry
    hash taken over the cut row and before hashes (as the metadata name them) and the cut
    content hash, after the previous entry's hash as stored (32 bytes here: an old one)."""
    whole = Entry(7, datetime(2024, 1, 2, tzinfo=UTC), "dr", "amend", "session", 3, 1,
                  "Duration misread", b"\x01" * 32, b"\x02" * 32)  # fmt: skip
    previous, content = b"\x09" * 32, hashlib.sha256(b"the change").digest()
    values, own = chained_values(whole, previous, content)
    assert values["row_hash"] == b"\x01" * 16 and values["before_hash"] == b"\x02" * 16
    assert values["content_hash"] == content[:16]
    cut = Entry(7, whole.at, "dr", "amend", "session", 3, 1, "Duration misread",
                b"\x01" * 16, b"\x02" * 16)  # fmt: skip
    meta = canonical(cut.metadata())
    assert (
        own == values["entry_hash"] == hashlib.sha256(previous + meta + content[:16]).digest()[:16]
    )
    assert hash_matches(own, entry_hash(previous, cut, content[:16]))


def test_stored_hashes_compare_on_their_common_prefix_at_allowed_lengths() -> None:
    digest = hashlib.sha256(b"state").digest()
    assert hash_matches(digest, digest) and hash_matches(digest[:16], digest)
    assert not hash_matches(digest[:8], digest)  # cut shorter than any entry writes
    assert not hash_matches(digest[:24], digest)
    assert not hash_matches(None, digest)
    assert not hash_matches(bytes(16), digest)
    assert same_hash(digest, digest[:16]) and same_hash(digest[:16], digest)
    assert not same_hash(digest[:8], digest) and not same_hash(None, digest)
    assert not same_hash(digest[:16], hashlib.sha256(b"other").digest())
