"""First run: an empty database says what to do, and asks once for the practice details."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cryolog.ui.forms import FieldErrors, error_label

if TYPE_CHECKING:
    from cryolog.services.dto import PracticeDTO


class PracticeFields(QWidget):
    """Name, address, phone, practitioner: what the printouts carry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.general = error_label()
        self.errors = FieldErrors(self.general)
        layout = QFormLayout(self)
        self._layout = layout
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(54)
        self.phone = QLineEdit()
        self.practitioner = QLineEdit()
        for label, widget, path in (
            ("Practice name", self.name, "name"),
            ("Address", self.address, "address"),
            ("Phone", self.phone, "phone"),
            ("Practitioner", self.practitioner, "practitioner"),
        ):
            layout.addRow(label, widget)
            layout.addRow("", self.errors.add(path, error_label()))
        layout.addRow(self.general)

    def add_row(self, label: str, widget: QWidget, path: str) -> None:
        """One more field (above the general error line)."""
        at = self._layout.rowCount() - 1
        self._layout.insertRow(at, label, widget)
        self._layout.insertRow(at + 1, "", self.errors.add(path, error_label()))

    def load(self, practice: PracticeDTO) -> None:
        self.name.setText(practice.name)
        self.address.setPlainText(practice.address)
        self.phone.setText(practice.phone)
        self.practitioner.setText(practice.practitioner)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "address": self.address.toPlainText(),
            "phone": self.phone.text(),
            "practitioner": self.practitioner.text(),
        }


class EmptyState(QWidget):
    create_patient = Signal()
    load_demo = Signal()
    save_practice = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to cryolog"))
        title.setStyleSheet("font-size: 20px; font-weight: 600;")
        text = QLabel(
            self.tr(
                "There are no patients in this database yet. Register your first patient,"
                " or load demonstration data to look around (you can start a fresh database"
                " later from File › Open database)."
            )
        )
        text.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Create the first patient"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_patient)
        self.demo_button = QPushButton(self.tr("Load demo data"))
        self.demo_button.clicked.connect(self.load_demo)
        self.demo_status = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.demo_status)
        buttons.addStretch(1)

        self.practice_box = QGroupBox(self.tr("Your practice, for the printouts"))
        self.practice = PracticeFields()
        self.practice_saved = QLabel()
        self.save_button = QPushButton(self.tr("Save practice details"))
        self.save_button.clicked.connect(lambda: self.save_practice.emit(self.practice.values()))
        box = QVBoxLayout(self.practice_box)
        box.addWidget(self.practice)
        box.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.practice_saved)

        card = QFrame()
        card.setMaximumWidth(640)
        inner = QVBoxLayout(card)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addLayout(buttons)
        inner.addSpacing(12)
        inner.addWidget(self.practice_box)
        inner.addStretch(1)  # spare height goes below the card, not between its fields
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(card, 2)
        layout.addStretch(1)
