"""A patient ready for sessions (screening, consent, ice cube test, an acne course with one
session), and the record view opened on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cryolog.db.database import Database
from cryolog.db.models import TreatmentSession
from cryolog.domain.catalog import CONDITIONS
from cryolog.services import Services
from cryolog.services.dto import SessionDTO
from cryolog.ui.preferences import PreferencesDialog
from cryolog.ui.record.record_view import PatientRecordView
from cryolog.ui.session_panel import SessionPanel
from cryolog.ui.tasks import TaskRunner
from tests.services.conftest import wbc_session

TIMEOUT_MS = 20000


@dataclass(frozen=True)
class Seeded:
    services: Services
    patient_id: int
    course_id: int
    session_id: int


def session_data(course_id: int, days_ago: int = 5, **changes: Any) -> dict[str, Any]:
    day = date.today() - timedelta(days=days_ago)
    at = datetime.combine(day, time(10, 30, 15, 123456)).astimezone()  # as a timer stamps it
    data: dict[str, Any] = {
        "modality": "ln2_applicator",
        "started_at": at,
        "course_id": course_id,
        "duration_s": 300,
        "set_temp": {"value": -150, "unit": "C"},
        "applicator": "cotton, 5 mm",
        "areas": [{"site": "cheeks", "area_dm2": 2.0, "passes": 3, "exposure_s": 240}],
        "nrs_pre": 6,
        "nrs_post": 3,
    }
    return {**data, **changes}


def seed(db: Database, family: str = "Иванова") -> Seeded:
    s = Services.open(db, "practitioner")
    pid = s.patients.register(
        {"family_name": family, "given_name": "Мария", "birth_date": date(1985, 3, 14)}
    ).id
    start = date.today() - timedelta(days=30)
    s.pretreatment.record_screening(
        pid, {"screened_on": start, "answers": dict.fromkeys(CONDITIONS, "no")}
    )
    s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
    s.pretreatment.record_cold_test(
        pid, "ice_cube", {"performed_on": start, "result": "negative", "contact_s": 300}
    )
    course = s.courses.open_course(
        pid, {"protocol_id": "acne", "started_on": date.today() - timedelta(days=20)}
    ).id
    session = s.sessions.record_session(pid, session_data(course)).id
    return Seeded(s, pid, course, session)


def open_record(qtbot: QtBot, seeded: Seeded) -> PatientRecordView:
    runner = TaskRunner()
    view = PatientRecordView(seeded.services, runner, seeded.patient_id)
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    settle(qtbot, view)
    return view


def settle(qtbot: QtBot, view: PatientRecordView) -> None:
    qtbot.waitUntil(lambda: view.data is not None and not view.runner.is_busy(), timeout=TIMEOUT_MS)


def give_reason(dialog: PreferencesDialog, reason: str) -> None:
    """Answer the reason Preferences asks for a changed limit."""
    asked = dialog.reason_dialog
    assert asked is not None and asked.isVisible()
    asked.edit.setPlainText(reason)
    asked.ok.click()


def count(db: Database, model: type, *where: Any) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def stored(qtbot: QtBot, panel: SessionPanel) -> SessionDTO:
    """Wait until everything the panel queued has reached the database."""
    qtbot.waitUntil(
        lambda: panel.presenter.dto is not None and not panel.presenter.busy, timeout=TIMEOUT_MS
    )
    dto = panel.presenter.dto
    assert dto is not None
    return dto


def start_panel(
    qtbot: QtBot, view: PatientRecordView, course_id: int | None = None
) -> SessionPanel:
    """Start a session in the record: its panel opens and the draft is stored."""
    panel = view.new_session(course_id)
    assert panel is not None and view.tabs.currentWidget() is panel
    stored(qtbot, panel)
    qtbot.waitUntil(lambda: not view.runner.is_busy(), timeout=TIMEOUT_MS)
    return panel


def session_row(db: Database, session_id: int) -> TreatmentSession:
    with db.read() as s:
        row = s.get(TreatmentSession, session_id)
        assert row is not None
        return row


def returning_patient(db: Database) -> int:
    """Novák Eliška: cleared for the chamber, in a whole-body course with one session."""
    s = Services.open(db, "practitioner")
    month = date.today() - timedelta(days=30)
    pid = s.patients.register(
        {"family_name": "Novák", "given_name": "Eliška", "birth_date": date(1990, 4, 2)}
    ).id
    s.patients.register(
        {"family_name": "Ivanova", "given_name": "Maria", "birth_date": date(1985, 3, 14)}
    )
    s.pretreatment.record_screening(
        pid, {"screened_on": month, "answers": dict.fromkeys(CONDITIONS, "no")}
    )
    s.pretreatment.record_consent(pid, {"signed_on": month, "form_version": 1})
    s.pretreatment.record_clearance(
        pid,
        {
            "issued_on": month,
            "valid_until": month + timedelta(days=180),
            "ecg": True,
            "blood": True,
            "urine": True,
        },
    )
    s.pretreatment.record_cold_test(pid, "ice_cube", {"performed_on": month, "result": "negative"})
    course = s.courses.open_course(
        pid, {"protocol_id": "wbc_course", "started_on": date.today() - timedelta(days=7)}
    ).id
    earlier = wbc_session(started_at=wbc_session()["started_at"] - timedelta(days=2))
    s.sessions.record_session(pid, {**earlier, "course_id": course, "device": "Cabin 1"})
    return pid
