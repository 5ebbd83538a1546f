"""Form helpers: typed text to values, and error labels next to the fields they concern."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget

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


class ErrorLabel(QLabel):
    """A message next to a field that never moves the fields around it: its lines are
    kept whether or not it shows, so a message appearing or going leaves every field where
    it was under the mouse. A message longer than its lines ends in "…" and is whole in
    the tooltip (and in ``text()``).

    Form layouts give no room to a hidden widget whatever its size policy, so "hidden"
    here means drawn empty: ``show``/``hide`` and ``isHidden``/``isVisible``/``isVisibleTo``
    speak of the message, while Qt keeps the label in the layout."""

    def __init__(self, lines: int = 1) -> None:
        super().__init__()
        self.setStyleSheet(ERROR_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._shown = False
        self.reserve_lines(lines)

    def reserve_lines(self, lines: int) -> None:
        self.lines = max(1, lines)
        self.setWordWrap(self.lines > 1)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.lines + 2)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setToolTip(text if self._shown else "")

    def clear(self) -> None:
        super().clear()
        self.setToolTip("")

    def show(self) -> None:
        self._shown = True
        self.setToolTip(self.text())
        self.update()

    def hide(self) -> None:
        self._shown = False
        self.setToolTip("")
        self.update()

    def isHidden(self) -> bool:  # noqa: N802 - Qt's name
        return not self._shown

    def isVisible(self) -> bool:  # noqa: N802 - Qt's name
        return self._shown and super().isVisible()

    def isVisibleTo(self, ancestor: QWidget) -> bool:  # noqa: N802 - Qt's name
        return self._shown and super().isVisibleTo(ancestor)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self._shown:
            return
        if self.lines > 1:  # wrapped; what does not fit is in the tooltip
            super().paintEvent(event)
            return
        one_line = " · ".join(part for part in self.text().splitlines() if part.strip())
        shown = self.fontMetrics().elidedText(one_line, Qt.TextElideMode.ElideRight, self.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            shown,
            QPalette.ColorRole.WindowText,
        )


def error_label(lines: int = 1) -> ErrorLabel:
    """A field's error message (one line reserved; ``general`` messages get two)."""
    return ErrorLabel(lines)


class FieldErrors:
    """Error labels by field path; paths with no label of their own go to ``general``."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        if isinstance(general, ErrorLabel):
            general.reserve_lines(2)  # a message of the whole form: room for a sentence
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


def steady(*widgets: QWidget) -> QWidget:
    """``widgets`` side by side in a box that keeps their room while they are hidden (a
    form layout gives a hidden row no room, so what is below it would move up and down)."""
    from PySide6.QtWidgets import QHBoxLayout

    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)
        layout.addWidget(widget)
    layout.addStretch(1)
    return box
