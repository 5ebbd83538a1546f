"""After a day's work in the window — a patient registered, a session recorded, a handout
printed and saved, a failed request, an unexpected error — the log holds what happened and
none of the patient's data: name, birth date, phone, e-mail, notes, or the saved file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from cryolog import logs
from cryolog.db.database import Database
from cryolog.db.models import Patient, TreatmentSession
from cryolog.domain.catalog import CONDITIONS
from cryolog.services import Services
from cryolog.ui.crash import CrashHandler, install_crash_handler
from cryolog.ui.documents import DocumentDialog
from cryolog.ui.main_window import MainWindow
from tests.ui.record_setup import start_panel

FAMILY, GIVEN = "Иванова", "Мария"
BIRTH = date(1985, 3, 14)
PHONE, EMAIL = "+7 912 345-67-89", "maria.ivanova@example.org"
NOTES = "Latex allergy; takes warfarin since spring"
TIMEOUT_MS = 20000
SECRETS = (
    FAMILY,
    GIVEN,
    "1985-03-14",
    "14.03.1985",
    "912 345",
    "maria.ivanova",
    "warfarin",
    "Latex",
    "памятка",
)


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "log"))
    logs.shutdown_logging()
    logs.setup_logging()
    yield tmp_path / "log" / logs.LOG_NAME
    logs.shutdown_logging()


@pytest.fixture
def crash(log_file: Path) -> Iterator[CrashHandler]:
    handler = install_crash_handler()
    yield handler
    if handler.dialog is not None:
        handler.dialog.close()
    handler.uninstall()


def _register(qtbot: QtBot, window: MainWindow, db: Database) -> int:
    dialog = window.new_patient()
    form = dialog.form
    form.family.insert(FAMILY)  # QTest types ASCII keys only
    form.given.insert(GIVEN)
    qtbot.keyClicks(form.birth, BIRTH.strftime("%d.%m.%Y"))
    qtbot.keyClicks(form.phone, PHONE)
    qtbot.keyClicks(form.email, "maria.ivanova@")  # refused next to the field first
    form.notes.setPlainText(NOTES)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "e-mail" in form.errors.messages("email"), timeout=TIMEOUT_MS)
    form.email.setText(EMAIL)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not dialog.isVisible())
    with db.read() as s:
        return int(s.scalars(select(Patient.id)).one())


def _prepare_for_sessions(db: Database, patient_id: int) -> int:
    s = Services.open(db, "practitioner")
    start = date.today() - timedelta(days=30)
    s.pretreatment.record_screening(
        patient_id, {"screened_on": start, "answers": dict.fromkeys(CONDITIONS, "no")}
    )
    s.pretreatment.record_consent(patient_id, {"signed_on": start, "form_version": 1})
    s.pretreatment.record_cold_test(
        patient_id, "ice_cube", {"performed_on": start, "result": "negative", "contact_s": 300}
    )
    started = date.today() - timedelta(days=10)
    return s.courses.open_course(patient_id, {"protocol_id": "acne", "started_on": started}).id


def _failing_request(db: Database) -> None:
    """A write the database refuses, with the patient's data as its parameters."""
    with db.write() as s:
        s.execute(
            text("INSERT INTO patient (family_name, given_name, birth_date) VALUES (:f, :g, :b)"),
            {"f": FAMILY, "g": None, "b": BIRTH.isoformat()},
        )


def _unexpected_error() -> None:
    saved = f"/home/anna/Documents/{FAMILY} {GIVEN}.pdf"
    raise KeyError(f"{FAMILY} {GIVEN}, {BIRTH.isoformat()}: {saved}")


def test_the_log_holds_no_patient_data_after_a_days_work(
    qtbot: QtBot,
    db: Database,
    log_file: Path,
    crash: CrashHandler,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = MainWindow(Services.open(db, "practitioner"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.is_busy())
    patient_id = _register(qtbot, window, db)
    course_id = _prepare_for_sessions(db, patient_id)

    # a session, through the record's session panel: done without the timer, then signed
    view = window.open_patient(patient_id)
    qtbot.waitUntil(lambda: view.data is not None and not view.runner.is_busy(), timeout=TIMEOUT_MS)
    session = start_panel(qtbot, view, course_id)
    f = session.form
    f.modality.setCurrentIndex(f.modality.findData("ln2_applicator"))
    f.started.setDateTime(f.started.dateTime().addDays(-2))
    qtbot.keyClicks(f.duration.edit, "5:00")
    qtbot.keyClicks(f.set_temp.value, "-150")
    qtbot.keyClicks(f.nrs_pre, "6")
    qtbot.keyClicks(f.nrs_post, "3")
    f.add_area("cheeks", "area", "2", "3", "240")
    qtbot.waitUntil(
        lambda: bool(session.findings.findings) or "No safety" in "".join(session.findings.texts())
    )
    qtbot.waitUntil(session.done_button.isEnabled, timeout=TIMEOUT_MS)
    session.done_button.click()
    sign = session.sign_button
    qtbot.waitUntil(lambda: sign.isVisibleTo(session) and sign.isEnabled(), timeout=TIMEOUT_MS)
    with qtbot.waitSignal(session.finished, timeout=TIMEOUT_MS):
        sign.click()
    with db.read() as s:
        assert s.scalars(select(TreatmentSession.state)).one() == "signed"
    qtbot.waitUntil(lambda: not view.runner.is_busy(), timeout=TIMEOUT_MS)

    # the handout, printed and saved under the patient's name
    with qtbot.waitSignal(view.act.launcher.opened, timeout=TIMEOUT_MS) as opened:
        view.documents.handout_button.click()
    handout: DocumentDialog = opened.args[0]
    target = tmp_path / f"{FAMILY} {GIVEN} памятка.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert handout.save_as() == target and target.read_bytes() == handout.pdf

    # a request the database refuses, shown to the practitioner and logged
    window.runner.submit("test", lambda: _failing_request(db), lambda _r: None)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=TIMEOUT_MS)

    # an unexpected error in a slot: the crash dialog
    QTimer.singleShot(0, _unexpected_error)
    qtbot.waitUntil(lambda: crash.dialog is not None and crash.dialog.isVisible())
    assert crash.dialog is not None
    details = crash.dialog.details.toPlainText()

    logs.flush()
    logged = log_file.read_text(encoding="utf-8")
    # what happened is there ...
    assert "The request could not be completed: IntegrityError" in logged
    assert "parameters hidden" in logged
    assert "CRITICAL cryolog.crash" in logged and "_unexpected_error" in logged
    # ... and nothing about the patient, in the log or in the crash report
    for secret in SECRETS:
        assert secret not in logged, secret
        assert secret not in details, secret
    assert target.name not in logged
