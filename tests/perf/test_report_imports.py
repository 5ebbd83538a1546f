"""``cryolog report course N`` loads what a course summary needs and not the parts that
write sessions: no rule engine (a cold pressor test's result is worked out with the rule's
own judgement, ``domain.cold_pressor``), no session, safety or booking services, and on an
SQLite file neither SQLAlchemy, the models nor pydantic. Checked in a fresh interpreter
through the installed console script's entry point, on a real demo file, with the PDF read
back."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from pypdf import PdfReader

from cryolog.db.database import open_database
from cryolog.services.demo import generate_demo

NOT_FOR_A_SUMMARY = (
    "cryolog.domain.rules.engine",
    "cryolog.services.safety",
    "cryolog.services.sessions",
    "cryolog.services.session_flow",
    "cryolog.services.pretreatment",
    "cryolog.services.appointments_links",
    "cryolog.domain.schemas.session",
)
PLAIN_SQL = (  # on an SQLite file the summary is read and recorded with plain SQL
    "sqlalchemy",
    "pydantic",
    "alembic",
    "cryolog.db.models",
    "cryolog.services.documents",
    "cryolog.services.base",
)

_REPORT = """
import json, sys
from importlib.metadata import entry_points
main = entry_points(group="console_scripts", name="cryolog")["cryolog"].load()
status = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)))
sys.exit(status)
"""


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report-imports") / "practice.db"
    db = open_database(path)
    try:
        generate_demo(db, 12, seed=5)
    finally:
        db.dispose()
    return path


def _course(path: Path, *, pressor: bool) -> int:
    """A course with sessions whose patient has (or has no) cold pressor test."""
    test = (
        "EXISTS (SELECT 1 FROM cold_test t WHERE t.patient_id = c.patient_id"
        " AND t.kind = 'cold_pressor' AND t.archived_at IS NULL)"
    )
    with closing(sqlite3.connect(path)) as conn:
        found = conn.execute(
            "SELECT c.id FROM course c WHERE EXISTS (SELECT 1 FROM treatment_session s"
            f" WHERE s.course_id = c.id) AND {'' if pressor else 'NOT '}{test}"
            " ORDER BY c.id LIMIT 1"
        ).fetchone()
    assert found is not None, "the demo file has no such course"
    return int(found[0])


def _report(path: Path, course: int, out: Path, home: Path) -> set[str]:
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
    args = ["--db", str(path), "report", "course", str(course), "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_course_summary_does_without_the_session_services(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    modules = _report(demo_file, _course(demo_file, pressor=False), out, tmp_path)
    assert "cryolog.reports.course_summary" in modules  # the summary was built here
    unwanted = set(NOT_FOR_A_SUMMARY) | set(PLAIN_SQL)
    assert not modules & unwanted, sorted(modules & unwanted)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Sessions" in text or "session" in text.lower()


def test_a_cold_pressor_result_is_still_worked_out(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    modules = _report(demo_file, _course(demo_file, pressor=True), out, tmp_path)
    assert "cryolog.domain.cold_pressor" in modules  # the rule's own judgement
    unwanted = set(NOT_FOR_A_SUMMARY) | set(PLAIN_SQL)
    assert not modules & unwanted, sorted(modules & unwanted)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages).lower()
    assert "pressor" in text
