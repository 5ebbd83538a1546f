"""Make the README screenshots: run under Xvfb at 1366×768.

    xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshots.py

Uses the demo generator when it is available, else registers a few patients through the
services. Writes docs/screenshots/{main-window,patient-record,outcomes,documents,session-form*,
session-amend,day-plan,week-view,booking}.png.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cryolog.db.database import Database, open_database
from cryolog.domain.catalog import CONDITIONS
from cryolog.services import Services

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PEOPLE = [
    ("Иванова", "Мария", "Петровна", date(1985, 3, 14), "+7 912 345-67-89"),
    ("Müller", "Jürgen", "", date(1962, 7, 2), "+49 30 1234567"),
    ("Novák", "Eliška", "", date(1994, 11, 23), "+420 602 123 456"),
    ("Smith", "Olivia", "", date(1978, 1, 9), "+44 20 7946 0018"),
    ("Петров", "Алексей", "Игоревич", date(1971, 5, 30), "+7 903 555-12-34"),
    ("García", "Lucía", "", date(1989, 9, 17), "+34 612 345 678"),
]


def populate(db: Database) -> int:
    from cryolog.services.demo import generate_demo

    generate_demo(db, patients=300, seed=7)
    s = Services.open(db, "dr.kuznetsova")
    s.practice.update_practice(
        {"name": "Cryo Clinic", "phone": "+7 495 123-45-67", "practitioner": "Dr Kuznetsova"}
    )
    ids = [
        s.patients.register(
            {"family_name": f, "given_name": g, "middle_name": m, "birth_date": b, "phone": p}
        ).id
        for f, g, m, b, p in PEOPLE
    ]
    today = date.today()
    start = today - timedelta(days=40)
    for pid in ids[1:]:
        s.pretreatment.record_screening(
            pid, {"screened_on": start, "answers": dict.fromkeys(CONDITIONS, "no")}
        )
        s.pretreatment.record_consent(pid, {"signed_on": start, "form_version": 1})
    main = ids[0]
    s.pretreatment.record_screening(
        main,
        {
            "screened_on": start,
            "answers": {**dict.fromkeys(CONDITIONS, "no"), "diabetes": "yes", "raynaud": "unknown"},
        },
    )
    s.pretreatment.record_consent(main, {"signed_on": start, "form_version": 1})
    s.pretreatment.record_cold_test(
        main, "ice_cube", {"performed_on": start, "result": "negative", "contact_s": 240}
    )
    course = s.courses.open_course(
        main, {"protocol_id": "acne", "started_on": start, "body_area": "face"}
    ).id
    for n, (days, pre, post) in enumerate([(38, 7, 5), (34, 6, 4), (30, 6, 3), (26, 5, 3)]):
        at = datetime.combine(today - timedelta(days=days), time(10, 30)).astimezone()
        s.sessions.record_session(
            main,
            {
                "modality": "ln2_applicator",
                "started_at": at,
                "course_id": course,
                "duration_s": 420,
                "set_temp": {"value": -150, "unit": "C"},
                "applicator": "cotton, 5 mm",
                "areas": [{"site": "cheeks", "area_dm2": 2.0, "passes": 3, "exposure_s": 240}],
                "skin_temp_before_c": 32.0,
                "skin_temp_after_c": 14.0 + n,
                "nrs_pre": pre,
                "nrs_post": post,
            },
        )
    s.outcomes.record_adverse_event(
        main,
        {
            "event_type": "erythema",
            "severity": "mild",
            "onset_on": today - timedelta(days=34),
            "resolved_on": today - timedelta(days=33),
            "description": "Redness over both cheeks, gone the next day",
        },
    )
    for days, value in ((38, 3), (24, 2)):
        s.outcomes.record_assessment(
            main,
            {
                "kind": "iga",
                "assessed_on": today - timedelta(days=days),
                "value": value,
                "course_id": course,
            },
        )
    from cryolog.reports import render

    s.documents.generate("course_summary", course, render)
    s.documents.generate("handout", course, render, language="ru")
    s.documents.generate("consent", main, render)
    return main


def session_form(view: object, modality: str, name: str) -> None:
    dialog = view.new_session(None)  # type: ignore[attr-defined]
    assert dialog is not None
    dialog.resize(1366, 740)
    form = dialog.form
    if not form.modality.model().item(form.modality.findData(modality)).isEnabled():
        form.course.setCurrentIndex(form.course.findData(None))  # a session outside the course
    form.modality.setCurrentIndex(form.modality.findData(modality))
    form.nrs_pre.setText("5")
    shot(dialog, name)
    dialog.presenter.dirty = False
    dialog.close()


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shot(widget: QWidget, name: str) -> None:
    settle()
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / name))
    print(OUT / name)


def first_run(window_class: type) -> None:
    """The window on an empty database: the welcome card and the practice details."""
    empty = open_database(Path(tempfile.mkdtemp()) / "empty.db")
    window = window_class(Services.open(empty, "dr.kuznetsova"))
    window.resize(1366, 740)
    window.show()
    shot(window, "first-run.png")
    window.close()
    empty.dispose()


def busiest_day(services: Services) -> date:
    """The open day of the next two weeks with the most booked visits."""
    items = services.appointments.between(date.today(), date.today() + timedelta(days=14))
    counts: dict[date, int] = {}
    for a in items:
        if a.status == "booked":
            counts[a.day] = counts.get(a.day, 0) + 1
    return max(counts, key=lambda d: counts[d]) if counts else date.today()


def calendar(window: QWidget, services: Services) -> None:
    """The day plan, the week view and the booking dialog."""
    from cryolog.ui.appointments.booking_dialog import BookingDialog

    calendar = window.calendar  # type: ignore[attr-defined]
    day = busiest_day(services)
    plan = calendar.show_day_plan()
    plan.day.setDate(plan.day.date().addDays((day - date.today()).days))
    settle(1500)
    shot(window, "day-plan.png")
    week = calendar.show_week()
    week.show_week_of(day)
    settle(1500)
    booked = [a for a in week.grid.appointments if a.status == "booked" and a.day == day]
    if booked:
        week.grid._select(booked[len(booked) // 2])
    shot(window, "week-view.png")
    course = next(a for a in services.appointments.between(day, day) if a.course_id)
    services.appointments.cancel_future("Rebooking for the screenshot", course_id=course.course_id)
    dialog = BookingDialog(
        services, window.runner, course.patient_id, course.course_id or 0, window
    )  # type: ignore[attr-defined]
    dialog.show()
    settle(2000)
    shot(dialog, "booking.png")
    dialog.close()


def main() -> int:
    from cryolog.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    first_run(MainWindow)
    db = open_database(Path(tempfile.mkdtemp()) / "cryolog.db")
    patient = populate(db)
    window = MainWindow(Services.open(db, "dr.kuznetsova"))
    window.resize(1366, 740)
    window.show()
    settle()
    shot(window, "main-window.png")
    view = window.open_patient(patient)
    settle()
    view.tabs.setCurrentWidget(view.courses)
    shot(window, "patient-record.png")
    view.tabs.setCurrentWidget(view.outcomes)
    shot(window, "outcomes.png")
    view.tabs.setCurrentWidget(view.documents)
    shot(window, "documents.png")
    calendar(window, window.services)
    session_form(view, "ln2_applicator", "session-form.png")
    session_form(view, "wbc_chamber", "session-form-general.png")
    session_form(view, "cold_pack", "session-form-moderate.png")
    view.courses.select_session(view.courses.sessions.rows[0].id)
    amend = view.act.amend_session(view.courses.sessions.rows[0])
    assert amend is not None
    amend.resize(1366, 740)
    shot(amend, "session-amend.png")
    amend.presenter.dirty = False
    amend.close()
    window.close()
    db.dispose()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
