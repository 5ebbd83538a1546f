"""Make the README screenshots: run under Xvfb at 1366×768.

    xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshots.py [--lang ru]

With --lang ru: main-window-ru, patient-record-ru and session-form-general-ru only.

Uses the demo generator when it is available, else registers a few patients through the
services. Writes docs/screenshots/{main-window,patient-record,outcomes,documents,session-form*,
session-amend,session-running,session-beside,today,day-plan,week-view,booking}.png.
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


def populate(db: Database) -> tuple[int, list[int]]:
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
    return main, ids[1:]


def wait_for(condition: object, ms: int = 10000) -> None:
    waited = 0
    while not condition() and waited < ms:  # type: ignore[operator]
        settle(50)
        waited += 50


def session_form(window: object, view: object, modality: str, name: str) -> None:
    """The session panel of a new session of ``modality`` (then abandoned again)."""
    window.tabs.setCurrentWidget(view)  # type: ignore[attr-defined]  # the record, not the calendar
    panel = view.new_session(None)  # type: ignore[attr-defined]
    assert panel is not None
    wait_for(lambda: panel.presenter.dto is not None)
    form = panel.form
    if not form.modality.model().item(form.modality.findData(modality)).isEnabled():
        form.course.setCurrentIndex(form.course.findData(None))  # a session outside the course
    form.modality.setCurrentIndex(form.modality.findData(modality))
    form.nrs_pre.setText("5")
    shot(window, name)
    drop(view, panel)


def drop(view: object, panel: object) -> None:
    """Abandon a draft made for a picture, and close its panel."""
    presenter = panel.presenter  # type: ignore[attr-defined]
    wait_for(lambda: not presenter.busy)
    dto = presenter.dto
    if dto is not None and dto.state == "draft":
        view.services.sessions.abandon(  # type: ignore[attr-defined]
            dto.id, "Example for the screenshots only", expected_version=dto.version
        )
    view.session_host.close_panel()  # type: ignore[attr-defined]
    wait_for(lambda: not view.runner.is_busy())  # type: ignore[attr-defined]


def chamber_beside(window: object, db: Database, patient: int, other: int) -> None:
    """A chamber session running for one patient while the next one is open beside it."""
    s = Services.open(db, "dr.kuznetsova")
    start = date.today() - timedelta(days=40)
    s.pretreatment.record_clearance(
        other,
        {"issued_on": start, "valid_until": start + timedelta(days=180), "ecg": True,
         "blood": True, "urine": True},
    )  # fmt: skip
    s.pretreatment.record_cold_test(
        other, "ice_cube", {"performed_on": start, "result": "negative"}
    )
    course = s.courses.open_course(
        other, {"protocol_id": "wbc_course", "started_on": date.today() - timedelta(days=6)}
    ).id
    for days, duration in ((5, 60), (3, 120)):
        at = datetime.combine(date.today() - timedelta(days=days), time(9, 40)).astimezone()
        s.sessions.record_session(
            other,
            {"modality": "wbc_chamber", "started_at": at, "course_id": course,
             "duration_s": duration, "set_temp": {"value": -110, "unit": "C"},
             "device": "Cabin 1", "bp_pre": {"systolic": 126, "diastolic": 80},
             "checklist": dict.fromkeys(("dry_skin", "no_lotion", "no_metal",
                                         "protective_gear"), True)},
        )  # fmt: skip
    view = window.open_patient(other)  # type: ignore[attr-defined]
    wait_for(lambda: view.data is not None)
    settle()
    panel = view.new_session(course)
    wait_for(lambda: panel.presenter.dto is not None)
    f = panel.form
    f.vitals.bp_pre[0].setText("152")
    f.vitals.bp_pre[1].setText("94")
    f.vitals.measure_again()
    f.vitals.bp_pre[0].setText("134")
    f.vitals.bp_pre[1].setText("86")
    f.hr_pre.setText("72")
    for box in ("dry_skin", "no_lotion", "no_metal", "protective_gear"):
        f.checks[box].setChecked(True)
    wait_for(lambda: panel.start_button.isEnabled())
    panel.start_button.click()
    wait_for(lambda: panel.timer.running)
    settle(2200)
    shot(window, "session-running.png")
    second = window.open_patient(patient)  # type: ignore[attr-defined]
    wait_for(lambda: second.data is not None)
    second.tabs.setCurrentWidget(second.cold_tests)
    second.cold_tests.ice.start_button.click()
    settle(1200)
    shot(window, "session-beside.png")
    today = window.today  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(today)  # type: ignore[attr-defined]
    today.go(0)
    wait_for(lambda: today.plan is not None and today.plan.day == date.today())
    settle(800)
    shot(window, "today.png")
    window.tabs.setCurrentWidget(view)  # type: ignore[attr-defined]
    second.cold_tests.ice.timer.stop()
    panel.stop()
    wait_for(lambda: panel.sign_button.isVisible())
    panel.sign_button.click()
    wait_for(lambda: view.session_panel is None)


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
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    if lang != "en":  # the main window, a record and the session form in that language
        return localized(app, lang)
    from cryolog.ui.language import apply_language

    kept = apply_language(app, "en")  # as the app does: messages in the window's own forms
    first_run(MainWindow)
    db = open_database(Path(tempfile.mkdtemp()) / "cryolog.db")
    patient, others = populate(db)
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
    session_form(window, view, "ln2_applicator", "session-form.png")
    session_form(window, view, "wbc_chamber", "session-form-general.png")
    session_form(window, view, "cold_pack", "session-form-moderate.png")
    window.tabs.setCurrentWidget(view)
    view.tabs.setCurrentWidget(view.courses)
    view.courses.select_session(view.courses.sessions.rows[0].id)
    amend = view.act.amend_session(view.courses.sessions.rows[0])
    assert amend is not None
    amend.form.nrs_post.setText("2")
    shot(window, "session-amend.png")
    view.session_host.close_panel()
    chamber_beside(window, db, patient, others[0])
    window.close()
    db.dispose()
    del kept
    app.quit()
    return 0


def localized(app: QApplication, lang: str) -> int:
    from cryolog.ui.language import apply_language
    from cryolog.ui.main_window import MainWindow

    kept = apply_language(app, lang)
    db = open_database(Path(tempfile.mkdtemp()) / "cryolog.db")
    patient, _others = populate(db)
    window = MainWindow(Services.open(db, "dr.kuznetsova"))
    window.resize(1366, 740)
    window.show()
    settle()
    shot(window, f"main-window-{lang}.png")
    view = window.open_patient(patient)
    settle()
    view.tabs.setCurrentWidget(view.courses)
    shot(window, f"patient-record-{lang}.png")
    session_form(window, view, "wbc_chamber", f"session-form-general-{lang}.png")
    window.close()
    db.dispose()
    del kept
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
