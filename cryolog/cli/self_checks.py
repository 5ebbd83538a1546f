"""The checks of ``cryolog self-test`` that need no window: each returns what it found or
raises with the reason it failed. They share a ``Workspace``: a temporary folder holding
a small demo database, made once and removed at the end."""

from __future__ import annotations

import importlib
import pkgutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cryolog

if TYPE_CHECKING:
    from cryolog.db.database import Database
    from cryolog.services.demo import DemoSummary

DEMO_PATIENTS = 20
DEMO_SEED = 7
_SKIPPED_MODULES = ("cryolog.__main__", "cryolog.db.migrations.")


class CheckFailed(Exception):
    """A check's finding that makes it fail; the message is its one-line reason."""


@dataclass
class Workspace:
    folder: Path
    db: Database | None = None
    summary: DemoSummary | None = None
    notes: dict[str, str] = field(default_factory=dict)

    def demo(self) -> tuple[Database, DemoSummary]:
        if self.db is None or self.summary is None:
            raise CheckFailed("needs the demo database, which could not be made")
        return self.db, self.summary

    def close(self) -> None:
        if self.db is not None:
            self.db.dispose()


def check_modules(_ws: Workspace) -> str:
    """Every module of the program is present and imports (a built folder may lack one)."""
    names = [
        info.name
        for info in pkgutil.walk_packages(cryolog.__path__, "cryolog.")
        if not info.name.startswith(_SKIPPED_MODULES)
    ]
    for name in names:
        importlib.import_module(name)
    if len(names) < 50:
        raise CheckFailed(f"only {len(names)} modules found; the installation is incomplete")
    return f"{len(names)} modules import"


def check_migrations(_ws: Workspace) -> str:
    from cryolog.db.alembic_config import MIGRATIONS_DIR, head_revision, known_revisions
    from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS

    for name in ("env.py", "script.py.mako"):
        if not (MIGRATIONS_DIR / name).is_file():
            raise CheckFailed(f"the migration file {name} is missing from {MIGRATIONS_DIR}")
    found = known_revisions()
    if found != set(KNOWN_REVISIONS):
        raise CheckFailed(
            f"migration scripts {sorted(found)} differ from the known {list(KNOWN_REVISIONS)}"
        )
    if head_revision() != HEAD_REVISION:
        raise CheckFailed(f"the newest migration is {head_revision()}, not {HEAD_REVISION}")
    return f"{len(found)} revisions on disk, newest {HEAD_REVISION}"


def check_fonts(_ws: Workspace) -> str:
    from reportlab.pdfbase import pdfmetrics

    from cryolog.reports import fonts

    fonts.register_fonts()
    faces = (fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC)
    for face in faces:
        font = pdfmetrics.getFont(face)
        if ord("Д") not in font.face.charToGlyph:
            raise CheckFailed(f"the font {face} cannot draw Cyrillic letters")
    return f"{len(faces)} DejaVu Sans faces registered"


def check_texts(_ws: Workspace) -> str:
    from cryolog.reports.resources import resource_dir

    folder = resource_dir() / "handouts"
    languages = sorted(p.name for p in folder.iterdir() if p.is_dir())
    counts = []
    for language in languages:
        files = sorted((folder / language).glob("*.toml"))
        for path in files:
            with path.open("rb") as handle:
                tomllib.load(handle)
        counts.append(f"{language} {len(files)}")
    if "en" not in languages:
        raise CheckFailed(f"the English texts are missing from {folder}")
    return "handout texts: " + ", ".join(counts)


def check_demo_database(ws: Workspace) -> str:
    from sqlalchemy import func, select, text

    from cryolog.db.database import open_database
    from cryolog.db.models import Patient
    from cryolog.db.revisions import HEAD_REVISION
    from cryolog.services.demo import generate_demo

    ws.db = open_database(ws.folder / "self-test.db")
    ws.summary = generate_demo(ws.db, DEMO_PATIENTS, DEMO_SEED, actor="self-test")
    with ws.db.read() as session:
        patients = session.scalar(select(func.count()).select_from(Patient))
        revision = session.scalar(text("SELECT version_num FROM alembic_version"))
        integrity = session.scalar(text("PRAGMA integrity_check"))
        violations = session.execute(text("PRAGMA foreign_key_check")).fetchall()
    problems = []
    if patients != DEMO_PATIENTS:
        problems.append(f"{patients} patients instead of {DEMO_PATIENTS}")
    if revision != HEAD_REVISION:
        problems.append(f"schema {revision} instead of {HEAD_REVISION}")
    if integrity != "ok":
        problems.append(f"integrity check: {integrity}")
    if violations:
        problems.append(f"{len(violations)} foreign key violations")
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"{patients} patients, {ws.summary.sessions} sessions; integrity ok"


def check_demo_workers(ws: Workspace) -> str:
    """Worker processes start (``spawn``: in a built folder, through freeze_support) and
    make the same rows as this process."""
    from datetime import date

    from cryolog.services.demo.pipeline import Job, chunk_ranges, parallel_chunks, serial_chunks
    from cryolog.services.demo.writer import next_ids
    from cryolog.services.safety import load_thresholds

    db, _summary = ws.demo()
    with db.read() as session:
        settings, first_ids = load_thresholds(session), next_ids(session)
    job = Job(DEMO_SEED, date(2024, 5, 6), settings, "self-test", False, chunk_ranges(6, 2))
    serial = list(serial_chunks(job, first_ids))
    parallel = list(parallel_chunks(job, first_ids, workers=2))
    if parallel != serial:
        raise CheckFailed("the worker processes made different rows than this process")
    return f"2 worker processes made {len(parallel)} chunks, the same as one process"


def check_documents(ws: Workspace) -> str:
    """One PDF of every kind, from the demo database, read back with PDFium."""
    from cryolog.domain.enums import HANDOUT_LANGUAGES
    from cryolog.reports import render
    from cryolog.reports.resources import resource_dir
    from cryolog.services.documents import DocumentService

    db, summary = ws.demo()
    service = DocumentService(db, "self-test")
    course_id = min(summary.course_ids.values())
    patient_id = summary.cyrillic_patient_id or 1
    folders = {p.name for p in (resource_dir() / "handouts").iterdir() if p.is_dir()}
    languages = [code for code in HANDOUT_LANGUAGES if code in folders]
    jobs: list[tuple[str, int, str | None]] = [
        ("course_summary", course_id, None),
        ("consent", patient_id, None),
    ]
    jobs += [("screening", patient_id, None)]
    jobs += [("handout", course_id, language) for language in languages]
    pages = 0
    for kind, target, language in jobs:
        data = service.build(kind, target, language=language)
        if data.patient is None:
            raise CheckFailed(f"the {kind} was built without its patient")
        pages += _read_back(render(data), data.patient.family_name, kind)
    return f"{len(jobs)} documents ({', '.join(sorted({k for k, _, _ in jobs}))}), {pages} pages"


def _read_back(pdf: bytes, expected: str, kind: str) -> int:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(pdf)
    try:
        text = ""
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text += textpage.get_text_range()
            textpage.close()
            page.close()
        count = len(document)
    finally:
        document.close()
    if expected not in text:
        raise CheckFailed(f"the {kind} PDF does not show the patient's name when read back")
    return count
