"""A window process on a 1366×768 screen (the offscreen platform's own screen set to that
size) opening the document preview; prints where the dialog and its buttons are, and
saves a picture of it when a path is given."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox

from cryolog.reports import render
from cryolog.ui.documents import DocumentDialog
from tests.reports import samples


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> int:
    app = QApplication(sys.argv[:1])
    dialog = DocumentDialog(render(samples.summary_input(40)), "Course summary", "summary.pdf")

    def report(_count: int) -> None:
        screen = dialog.screen().availableGeometry()
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        buttons = {
            b.text(): [*_rect(QRect(b.mapToGlobal(b.rect().topLeft()), b.size())), b.isVisible()]
            for b in box.findChildren(QAbstractButton)
        }
        print(
            json.dumps(
                {
                    "screen": _rect(screen),
                    "dialog": _rect(dialog.frameGeometry()),
                    "buttons": buttons,
                }
            ),
            flush=True,
        )
        if len(sys.argv) > 1:
            dialog.grab().save(sys.argv[1])
        app.quit()

    dialog.pages_shown.connect(lambda n: QTimer.singleShot(300, lambda: report(n)))
    dialog.show()
    QTimer.singleShot(60_000, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
