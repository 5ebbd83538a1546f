"""``cryolog import patients FILE``: bring an existing patient list in (CSV or .xlsx).

    cryolog import patients FILE [--map family=Фамилия,given=Имя,birth=Дата рождения]
        [--name-order family-first|given-first] [--date-format dd.mm.yyyy|...]
        [--encoding ENC] [--delimiter ;] [--duplicates skip|merge] [--skip-bad] [--dry-run]

Columns are found by their headings (English and Russian) unless ``--map`` says otherwise.
Every row is checked with the app's rules; the report lists each rejected row with its
number and reasons. With a rejected row nothing is imported and the exit status is 1,
unless ``--skip-bad``. Duplicates (same name and birth date, or same phone) are skipped,
or with ``--duplicates merge`` fill the existing patient's empty fields. Everything is one
transaction. Refused while a cryolog window has the database open.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.cli.common import Refused, command_group, exclusive_database
from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseProblem
from cryolog.domain.errors import InvalidInput
from cryolog.services import Services

if TYPE_CHECKING:
    from cryolog.services.importing.mapping import ColumnMap
    from cryolog.services.importing.plan import ImportPlan
    from cryolog.services.importing.reading import SourceTable

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
_REPORT_LIMIT = 200


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> list[argparse.ArgumentParser]:
    from cryolog.services.importing.values import DATE_FORMATS

    actions = command_group(commands, "import", "bring data in from other software", "WHAT")
    patients = actions.add_parser("patients", help="import a patient list from a CSV or .xlsx file")
    patients.add_argument("file", metavar="FILE", type=Path)
    patients.add_argument(
        "--map", metavar="FIELD=COLUMN,...", help="which column holds what (by heading or 1..N)"
    )
    patients.add_argument(
        "--name-order",
        choices=("family-first", "given-first"),
        default="family-first",
        help="the order of words in a full-name column",
    )
    patients.add_argument("--date-format", choices=tuple(DATE_FORMATS), default=None)
    patients.add_argument("--encoding", default=None, help="e.g. utf-8, cp1251, cp1252")
    patients.add_argument("--delimiter", default=None, help="e.g. ';' ',' or 'tab'")
    patients.add_argument("--duplicates", choices=("skip", "merge"), default="skip")
    patients.add_argument(
        "--skip-bad", action="store_true", help="import the good rows, skip rejected ones"
    )
    patients.add_argument("--dry-run", action="store_true", help="print the report, import nothing")
    patients.set_defaults(handler=run_patients)
    return [patients]


def _fail(message: str, status: int = EXIT_FAILED) -> int:
    print(f"cryolog import: {message}", file=sys.stderr)
    return status


def run_patients(args: argparse.Namespace) -> int:
    from cryolog.services.importing.limits import ImportProblem
    from cryolog.services.importing.values import AmbiguousDates

    try:
        table, mapping = _read(args)
    except ImportProblem as exc:
        return _fail(str(exc), EXIT_USAGE if "--map" in str(exc) else EXIT_FAILED)
    missing = mapping.problems()
    if missing:
        headings = ", ".join(repr(h) for h in table.header)
        return _fail(f"{' '.join(missing)} Use --map (the file's headings: {headings}).")
    try:
        with exclusive_database(args.db) as held:  # a window may not hold it meanwhile
            db = open_database(held.backend, create=False)
            try:
                return _import(args, db, table, mapping)
            finally:
                db.dispose()
    except AmbiguousDates as exc:
        return _fail(f"{exc} with --date-format.", EXIT_USAGE)
    except Refused as exc:
        return _fail(str(exc))
    except (DatabaseProblem, InvalidInput) as exc:
        return _fail(f"{exc}; nothing was imported.")


def _read(args: argparse.Namespace) -> tuple[SourceTable, ColumnMap]:
    from cryolog.services.importing.mapping import NameOrder, guess_map, parse_map_option
    from cryolog.services.importing.reading import read_table

    delimiter = "\t" if args.delimiter in ("tab", "\\t") else args.delimiter
    table = read_table(args.file, encoding=args.encoding, delimiter=delimiter)
    mapping = guess_map(table.header)
    if args.map:
        mapping = parse_map_option(args.map, table.header, mapping)
    order = NameOrder(args.name_order)
    return table, replace(mapping, name_order=order, date_format=args.date_format)


def _import(args: argparse.Namespace, db: Database, table: SourceTable, mapping: ColumnMap) -> int:
    from cryolog.services.importing.plan import Duplicates
    from cryolog.services.importing.run import RowsRejected, preview, run_import

    services = Services.open(db)
    duplicates = Duplicates(args.duplicates)
    described = _source(table)
    if args.dry_run:
        plan = preview(services, table, mapping, duplicates)
        print(described)
        _report(plan)
        print("Dry run: nothing was imported.")
        return EXIT_FAILED if plan.rejected and not args.skip_bad else EXIT_OK
    try:
        result = run_import(services, table, mapping, duplicates=duplicates, skip_bad=args.skip_bad)
    except RowsRejected as exc:
        print(described)
        _report(exc.plan)
        return _fail(str(exc))
    print(described)
    _report(result.plan)
    print(result.summary())
    return EXIT_OK


def _source(table: SourceTable) -> str:
    how = (
        f"encoding {table.encoding}, delimiter {table.delimiter!r}"
        if table.kind == "csv"
        else "Excel workbook, first sheet"
    )
    return f"{table.name}: {len(table.rows)} rows ({how})."


def _report(plan: ImportPlan) -> None:
    from cryolog.services.importing.plan import Status

    print(f"Birth dates read as {plan.date_format}. {plan.summary()}.")
    shown = 0
    for row in plan.rows:
        if row.status is Status.NEW:
            continue
        if shown == _REPORT_LIMIT:
            print(f"  … and more (only the first {_REPORT_LIMIT} are listed)")
            break
        label = row.status.value
        name = row.display_name or "(no name)"
        print(f"  row {row.row}: {label}: {name}: {row.reason()}")
        shown += 1
