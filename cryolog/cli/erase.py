"""``cryolog erase patient ID``: erasure on request from scripts.

The record is exported first (``--export FILE.zip``, or ``--no-export`` said plainly); the
command asks twice at a terminal (the patient's id typed back, then "erase"), or takes
``--yes``. It holds the database exclusively (it refuses while a window has it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.cli.common import command_group, exclusive_database, fail, note, record_id
from cryolog.db.database import open_database
from cryolog.db.errors import DatabaseProblem

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    group = command_group(commands, "erase", "erase personal data on request", "WHAT")
    patient = group.add_parser("patient", help="erase one patient (exported first)")
    patient.add_argument("patient_id", type=record_id, metavar="ID")
    where = patient.add_mutually_exclusive_group(required=True)
    where.add_argument("--export", type=Path, metavar="FILE.zip", help="export the record here")
    where.add_argument("--no-export", action="store_true", help="erase without exporting")
    patient.add_argument("--yes", action="store_true", help="do not ask")
    patient.add_argument(
        "--anonymise",
        action="store_true",
        help="keep the clinical numbers under a patient without personal data",
    )
    patient.add_argument(
        "--retention-years",
        type=int,
        default=10,
        metavar="N",
        help="the practice's retention period (default 10): a younger record is warned about",
    )
    patient.set_defaults(handler=run_erase_patient)
    return [patient]


def _confirmed(patient_id: int, name: str) -> bool:
    if not sys.stdin.isatty():
        return False
    first = input(f"Erase {name} (patient {patient_id})? Type the id again to go on: ")
    if first.strip() != str(patient_id):
        return False
    second = input("This cannot be undone. Type 'erase' to erase now: ")
    return second.strip().lower() == "erase"


def run_erase_patient(args: argparse.Namespace) -> int:
    from cryolog.domain.errors import InvalidInput, RecordNotFound
    from cryolog.services import Services
    from cryolog.services.erasure import erase_patient, erasure_plan
    from cryolog.services.kept_typing import forget_patient, kept_for

    if not 0 <= args.retention_years <= 100:
        return fail("--retention-years must be a whole number from 0 to 100.")
    try:
        with exclusive_database(args.db) as held:
            db = open_database(held.backend, create=False)
            try:
                services = Services.open(db, actor="cli")
                plan = erasure_plan(db, args.patient_id, args.retention_years)
                dto = services.patients.get_patient(args.patient_id)
                name = f"{dto.family_name} {dto.given_name}".strip()
                if plan.too_young():
                    note(
                        f"the record is younger than the retention period of"
                        f" {args.retention_years} years (kept until {plan.kept_until:%d.%m.%Y})."
                    )
                if not args.yes and not _confirmed(args.patient_id, name):
                    return fail("Not confirmed (run at a terminal, or give --yes); nothing erased.")
                result = erase_patient(
                    services,
                    args.patient_id,
                    export_to=None if args.no_export else args.export,
                    anonymise=args.anonymise,
                )
                typing_dropped = forget_patient(kept_for(db), args.patient_id)
            finally:
                db.dispose()
    except (DatabaseProblem, RecordNotFound, InvalidInput, OSError) as exc:
        return fail(str(exc))
    exported = f" The record was exported to {result.export}." if result.export else ""
    print(f"Patient {args.patient_id} was erased ({result.records_removed} records).{exported}")
    if typing_dropped:
        note("typing kept aside for the patient after a crash of the window was removed too.")
    if plan.backups_gone_by is not None:
        note(
            f"{plan.backups_holding} backups still hold the patient; the last leaves the"
            f" rotation by {plan.backups_gone_by:%d.%m.%Y}."
        )
    return 0
