"""New session: the form, the live findings beside it, and Save (disabled with the reason)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.rules import Finding
from cryolog.services import Services
from cryolog.services.dto import PatientRecord, SessionDTO
from cryolog.ui import dirty
from cryolog.ui.errors import show_error
from cryolog.ui.findings_panel import FindingsPanel
from cryolog.ui.override_dialog import OverrideDialog
from cryolog.ui.reason_dialog import ReasonDialog
from cryolog.ui.session_form import SessionFormView
from cryolog.ui.session_presenter import SessionPresenter
from cryolog.ui.tasks import TaskRunner


class SessionDialog(QDialog):
    saved = Signal(object)

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        record: PatientRecord,
        course_id: int | None = None,
        parent: QWidget | None = None,
        amending: SessionDTO | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_title(record, amending))
        self.setObjectName("sessionDialog")
        self.form = SessionFormView()
        self.findings = FindingsPanel()
        self.findings.setMinimumWidth(300)
        self.presenter = SessionPresenter(
            services,
            runner,
            self.form,
            self.findings,
            record.patient.id,
            record.courses,
            record.sessions,
            amending,
        )
        self.override_dialog: OverrideDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.error_box: QWidget | None = None
        self.save_button = QPushButton("Save amendment…" if amending else "Save session")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Ctrl+S")
        self.cancel_button = QPushButton("Cancel")
        self.reason = QLabel()
        self.reason.setObjectName("saveReason")
        self.reason.setStyleSheet("color:#8c1d18;")
        self.reason.setWordWrap(True)
        self.save_button.clicked.connect(lambda: self.presenter.save())
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self._shortcut_save)
        self.presenter.validity.connect(self._validity)
        self.presenter.needs_overrides.connect(self._ask_overrides)
        self.presenter.needs_reason.connect(self._ask_reason)
        self.presenter.saved.connect(self._saved)
        self.presenter.save_failed.connect(self._failed)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        side = QVBoxLayout()
        side.addWidget(self.findings)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addLayout(side, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reason, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        if amending is not None:
            self.banner = QLabel(_banner(amending))
            self.banner.setObjectName("amendBanner")
            self.banner.setWordWrap(True)
            self.banner.setStyleSheet(
                "background:#e8f0fe; color:#1a3d7c; border:1px solid #b6ccf5;"
                " border-radius:4px; padding:6px 10px;"
            )
            layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        self.resize(1240, 720)
        self.presenter.start(amending.course_id if amending else course_id)
        self.form.duration.setFocus()

    def _shortcut_save(self) -> None:
        if self.save_button.isEnabled():
            self.presenter.save()

    def _validity(self, ok: bool, reason: str) -> None:
        self.save_button.setEnabled(ok)
        self.reason.setText(reason)

    def _ask_overrides(self, stops: Sequence[Finding]) -> None:
        dialog = OverrideDialog(stops, self)
        dialog.accepted.connect(lambda: self.presenter.save(dialog.reasons()))
        self.override_dialog = dialog
        dialog.open()

    def _ask_reason(self, overrides: dict[str, str]) -> None:
        dialog = ReasonDialog(
            "Amend a saved session",
            "Why is this session being changed? The values before and after are both kept.",
            "Save amendment",
            self,
        )
        dialog.accepted.connect(lambda: self.presenter.save(overrides, dialog.reason()))
        self.reason_dialog = dialog
        dialog.open()

    def _saved(self, result: object) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        from cryolog.domain.errors import InvalidInput

        if isinstance(exc, InvalidInput):
            self.reason.setText("Not saved: " + "; ".join(str(e) for e in exc.errors))
            return
        self.error_box = show_error(self, "The session was not saved", exc, details, saving=True)

    def reject(self) -> None:
        if self.presenter.dirty and not dirty.confirm_discard(self, "this session"):
            return
        super().reject()


def _title(record: PatientRecord, amending: SessionDTO | None) -> str:
    name = record.patient.display_name
    if amending is None:
        return f"New session — {name}"
    when = amending.started_at.astimezone().strftime("%d.%m.%Y %H:%M")
    return f"Amend the session of {when} — {name}"


def _banner(s: SessionDTO) -> str:
    when = s.started_at.astimezone().strftime("%d.%m.%Y %H:%M")
    kept = [f.rule.replace("_", " ") for f in s.findings if f.override_reason]
    text = (
        f"<b>Amending the session of {when}.</b> Change what was recorded wrongly; Save asks"
        " why, and the history keeps the values before and after."
    )
    if kept:
        text += f" The override reasons given then ({', '.join(kept)}) are kept."
    return text
