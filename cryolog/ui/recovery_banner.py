"""A clearly visible strip across the window when the database can only be read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar

BANNER_STYLE = (
    "QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0b400;"
    " padding: 6px 10px; font-weight: bold; }"
)


class BannerLabel(QLabel):
    """Wraps to the window's width (a toolbar alone would size it for a narrow column)."""

    def __init__(self, text: str, window: QMainWindow) -> None:
        super().__init__(text)
        self.window_ = window
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        window.installEventFilter(self)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = max(200, self.window_.width() - 24)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.updateGeometry()
        return False


def install_read_only_banner(window: QMainWindow, reason: str) -> QToolBar:
    """A fixed bar under the toolbar saying why nothing can be saved."""
    bar = QToolBar("Read-only")
    bar.setObjectName("readOnlyBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = BannerLabel(f"Read-only: {reason}", window)
    label.setObjectName("readOnlyReason")
    label.setStyleSheet(BANNER_STYLE)
    bar.addWidget(label)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
