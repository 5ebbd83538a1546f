"""``cryolog`` with no command opens its window without importing SQLAlchemy, pydantic,
ReportLab or Alembic, and without any command's module: checked in fresh interpreters
through the installed console script's entry point, as the practitioner starts it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cryolog.cli import COMMAND_MODULES
from cryolog.db.database import open_database

HEAVY = ("sqlalchemy", "pydantic", "reportlab", "alembic")
LATER = {
    "cryolog.ui.appointments.day_plan",
    "cryolog.ui.appointments.week_view",
    "cryolog.ui.appointments.booking_dialog",
    "cryolog.services.verify",
    "cryolog.ui.encrypt_dialog",
    "cryolog.services.encryption",
    "cryolog.db.backends.postgres",
    "Cryptodome",
    "sqlcipher3",
    "phonenumbers",
    "cryolog.services.dto",  # the list's row type is in services.dto_list
    "cryolog.log_writer",  # the log's file and thread: once the first page is up
    "logging.handlers",
    "cryolog.ui.verify_banner",  # the audit trail's verdict comes after the first page
    "tomllib",  # the message catalogs and the handouts' texts: read when first shown
}

_PARSE_ONLY = """
import json, sys
from importlib.metadata import entry_points
main = entry_points(group="console_scripts", name="cryolog")["cryolog"].load()
import cryolog.cli.gui as gui
def stop(args):
    print(json.dumps(sorted(sys.modules)))
    return 0
gui.run_gui = stop
sys.exit(main(sys.argv[1:]))
"""

_WINDOW_SHOWN = """
import json, os, sys
from importlib.metadata import entry_points
main = entry_points(group="console_scripts", name="cryolog")["cryolog"].load()
from cryolog.ui import app
real = app.DesktopApp._show
def shown(self, opened):
    real(self, opened)
    if self.window is not None and self.window.isVisible():
        print(json.dumps(sorted(sys.modules)), flush=True)
    os._exit(0)  # the window was shown: what happens next is not this test's
app.DesktopApp._show = shown
sys.exit(main(sys.argv[1:]))
"""


def _modules(script: str, args: list[str], home: Path) -> set[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    return set(json.loads(last))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.mark.parametrize("args", [[], ["--db", "some.db"], ["--db=some.db"]])
def test_the_window_path_parses_its_arguments_without_the_commands(
    tmp_path: Path, args: list[str]
) -> None:
    modules = _modules(_PARSE_ONLY, args, tmp_path)
    assert "cryolog.cli.gui" in modules  # the window's path was taken
    assert _heavy(modules) == []
    assert not [m for m in COMMAND_MODULES if f"cryolog.cli.{m}" in modules]


def test_a_command_still_loads_every_command(tmp_path: Path) -> None:
    from cryolog.cli import build_parser

    names = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert {"check", "report", "patients", "verify", "demo"} <= set(names)


def test_the_window_is_shown_before_the_data_layer_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    open_database(path).dispose()  # a real file made by the migrations
    modules = _modules(_WINDOW_SHOWN, ["--db", str(path)], tmp_path)
    assert "cryolog.ui.main_window" in modules
    assert _heavy(modules) == []
    # what only a tab not shown yet, a dialog or an encrypted file needs waits for it
    assert not modules & LATER, sorted(modules & LATER)


_FILTERS = """
import json, os, sys
from importlib.metadata import entry_points
main = entry_points(group="console_scripts", name="cryolog")["cryolog"].load()
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QSpinBox
from cryolog.ui import app, fields, idle_lock
calls = {"guard": 0, "lock": 0}
def counted(name, real):
    def wrapper(self, obj, event):
        calls[name] += 1
        return real(self, obj, event)
    return wrapper
fields.InputGuard.eventFilter = counted("guard", fields.InputGuard.eventFilter)
idle_lock.IdleLock.eventFilter = counted("lock", idle_lock.IdleLock.eventFilter)
real = app.DesktopApp._show
def shown(self, opened):
    real(self, opened)
    window = self.window
    box, spin = QPlainTextEdit(window), QSpinBox(window)  # polished before any guard
    box.show(); spin.show()
    before = dict(calls)
    clear_before = window.patients.search.isClearButtonEnabled()
    def after(*_args):
        def report():
            print(json.dumps({
                "before": before,
                "clear_before": clear_before,
                "clear_after": window.patients.search.isClearButtonEnabled(),
                "guard": fields._guard is not None,
                "watching": window.idle_lock.watching,
                "tab_moves_on": box.tabChangesFocus(),
                "strong": spin.focusPolicy() == Qt.FocusPolicy.StrongFocus,
            }), flush=True)
            os._exit(0)
        QTimer.singleShot(0, report)
    window.model.loaded.connect(after)
app.DesktopApp._show = shown
sys.exit(main(sys.argv[1:]))
"""


def test_no_application_wide_filter_runs_before_the_first_page(tmp_path: Path) -> None:
    """The input guard and the idle lock see every event of every object: they are
    installed once the first page is on screen, not while the window is built and shown,
    and a box made before then is settled as its polish would have been."""
    path = tmp_path / "practice.db"
    open_database(path).dispose()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", _FILTERS, "--db", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] == {"guard": 0, "lock": 0}
    # the search field's clear button (an icon looked up in the theme) comes with the page
    assert seen["clear_before"] is False and seen["clear_after"] is True
    assert seen["guard"] and seen["watching"]
    assert seen["tab_moves_on"] and seen["strong"]


_LOG_LATER = """
import json, os, sys
from importlib.metadata import entry_points
main = entry_points(group="console_scripts", name="cryolog")["cryolog"].load()
from PySide6.QtCore import QTimer
from cryolog import logs
from cryolog.ui import app
real = app.DesktopApp._show
def shown(self, opened):
    real(self, opened)
    before = logs.writing()
    def after(*_args):
        def report():
            logs.flush()
            print(json.dumps({
                "before": before,
                "after": logs.writing(),
                "logged": logs.log_file().read_text(encoding="utf-8"),
            }), flush=True)
            os._exit(0)
        QTimer.singleShot(0, report)
    self.window.model.loaded.connect(after)
app.DesktopApp._show = shown
sys.exit(main(sys.argv[1:]))
"""


def test_the_log_is_written_from_when_the_first_page_is_up(tmp_path: Path) -> None:
    """Records of the start are queued while the window is built and shown, and written
    (the file, the scrubber and the writing thread made) once its first page is there."""
    path = tmp_path / "practice.db"
    open_database(path).dispose()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "CRYOLOG_LOG_DIR": str(tmp_path / "log"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", _LOG_LATER, "--db", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] is False and seen["after"] is True
    assert "window started: cryolog" in seen["logged"]
