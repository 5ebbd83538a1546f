"""A session through its states: draft → running → completed → signed, or abandoned."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cryolog.db.database import Database
from cryolog.db.models import AuditEntry, SessionBPReading, TreatmentSession
from cryolog.domain.errors import InvalidInput, SafetyStop
from cryolog.services import Services
from cryolog.services.dto import SessionDTO
from tests.services.conftest import TODAY, local_now, wbc_session

REASON = "Measured again after ten minutes of rest"


def _draft(services: Services, pid: int, **changes: Any) -> SessionDTO:
    data = wbc_session(**changes)
    return services.sessions.start_draft(pid, data)


def _audit(db: Database, sid: int) -> list[tuple[str, str | None]]:
    with db.read() as s:
        rows = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "session", AuditEntry.entity_id == sid)
            .order_by(AuditEntry.id)
        )
        return [(a.action, a.reason) for a in rows]


def _raw(path: Path, sid: int) -> list[tuple[Any, ...]]:
    """The session's stored bytes: its row and every child row, as sqlite3 reads them."""
    with closing(sqlite3.connect(path)) as conn:
        rows = list(conn.execute("SELECT * FROM treatment_session WHERE id = ?", (sid,)))
        for table in ("session_area", "session_pain_zone", "session_finding", "session_bp_reading"):
            rows += conn.execute(f"SELECT * FROM {table} WHERE session_id = ?", (sid,)).fetchall()
        rows += conn.execute("SELECT count(*) FROM audit_log").fetchall()
        return rows


def test_a_draft_may_be_incomplete_and_is_stored_at_once(
    services: Services, ready_patient: int, db: Database
) -> None:
    draft = _draft(services, ready_patient, duration_s=None, set_temp=None, bp_pre=None)
    assert (draft.state, draft.duration_s, draft.set_temp_c) == ("draft", None, None)
    with db.read() as s:
        assert s.get(TreatmentSession, draft.id).state == "draft"  # type: ignore[union-attr]
    assert _audit(db, draft.id) == [("draft", None)]
    with pytest.raises(InvalidInput) as refused:  # what is typed must still be plausible
        services.sessions.save_draft(draft.id, wbc_session(hr_pre=400), expected_version=1)
    assert refused.value.for_field("hr_pre")


def test_blood_pressure_measured_again_keeps_every_reading_and_the_rules_use_the_latest(
    services: Services, ready_patient: int, db: Database
) -> None:
    first = {"systolic": 172, "diastolic": 104, "measured_at": local_now() - timedelta(minutes=9)}
    draft = _draft(services, ready_patient, bp_pre=None, bp_pre_readings=[first])
    assert (draft.bp_pre_sys, draft.bp_pre_dia) == (172, 104)
    high = services.sessions.preview_findings(
        ready_patient, wbc_session(bp_pre=None, bp_pre_readings=[first])
    )
    assert "bp_high" in {f.rule for f in high}  # a hard stop is allowed in a draft
    with pytest.raises(SafetyStop):
        services.sessions.start_timer(
            draft.id, wbc_session(bp_pre=None, bp_pre_readings=[first]), expected_version=1
        )
    rested = {"systolic": 138, "diastolic": 86, "measured_at": local_now()}
    data = wbc_session(bp_pre=None, bp_pre_readings=[first, rested])
    saved = services.sessions.save_draft(draft.id, data, expected_version=1)
    assert [(r.systolic, r.diastolic) for r in saved.bp_readings] == [(172, 104), (138, 86)]
    assert (saved.bp_pre_sys, saved.bp_pre_dia) == (138, 86)
    running = services.sessions.start_timer(draft.id, data, expected_version=saved.version)
    assert running.state == "running" and running.running_at is not None
    assert "bp_high" not in {f.rule for f in running.findings}
    with db.read() as s:
        assert len(s.scalars(select(SessionBPReading)).all()) == 2


def test_the_whole_way_to_signed_asks_no_reason(
    services: Services, ready_patient: int, db: Database
) -> None:
    s = services.sessions
    first = wbc_session()
    draft = s.start_draft(ready_patient, first)
    same = s.save_draft(draft.id, first, expected_version=1)  # nothing changed
    assert same.version == 1 and _audit(db, draft.id) == [("draft", None)]
    data = {**first, "hr_pre": 72}
    v = s.save_draft(draft.id, data, expected_version=1).version
    running = s.start_timer(draft.id, data, expected_version=v)
    with pytest.raises(InvalidInput) as frozen:
        s.save_draft(draft.id, {**data, "duration_s": 150}, expected_version=running.version)
    assert "timer has started" in frozen.value.for_field("duration_s")[0]
    done = s.stop_timer(
        draft.id, {**data, "actual_exposure_s": 124}, expected_version=running.version
    )
    assert (done.state, done.actual_exposure_s, done.duration_s) == ("completed", 124, 120)
    after = {**data, "actual_exposure_s": 124, "bp_post": {"systolic": 130, "diastolic": 84}}
    v = s.save_draft(draft.id, after, expected_version=done.version).version
    signed = s.sign(draft.id, after, expected_version=v)
    assert signed.state == "signed" and signed.signed_at is not None
    assert (signed.bp_post_sys, signed.hr_pre) == (130, 72)
    assert _audit(db, draft.id) == [
        ("draft", None),
        ("update", None),
        ("start", None),
        ("complete", None),
        ("update", None),
        ("sign", None),
    ]
    with pytest.raises(InvalidInput, match="signed"):
        s.save_draft(draft.id, {**after, "notes": "later"}, expected_version=signed.version)


def test_an_exposure_past_the_maximum_needs_a_note_to_sign(
    services: Services, ready_patient: int
) -> None:
    s = services.sessions
    data = wbc_session()
    draft = s.start_draft(ready_patient, data)
    running = s.start_timer(draft.id, data, expected_version=1)
    ran = {**data, "actual_exposure_s": 262}
    done = s.stop_timer(draft.id, ran, expected_version=running.version)
    with pytest.raises(InvalidInput) as refused:
        s.sign(draft.id, ran, expected_version=done.version)
    assert "4 min maximum" in refused.value.for_field("over_max_note")[0]
    with pytest.raises(InvalidInput):  # the note follows the one reason rule
        s.sign(draft.id, {**ran, "over_max_note": "late"}, expected_version=done.version)
    note = "Door lock jammed, patient out at 4:22"
    signed = s.sign(draft.id, {**ran, "over_max_note": note}, expected_version=done.version)
    assert (signed.actual_exposure_s, signed.over_max_note) == (262, note)


def test_drafts_do_not_count_for_the_daily_limit_running_sessions_do(
    services: Services, ready_patient: int
) -> None:
    s = services.sessions
    draft = _draft(services, ready_patient)
    rules = {f.rule for f in s.preview_findings(ready_patient, wbc_session())}
    assert "daily_limit" not in rules
    s.start_timer(draft.id, wbc_session(), expected_version=1)
    rules = {f.rule for f in s.preview_findings(ready_patient, wbc_session())}
    assert "daily_limit" in rules


def test_a_draft_is_abandoned_with_a_reason_and_counts_nowhere(
    services: Services, ready_patient: int, db: Database
) -> None:
    s = services.sessions
    draft = _draft(services, ready_patient)
    for bad in ("x", "...", "\u200d"):
        with pytest.raises(InvalidInput):
            s.abandon(draft.id, bad, expected_version=1)
    s.abandon(draft.id, "Patient felt unwell and went home", expected_version=1)
    with db.read() as row_session:
        row = row_session.get(TreatmentSession, draft.id)
        assert row is not None and (row.state, row.archive_reason) == (
            "abandoned",
            "Patient felt unwell and went home",
        )
    assert _audit(db, draft.id)[-1] == ("abandon", "Patient felt unwell and went home")
    assert services.today.recorded() == []
    with pytest.raises(InvalidInput):
        s.start_timer(draft.id, wbc_session(), expected_version=2)


def test_unsigned_sessions_of_earlier_days_are_to_complete(
    services: Services, ready_patient: int
) -> None:
    yesterday = local_now() - timedelta(days=1)
    old = _draft(services, ready_patient, started_at=yesterday)
    today = _draft(services, ready_patient)
    assert [t.session_id for t in services.today.to_complete()] == [old.id]
    assert [(t.session_id, t.state) for t in services.today.recorded()] == [(today.id, "draft")]
    assert services.today.to_complete(TODAY - timedelta(days=1)) == []


def test_an_amendment_that_changes_nothing_is_refused_and_nothing_is_rewritten(
    services: Services, ready_patient: int, db: Database, db_path: Path
) -> None:
    started = local_now().replace(microsecond=123456)
    saved = services.sessions.record_session(ready_patient, wbc_session(started_at=started))
    before = _raw(db_path, saved.id)
    with pytest.raises(InvalidInput, match="nothing changed"):
        services.sessions.amend_session(
            saved.id, wbc_session(started_at=started), reason=REASON, expected_version=1
        )
    assert _raw(db_path, saved.id) == before
    amended = services.sessions.amend_session(
        saved.id, wbc_session(started_at=started, nrs_post=2), reason=REASON, expected_version=1
    )
    assert amended.started_at == started and amended.started_at.microsecond == 123456
    with db.read() as s:
        row = s.get(TreatmentSession, saved.id)
        assert row is not None and row.bp_readings[0].id == 1  # the reading row was kept


def test_only_signed_sessions_are_amended(services: Services, ready_patient: int) -> None:
    draft = _draft(services, ready_patient)
    with pytest.raises(InvalidInput, match="still open"):
        services.sessions.amend_session(
            draft.id, wbc_session(nrs_pre=3), reason=REASON, expected_version=1
        )
