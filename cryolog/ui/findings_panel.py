"""The rule engine's findings, live: hard stops red, warnings amber, information grey."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cryolog.domain.enums import FindingLevel
from cryolog.domain.rules import Finding

STYLES = {
    FindingLevel.HARD_STOP: ("✖", "background:#fde7e6; color:#8c1d18; border:1px solid #f2b8b5;"),
    FindingLevel.WARNING: ("⚠", "background:#fff4d6; color:#6d4c00; border:1px solid #f0d48a;"),
    FindingLevel.INFO: ("ℹ", "background:#f1f1f1; color:#444; border:1px solid #ddd;"),
}


class FindingsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.title = QLabel(self.tr("<b>Safety checks</b>"))
        self._layout.addWidget(self.title)
        self.findings: list[Finding] = []
        self._items: list[QLabel] = []
        self.show_note(self.tr("Checks appear as soon as the values are complete."))

    def show_note(self, text: str) -> None:
        self._clear()
        self._add(text, "color:#666;")

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self._clear()
        self.findings = list(findings)
        if not findings:
            self._add(
                self.tr("✓ No safety finding: this session can be saved."),
                "background:#e6f4ea; color:#1e5e2f; border:1px solid #a8d5b5;",
            )
        for finding in findings:
            icon, style = STYLES[finding.level]
            self._add(f"{icon} {finding.message}", style)

    def texts(self) -> list[str]:
        return [label.text() for label in self._items]

    def _clear(self) -> None:
        self.findings = []
        for label in self._items:
            label.deleteLater()
        self._items = []

    def _add(self, text: str, style: str) -> None:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(style + "border-radius:4px; padding:4px 8px;")
        self._items.append(label)
        self._layout.addWidget(label)
