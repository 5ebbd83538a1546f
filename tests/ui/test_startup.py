"""Start-up: the window and its first page of patients come up without the ORM; the data
layer then loads on the background worker, never on the UI thread or the search worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from cryolog.db.database import Database
from cryolog.services import Services

PROBE = textwrap.dedent(
    """
    import json, sys, threading

    imported_by = {}  # top-level package -> (thread name, before the first page?)
    first_page_shown = threading.Event()

    class Watch:
        def find_spec(self, name, path=None, target=None):
            top = name.split(".")[0]
            if top in ("sqlalchemy", "alembic", "pydantic", "reportlab"):
                imported_by.setdefault(
                    top, (threading.current_thread().name, not first_page_shown.is_set())
                )
            return None

    sys.meta_path.insert(0, Watch())

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from cryolog.ui.app import DesktopApp

    app = QApplication(sys.argv[:1])
    desktop = DesktopApp(QSettings(sys.argv[2], QSettings.Format.IniFormat))
    assert desktop.start(sys.argv[1])
    window = desktop.window
    result = {}

    def first_page(_text):
        if "rows" not in result:
            result["rows"] = window.model.rowCount()
            first_page_shown.set()

    def finish():
        if "rows" not in result or window.background.is_busy():
            return
        result["imported_by"] = imported_by
        result["services"] = sorted(m for m in sys.modules if m.startswith("cryolog.services."))
        print(json.dumps(result), flush=True)
        window.close()
        app.quit()

    window.model.loaded.connect(first_page)
    window.model.loaded.connect(lambda _t: QTimer.singleShot(0, finish))
    window.background.idle.connect(finish)
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    desktop.close()
    """
)


@pytest.mark.parametrize("patients", [3, 0])
def test_first_page_needs_no_orm_and_the_data_layer_loads_in_the_background(
    db: Database, tmp_path: Path, patients: int
) -> None:
    services = Services.open(db, "tester")
    for i in range(patients):
        services.patients.register({"family_name": f"Name{i}", "birth_date": date(1980, 1, 1)})
    db.dispose()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(db.path), str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["rows"] == patients
    threads = {package: thread for package, (thread, _) in result["imported_by"].items()}
    if patients:
        # The ORM and the schemas were loaded, ahead of need, by the background worker.
        assert threads["sqlalchemy"].startswith("cryolog-background"), threads
        assert threads["pydantic"].startswith("cryolog-background"), threads
    else:
        # First run: the welcome card's practice details are read on a worker as well.
        assert threads["sqlalchemy"].startswith("cryolog-"), threads
    assert "alembic" not in threads and "reportlab" not in threads
    assert {"cryolog.services.records", "cryolog.services.sessions"} <= set(result["services"])
