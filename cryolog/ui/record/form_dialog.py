"""A small dialog form whose Save calls one service: errors next to the fields, the typed
values kept when saving fails, and a question before unsaved changes are thrown away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.errors import InvalidInput
from cryolog.ui import dirty
from cryolog.ui.errors import show_error
from cryolog.ui.forms import FieldErrors, error_label


class FormDialog(QDialog):
    """Subclasses add fields with ``field`` and return the service call from ``action``."""

    saved = Signal(object)

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors = FieldErrors(error_label())
        self.error_box: QWidget | None = None
        self.dirty = False
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ok.setText(ok_text)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        layout.addStretch(1)  # spare height goes below the fields, not between them
        layout.addWidget(self.buttons)

    def field(self, label: str, widget: QWidget, path: str, hint: str = "") -> QLabel:
        """A row with ``widget`` and, under it, the error label of ``path``."""
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        error = self.errors.add(path, error_label(), hint)
        inner.addWidget(error)
        self.form.addRow(label, box)
        return error

    def watch(self) -> None:
        """Call once the fields exist: any change marks the form as unsaved."""
        for edit in self.findChildren(QLineEdit):
            edit.textChanged.connect(self._mark)
        for text in self.findChildren(QPlainTextEdit):
            text.textChanged.connect(self._mark)
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self._mark)
        for day in self.findChildren(QDateEdit):
            day.dateChanged.connect(self._mark)
        for check in self.findChildren(QCheckBox):
            check.toggled.connect(self._mark)

    def _mark(self) -> None:
        self.dirty = True

    def action(self) -> Callable[[], Any]:
        raise NotImplementedError

    def save(self) -> None:
        self.errors.clear()
        try:
            result = self.action()()
        except InvalidInput as exc:
            self.errors.show(exc)
            return
        except Exception as exc:
            self.error_box = show_error(self, "Not saved", exc, saving=True)
            return
        self.dirty = False
        self.saved.emit(result)
        self.accept()

    def reject(self) -> None:
        if self.dirty and not dirty.confirm_discard(self, self.windowTitle().lower()):
            return
        super().reject()
