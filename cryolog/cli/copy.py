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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

    from cryolog.db.backends import PostgresBackend, backend_for
    from cryolog.db.errors import DatabaseProblem
    from cryolog.services.copy import copy_between

    try:
        report = copy_between(args.source, args.destination)
    except DatabaseProblem as exc:
        print(f"cryolog: {exc}", file=sys.stderr)
        return 1
    except DBAPIError as exc:  # the server's, translated (a file's come as problems already)
        ends = (backend_for(args.source), backend_for(args.destination))
        server = next((b for b in ends if isinstance(b, PostgresBackend)), ends[0])
        print(f"cryolog: {server.translate(exc)}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0
