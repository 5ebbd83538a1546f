"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import sys

from cryolog.db.database import Database, open_database
from cryolog.db.errors import DatabaseProblem
from cryolog.db.location import resolve_target


def fail(message: str) -> int:
    """Print a one-line error and return the exit status for a failed command."""
    print(f"cryolog: {message}", file=sys.stderr)
    return 1


def open_for_cli(db_arg: str | None, *, create: bool) -> Database | None:
    """Open the chosen database, or print why not and return None."""
    try:
        return open_database(resolve_target(db_arg), create=create)
    except DatabaseProblem as exc:
        fail(str(exc))
        return None


def positive_int(text: str, what: str = "a whole number") -> int:
    """An argument that must be a whole number from 1 (``what`` names it in messages)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not {what} of at least 1")
    return value


def record_id(text: str) -> int:
    return positive_int(text, "a record id (a whole number)")


def command_group(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help_text: str,
    metavar: str,
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """``cryolog NAME ACTION ...``: a command whose actions are sub-commands of their own."""
    group: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    return group.add_subparsers(
        dest=f"{name}_command",
        metavar=metavar,
        required=True,
        parser_class=commands._parser_class,
    )
