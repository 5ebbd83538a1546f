"""A clearly visible strip across the window when the database can only be read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar

BANNER_STYLE = (
    "QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0b400;"
    " padding: 6px 10px; font-weight: bold; }"
)


def install_read_only_banner(window: QMainWindow, reason: str) -> QToolBar:
    """A fixed bar under the toolbar saying why nothing can be saved."""
    bar = QToolBar("Read-only")
    bar.setObjectName("readOnlyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = QLabel(f"Read-only: {reason}")
    label.setObjectName("readOnlyReason")
    label.setWordWrap(True)
    label.setStyleSheet(BANNER_STYLE)
    bar.addWidget(label)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
