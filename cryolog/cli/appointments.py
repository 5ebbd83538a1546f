"""``cryolog appointments``: a day's plan, and ``appointments export`` to an iCalendar file."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.cli.common import fail, open_for_cli
from cryolog.db.errors import DatabaseProblem

if TYPE_CHECKING:
    from cryolog.services.appointments_dto import DayPlan

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

MAX_EXPORT_DAYS = 3 * 366


def day_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    plan = commands.add_parser("appointments", help="print a day's plan; export appointments")
    plan.add_argument(
        "--date", type=day_arg, default=None, metavar="YYYY-MM-DD", help="the day (default: today)"
    )
    plan.set_defaults(handler=run_day)
    actions = plan.add_subparsers(
        dest="appointments_command", metavar="ACTION", parser_class=commands._parser_class
    )
    export = actions.add_parser("export", help="write appointments to an iCalendar (.ics) file")
    export.add_argument("--from", dest="first", type=day_arg, required=True, metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="last", type=day_arg, required=True, metavar="YYYY-MM-DD")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics")
    export.add_argument(
        "--names",
        choices=("full", "initials", "none"),
        default="initials",
        help="how patients are named in the events (default: initials)",
    )
    export.add_argument(
        "--with-resource",
        action="store_true",
        help="put the resource's name in each event's location",
    )
    export.set_defaults(handler=run_export)
    return [plan, export]


def describe_plan(plan: DayPlan) -> str:
    lines = [f"Day plan for {plan.day:%A} {plan.day.isoformat()} (open {plan.open_label})"]
    for part in plan.resources:
        lines.append(f"{part.resource.name}")
        if not part.appointments:
            lines.append("  no appointments")
        for a in part.appointments:
            end = a.start + timedelta(minutes=a.length_min)
            what = a.protocol_label or "one-off visit"
            status = a.status.replace("_", " ")
            lines.append(f"  {a.start:%H:%M}–{end:%H:%M}  {a.patient_name:<32} {what:<22} {status}")
    lines.append(f"Due but not booked: {len(plan.due_unbooked)}")
    for due in plan.due_unbooked:
        when = f"overdue by {due.days_late} days" if due.overdue else "due"
        lines.append(f"  {due.patient_name:<32} {due.protocol_label:<22} {when}")
    return "\n".join(lines)


def run_day(args: argparse.Namespace) -> int:
    db = open_for_cli(args.db, create=False)
    if db is None:
        return 1
    from cryolog.services import Services

    try:
        plan = Services.open(db).appointments.day_plan(args.date or date.today(), due_limit=None)
    except DatabaseProblem as exc:
        return fail(str(exc))
    finally:
        db.dispose()
    print(describe_plan(plan))
    return 0


def run_export(args: argparse.Namespace) -> int:
    if args.last < args.first:
        return fail(f"--to {args.last.isoformat()} is before --from {args.first.isoformat()}")
    if (args.last - args.first).days > MAX_EXPORT_DAYS:
        return fail(f"export at most {MAX_EXPORT_DAYS} days at once")
    output: Path = args.output
    if output.is_dir() or not output.parent.is_dir():
        return fail(f"cannot write {output}: not a file in an existing folder")
    db = open_for_cli(args.db, create=False)
    if db is None:
        return 1
    from cryolog.db.files import write_private_bytes
    from cryolog.services import Services
    from cryolog.services.appointments_ics import Names, calendar_bytes
    from cryolog.services.appointments_zone import practice_zone

    try:
        services = Services.open(db)
        items = services.appointments.between(args.first, args.last)
        with db.read() as session:
            zone = practice_zone(session)
        data = calendar_bytes(
            items, zone, names=Names(args.names), with_resource=args.with_resource
        )
        write_private_bytes(output, data, make_folders=False)
    except DatabaseProblem as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write {output}: {exc.strerror or exc}")
    finally:
        db.dispose()
    print(f"{len(items)} appointments written to {output}")
    return 0
