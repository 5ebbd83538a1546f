"""``cryolog report ...``: print documents to PDF files, and list what can be printed.

    cryolog report course COURSE_ID [--lang en|ru] -o FILE.pdf
    cryolog report handout COURSE_ID [--lang en|ru] -o FILE.pdf
    cryolog report screening PATIENT_ID [--blank] [--lang en|ru] -o FILE.pdf
    cryolog report consent PATIENT_ID [--blank] [--lang en|ru] -o FILE.pdf
    cryolog report list PATIENT_ID

Every document written is also kept in the patient's Documents (with its SHA-256) and
in the audit trail. Problems print one line on standard error and exit 1.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cryolog.cli.common import command_group, record_id
from cryolog.db.backends import SqliteFileBackend
from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseProblem
from cryolog.db.files import PrivateFile
from cryolog.db.location import resolve_target
from cryolog.domain.errors import InvalidInput, RecordNotFound
from cryolog.domain.locale import WINDOW_LANGUAGES
from cryolog.services import default_actor

EXIT_OK = 0
EXIT_FAILED = 1
KIND_LABELS = {
    "course_summary": "course summary",
    "handout": "handout",
    "consent": "consent form",
    "screening": "screening questionnaire",
}


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> list[argparse.ArgumentParser]:
    actions = command_group(commands, "report", "print documents to PDF files", "DOCUMENT")
    leaves = [
        _document(
            actions,
            "course",
            "course_summary",
            "COURSE_ID",
            "course summary",
            lang=True,
            languages=WINDOW_LANGUAGES,
            lang_default="English",
        ),
        _document(actions, "handout", "handout", "COURSE_ID", "patient handout", lang=True),
        _document(
            actions, "consent", "consent", "PATIENT_ID", "consent form", lang=True, blank=True
        ),
        _document(
            actions,
            "screening",
            "screening",
            "PATIENT_ID",
            "screening questionnaire",
            lang=True,
            blank=True,
        ),
    ]
    listing = actions.add_parser("list", help="a patient's courses and generated documents")
    listing.add_argument("patient_id", metavar="PATIENT_ID", type=record_id)
    listing.set_defaults(handler=run_list)
    return [*leaves, listing]


def _document(
    actions: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    kind: str,
    target: str,
    label: str,
    *,
    lang: bool = False,
    blank: bool = False,
    languages: tuple[str, ...] | None = None,
    lang_default: str = "the patient's handout language; any the database knows",
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = actions.add_parser(name, help=f"write the {label} as PDF")
    parser.add_argument("target_id", metavar=target, type=record_id)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE.pdf",
        required=True,
        type=Path,
        help="where to write the PDF",
    )
    if lang:
        parser.add_argument(
            "--lang",
            choices=languages,
            metavar=None if languages else "CODE",
            default=None,
            help=f"language (default: {lang_default})",
        )
    if blank:
        parser.add_argument(
            "--blank",
            action="store_true",
            help="a blank form, to be filled in by hand",
        )
    parser.set_defaults(handler=run_document, kind=kind)
    return parser


def _fail(message: str) -> int:
    print(f"cryolog report: {message}", file=sys.stderr)
    return EXIT_FAILED


def _open(args: argparse.Namespace) -> Database:
    # No whole-file scan: a damaged page the report reads is reported when met; the full
    # scan is `cryolog check`'s job (at 100,000 patients it takes seconds).
    return open_database(resolve_target(args.db), create=False, verify=False)


def _generate(db: Database, args: argparse.Namespace, deliver: Callable[[bytes], None]) -> Any:
    """Build, render, write and record the document. A course summary from an SQLite file
    is read and recorded with plain SQL (no ORM to import for one document); everything
    else goes through the documents service."""
    from cryolog.reports import render

    if args.kind == "course_summary" and isinstance(db.storage, SqliteFileBackend):
        from cryolog.services.document_record import generate_course_summary

        return generate_course_summary(
            db, default_actor(), args.target_id, render, language=args.lang, deliver=deliver
        )
    from cryolog.services.documents import DocumentService  # loaded when a command needs it

    return DocumentService(db, default_actor()).generate(
        args.kind,
        args.target_id,
        render,
        language=getattr(args, "lang", None),
        blank=getattr(args, "blank", False),
        deliver=deliver,
    )


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """One document, then the process ends: the cyclic garbage collector would spend about
    a tenth of the command walking objects that live until then anyway (the modules
    imported, the layout); reference counting still frees the rest (measured: the same
    peak memory). Switched back on afterwards for callers in a longer-lived process."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_document(args: argparse.Namespace) -> int:
    with _without_cycle_collection():
        return _write_document(args)


def _write_document(args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.is_dir():
        return _fail(f"{output} is a folder; give a file name such as summary.pdf")
    try:
        db = _open(args)
    except DatabaseProblem as exc:
        return _fail(str(exc))
    staged = PrivateFile(output, make_folders=False)  # renamed into place once recorded
    try:
        record, pdf = _generate(db, args, staged.write)
        staged.publish()
    except (RecordNotFound, InvalidInput, DatabaseProblem) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror or exc}")
    finally:
        staged.discard()
        db.dispose()
    print(
        f"Wrote {output} ({KIND_LABELS[args.kind]}, {len(pdf)} bytes, "
        f"document {record.id}, sha256 {record.sha256})"
    )
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from cryolog.services.documents import DocumentService
    from cryolog.services.records import RecordService

    try:
        db = _open(args)
    except DatabaseProblem as exc:
        return _fail(str(exc))
    try:
        record = RecordService(db, default_actor()).patient_record(args.patient_id)
        documents = DocumentService(db, default_actor()).documents(args.patient_id)
    except (RecordNotFound, DatabaseProblem) as exc:
        return _fail(str(exc))
    finally:
        db.dispose()
    patient = record.patient
    print(
        f"Patient {patient.id}: {patient.display_name}, born {patient.birth_date.isoformat()}"
        f" (handouts in {patient.handout_language})"
    )
    print("Courses (use COURSE_ID with 'report course' and 'report handout'):")
    for c in record.courses:
        ended = f" to {c.ended_on.isoformat()}" if c.ended_on else ""
        print(f"  {c.id:>6}  {c.protocol_id:<16} {c.status:<9} {c.started_on.isoformat()}{ended}")
    if not record.courses:
        print("  none")
    print("Documents generated:")
    for d in documents:
        when = d.created_at.strftime("%Y-%m-%d %H:%M UTC")
        course = f" course {d.course_id}" if d.course_id else ""
        print(
            f"  {d.id:>6}  {when}  {KIND_LABELS.get(d.kind, d.kind):<24}{d.language} "
            f"by {d.actor}{course}  sha256 {d.sha256[:16]}…"
        )
    if not documents:
        print("  none")
    return EXIT_OK
