"""Child process of bench_gui.py: start a window, print READY when it is usable, exit.

    python bench/startup_probe.py bare
    python bench/startup_probe.py cryolog DB SETTINGS.ini

"Usable" is the window shown and painted, and for cryolog the first page of patients in
the list. The parent times from process start to READY, so both include the interpreter,
the imports and Qt's own start-up.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


def ready(app: QApplication) -> None:
    print("READY", flush=True)
    QTimer.singleShot(0, app.quit)


def bare(app: QApplication) -> QMainWindow:
    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 4))
    window.setCentralWidget(table)
    window.resize(1366, 768)
    window.show()
    QTimer.singleShot(0, lambda: ready(app))  # after the first paint event
    return window


def cryolog_window(app: QApplication, path: str, settings_file: str) -> object:
    """The real start-up path (DesktopApp.start), with its settings kept out of the user's."""
    from PySide6.QtCore import QSettings

    from cryolog.ui.app import DesktopApp

    desktop = DesktopApp(QSettings(settings_file, QSettings.Format.IniFormat))
    if not desktop.start(path) or desktop.window is None:
        raise SystemExit("cryolog did not start")
    desktop.window.resize(1366, 768)
    desktop.window.model.loaded.connect(lambda _text: QTimer.singleShot(0, lambda: ready(app)))
    window = desktop.window
    app.aboutToQuit.connect(lambda: (window.close(), desktop.close()))  # stops the background
    return desktop


def main() -> int:
    app = QApplication(sys.argv[:1])
    keep = bare(app) if sys.argv[1] == "bare" else cryolog_window(app, *sys.argv[2:4])
    code = app.exec()
    del keep
    return code


if __name__ == "__main__":
    sys.exit(main())
