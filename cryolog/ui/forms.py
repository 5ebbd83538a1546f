"""Form helpers: typed text to values, and error labels next to the fields they concern."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from cryolog.domain.errors import InvalidInput

ERROR_STYLE = "color: #b3261e;"


def number(text: str, integer: bool = True) -> Any:
    """'' -> None, '12' -> 12, '1,5' -> 1.5; anything else is passed on as typed so that
    validation names the field ("must be a whole number")."""
    cleaned = "".join(text.split()).replace("\u202f", "").replace(",", ".").replace("−", "-")
    if not cleaned:
        return None
    try:
        return int(cleaned) if integer else float(cleaned)
    except ValueError:
        pass
    if integer:
        try:
            value = float(cleaned)
        except ValueError:
            return text
        return value  # a float where a whole number is needed: validation says so
    return text


def number_edit(placeholder: str = "", width: int = 80) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(width)
    return edit


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class FieldErrors:
    """Error labels by field path; paths with no label of their own go to ``general``."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self._labels: dict[str, QLabel] = {}
        self._hints: dict[str, str] = {}
        self._prefixes: dict[str, QLabel] = {}

    def add(self, path: str, label: QLabel, hint: str = "") -> QLabel:
        self._labels[path] = label
        if hint:
            self._hints[path] = hint
        return label

    def add_prefix(self, prefix: str, label: QLabel) -> None:
        """Errors of every path starting with ``prefix`` (e.g. 'areas[')."""
        self._prefixes[prefix] = label

    def clear(self) -> None:
        for label in [*self._labels.values(), *self._prefixes.values(), self.general]:
            label.clear()
            label.hide()

    def show(self, exc: InvalidInput) -> None:
        self.clear()
        for error in exc.errors:
            label, text = self._place(error.path, error.message)
            label.setText(f"{label.text()}\n{text}" if label.text() else text)
            label.show()

    def messages(self, path: str) -> str:
        label = self._labels.get(path)
        return label.text() if label is not None and not label.isHidden() else ""

    def _place(self, path: str, message: str) -> tuple[QLabel, str]:
        hint = self._hints.get(path, "")
        if hint and hint not in message:
            message = f"{message} (allowed: {hint})"
        for candidate in _parents(path):
            if candidate in self._labels:
                name = "" if candidate == path else f"{path[len(candidate) :].lstrip('.')} "
                return self._labels[candidate], f"{name}{message}".strip()
        for prefix, label in self._prefixes.items():
            if path.startswith(prefix):
                return label, f"{_readable(path)}: {message}"
        return self.general, f"{_readable(path)}: {message}" if path else message


def _parents(path: str) -> list[str]:
    """'bp_pre.diastolic' -> ['bp_pre.diastolic', 'bp_pre']."""
    parts = path.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def _readable(path: str) -> str:
    return path.replace("_", " ").replace(".", " ")


def row(*widgets: QWidget) -> QWidget:
    from PySide6.QtWidgets import QHBoxLayout

    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box
