"""Make tests/fixtures/rev0001.sqlite: a database at schema revision 0001 with real-looking data.

The upgrade tests migrate a copy of it to the current schema and check that no row is lost.
It is written with plain SQL against the 0001 tables (the current models may differ).
Run once when a fixture is needed; the file is checked in.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import text

from cryolog.db.alembic_config import alembic_config
from cryolog.db.engine import make_engine
from cryolog.db.location import sqlite_url

NOW = "2026-03-01 09:00:00.000000"
PATIENTS = [
    ("Иванова", "Мария", "Петровна", "1980-05-02", "female", 165.0, "+7 912 123-45-67"),
    ("Dupont", "Sébastien", "", "1975-01-03", "male", 181.0, "+33 6 12 34 56 78"),
    ("O'Brien", "Siobhán", "", "1990-11-30", "female", 158.0, "+353 87 123 4567"),
]


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    engine = make_engine(sqlite_url(str(path)), foreign_keys=False)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    with engine.begin() as conn:
        for i, (family, given, middle, birth, sex, height, phone) in enumerate(PATIENTS, 1):
            _patient(conn, i, family, given, middle, birth, sex, height, phone)
            _clinical(conn, i)
    engine.dispose()


def _patient(conn, pid, family, given, middle, birth, sex, height, phone) -> None:  # type: ignore[no-untyped-def]
    digits = "".join(c for c in phone if c.isdigit())
    conn.execute(
        text(
            "INSERT INTO patient (id, family_name, given_name, middle_name, birth_date, sex,"
            " height_cm, weight_kg, phone, email, address, notes, search_name, phone_digits,"
            " phone_digits_rev, created_at, updated_at, version)"
            " VALUES (:id, :f, :g, :m, :b, :s, :h, 70, :p, '', '', 'Referred by GP', :sn, :d, :dr,"
            " :now, :now, 1)"
        ),
        dict(
            id=pid,
            f=family,
            g=given,
            m=middle,
            b=birth,
            s=sex,
            h=height,
            p=phone,
            sn=f"{family} {given} {middle}".lower(),
            d=digits,
            dr=digits[::-1],
            now=NOW,
        ),
    )
    for token in {family.lower(), given.lower()}:
        conn.execute(
            text("INSERT INTO patient_name_token (patient_id, token) VALUES (:p, :t)"),
            dict(p=pid, t=token),
        )
    _audit(conn, "patient", pid, pid)


def _clinical(conn, pid) -> None:  # type: ignore[no-untyped-def]
    base = dict(p=pid, now=NOW)
    conn.execute(
        text(
            "INSERT INTO screening (patient_id, screened_on, catalog_version, notes,"
            " created_at, updated_at, version) VALUES (:p, '2026-02-20', 1, '', :now,"
            " :now, 1)"
        ),
        base,
    )
    sid = conn.execute(text("SELECT max(id) FROM screening")).scalar()
    for cond, answer in (("diabetes", "no"), ("raynaud", "no"), ("pregnancy", "no")):
        conn.execute(
            text("INSERT INTO screening_answer VALUES (:s, :c, :a)"), dict(s=sid, c=cond, a=answer)
        )
    conn.execute(
        text(
            "INSERT INTO consent (patient_id, signed_on, form_version, notes,"
            " created_at, updated_at, version) VALUES (:p, '2026-02-20', 1, '', :now,"
            " :now, 1)"
        ),
        base,
    )
    conn.execute(
        text(
            "INSERT INTO cold_test (patient_id, kind, performed_on, contact_s,"
            " read_after_min, ice_result, antihistamine_48h, notes, created_at,"
            " updated_at, version) VALUES (:p, 'ice_cube', '2026-02-20', 300, 10,"
            " 'negative', 0, '', :now, :now, 1)"
        ),
        base,
    )
    conn.execute(
        text(
            "INSERT INTO course (patient_id, protocol_id, indication, body_area,"
            " planned_sessions, status, started_on, notes, created_at, updated_at,"
            " version) VALUES (:p, 'acne', 'Acne', 'face', 12, 'open', '2026-02-21',"
            " '', :now, :now, 1)"
        ),
        base,
    )
    cid = conn.execute(text("SELECT max(id) FROM course")).scalar()
    for n, day in enumerate(("2026-02-21", "2026-02-24", "2026-02-27")):
        conn.execute(
            text(
                "INSERT INTO treatment_session (patient_id, course_id, modality, device,"
                " applicator, started_at, session_date, set_temp_c, temp_unit_entered,"
                " duration_s, nrs_pre, nrs_post, reactions, aborted, abort_reason, notes,"
                " created_at, updated_at, version)"
                " VALUES (:p, :c, 'ln2_applicator', 'Kriomed', 'cotton', :at, :day,"
                " -180, 'C', 300, :pre, :post, 'erythema', 0, '', '', :now, :now, 1)"
            ),
            dict(base, c=cid, at=f"{day} 08:00:00.000000", day=day, pre=6 - n, post=4 - n),
        )
        ts = conn.execute(text("SELECT max(id) FROM treatment_session")).scalar()
        conn.execute(
            text(
                "INSERT INTO session_area (session_id, position, site, kind, area_dm2,"
                " passes, exposure_s) VALUES (:s, 0, 'face', 'area', 3.0, 2, 300)"
            ),
            dict(s=ts),
        )
        _audit(conn, "session", ts, pid)
    conn.execute(
        text(
            "INSERT INTO adverse_event (patient_id, event_type, severity, onset_on,"
            " device_malfunction, description, created_at, updated_at, version)"
            " VALUES (:p, 'erythema', 'mild', '2026-02-24', 0, '', :now, :now, 1)"
        ),
        base,
    )
    conn.execute(
        text(
            "INSERT INTO assessment (patient_id, course_id, assessed_on, kind, value,"
            " notes, created_at, updated_at, version) VALUES (:p, :c, '2026-02-27',"
            " 'iga', 3, '', :now, :now, 1)"
        ),
        dict(base, c=cid),
    )


def _audit(conn, entity, entity_id, pid) -> None:  # type: ignore[no-untyped-def]
    conn.execute(
        text(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, patient_id,"
            " after_json) VALUES (:now, 'fixture', 'create', :e, :i, :p, :j)"
        ),
        dict(now=NOW, e=entity, i=entity_id, p=pid, j=json.dumps({"id": entity_id})),
    )


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("tests/fixtures/rev0001.sqlite")
    build(target)
    print(f"wrote {target}")
