"""A real window process for the crash test (tests/ui/test_session_crash.py).

    python -m tests.ui.session_process DB PATIENT_ID

It opens the database the way the app does (instance lock and all), opens the patient,
starts a session and types the blood pressure before it; once the draft holds it in the
database it prints ``READY <session id>`` and waits, with the window open, to be killed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cryolog.ui.app import DesktopApp


def wait(condition: Callable[[], bool], seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            print("TIMEOUT", flush=True)
            sys.exit(3)
        QApplication.processEvents()
        time.sleep(0.01)


def main(path: str, patient_id: int) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    ini = Path(path).parent / "settings.ini"
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    desktop = DesktopApp(settings)
    if not desktop.start(path):
        return 2
    window = desktop.window
    assert window is not None
    wait(lambda: window.model.rowCount() > 0)
    view = window.open_patient(patient_id)
    wait(lambda: view.data is not None and not view.runner.is_busy())
    view.session_host.start_button.click()
    panel = view.session_panel
    assert panel is not None
    wait(lambda: panel.presenter.dto is not None)
    QTest.keyClicks(panel.form.bp_pre[0], "132")
    QTest.keyClicks(panel.form.bp_pre[1], "84")
    QTest.keyClicks(panel.form.hr_pre, "68")
    dto = panel.presenter
    wait(lambda: not dto.busy and dto.dto is not None and dto.dto.hr_pre == 68)
    print(f"READY {dto.dto.id}", flush=True)  # type: ignore[union-attr]
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
