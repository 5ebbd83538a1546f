"""A saved finding keeps its key, values and the text shown with its language; it is shown
again in the language of the day, and a finding saved before keys shows its English text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from cryolog.db.database import Database
from cryolog.db.models import TreatmentSession
from cryolog.domain import locale as loc
from cryolog.domain.messages import Message
from cryolog.services import Services
from cryolog.services.dto import SessionDTO
from cryolog.services.session_rows import session_dto
from tests.services.conftest import wbc_session

LONG = wbc_session(duration_s=200)  # a warning: longer than the usual 180 s


@pytest.fixture
def russian_window() -> Iterator[None]:
    loc.use_language("ru")
    yield
    loc.use_language(None)


def _load(db: Database, sid: int) -> SessionDTO:
    with db.read() as s:
        row = s.get(TreatmentSession, sid)
        assert row is not None
        return session_dto(row)


def _stored(path: Path, sid: int) -> list[tuple[str, str, str | None, str | None, str | None]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT rule, message, message_key, message_values, shown_language"
            " FROM session_finding WHERE session_id = ? ORDER BY position",
            (sid,),
        ).fetchall()


def test_a_finding_saved_in_russian_keeps_key_values_and_the_text_shown(
    services: Services, ready_patient: int, db: Database, db_path: Path, russian_window: None
) -> None:
    saved = services.sessions.record_session(ready_patient, LONG)
    rule, text, key, values, language = next(
        r for r in _stored(db_path, saved.id) if r[0] == "exposure_long"
    )
    assert (key, language) == ("rule.exposure_long", "ru")
    assert text == "Длительность 200 с больше обычных 180 с."
    assert Message.stored(key, values).render(loc.ENGLISH) == (
        "Duration 200 s is longer than the usual 180 s."
    )
    finding = next(f for f in _load(db, saved.id).findings if f.rule == rule)
    assert finding.text == text  # shown in Russian today
    loc.use_language("en")
    assert finding.text == "Duration 200 s is longer than the usual 180 s."
    assert finding.message == text  # what was shown when it was saved


@pytest.mark.tampered  # the row is rewritten by hand, as a finding from before 0012 was
def test_a_finding_saved_before_keys_shows_its_english_text(
    services: Services, ready_patient: int, db: Database, db_path: Path, russian_window: None
) -> None:
    saved = services.sessions.record_session(ready_patient, LONG)
    old_text = "Duration 200 s is longer than the usual 180 s."
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute(
            "UPDATE session_finding SET message = ?, message_key = NULL, message_values = NULL,"
            " shown_language = NULL WHERE session_id = ?",
            (old_text, saved.id),
        )
        conn.commit()
    finding = next(f for f in _load(db, saved.id).findings)
    assert (finding.said, finding.text) == (None, old_text)


def test_the_language_of_the_window_does_not_make_an_amendment_a_change(
    services: Services, ready_patient: int, db: Database, db_path: Path, russian_window: None
) -> None:
    saved = services.sessions.record_session(ready_patient, LONG)
    before = _stored(db_path, saved.id)
    loc.use_language("en")
    services.sessions.amend_session(
        saved.id, wbc_session(duration_s=200, notes="Felt well afterwards"), reason="notes added"
    )
    assert _stored(db_path, saved.id) == before  # same findings: rows left as they were
