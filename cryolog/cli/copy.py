"""``cryolog copy --from SOURCE --to DESTINATION``: a whole database, file ↔ server.

The source (a database file or a server address) is only read. The destination is an
empty server database, or a new file (it must not exist yet; it gets its anchor). Every
row is copied with its ids and recorded actors, and the copy is checked: the row count of
every table and the audit chain's head must be the source's (``services.copy``). On any
problem nothing is kept: the server's transaction is rolled back, a new file removed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryolog.services.copy import CopyReport

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    copy = commands.add_parser(
        "copy",
        help="copy a whole database from a file to an empty server database, or from a"
        " server to a new file (every row, ids, actors and audit chain kept)",
    )
    copy.add_argument("--from", dest="source", required=True, metavar="FILE_OR_URL")
    copy.add_argument("--to", dest="destination", required=True, metavar="URL_OR_NEW_FILE")
    copy.set_defaults(handler=run_copy)
    return []  # --db does not apply


def run_copy(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DBAPIError

    from cryolog.db.backends import PostgresBackend, backend_for, file_path
    from cryolog.db.errors import DatabaseProblem

    try:
        source = backend_for(args.source)
        if source.path is not None and not source.path.is_file():
            raise DatabaseProblem(f"The database file {source.path} does not exist.")
        new_file = file_path(args.destination)
        if new_file is not None and (new_file.exists() or new_file.is_symlink()):
            raise DatabaseProblem(
                f"{new_file} exists already; copy into a new file (nothing was changed)."
            )
        if source.url == backend_for(args.destination).url:
            raise DatabaseProblem("The source and the destination are the same database.")
        report = _copy(args.source, args.destination, new_file)
    except DatabaseProblem as exc:
        print(f"cryolog: {exc}", file=sys.stderr)
        return 1
    except DBAPIError as exc:  # the server's, translated (a file's come as problems already)
        ends = (backend_for(args.source), backend_for(args.destination))
        server = next((b for b in ends if isinstance(b, PostgresBackend)), ends[0])
        print(f"cryolog: {server.translate(exc)}", file=sys.stderr)
        return 1
    rows = sum(report.counts.values())
    head = "no audit entries" if report.head is None else f"audit chain head {report.head.entry_id}"
    print(
        f"Copied {rows} rows in {len(report.counts)} tables; row counts and the {head}"
        f" match the source. The copy is recorded in its audit trail (entry {report.entry_id})."
    )
    return 0


def _copy(source: str, destination: str, new_file: Path | None) -> CopyReport:
    from cryolog.db.backends import backend_for
    from cryolog.db.database import open_database
    from cryolog.db.engine import make_engine
    from cryolog.db.location import create_private_file, ensure_private_dir
    from cryolog.services.copy import copy_database

    reading = make_engine(source)
    if new_file is not None:
        ensure_private_dir(new_file.parent)
        create_private_file(new_file)
    writing = make_engine(destination, foreign_keys=False)
    try:
        labels = (backend_for(source).label, backend_for(destination).label)
        report = copy_database(reading, writing, labels=labels)
    except BaseException:
        writing.dispose()
        if new_file is not None:
            new_file.unlink(missing_ok=True)
        raise
    else:
        writing.dispose()
    finally:
        reading.dispose()
    if new_file is not None:  # the new file's anchor names the copied head
        copied = open_database(new_file, create=False)
        copied.anchor(replace=True)
        copied.dispose()
    return report
