"""How each dialog of the window is built for the pseudo-language layout test: with real
services on the seeded database of ``World`` (one per test module)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from cryolog.domain.enums import FindingLevel
from cryolog.domain.messages import Message
from cryolog.domain.rules.base import Finding
from cryolog.services.dto import PatientRecord
from cryolog.ui.tasks import TaskRunner
from tests.ui.pseudo import pseudo
from tests.ui.record_setup import Seeded


@dataclass
class World:
    seeded: Seeded
    record: PatientRecord
    runner: TaskRunner
    folder: Path


def _hard_stop() -> Finding:
    return Finding("contraindication", FindingLevel.HARD_STOP, Message("booking.no_place"))


def _crash(w: World) -> QDialog:
    from cryolog.ui.crash import SUMMARY, CrashDialog

    return CrashDialog(f"Traceback …\n{SUMMARY}", str(w.folder / "logs" / "cryolog.log"))


def _steps(w: World) -> QDialog:
    from cryolog.ui.encrypt_progress import StepsDialog, step_texts

    dialog = StepsDialog(pseudo("Encrypting"), step_texts(True))
    dialog.mark(next(iter(step_texts(True))))
    return dialog


def _passphrase(w: World) -> QDialog:
    from cryolog.ui.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(
        pseudo("Encrypted database"), pseudo("Type the passphrase."), lambda _t, _n: None
    )
    dialog.ask_new_passphrase()
    return dialog


def _new_passphrase(w: World) -> QDialog:
    from cryolog.ui.encrypt_dialog import NewPassphraseDialog, encrypt_intro

    return NewPassphraseDialog(pseudo("Encrypt database"), encrypt_intro(), ask_current=True)


def _erase(w: World) -> QDialog:
    from cryolog.services.erasure import erasure_plan
    from cryolog.ui.erase_dialog import EraseDialog

    services = w.seeded.services
    plan = erasure_plan(services.db, w.seeded.patient_id, 10)
    return EraseDialog(services, w.runner, w.record.patient, plan)


def _restore(w: World) -> QDialog:
    from cryolog.services.backups import BackupService
    from cryolog.ui.restore_dialog import RestoreDialog

    backend = w.seeded.services.db.storage
    service = BackupService(backend)  # type: ignore[arg-type]
    service.back_up("manual", force=True)
    return RestoreDialog(service.entries(service.facts()))


def _course_close(w: World) -> QDialog:
    from cryolog.ui.record.course_close import CloseCourseDialog

    return CloseCourseDialog(w.seeded.services, w.record.courses[0])


def _adverse(w: World) -> QDialog:
    from cryolog.ui.record.outcome_dialogs import AdverseEventDialog

    return AdverseEventDialog(w.seeded.services, w.seeded.patient_id, w.record.sessions)


def _resolve(w: World) -> QDialog:
    from cryolog.ui.record.outcome_dialogs import ResolveEventDialog

    return ResolveEventDialog(w.seeded.services, w.record.adverse_events[0])


def _assessment(w: World) -> QDialog:
    from cryolog.ui.record.outcome_dialogs import AssessmentDialog

    s = w.seeded
    return AssessmentDialog(s.services, s.patient_id, w.record.courses, s.course_id)


def _document(w: World) -> QDialog:
    from cryolog.reports import render
    from cryolog.ui.documents import DocumentDialog
    from tests.reports import samples

    pdf = render(samples.summary_input(3))
    dialog = DocumentDialog(pdf, pseudo("Course summary"), "summary.pdf")
    dialog.resize(880, 768 - 60)  # what it gives itself on 1366×768 (not the test screen)
    return dialog


def _import(module: str, name: str) -> Callable[..., QDialog]:
    built: Callable[..., QDialog] = getattr(importlib.import_module(module), name)
    return built


def _seeded(w: World) -> Seeded:
    return w.seeded


# How each dialog class is built; its name must be the class's.
BUILDERS: dict[str, Callable[[World], QDialog]] = {
    "ExportDialog": lambda w: _import("cryolog.ui.export_dialog", "ExportDialog")(
        _seeded(w).services, w.runner, w.record.patient
    ),
    "CopyDialog": lambda w: _import("cryolog.ui.copy_dialog", "CopyDialog")(
        _seeded(w).services.db, w.runner
    ),
    "BackupSettingsDialog": lambda w: _import("cryolog.ui.backup_settings", "BackupSettingsDialog")(
        QSettings(str(w.folder / "settings.ini"), QSettings.Format.IniFormat), w.folder
    ),
    "PreferencesDialog": lambda w: _import("cryolog.ui.preferences", "PreferencesDialog")(
        _seeded(w).services
    ),
    "PatientDialog": lambda w: _import("cryolog.ui.patient_dialog", "PatientDialog")(
        _seeded(w).services, w.record.patient
    ),
    "ImportDialog": lambda w: _import("cryolog.ui.import_dialog", "ImportDialog")(
        _seeded(w).services, w.runner
    ),
    "ReasonDialog": lambda w: _import("cryolog.ui.reason_dialog", "ReasonDialog")(
        pseudo("Archive"), pseudo("Why is this patient archived?"), pseudo("Archive")
    ),
    "OverrideDialog": lambda w: _import("cryolog.ui.override_dialog", "OverrideDialog")(
        [_hard_stop()]
    ),
    "CancelFutureDialog": lambda w: _import(
        "cryolog.ui.appointments.cancel_future", "CancelFutureDialog"
    )(
        _seeded(w).services,
        w.runner,
        course_id=_seeded(w).course_id,
        why=pseudo("The course was closed"),
    ),
    "WeekSettingsDialog": lambda w: _import(
        "cryolog.ui.appointments.week_settings", "WeekSettingsDialog"
    )(_seeded(w).services, w.runner),
    "BookingDialog": lambda w: _import("cryolog.ui.appointments.booking_dialog", "BookingDialog")(
        _seeded(w).services, w.runner, _seeded(w).patient_id, _seeded(w).course_id
    ),
    "RecoveryKeyDialog": lambda w: _import("cryolog.ui.encrypt_dialog", "RecoveryKeyDialog")(
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
    ),
    "CrashDialog": _crash,
    "StepsDialog": _steps,
    "PassphraseDialog": _passphrase,
    "NewPassphraseDialog": _new_passphrase,
    "EraseDialog": _erase,
    "RestoreDialog": _restore,
    "CloseCourseDialog": _course_close,
    "AdverseEventDialog": _adverse,
    "ResolveEventDialog": _resolve,
    "AssessmentDialog": _assessment,
    "DocumentDialog": _document,
}
