"""A command's run builds the parser with its own module only (``cryolog.cli.COMMANDS``),
so ``cryolog report ...`` does not import what export, import or copy need; a command the
map does not know still goes through the whole parser."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from cryolog.cli import COMMAND_MODULES, COMMANDS, _Parser, build_parser, named_command


def _registered(module: str) -> list[str]:
    parser = _Parser(prog="cryolog")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    importlib.import_module(f"cryolog.cli.{module}").register(commands)
    return list(commands.choices)


def test_the_map_names_every_command_with_the_module_that_registers_it() -> None:
    registered = {name: module for module in COMMAND_MODULES for name in _registered(module)}
    assert registered == COMMANDS


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["report", "course", "1"], "report"),
        (["--db", "report", "check"], "check"),  # a file called "report"
        (["--db=x.db", "verify"], "verify"),
        (["--version", "check"], "check"),
        (["--help", "report"], None),
        (["-h"], None),
        (["--db", "x.db"], None),
        ([], None),
    ],
)
def test_the_command_is_the_first_word_that_is_not_an_option(
    argv: list[str], named: str | None
) -> None:
    assert named_command(argv) == named


def _subcommands(parser: argparse.ArgumentParser) -> set[str]:
    action = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
    return set(action.choices)  # type: ignore[arg-type]


def test_one_module_gives_its_commands_only() -> None:
    assert _subcommands(build_parser("report")) == {"report"}
    assert _subcommands(build_parser("db_commands")) == {
        "demo",
        "check",
        "backup",
        "backups",
        "restore",
    }
    assert _subcommands(build_parser()) == set(COMMANDS)


_IMPORTED = """
import json, sys
from cryolog.cli import main
code = main(sys.argv[1:])
print(json.dumps(sorted(m for m in sys.modules if m.startswith("cryolog.cli."))))
sys.exit(code)
"""


def _cli_modules(*argv: str) -> tuple[int, set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, set(json.loads(done.stdout.strip().splitlines()[-1])), done.stderr


def test_a_command_imports_its_own_module_and_no_other_command() -> None:
    code, modules, said = _cli_modules("report", "course")  # incomplete: exit 2, parsed
    assert code == 2 and "COURSE_ID" in said
    assert "cryolog.cli.report" in modules
    others = {f"cryolog.cli.{m}" for m in COMMAND_MODULES} - {"cryolog.cli.report"}
    assert not modules & others


def test_a_misspelt_command_is_answered_by_the_whole_parser() -> None:
    code, modules, said = _cli_modules("reprot")
    assert code == 2 and "invalid choice: 'reprot'" in said and "'report'" in said
    assert {f"cryolog.cli.{m}" for m in COMMAND_MODULES} <= modules
