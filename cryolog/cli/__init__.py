"""Command line: ``cryolog [--db PATH] [COMMAND ...]``. With no command the GUI starts."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]
log = logging.getLogger("cryolog.cli")


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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (``only``: a module of ``COMMAND_MODULES``) the top
    options with just that module's commands, so a command imports what it needs and not
    what every other command needs."""
    parser = _Parser(prog="cryolog", description="Treatment logbook for cryotherapy.")
    parser.add_argument(
        "--version",
        action="store_true",
        help="show the version, the schema it writes and the database file's schema",
    )
    _add_db_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for name in COMMAND_MODULES if only is None else (only,):
        module = importlib.import_module(f"cryolog.cli.{name}")
        for sub in module.register(commands):
            _add_db_option(sub, top=False)
    return parser


COMMAND_MODULES = (
    "db_commands",
    "rules",
    "report",
    "patients",
    "export",
    "importing",
    "appointments",
    "self_test",
    "verify",
    "encryption",
    "erase",
    "copy",
)
"""Imported only when a command is given: the window's start must not wait for them."""

COMMANDS = {
    "demo": "db_commands",
    "check": "db_commands",
    "backup": "db_commands",
    "backups": "db_commands",
    "restore": "db_commands",
    "rules": "rules",
    "report": "report",
    "patients": "patients",
    "export": "export",
    "import": "importing",
    "appointments": "appointments",
    "self-test": "self_test",
    "verify": "verify",
    "encrypt": "encryption",
    "decrypt": "encryption",
    "passphrase": "encryption",
    "erase": "erase",
    "copy": "copy",
}
"""Which module of ``COMMAND_MODULES`` registers each command: a command's run imports
only its own module (tests/perf/test_cli_commands.py checks this against the modules). A
command missing here still works, through the whole parser."""


def named_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (the first word that is neither an option nor the value
    of ``--db``), or None (no command, or help asked for before one)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when ``argv`` names no command (nothing, ``--db PATH``, ``--version``),
    else None. Lets ``cryolog`` open its window without importing any command's module."""
    light = _Parser(prog="cryolog", add_help=False)
    light.add_argument("--version", action="store_true")
    _add_db_option(light, top=True)
    try:
        args, rest = light.parse_known_args(argv)
    except CliError:
        return None  # the full parser says what is wrong
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    window = window_only(given)
    if window is not None:
        args = window
    else:
        try:
            args = build_parser(COMMANDS.get(named_command(given) or "")).parse_args(given)
        except CliError as exc:
            print(exc, file=sys.stderr)
            return 2
    if args.version:
        from cryolog.cli.version import version_text

        print(version_text(args.db))
        return 0
    from cryolog import logs

    handler: Handler | None = getattr(args, "handler", None)
    logs.setup_logging(deferred=handler is None)  # the window writes once its page is up
    try:
        if handler is None:
            from cryolog.cli.gui import run_gui

            return run_gui(args)
        if not getattr(args, "unlocks_itself", False):
            from cryolog.cli import encryption

            refused = encryption.unlock_for_command(args.db)  # an encrypted file's passphrase
            if refused is not None:
                return refused
        status = handler(args)
        sys.stdout.flush()  # a closed reader shows here, not at the interpreter's exit
        return status
    except BrokenPipeError:
        return _output_closed()
    except KeyboardInterrupt:
        print("cryolog: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last word: one line here, the details in the log
        log.exception("unexpected error in %s", args.command or "the window")
        print(
            f"cryolog: unexpected error ({type(exc).__name__}); details in {logs.where_logged()}",
            file=sys.stderr,
        )
        return 1


def _output_closed() -> int:
    """The reader of standard output went away (``cryolog check | head -1``): say so once,
    and keep the interpreter from complaining again when it flushes at exit."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    print("cryolog: the output was closed before everything was written", file=sys.stderr)
    return 1
