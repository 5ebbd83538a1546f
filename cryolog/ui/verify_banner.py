"""The banner over the window when the file's audit trail does not verify.

The check (``services.verify``) runs on the background lane once the window is up. A break
shows a red banner that stays (it is evidence, not a passing warning) with the details one
click away; a file whose end of trail cannot be checked (a copy without its anchor) gets a
quieter note. A file that verifies shows nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.domain.messages import Message

if TYPE_CHECKING:  # the report comes from the background check, which imports the module
    from cryolog.services.verify import VerifyReport

RED = "background:#b3261e; color:white;"
AMBER = "background:#fff4ce; color:#3d2f00;"
SHOWN_BREAKS = 40
FIRST_LINES = 8


def banner_text(report: VerifyReport) -> str:
    if report.breaks:
        found = Message("unit.problems", n=len(report.breaks)).render(loc.window_locale())
        return QCoreApplication.translate(
            "verify_banner",
            "<b>The audit trail of this file does not verify</b> ({0}): records or audit entries"
            " may have been changed outside cryolog. The file was not changed by this check.",
        ).format(found)
    return QCoreApplication.translate(
        "verify_banner",
        "The end of the audit trail cannot be checked: there is no anchor file beside this"
        " database (a copy?). Changes from now on are anchored again.",
    )


class VerifyBanner(QFrame):
    def __init__(self, report: VerifyReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("verifyBanner")
        self.setStyleSheet(f"#verifyBanner {{{RED if report.breaks else AMBER}}}")
        self.text = QLabel(banner_text(report))
        self.text.setWordWrap(False)  # one line; the whole text is in the tooltip
        self.text.setToolTip(banner_text(report))
        self.text.setStyleSheet(RED if report.breaks else AMBER)
        self.details = QPushButton(self.tr("Details…"))
        self.details.clicked.connect(self.show_details)
        self.details.setVisible(bool(report.breaks))
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.details)
        self.box: QMessageBox | None = None

    def show_details(self) -> QMessageBox:
        lines = [b.line() for b in self.report.breaks[:SHOWN_BREAKS]]
        more = len(self.report.breaks) - len(lines)
        if more > 0:
            lines.append(self.tr("… and {0} more.").format(more))
        box = QMessageBox(self)
        box.setObjectName("verifyDetails")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Audit trail problems"))
        box.setText(self.tr("What does not verify, one problem a line:"))
        box.setInformativeText(
            "\n".join(lines[:FIRST_LINES] + (["…"] if len(lines) > FIRST_LINES else []))
            + "\n\n"
            + self.tr("The same check from a terminal:\ncryolog verify --db {0}").format(
                self.report.path
            )
        )
        box.setDetailedText("\n".join(lines))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        self.box = box
        box.open()
        return box


def show_verification(window: QMainWindow, report: VerifyReport) -> VerifyBanner | None:
    """Put the banner over ``window``'s tabs when the report calls for one."""
    from cryolog.services.verify import Tail

    if not report.breaks and report.tail is Tail.CHECKED:
        return None
    banner = VerifyBanner(report)
    bar = QToolBar("Audit trail", window)
    bar.setObjectName("verifyBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)  # not something to switch off by mistake
    bar.addWidget(banner)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return banner
