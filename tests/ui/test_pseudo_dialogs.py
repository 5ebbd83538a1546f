"""Every dialog of the window in the pseudo-language (every text ~40 % longer and
accented, the message catalogs too) fits 1366×768: no label or button narrower than its
text, nothing scrolling sideways, nothing past the screen. The dialogs are built with real
services on one seeded database per module; a dialog class added to cryolog.ui without a
builder in tests/ui/pseudo_dialogs.py fails ``test_every_dialog_class_is_checked``."""

from __future__ import annotations

import gc
import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

import cryolog.ui
from cryolog.db.database import open_database
from cryolog.domain import locale as loc
from cryolog.domain import messages_catalog
from cryolog.domain.errors import FieldError, InvalidInput
from cryolog.domain.messages import Message
from cryolog.services.appointments_dto import BookingRequest
from cryolog.services.verify import verify_file
from cryolog.ui.forms import ErrorLabel, FieldErrors
from cryolog.ui.tasks import TaskRunner
from tests.services.appointments_setup import set_up_week
from tests.ui.pseudo import ACCENTS, PSEUDO_LANGUAGE, load_pseudo, pseudo, write_pseudo_catalog
from tests.ui.pseudo_dialogs import BUILDERS, World
from tests.ui.record_setup import seed
from tests.ui.test_pseudo_layout import SCREEN, clipped, fits, scrolled_sideways


@pytest.fixture(scope="module")
def world(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One seeded database (a patient, a course with a session and three booked visits,
    an adverse event, a week of opening hours and rooms) and the
    pseudo-language on for the window's texts and the message catalogs."""
    folder = tmp_path_factory.mktemp("pseudo")
    with pytest.MonkeyPatch.context() as patch:
        translator = load_pseudo(folder)
        qapp.installTranslator(translator)
        messages = write_pseudo_catalog(folder / "messages")
        patch.setattr(messages_catalog, "messages_dir", lambda: messages)
        patch.setitem(loc.LOCALES, PSEUDO_LANGUAGE, replace(loc.ENGLISH, language=PSEUDO_LANGUAGE))
        messages_catalog.catalog.cache_clear()
        loc.use_language(PSEUDO_LANGUAGE)
        path = folder / "data" / "cryolog.db"
        db = open_database(path)
        seeded = seed(db)
        seeded.services.outcomes.record_adverse_event(
            seeded.patient_id,
            {
                "event_type": "erythema",
                "severity": "mild",
                "onset_on": date.today() - timedelta(days=4),
            },
        )
        set_up_week(seeded.services)  # rooms, hours and three booked visits of the course
        proposal = seeded.services.appointments.propose_rest(seeded.course_id, 3)
        assert len(proposal.visits) == 3
        seeded.services.appointments.book_many(
            [
                BookingRequest(seeded.patient_id, v.resource_id, v.start, seeded.course_id)
                for v in proposal.visits
            ]
        )
        record = seeded.services.records.patient_record(seeded.patient_id)
        runner = TaskRunner()
        yield World(seeded, record, runner, folder)
        runner.shutdown()
        db.dispose()
        report = verify_file(path)  # everything written above went through the audit
        assert [b.line() for b in report.breaks] == [], "the audit trail does not verify"
        loc.use_language(None)
        qapp.removeTranslator(translator)
    messages_catalog.catalog.cache_clear()


COVERED = sorted(BUILDERS)
# The dialogs whose fields show errors beside them when a save is refused.
FORMS = {
    "PatientDialog",
    "PreferencesDialog",
    "CloseCourseDialog",
    "AdverseEventDialog",
    "ResolveEventDialog",
    "AssessmentDialog",
}

# Bases never shown themselves, only as one of their subclasses (each covered above).
BASES = {"FormDialog": "cryolog.ui.record.form_dialog"}


def _dialog_classes() -> dict[str, type[QDialog]]:
    """Every QDialog subclass defined in cryolog.ui, its modules all imported."""
    for info in pkgutil.walk_packages(cryolog.ui.__path__, "cryolog.ui."):
        importlib.import_module(info.name)
    found: dict[str, type[QDialog]] = {}
    todo: list[type[QDialog]] = [QDialog]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("cryolog.ui."):
                found[sub.__name__] = sub
    return found


def _unchecked() -> list[str]:
    """The QDialog subclasses of cryolog.ui with no builder here (bases aside)."""
    return sorted(set(_dialog_classes()) - set(COVERED) - set(BASES))


def test_a_forgotten_dialog_class_is_named() -> None:
    forgotten = type("ForgottenDialog", (QDialog,), {"__module__": "cryolog.ui.forgotten"})
    try:
        assert _unchecked() == ["ForgottenDialog"]
    finally:
        del forgotten
        gc.collect()


def test_every_dialog_class_is_checked() -> None:
    classes = _dialog_classes()
    assert len(classes) >= len(COVERED)
    assert _unchecked() == [], "dialogs without a pseudo-language layout check"
    for base, module in BASES.items():
        assert classes[base].__module__ == module
        assert any(issubclass(classes[name], classes[base]) for name in COVERED)
    assert not set(COVERED) - set(classes), "a checked dialog is gone: drop it from BUILDERS"


def opening_size(top: QWidget) -> tuple[int, int]:
    """The size Qt gives ``top`` when it first shows on a 1366×768 screen: its size hint,
    at most two thirds of the screen each way (what QWidget.adjustSize does for a window),
    never below its minimum size."""
    hint = top.sizeHint()
    layout = top.layout()
    height = hint.height()
    if layout is not None and layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(hint.width())
    width = max(min(hint.width(), SCREEN[0] * 2 // 3), top.minimumWidth())
    return width, max(min(height, SCREEN[1] * 2 // 3), top.minimumHeight())


def cut_short(top: QWidget) -> list[str]:
    """Every visible word-wrapped label of ``top`` given fewer lines than its text needs."""
    found = []
    for label in top.findChildren(QLabel):
        if isinstance(label, ErrorLabel):
            continue  # fixed lines, the whole message in its tooltip (see below)
        if label.isVisibleTo(top) and label.wordWrap() and label.text() and label.width() > 1:
            needs = label.heightForWidth(label.width())
            if needs > label.height() + 1:
                text = label.text()[:60]
                found.append(f"QLabel {text!r} cut: {needs} > {label.height()} high")
    return found


def fits_as_opened(qtbot: QtBot, top: QWidget) -> list[str]:
    """What ``fits`` finds, with ``top`` at the size it opens at, not stretched to the
    screen: a dialog must show its texts whole without the practitioner dragging it larger
    (wrapped texts included: each gets the lines it needs at its width)."""
    top.show()
    if top.testAttribute(Qt.WidgetAttribute.WA_Resized):  # it chose its own size
        top.resize(min(top.width(), SCREEN[0]), min(top.height(), SCREEN[1]))
    else:
        top.resize(*opening_size(top))
    qtbot.waitExposed(top)
    qtbot.wait(50)  # layouts settle
    problems = clipped(top) + [f"horizontal scroll in {s}" for s in scrolled_sideways(top)]
    problems += cut_short(top)
    if top.width() > SCREEN[0] or top.height() > SCREEN[1]:
        problems.append(f"opens at {top.width()}×{top.height()}")
    return problems


@pytest.mark.parametrize("name", COVERED)
def test_the_dialog_fits_in_a_longer_language(qtbot: QtBot, world: World, name: str) -> None:
    dialog = BUILDERS[name](world)
    qtbot.addWidget(dialog)
    assert QApplication.translate("MainWindow", "Patients") == pseudo("Patients")
    problems = []
    tabs = getattr(dialog, "tabs", None)
    for index in range(tabs.count() if tabs is not None else 1):
        if tabs is not None:
            tabs.setCurrentIndex(index)
        problems += [f"as opened: {p}" for p in fits_as_opened(qtbot, dialog)]
        problems += [f"full screen: {p}" for p in fits(qtbot, dialog)]
    assert problems == [], "\n".join(problems)
    dialog.done(0)


def test_the_import_dialog_fits_with_a_file_read_in(qtbot: QtBot, world: World) -> None:
    from cryolog.ui.import_dialog import ImportDialog

    path = world.folder / "patients.csv"
    path.write_text(
        "Family name;Given name;Birth date;Phone\r\n"
        "Smith;Mary;02.05.1980;+44 20 7946 0958\r\n"
        "Jones;Ann;31.02.1980;\r\n"
        "123;Bob;;\r\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(world.seeded.services, world.runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(path)
    qtbot.waitUntil(lambda: not dialog.runner.is_busy(), timeout=20000)
    assert dialog.model.rowCount() == 3 and dialog.summary.text()
    assert dialog.summary.text().split()[-1].startswith("ẍ")  # said in the pseudo-language
    problems = [f"as opened: {p}" for p in fits_as_opened(qtbot, dialog)]
    problems += [f"full screen: {p}" for p in fits(qtbot, dialog)]
    assert problems == [], "\n".join(problems)
    dialog.done(0)


@pytest.mark.parametrize("view", ["DayPlanView", "WeekView"])
def test_the_day_plan_and_the_week_fit(qtbot: QtBot, world: World, view: str) -> None:
    services = world.seeded.services
    widget: QWidget
    if view == "DayPlanView":
        from cryolog.ui.appointments.day_plan import DayPlanView

        widget = DayPlanView(services, world.runner)
        with qtbot.waitSignal(widget.loaded, timeout=20000):
            widget.refresh()
    else:
        from cryolog.ui.appointments.week_view import WeekView

        widget = WeekView(services, world.runner)
        widget.show_week_of(date.today())
    qtbot.addWidget(widget)
    assert fits(qtbot, widget) == []


def _refused(dialog: QDialog) -> list[ErrorLabel]:
    """Every field error label of ``dialog`` (and the general ones) showing a long keyed
    message, as a refused save shows them; the labels showing one."""
    holders = [dialog, *dialog.findChildren(QWidget)]
    found = [getattr(h, n, None) for h in holders for n in ("errors", "limit_errors")]
    said = Message("field.control_character_at", char="U+200B", position=12)
    for errors in {id(e): e for e in found if isinstance(e, FieldErrors)}.values():
        paths = [*errors._labels, ""]  # every field it shows errors for, and the form
        errors.show(InvalidInput([FieldError(path, said) for path in paths]))
    return [e for e in dialog.findChildren(ErrorLabel) if e.isVisibleTo(dialog)]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_the_dialog_fits_with_its_field_errors_showing(
    qtbot: QtBot, world: World, name: str
) -> None:
    """A refused save keeps every field and button whole; each error message that is
    longer than its reserved lines ends in "…" by design (fields never move under the
    mouse) and is whole in its tooltip."""
    dialog = BUILDERS[name](world)
    qtbot.addWidget(dialog)
    dialog.show()
    showing = _refused(dialog)
    assert len(showing) >= 2
    problems = [f"as opened: {p}" for p in fits_as_opened(qtbot, dialog)]
    problems += [f"full screen: {p}" for p in fits(qtbot, dialog)]
    problems = [p for p in problems if ": ErrorLabel " not in p]
    assert problems == [], "\n".join(problems)
    accented = "contains an invisible control character".translate(ACCENTS)
    for label in showing:
        assert accented in label.text() and label.toolTip() == label.text()
    dialog.done(0)
