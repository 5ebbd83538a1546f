"""Command line: ``cryolog [--db PATH] [COMMAND ...]``. With no command the GUI starts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from cryolog import __version__
from cryolog.cli import db_commands, report, rules, verify

Handler = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{self.prog}: {message}")


def _add_db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="database file (default: $CRYOLOG_DB, else the user's data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="cryolog", description="Treatment logbook for cryotherapy.")
    parser.add_argument("--version", action="version", version=f"cryolog {__version__}")
    _add_db_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for module in (db_commands, rules, report, verify):
        for sub in module.register(commands):
            _add_db_option(sub, top=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except CliError as exc:
        print(exc, file=sys.stderr)
        return 2
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from cryolog.cli.gui import run_gui

        return run_gui(args)
    return handler(args)
