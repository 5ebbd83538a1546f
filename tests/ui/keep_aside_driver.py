"""A real window process for the keep-aside test: ``type DB PID`` types into a record and
waits (to be killed); ``session DB PID COURSE`` starts a session there and half-types it;
``restore DB`` starts again, answers "restore" and prints the forms."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from cryolog.db.database import open_database
from cryolog.services import Services
from cryolog.ui import prompts
from cryolog.ui.main_window import MainWindow


def main() -> int:
    mode, target = sys.argv[1], sys.argv[2]
    app = QApplication([])
    db = open_database(target)
    if mode == "restore":
        prompts.restore_kept = lambda parent, n: True  # type: ignore[assignment]
        prompts.ask_unsaved = lambda parent, what: prompts.Unsaved.DISCARD  # type: ignore[assignment]
    window = MainWindow(Services.open(db, "dr.test"))
    window.show()
    if mode == "type":
        view = window.open_patient(int(sys.argv[3]))

        def typed() -> None:
            view.consent.notes.setText("signed on paper, scan follows")
            view.courses.open_form.body_area.setText("both knees")
            print("typed", flush=True)  # the test waits for the kept file, then kills us

        view.loaded.connect(typed)
    elif mode == "session":
        view = window.open_patient(int(sys.argv[3]))

        def half_typed() -> None:
            view.loaded.disconnect(half_typed)
            panel = view.new_session(int(sys.argv[4]))
            assert panel is not None

            def stored() -> None:
                panel.form.duration.edit.setText("2 mi")  # cannot be stored as it is
                panel.form.device.setText("Chamber 2")
                print("typed", flush=True)

            panel.presenter.stored.connect(stored)

        view.loaded.connect(half_typed)
    else:

        def report() -> None:
            view = window.records.get(int(sys.argv[3]))
            if view is None or view.data is None or not view.data.complete:
                return  # the typing is put back once the whole record is shown
            panel = view.session_host.panel
            if len(sys.argv) > 4 and (panel is None or panel.form.device.text() == ""):
                return  # the session's typing is not back yet
            print(
                json.dumps(
                    {
                        "notes": view.consent.notes.text(),
                        "area": view.courses.open_form.body_area.text(),
                        "unsaved": view.consent.has_unsaved_changes(),
                        "session": None
                        if panel is None
                        else [panel.form.duration.edit.text(), panel.form.device.text()],
                    }
                ),
                flush=True,
            )
            window.close()  # a clean close: the kept file goes
            app.quit()

        timer = QTimer()
        timer.timeout.connect(report)
        timer.start(100)
        QTimer.singleShot(20_000, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
