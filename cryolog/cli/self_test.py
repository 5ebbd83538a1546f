"""``cryolog self-test``: is this installation complete and working?

Run after installing (or by CI inside the built folder): the migrations, fonts, texts,
a 20-patient demo database in a temporary folder, its worker processes, one PDF of every
kind read back, Qt's platform plugins, the icon, the translations and the main window,
offscreen. Nothing outside the temporary folder is touched. One line per check; exit 0
when all pass, 1 otherwise, with the reason on each failed check's line.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.cli import self_checks
from cryolog.cli.self_checks import Workspace

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

Check = Callable[[Workspace], str]


def window_checks() -> list[tuple[str, Check]]:
    from cryolog.ui import self_check

    return [
        ("qt", self_check.check_qt),
        ("icon", self_check.check_icon),
        ("translations", self_check.check_translations),
        ("window", self_check.check_window),
    ]


def all_checks() -> list[tuple[str, Check]]:
    data: list[tuple[str, Check]] = [
        ("migrations", self_checks.check_migrations),
        ("fonts", self_checks.check_fonts),
        ("texts", self_checks.check_texts),
        ("demo database", self_checks.check_demo_database),
        ("demo workers", self_checks.check_demo_workers),
        ("documents", self_checks.check_documents),
        ("modules", self_checks.check_modules),
    ]
    try:
        return data + window_checks()
    except ImportError as exc:  # Qt itself cannot load: every other check still runs
        return [*data, ("qt", _failing(f"Qt cannot be loaded: {exc}"))]


def _failing(reason: str) -> Check:
    def check(_ws: Workspace) -> str:
        raise self_checks.CheckFailed(reason)

    return check


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    parser = commands.add_parser("self-test", help="check that this installation works")
    parser.set_defaults(handler=run_self_test)
    return []  # no --db: the self-test makes its own database


def run_self_test(_args: argparse.Namespace) -> int:
    return run_checks(all_checks())


def run_checks(checks: Sequence[tuple[str, Check]], folder: Path | None = None) -> int:
    """Run ``checks`` in order, print one line each, return the exit status."""
    failed = 0
    started = time.monotonic()
    try:
        tmp = tempfile.TemporaryDirectory(prefix="cryolog-self-test-", dir=folder)
    except OSError as exc:
        print(f"FAIL  workspace: cannot make a temporary folder: {exc.strerror or exc}")
        return 1
    with tmp:
        workspace = Workspace(Path(tmp.name))
        try:
            for name, check in checks:
                ok, text = _run_one(check, workspace)
                failed += not ok
                print(f"{'ok  ' if ok else 'FAIL'}  {name}: {text}", flush=True)
        finally:
            workspace.close()
    took = time.monotonic() - started
    if failed:
        print(f"self-test failed: {failed} of {len(checks)} checks ({took:.1f} s)")
        return 1
    print(f"self-test passed: {len(checks)} checks ({took:.1f} s)")
    return 0


def _run_one(check: Check, workspace: Workspace) -> tuple[bool, str]:
    try:
        return True, check(workspace)
    except Exception as exc:  # every failure is reported on its line, never as a traceback
        from cryolog.scrub import describe_exception

        reason = str(exc) if isinstance(exc, self_checks.CheckFailed) else describe_exception(exc)
        return False, " ".join(reason.split())
