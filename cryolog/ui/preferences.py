"""Preferences: the practice details for the printouts, and every clinical limit (audited)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.errors import FieldError, InvalidInput
from cryolog.domain.schemas import PracticeInput, parse
from cryolog.domain.thresholds import THRESHOLDS
from cryolog.services import Services
from cryolog.ui.empty_state import PracticeFields
from cryolog.ui.errors import show_error
from cryolog.ui.forms import FieldErrors, error_label, number


class PreferencesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Preferences")
        self.practice = PracticeFields()
        self.practice.load(services.practice.practice())
        self.current = services.practice.thresholds()
        self.limit_errors = FieldErrors(error_label())
        self.limits: dict[str, QLineEdit] = {}
        limits = QWidget()
        form = QFormLayout(limits)
        for name, spec in THRESHOLDS.items():
            edit = QLineEdit(f"{self.current[name]:g}")
            edit.setObjectName(f"limit:{name}")
            edit.setMaximumWidth(90)
            unit = f" {spec.unit}" if spec.unit else ""
            edit.setToolTip(f"{spec.low:g} … {spec.high:g}{unit}; default {spec.default:g}")
            form.addRow(f"{spec.label} ({spec.unit})" if spec.unit else spec.label, edit)
            form.addRow(
                "",
                self.limit_errors.add(name, error_label(), f"{spec.low:g} … {spec.high:g}{unit}"),
            )
            self.limits[name] = edit
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why the limits change (kept in the audit trail)")
        form.addRow("Reason", self.reason)
        form.addRow(self.limit_errors.general)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(limits)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.practice, "Practice")
        self.tabs.addTab(scroll, "Clinical limits")
        note = QLabel("Clinical limits change what the safety checks stop or warn about.")
        note.setStyleSheet("color:#555;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, 640)

    def changes(self) -> dict[str, float]:
        changed: dict[str, float] = {}
        errors: list[FieldError] = []
        for name, edit in self.limits.items():
            value = number(edit.text(), integer=False)
            if not isinstance(value, int | float):
                errors.append(FieldError(name, "must be a number"))
            elif float(value) != self.current[name]:
                changed[name] = float(value)
        if errors:
            raise InvalidInput(errors)
        return changed

    def save(self) -> None:
        self.limit_errors.clear()
        self.practice.errors.clear()
        try:
            parse(PracticeInput, self.practice.values())  # both or neither are saved
            changes = self.changes()
            if changes:
                self.services.practice.set_thresholds(changes, self.reason.text())
            self.services.practice.update_practice(self.practice.values())
        except InvalidInput as exc:
            practice_paths = {"name", "address", "phone", "practitioner"}
            if any(e.path in practice_paths for e in exc.errors):
                self.practice.errors.show(exc)
                self.tabs.setCurrentIndex(0)
            else:
                self.limit_errors.show(exc)
                self.tabs.setCurrentIndex(1)
            return
        except Exception as exc:
            show_error(self, "Preferences not saved", exc, saving=True)
            return
        self.accept()
