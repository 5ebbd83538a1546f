"""``cryolog patients find TEXT``: the patient search of the window, one match a line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cryolog.cli.common import command_group, fail, open_for_cli
from cryolog.db.errors import DatabaseProblem

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

MAX_QUERY = 200


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    group = command_group(commands, "patients", "find patients", "ACTION")
    find = group.add_parser(
        "find",
        help="patients by name words, birth date (31.12.1980) or any 3+ digits of the phone",
    )
    find.add_argument("text", metavar="TEXT")
    find.add_argument("--archived", action="store_true", help="include archived patients")
    find.add_argument("--limit", type=int, default=50, metavar="N")
    find.set_defaults(handler=run_find)
    return [find]


def line(pid: int, name: str, birth: str, phone: str, archived: bool) -> str:
    """One match: id, name, birth date, phone (tab-separated, for reading and for cut)."""
    mark = " (archived)" if archived else ""
    return "\t".join((str(pid), name + mark, birth, phone or "-"))


def run_find(args: argparse.Namespace) -> int:
    text = args.text.strip()
    if not text or len(text) > MAX_QUERY or not text.isprintable():
        return fail(f"search text must be 1 to {MAX_QUERY} printable characters")
    if not 1 <= args.limit <= 10_000:
        return fail("--limit must be between 1 and 10000")
    db = open_for_cli(args.db, create=False)
    if db is None:
        return 1
    from cryolog.services.search import SearchService

    try:
        found = SearchService(db).search(text, include_archived=args.archived, limit=args.limit)
    except DatabaseProblem as exc:
        return fail(str(exc))
    finally:
        db.dispose()
    for p in found:
        print(line(p.id, p.display_name, p.birth_date.strftime("%d.%m.%Y"), p.phone, p.archived))
    if not found:
        return fail(f"no patient matches {text!r}")
    return 0
