"""A written reason for each hard stop the practitioner decides to go past (audited)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.rules import Finding


class OverrideDialog(QDialog):
    def __init__(self, hard_stops: Sequence[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hard stop: a written reason is required"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This session has findings that normally stop it. To record it anyway, write why"
                " for each one. The reasons are kept in the record and printed on the course"
                " summary."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.edits: dict[str, QPlainTextEdit] = {}
        for finding in hard_stops:
            label = QLabel(self.tr("<b>✖ {0}</b>").format(finding.message))
            label.setWordWrap(True)
            edit = QPlainTextEdit()
            edit.setObjectName(f"override:{finding.rule}")
            edit.setPlaceholderText(self.tr("Reason (required)"))
            edit.setMaximumHeight(70)
            edit.textChanged.connect(self._update)
            layout.addWidget(label)
            layout.addWidget(edit)
            self.edits[finding.rule] = edit
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Save with these reasons"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def reasons(self) -> dict[str, str]:
        return {rule: edit.toPlainText().strip() for rule, edit in self.edits.items()}

    def _update(self) -> None:
        self.ok.setEnabled(all(self.reasons().values()))
