"""``cryolog rules check CASE.json``: the safety rules on one proposed session, as JSON.

Contract: shared/rules-check.md. Exit 0 with ``{"findings": [...]}`` on standard output;
invalid input exits 2 with nothing on standard output and one line per problem on standard
error, each naming the field path.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.cli.common import command_group

if TYPE_CHECKING:
    from cryolog.domain.rules import Finding

EXIT_OK = 0
EXIT_INVALID = 2
STDIN = "-"
MAX_CASE_BYTES = 1024 * 1024  # a case is a few hundred bytes; more is not a case file


class CaseTooLarge(ValueError):
    pass


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> list[argparse.ArgumentParser]:
    actions = command_group(
        commands, "rules", "check a proposed session against the safety rules", "ACTION"
    )
    check = actions.add_parser(
        "check", help="print the findings for a case file as JSON (rules-check.md)"
    )
    check.add_argument("case", metavar="CASE", help="case file (JSON), or - for standard input")
    check.set_defaults(handler=run_check)
    return [check]


def read_case(source: str) -> str:
    """The text of the case file, or of standard input for ``-``, read up to
    ``MAX_CASE_BYTES`` (an endless input is not read to its end); ``OSError`` if
    unreadable, ``CaseTooLarge`` past the bound, ``UnicodeDecodeError`` if not UTF-8."""
    if source == STDIN:
        binary = getattr(sys.stdin, "buffer", None)
        if binary is None:  # a text stream put in its place (tests, embedding)
            text: str = sys.stdin.read(MAX_CASE_BYTES + 1)
            if len(text) > MAX_CASE_BYTES:
                raise CaseTooLarge(f"it is larger than {MAX_CASE_BYTES // 1024} KiB")
            return text
        raw: bytes = binary.read(MAX_CASE_BYTES + 1)
    else:
        path = Path(source)
        if path.is_dir():
            raise IsADirectoryError(21, "it is a folder", source)
        with path.open("rb") as handle:
            raw = handle.read(MAX_CASE_BYTES + 1)
    if len(raw) > MAX_CASE_BYTES:
        raise CaseTooLarge(f"it is larger than {MAX_CASE_BYTES // 1024} KiB")
    return raw.decode("utf-8")


def findings_json(findings: list[Finding]) -> str:
    return json.dumps(
        {
            "findings": [
                {"rule": f.rule, "level": f.level.value, "message": f.message} for f in findings
            ]
        }
    )


def run_check(args: argparse.Namespace) -> int:
    from cryolog.domain.rules import evaluate  # the rule engine loads only for this command
    from cryolog.domain.rules.jsoncase import InvalidCase, parse_case_text

    try:
        text = read_case(args.case)
    except (OSError, UnicodeDecodeError, CaseTooLarge) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, UnicodeDecodeError):
            reason = "it is not UTF-8 text"
        print(f"cryolog rules check: cannot read {args.case}: {reason}", file=sys.stderr)
        return EXIT_INVALID
    try:
        case = parse_case_text(text)
    except InvalidCase as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except RecursionError:
        print("invalid JSON: nested too deeply", file=sys.stderr)
        return EXIT_INVALID
    print(findings_json(evaluate(case)))
    return EXIT_OK
