"""A patient's preferred visit days and times, as fields (Monday … Sunday, from, until)."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QTimeEdit, QWidget

from cryolog.domain.booking.prefs import Preferences
from cryolog.domain.booking.week import WEEKDAYS
from cryolog.ui.language import weekday_name


def _edit(minutes: int | None, default: int) -> QTimeEdit:
    value = default if minutes is None else minutes
    edit = QTimeEdit(QTime(value // 60, value % 60))
    edit.setDisplayFormat("HH:mm")
    return edit


class PreferenceFields(QWidget):
    def __init__(self, prefs: Preferences | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        prefs = prefs or Preferences()
        self.days = [QCheckBox(weekday_name(n, short=True)) for n in range(len(WEEKDAYS))]
        self.from_on, self.until_on = QCheckBox(self.tr("from")), QCheckBox(self.tr("until"))
        self.earliest = _edit(prefs.earliest_min, 8 * 60)
        self.latest = _edit(prefs.latest_min, 18 * 60)
        self.note = QLineEdit(prefs.note)
        self.note.setPlaceholderText(self.tr("e.g. after work"))
        self.note.setMaxLength(500)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for box in self.days:
            row.addWidget(box)
        for widget in (self.from_on, self.earliest, self.until_on, self.latest, self.note):
            row.addWidget(widget)
        self.set_value(prefs)

    def set_value(self, prefs: Preferences) -> None:
        for n, box in enumerate(self.days):
            box.setChecked(n in prefs.weekdays)
        self.from_on.setChecked(prefs.earliest_min is not None)
        self.until_on.setChecked(prefs.latest_min is not None)
        if prefs.earliest_min is not None:
            self.earliest.setTime(QTime(prefs.earliest_min // 60, prefs.earliest_min % 60))
        if prefs.latest_min is not None:
            self.latest.setTime(QTime(prefs.latest_min // 60, prefs.latest_min % 60))
        self.note.setText(prefs.note)

    def value(self) -> Preferences:
        def minutes(edit: QTimeEdit) -> int:
            return edit.time().hour() * 60 + edit.time().minute()

        return Preferences(
            frozenset(n for n, box in enumerate(self.days) if box.isChecked()),
            minutes(self.earliest) if self.from_on.isChecked() else None,
            minutes(self.latest) if self.until_on.isChecked() else None,
            self.note.text(),
        )
