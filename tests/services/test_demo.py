"""The demo data generator: plausible, searchable, consistent, audited and reproducible."""

from __future__ import annotations

import multiprocessing
import random
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.dialects.sqlite import pysqlite

from cryolog.db.audit_chain import cut, state_hash
from cryolog.db.database import Database, open_database
from cryolog.db.models import (
    AdverseEvent,
    Assessment,
    AuditEntry,
    AuditSalt,
    Clearance,
    ColdTest,
    Consent,
    Course,
    Patient,
    PatientNameToken,
    Screening,
    SessionFinding,
    TreatmentSession,
)
from cryolog.domain.catalog import MODALITIES, PROTOCOLS
from cryolog.domain.schemas import (
    AdverseEventInput,
    AssessmentInput,
    ClearanceInput,
    ColdPressorTestInput,
    ConsentInput,
    CourseInput,
    IceCubeTestInput,
    PatientInput,
    ScreeningInput,
    SessionInput,
    TempThresholdTestInput,
    parse,
)
from cryolog.domain.text import name_tokens
from cryolog.domain.units import c_to_f
from cryolog.services import Services, audit
from cryolog.services import demo as demo_package
from cryolog.services.demo import DemoSummary, generate_demo
from cryolog.services.demo.findings import UNPLANNED_OVERRIDE
from cryolog.services.demo.pipeline import Job, WorkerFailed, chunk_ranges, parallel_chunks
from cryolog.services.demo.rows import id_counts, sqlite_date, sqlite_utc
from cryolog.services.patients import search_columns
from cryolog.services.safety import load_thresholds
from cryolog.services.sessions import local_day, session_columns
from cryolog.services.verify import verify_file

PATIENTS = 150
SEED = 7

CLINICAL = (
    Patient, Screening, Clearance, Consent, ColdTest, Course, TreatmentSession, AdverseEvent,
    Assessment,
)  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    database = open_database(tmp_path_factory.mktemp("demo") / "demo.db")
    calls: list[tuple[int, int]] = []
    summary = generate_demo(database, PATIENTS, SEED, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (PATIENTS, PATIENTS)
    yield database, summary
    database.dispose()


def _rows(db: Database, model: Any, *where: Any) -> list[Any]:
    with db.read() as s:
        return list(s.scalars(select(model).where(*where).order_by(model.id)))


def _sample_patients(db: Database, count: int = 50) -> list[int]:
    ids = [p.id for p in _rows(db, Patient)]
    return sorted(random.Random(1).sample(ids, count))


# --- integrity and counts ----------------------------------------------------------------


def test_database_integrity(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.read() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert s.execute(text("PRAGMA foreign_key_check")).all() == []


def test_counts_match_summary(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    assert summary.patients == PATIENTS
    with db.read() as s:
        for table, count in summary.counts.items():
            stored = s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            if table == "audit_log":
                assert stored >= count  # plus the practice update
            else:
                assert stored == count, table
    assert summary.sessions > PATIENTS * 5


def test_every_protocol_and_modality_is_used(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    assert set(summary.course_ids) == set(PROTOCOLS)
    with db.read() as s:
        for protocol_id, course_id in summary.course_ids.items():
            course = s.get(Course, course_id)
            assert course is not None and course.protocol_id == protocol_id
        modalities = set(s.scalars(select(TreatmentSession.modality).distinct()))
        statuses = set(s.scalars(select(Course.status).distinct()))
        kinds = set(s.scalars(select(ColdTest.kind).distinct()))
        events = set(s.scalars(select(AdverseEvent.event_type).distinct()))
        measures = set(s.scalars(select(Assessment.kind).distinct()))
    assert modalities == set(MODALITIES)
    assert statuses == {"open", "completed", "stopped"}
    assert kinds == {"ice_cube", "cold_pressor", "temp_threshold"}
    assert len(events) >= 3
    assert {"nrs", "iga", "salt", "lesion_count", "dlqi"} <= measures


def test_practice_details_filled(demo: tuple[Database, DemoSummary]) -> None:
    practice = Services.open(demo[0]).practice.practice()
    assert practice.name and practice.phone and practice.practitioner and practice.address


# --- search keys ---------------------------------------------------------------------------


def test_search_finds_cyrillic_by_lowercase_prefix(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    assert summary.cyrillic_patient_id is not None
    patient = Services.open(db).patients.get_patient(summary.cyrillic_patient_id)
    prefix = patient.family_name[:4].lower()
    found = Services.open(db).search.search(prefix, limit=10_000)
    assert patient.id in {p.id for p in found}


def test_search_finds_accented_name_typed_without_accents(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, summary = demo
    assert summary.accented_patient_id is not None
    patient = Services.open(db).patients.get_patient(summary.accented_patient_id)
    plain = patient.family_name.translate(
        str.maketrans("éèêëäöüøåłśćńóáíúčřšžýěůñ", "eeeeaouoalscnoaiucrszyeun")
    )
    assert plain != patient.family_name
    found = Services.open(db).search.search(plain.split()[0], limit=10_000)
    assert patient.id in {p.id for p in found}


def test_search_keys_written_as_the_services_write_them(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    for patient in _rows(db, Patient):
        columns = search_columns(
            patient.family_name, patient.given_name, patient.middle_name, patient.phone
        )
        assert {k: getattr(patient, k) for k in columns} == columns
        tokens = set(
            _scalars(
                db, select(PatientNameToken.token).where(PatientNameToken.patient_id == patient.id)
            )
        )
        assert tokens == name_tokens(patient.family_name, patient.given_name, patient.middle_name)


def _scalars(db: Database, stmt: Any) -> list[Any]:
    with db.read() as s:
        return list(s.scalars(stmt))


# --- everything parses with the real input schemas ------------------------------------------


def _patient_input(p: Patient) -> dict[str, Any]:
    keys = ("family_name", "given_name", "middle_name", "birth_date", "sex", "height_cm",
            "weight_kg", "phone", "email", "address", "notes", "handout_language")  # fmt: skip
    return {k: getattr(p, k) for k in keys}


def _bp(systolic: int | None, diastolic: int | None) -> dict[str, int] | None:
    return None if systolic is None else {"systolic": systolic, "diastolic": diastolic}  # type: ignore[dict-item]


def session_input(row: TreatmentSession) -> dict[str, Any]:
    """What a practitioner would have typed for this stored session."""
    data: dict[str, Any] = {
        name: getattr(row, name)
        for name in ("modality", "started_at", "course_id", "duration_s", "device", "applicator",
                     "hr_pre", "spo2_pre", "hr_post", "spo2_post", "skin_temp_before_c",
                     "skin_temp_after_c", "skin_temp_method", "nrs_pre", "nrs_post",
                     "direct_skin_contact", "reactions", "aborted", "abort_reason", "notes")
    }  # fmt: skip
    if row.set_temp_c is not None:
        fahrenheit = row.temp_unit_entered == "F"
        value = round(c_to_f(row.set_temp_c)) if fahrenheit else row.set_temp_c
        data["set_temp"] = {"value": float(value), "unit": row.temp_unit_entered}
    if row.measured_temp_c is not None:
        data["measured_temp"] = {"value": row.measured_temp_c, "unit": "C"}
    data["bp_pre"] = _bp(row.bp_pre_sys, row.bp_pre_dia)
    data["bp_post"] = _bp(row.bp_post_sys, row.bp_post_dia)
    data["checklist"] = {
        item: getattr(row, f"chk_{item}")
        for item in ("dry_skin", "no_lotion", "no_metal", "protective_gear", "oxygen_monitor")
    }
    data["areas"] = [
        {"site": a.site, "kind": a.kind, "area_dm2": a.area_dm2, "passes": a.passes,
         "exposure_s": a.exposure_s}
        for a in row.areas
    ]  # fmt: skip
    data["pain_zones"] = [
        {"zone": z.zone, "nrs_pre": z.nrs_pre, "nrs_post": z.nrs_post} for z in row.pain_zones
    ]
    data["overrides"] = {f.rule: f.override_reason for f in row.findings if f.override_reason}
    return data


def test_sample_of_sessions_parses_and_round_trips(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    checked = 0
    for pid in _sample_patients(db):
        for row in _rows(db, TreatmentSession, TreatmentSession.patient_id == pid):
            values = parse(SessionInput, session_input(row))
            stored = {k: getattr(row, k) for k in session_columns(values)}
            assert session_columns(values) == stored
            assert row.started_at.tzinfo is not None
            assert row.session_date == local_day(values)
            checked += 1
    assert checked > 100


def test_sample_of_other_records_parses(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    for pid in _sample_patients(db):
        parse(PatientInput, _patient_input(_rows(db, Patient, Patient.id == pid)[0]))
        for scr in _rows(db, Screening, Screening.patient_id == pid):
            answers = {a.condition_id: a.answer for a in scr.answers}
            parse(ScreeningInput, {"screened_on": scr.screened_on, "answers": answers})
        for c in _rows(db, Clearance, Clearance.patient_id == pid):
            parse(ClearanceInput, {k: getattr(c, k) for k in ClearanceInput.model_fields})
        for c in _rows(db, Consent, Consent.patient_id == pid):
            parse(ConsentInput, {k: getattr(c, k) for k in ConsentInput.model_fields})
        for t in _rows(db, ColdTest, ColdTest.patient_id == pid):
            parse(*_cold_test_input(t))
        for c in _rows(db, Course, Course.patient_id == pid):
            parse(CourseInput, {k: getattr(c, k) for k in CourseInput.model_fields})
        for e in _rows(db, AdverseEvent, AdverseEvent.patient_id == pid):
            parse(AdverseEventInput, {k: getattr(e, k) for k in AdverseEventInput.model_fields})
        for a in _rows(db, Assessment, Assessment.patient_id == pid):
            parse(AssessmentInput, {k: getattr(a, k) for k in AssessmentInput.model_fields})


def _cold_test_input(t: ColdTest) -> tuple[Any, dict[str, Any]]:
    if t.kind == "ice_cube":
        return IceCubeTestInput, {
            "performed_on": t.performed_on, "contact_s": t.contact_s,
            "read_after_min": t.read_after_min, "result": t.ice_result,
            "antihistamine_48h": t.antihistamine_48h,
        }  # fmt: skip
    if t.kind == "cold_pressor":
        return ColdPressorTestInput, {
            "performed_on": t.performed_on, "water_c": t.water_c, "immersion_s": t.immersion_s,
            "bp_before": _bp(t.bp_before_sys, t.bp_before_dia),
            "bp_after": _bp(t.bp_after_sys, t.bp_after_dia),
        }  # fmt: skip
    return TempThresholdTestInput, {"performed_on": t.performed_on, "ctt_c": t.ctt_c}


# --- findings --------------------------------------------------------------------------------


def test_stored_findings_are_what_the_services_find(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    sessions = Services.open(db).sessions
    compared = 0
    for pid in _sample_patients(db, 25):
        for row in _rows(db, TreatmentSession, TreatmentSession.patient_id == pid):
            found = sessions.preview_findings(pid, session_input(row), session_id=row.id)
            stored = [(f.rule, f.level, f.message) for f in row.findings]
            assert [(f.rule, f.level.value, f.message) for f in found] == stored
            compared += 1
    assert compared > 50


def test_sessions_are_mostly_clean_and_hard_stops_overridden(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, summary = demo
    with db.read() as s:
        flagged = s.execute(select(func.count(func.distinct(SessionFinding.session_id)))).scalar()
        stops = list(s.scalars(select(SessionFinding).where(SessionFinding.level == "hard_stop")))
    assert flagged is not None and flagged < summary.sessions * 0.5
    assert all(f.override_reason and f.override_reason != UNPLANNED_OVERRIDE for f in stops)


# --- audit and determinism -------------------------------------------------------------------


def test_every_clinical_record_has_a_create_audit_row(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    entity = {Patient: "patient", TreatmentSession: "session", ColdTest: "cold_test",
              AdverseEvent: "adverse_event"}  # fmt: skip
    with db.read() as s:
        for model in CLINICAL:
            name = entity.get(model, model.__tablename__)
            audited = set(
                s.scalars(
                    select(AuditEntry.entity_id).where(
                        AuditEntry.entity == name, AuditEntry.action == "create"
                    )
                )
            )
            assert audited == set(s.scalars(select(model.id))), name
        closes = s.execute(
            select(func.count()).where(AuditEntry.action == "close", AuditEntry.entity == "course")
        ).scalar()
        closed = s.execute(select(func.count()).where(Course.status != "open")).scalar()
    assert closes == closed
    history = Services.open(db).records.history(1)
    assert history and history[0].actor == "demo"


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    tables = [
        "patient", "patient_name_token", "screening", "screening_answer", "clearance", "consent",
        "cold_test", "course", "treatment_session", "session_area", "session_pain_zone",
        "session_finding", "session_bp_reading", "adverse_event", "assessment", "practice",
        "audit_salt",
    ]  # fmt: skip
    # The entries of the generated records, without the chain hashes: those depend on
    # the genesis entry (made when the file was, so at another time in each file), as
    # does the filling of the empty practice details.
    generated = (
        "SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.patient_id, a.reason,"
        " a.row_hash, a.before_hash, a.content_hash, c.content FROM audit_log a"
        " LEFT JOIN audit_content c ON c.entry_id = a.id"
        " WHERE a.entity NOT IN ('audit_log', 'practice') ORDER BY a.id"
    )
    with db.read() as s:
        dump = {
            # sorted in full: rows that tie on their first columns come in any order
            t: sorted((tuple(r) for r in s.execute(text(f"SELECT * FROM {t}"))), key=repr)
            for t in tables
        }
        dump["audit_log"] = [tuple(r) for r in s.execute(text(generated))]
        return dump


def test_same_seed_gives_identical_data(db: Database, tmp_path: Path) -> None:
    other = open_database(tmp_path / "other.db")
    try:
        generate_demo(db, 30, 3)
        generate_demo(other, 30, 3)
        assert _dump(db) == _dump(other)
        third = open_database(tmp_path / "third.db")
        generate_demo(third, 30, 4)
        assert _dump(third)["patient"] != _dump(db)["patient"]
        third.dispose()
    finally:
        other.dispose()


def test_zero_patients_and_negative_count(db: Database) -> None:
    summary = generate_demo(db, 0, 1)
    assert summary.patients == 0
    with pytest.raises(ValueError, match="negative"):
        generate_demo(db, -1, 1)


def test_create_entries_hold_the_hash_the_services_would_write(
    demo: tuple[Database, DemoSummary],
) -> None:
    """Each new record's entry holds the salted hash of ``services.audit.snapshot`` of the
    record as the ORM loads it: the generator's own states agree with the services'."""
    db, _ = demo
    entities: dict[Any, str] = {Patient: "patient", Screening: "screening", ColdTest: "cold_test",
                TreatmentSession: "session", Assessment: "assessment"}  # fmt: skip
    compared = 0
    with db.read() as s:
        salts = {r[0]: r[1] for r in s.execute(select(AuditSalt.patient_id, AuditSalt.salt))}
        for pid in _sample_patients(db, 10):
            for model, entity in entities.items():
                key = model.id if model is Patient else model.patient_id
                for row in s.scalars(select(model).where(key == pid)):
                    stored = s.scalars(
                        select(AuditEntry.row_hash).where(
                            AuditEntry.entity == entity,
                            AuditEntry.entity_id == row.id,
                            AuditEntry.action == "create",
                        )
                    ).one()
                    expected = cut(state_hash(salts[pid], audit.snapshot(row)))
                    assert stored == expected, entity
                    compared += 1
    assert compared > 100


def test_generated_file_verifies(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    assert db.path is not None
    report = verify_file(db.path)
    assert report.breaks == [] and report.exit_status == 0
    assert report.records > PATIENTS * 5 and report.entries > report.records


def test_sqlite_encoders_match_sqlalchemy() -> None:
    """The generator's own encoders store exactly what SQLAlchemy's processors would."""
    dialect = pysqlite.dialect()
    utc_type = TreatmentSession.__table__.c.started_at.type
    by_sqlalchemy = utc_type.dialect_impl(dialect).bind_processor(dialect)
    date_type = TreatmentSession.__table__.c.session_date.type
    date_by_sqlalchemy = date_type.dialect_impl(dialect).bind_processor(dialect)
    assert by_sqlalchemy is not None and date_by_sqlalchemy is not None
    plus_two = timezone(timedelta(hours=2))
    moments = [
        datetime(2024, 3, 31, 1, 30, tzinfo=UTC),
        datetime(2024, 3, 31, 1, 30, 0, 5, tzinfo=UTC),
        datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=plus_two),
        None,
    ]
    for moment in moments:
        assert sqlite_utc(moment) == by_sqlalchemy(moment)
    for day in (date(2024, 2, 29), date(999, 1, 2), None):
        assert sqlite_date(day) == date_by_sqlalchemy(day)
    with pytest.raises(ValueError, match="timezone-aware"):
        sqlite_utc(datetime(2024, 1, 1, 9))


def _generate(path: Path, workers: int, chunk: int, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setattr(demo_package, "CHUNK_PATIENTS", chunk)
    database = open_database(path)
    calls: list[tuple[int, int]] = []
    generate_demo(
        database, 45, 11, today=date(2025, 6, 1), workers=workers,
        progress=lambda d, t: calls.append((d, t)),
    )  # fmt: skip
    assert calls == [(d, 45) for d in (10, 20, 30, 40, 45)]
    return database


def test_worker_processes_give_identical_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two or three worker processes, started from a thread that is not the main one (as
    from a Qt application's worker), write byte for byte what one process writes."""
    alone = _generate(tmp_path / "one.db", 1, 10, monkeypatch)
    results: dict[int, Database] = {}
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for workers in (2, 3):
                results[workers] = _generate(tmp_path / f"{workers}.db", workers, 10, monkeypatch)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    assert not errors and set(results) == {2, 3}
    try:
        expected = _dump(alone)
        assert len(expected["treatment_session"]) > 100
        for database in results.values():
            assert _dump(database) == expected
        assert multiprocessing.active_children() == []
    finally:
        for database in (alone, *results.values()):
            database.dispose()


def test_failing_worker_stops_the_run_with_its_error() -> None:
    """A worker's error reaches the caller (no hang), and no worker outlives the run."""
    job = Job(1, date(2025, 6, 1), {}, "demo", True, chunk_ranges(40, 10))
    next_ids = dict.fromkeys(id_counts([]), 1)
    with pytest.raises(WorkerFailed, match="consent_form_version"):
        for _ in parallel_chunks(job, next_ids, 2):
            pass
    assert multiprocessing.active_children() == []


def test_stopping_early_ends_the_workers(db: Database) -> None:
    with db.read() as s:
        settings = load_thresholds(s)
    job = Job(1, date(2025, 6, 1), settings, "demo", True, chunk_ranges(60, 10))
    chunks = parallel_chunks(job, dict.fromkeys(id_counts([]), 1), 2)
    first = next(chunks)
    assert len(first.rows["patient"]) == 10
    chunks.close()
    assert multiprocessing.active_children() == []


def test_rejects_no_workers(db: Database) -> None:
    with pytest.raises(ValueError, match="workers"):
        generate_demo(db, 5, 1, workers=0)
