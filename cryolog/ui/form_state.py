"""What a form holds, as plain data: to tell unsaved changes and to keep typing aside.

``snapshot(form)`` reads every input widget inside ``form`` (text, choices, dates, ticks)
into a dict keyed by the widget's place in the form; comparing it with the snapshot taken
when the form was loaded tells whether anything is unsaved, so typing a value back makes
the form clean again. ``apply(form, state)`` puts a kept-aside snapshot back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

State = dict[str, Any]
_KINDS: tuple[type[QWidget], ...] = (
    QLineEdit,
    QPlainTextEdit,
    QComboBox,
    QDateTimeEdit,
    QSpinBox,
    QDoubleSpinBox,
    QAbstractButton,
)


def _inputs(form: QWidget, skip: QWidget | None = None) -> list[tuple[str, QWidget]]:
    found: list[tuple[str, QWidget]] = []
    counts: dict[str, int] = {}
    for widget in form.findChildren(QWidget):
        if not isinstance(widget, _KINDS) or _inside_other_input(widget, form):
            continue
        if skip is not None and skip.isAncestorOf(widget):
            continue
        if isinstance(widget, QAbstractButton) and not widget.isCheckable():
            continue
        kind = type(widget).__name__
        name = widget.objectName() or f"{kind}#{counts.get(kind, 0)}"
        counts[kind] = counts.get(kind, 0) + 1
        found.append((name, widget))
    return found


def _inside_other_input(widget: QWidget, form: QWidget) -> bool:
    """The line edit inside a spin box or combo box belongs to that box."""
    parent = widget.parentWidget()
    while parent is not None and parent is not form:
        if isinstance(parent, QComboBox | QDateTimeEdit | QSpinBox | QDoubleSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def _read(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QDateEdit):
        return widget.date().toString("yyyy-MM-dd")
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString("yyyy-MM-ddTHH:mm")
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    return None


def _write(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox) and isinstance(value, int):
        widget.setCurrentIndex(value)
    elif isinstance(widget, QDateEdit) and isinstance(value, str):
        widget.setDate(QDate.fromString(value, "yyyy-MM-dd"))
    elif isinstance(widget, QDateTimeEdit) and isinstance(value, str):
        widget.setDateTime(QDateTime.fromString(value, "yyyy-MM-ddTHH:mm"))
    elif isinstance(widget, QSpinBox) and isinstance(value, int):
        widget.setValue(value)
    elif isinstance(widget, QDoubleSpinBox) and isinstance(value, int | float):
        widget.setValue(float(value))
    elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
        widget.setChecked(value)


def snapshot(form: QWidget, skip: QWidget | None = None) -> State:
    """The inputs of ``form`` (those inside ``skip`` left out: a part kept on its own)."""
    return {name: _read(widget) for name, widget in _inputs(form, skip)}


def apply(form: QWidget, state: State, skip: QWidget | None = None) -> None:
    """Put ``state`` back (radio buttons last, so the checked one wins)."""
    widgets = dict(_inputs(form, skip))
    ordered = sorted(state.items(), key=lambda kv: state[kv[0]] is True)
    for name, value in ordered:
        widget = widgets.get(name)
        if widget is not None:
            _write(widget, value)


def watch(form: QWidget, slot: Any) -> None:
    """Call ``slot`` on any edit inside ``form``."""
    for _, widget in _inputs(form):
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(slot)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(slot)
        elif isinstance(widget, QDateTimeEdit):
            widget.dateTimeChanged.connect(slot)
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            widget.valueChanged.connect(slot)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(slot)
