"""Start the desktop application."""

from __future__ import annotations

import argparse
import importlib

BEFORE_QT = (
    "cryolog.logs",
    "cryolog.db.database",
    "cryolog.db.backends.sqlite_file",
    "cryolog.db.backends.sqlcipher_file",
    "cryolog.services",
    "cryolog.services.dto_list",
    "cryolog.services.search",
    "cryolog.services.backups",
    "cryolog.domain.messages",
    "cryolog.domain.errors",
    "cryolog.db.placement",
    "cryolog.db.audit_state",
    "cryolog.db.audit_anchor",
    "cryolog.db.backends.postgres_notify",
    "cryolog.services.kept_typing",
    "cryolog.services.encryption_codec",
    "cryolog.reports.resources",
    "concurrent.futures",
)
"""The window's modules that do not use Qt, imported before it: once PySide6 is loaded it
reads the source of every module imported after it (to see whether the module asks for
its optional Python features), which these do not need."""


def run_gui(args: argparse.Namespace) -> int:
    for name in BEFORE_QT:
        importlib.import_module(name)
    from cryolog.ui.app import run

    return run(args.db)
