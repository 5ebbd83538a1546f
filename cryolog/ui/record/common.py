"""Pieces the record tabs share: a date field, a save button that reports, a summary list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton, QWidget

from cryolog.domain.errors import InvalidInput
from cryolog.ui.errors import show_error
from cryolog.ui.forms import FieldErrors


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    day = day or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def fmt(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "—"


def summary_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color:#333;")
    return label


class SavingForm(QWidget):
    """A form whose Save calls a service; errors stay next to the fields, the form keeps
    what was typed, and ``saved`` fires only after the database has the record."""

    saved = Signal(object)

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setStyleSheet("color:#1e5e2f;")

    def save(self) -> None:
        self.try_save(self.action())

    def action(self) -> Callable[[], Any]:
        raise NotImplementedError

    def try_save(self, call: Callable[[], Any]) -> None:
        self.errors.clear()
        self.status.clear()
        try:
            result = call()
        except InvalidInput as exc:
            self.errors.show(exc)
            return
        except Exception as exc:
            show_error(self, "Not saved", exc, saving=True)
            return
        self.status.setText("Saved.")
        self.saved.emit(result)
