"""``cryolog export ...``: hand data over.

    cryolog export patient PATIENT_ID -o FILE.zip [--password | --password-env VAR]
    cryolog export all -o FOLDER

A patient's export is one ZIP with the whole record (JSON, CSV, the stored PDFs, the audit
trail and an HL7 FHIR R4B bundle); with a password every member is AES-256 encrypted.
``export all`` writes every table as CSV into a new folder. Files are made readable by
their owner only. Problems print one line on standard error and exit 1; bad arguments 2.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from cryolog.cli.common import command_group, record_id
from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseProblem
from cryolog.db.location import resolve_target
from cryolog.domain.errors import InvalidInput, RecordNotFound
from cryolog.services import Services

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
HEALTH_DATA = "This file holds health data: keep it where only the patient can read it."


class _Refused(Exception):
    """A problem with the arguments found after parsing; exit status 2."""


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> list[argparse.ArgumentParser]:
    actions = command_group(commands, "export", "export a patient's record or every table", "WHAT")
    patient = actions.add_parser(
        "patient", help="a patient's whole record as a ZIP (JSON, CSV, PDFs, history, FHIR)"
    )
    patient.add_argument("patient_id", metavar="PATIENT_ID", type=record_id)
    patient.add_argument("-o", "--output", metavar="FILE.zip", required=True, type=Path)
    secret = patient.add_mutually_exclusive_group()
    secret.add_argument(
        "--password", action="store_true", help="ask for a password (AES-256 encryption)"
    )
    secret.add_argument(
        "--password-env", metavar="VAR", help="take the password from environment variable VAR"
    )
    patient.add_argument(
        "--overwrite", action="store_true", help="replace FILE.zip if it exists already"
    )
    patient.set_defaults(handler=run_patient)
    every = actions.add_parser("all", help="every table as CSV files in a new folder")
    every.add_argument("-o", "--output", metavar="FOLDER", required=True, type=Path)
    every.set_defaults(handler=run_all)
    return [patient, every]


def _fail(message: str, status: int = EXIT_FAILED) -> int:
    print(f"cryolog export: {message}", file=sys.stderr)
    return status


def _open(args: argparse.Namespace) -> Database:
    return open_database(resolve_target(args.db), create=False, verify=False)  # see report


def password_from(args: argparse.Namespace) -> str | None:
    """The password the arguments ask for, or None for an unprotected export."""
    if args.password_env:
        value = os.environ.get(args.password_env, "")
        if not value:
            raise _Refused(f"environment variable {args.password_env} is not set or empty")
        return value
    if not args.password:
        return None
    if not sys.stdin.isatty():
        raise _Refused("--password needs a terminal to ask on; use --password-env VAR")
    first = getpass.getpass("Password for the export: ")
    if getpass.getpass("The same password again: ") != first:
        raise _Refused("the two passwords differ; nothing was written")
    return first


def run_patient(args: argparse.Namespace) -> int:
    from cryolog.services.export.patient_export import export_patient

    output: Path = args.output
    if output.is_dir():
        return _fail(f"{output} is a folder; give a file name such as record.zip", EXIT_USAGE)
    if output.exists() and not args.overwrite:
        return _fail(f"{output} exists; choose another name or add --overwrite", EXIT_USAGE)
    try:
        password = password_from(args)
    except _Refused as exc:
        return _fail(str(exc), EXIT_USAGE)
    except (EOFError, KeyboardInterrupt):
        return _fail("no password given; nothing was written", EXIT_USAGE)
    try:
        db = _open(args)
    except DatabaseProblem as exc:
        return _fail(str(exc))
    try:
        done = export_patient(Services.open(db), args.patient_id, output, password)
    except (RecordNotFound, InvalidInput, DatabaseProblem) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror or exc}; nothing was written")
    finally:
        db.dispose()
    print(f"Wrote {output}: patient {args.patient_id}, {done.describe()}.")
    if not done.audited:
        print("The database is read-only: this export is not in the patient's history.")
    print(HEALTH_DATA)
    return EXIT_OK


def run_all(args: argparse.Namespace) -> int:
    from cryolog.services.export.all_tables import export_all

    folder: Path = args.output
    try:
        db = _open(args)
    except DatabaseProblem as exc:
        return _fail(str(exc))
    try:
        done = export_all(Services.open(db), folder)
    except InvalidInput as exc:
        return _fail(str(exc), EXIT_USAGE)
    except DatabaseProblem as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {folder}: {exc.strerror or exc}; nothing was written")
    finally:
        db.dispose()
    print(
        f"Wrote {folder}: {len(done.tables)} tables, {done.rows} rows, {done.files} documents"
        " (one CSV file per table, manifest.json lists them)."
    )
    print("These files hold health data: keep them where only authorised people can read them.")
    return EXIT_OK
