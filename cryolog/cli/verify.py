"""``cryolog verify``: is the file's audit trail intact, and does every record match it?

Prints each break on a line of its own (``table id: what``), then a summary line. Exit
status: 0 everything verifies; 1 a break was found; 3 nothing is broken but the end of
the trail cannot be checked (no anchor file beside the database, e.g. a copy); 2 the file
cannot be verified at all (missing, not a cryolog database, an older schema). It only
reads: it never changes the file, and it works while a window has the file open.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryolog.services.verify import VerifyReport

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

CANNOT_VERIFY = 2


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    verify = commands.add_parser(
        "verify",
        help="check the audit trail's hash chain, every record and document against it,"
        " and the anchor (exit 0 ok, 1 break found, 3 end of trail unchecked)",
    )
    verify.add_argument(
        "--full",
        action="store_true",
        help="on a server: check every record again, not only the entries since the last"
        " check made on this workstation",
    )
    verify.set_defaults(handler=run_verify)
    return [verify]


def run_verify(args: argparse.Namespace) -> int:
    from cryolog.db.backends.postgres_url import is_postgres
    from cryolog.db.errors import DatabaseProblem
    from cryolog.db.location import is_url, resolve_target
    from cryolog.services.verify import verify_file

    target = resolve_target(args.db)
    if is_url(target) and is_postgres(target):
        from cryolog.services.verify_server import (
            remember_verified,
            verify_at_start,
            verify_server,
        )

        try:
            if not getattr(args, "full", False):
                return _print(verify_at_start(target))
            full = verify_server(target)
            if full.ok and full.head is not None:
                remember_verified(full.label, full.head)
            return _print(full)
        except DatabaseProblem as exc:
            return _fail(str(exc))
    if is_url(target) and not target.startswith("sqlite"):
        return _fail("verify checks a database file; give its path with --db")
    path = Path(target.removeprefix("sqlite:///")).expanduser()
    try:
        report = verify_file(path)
    except DatabaseProblem as exc:
        return _fail(str(exc))
    return _print(report)


def _print(report: VerifyReport) -> int:
    lines = [b.line() for b in report.breaks] + [report.summary()]
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `cryolog verify | head -1`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return report.exit_status


def _fail(message: str) -> int:
    print(f"cryolog: {message}", file=sys.stderr)
    return CANNOT_VERIFY
