"""Ask for a written reason (amending, archiving, restoring); OK stays off until one is typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

MAX_REASON = 2000


class ReasonDialog(QDialog):
    """``reason()`` is the trimmed text; with ``required`` OK needs some text."""

    def __init__(
        self,
        title: str,
        question: str,
        ok_text: str,
        parent: QWidget | None = None,
        *,
        required: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        intro = QLabel(question)
        intro.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("reason")
        self.edit.setPlaceholderText(
            self.tr("Reason (required)") if required else self.tr("Reason (optional)")
        )
        self.edit.setMaximumHeight(90)
        self.hint = QLabel(self.tr("The reason is kept in the patient's history."))
        self.hint.setStyleSheet("color:#555;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(460, 220)
        self._update()
        self.edit.setFocus()

    def reason(self) -> str:
        return self.edit.toPlainText().strip()

    def _update(self) -> None:
        text = self.reason()
        too_long = len(text) > MAX_REASON
        self.hint.setText(
            self.tr("At most {0} characters ({1} typed).").format(MAX_REASON, len(text))
            if too_long
            else self.tr("The reason is kept in the patient's history.")
        )
        self.hint.setStyleSheet("color:#b3261e;" if too_long else "color:#555;")
        self.ok.setEnabled((bool(text) or not self.required) and not too_long)
