"""Preferences: the practice (printouts, country, time zone) and every clinical limit.

Saving is one transaction: the practice details and the limits are saved together or not
at all. Changing a limit asks why; the reason goes into the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain import locale as loc
from cryolog.domain.errors import FieldError, InvalidInput, StaleRecord, said
from cryolog.domain.thresholds import THRESHOLDS
from cryolog.services import Services
from cryolog.services.dto import PracticeDTO
from cryolog.ui import dirty, form_state
from cryolog.ui.changed_elsewhere import hide_refusal
from cryolog.ui.changes import PRACTICE, Change
from cryolog.ui.empty_state import PracticeFields
from cryolog.ui.errors import show_error
from cryolog.ui.forms import FieldErrors, error_label, number
from cryolog.ui.language import language_combo, store_choice, user_settings
from cryolog.ui.practice_place import country_combo, time_zone_combo
from cryolog.ui.reason_dialog import ReasonDialog

if TYPE_CHECKING:
    from cryolog.ui.tasks import TaskRunner

PRACTICE_PATHS = {"name", "address", "phone", "practitioner", "country", "time_zone"}


def save_preferences(
    services: Services,
    practice: dict[str, Any],
    changes: dict[str, float],
    reason: str,
    versions: tuple[int, int] | None = None,
) -> PracticeDTO:
    """The practice details and the changed limits in ONE transaction; with ``versions``
    (the practice's and the limits' as read) refused as changed elsewhere when another
    workstation saved either since."""
    with services.unit() as unit:
        if versions is not None:
            unit.practice.check_preferences(versions, practice, changes)
        saved = unit.practice.update_practice(practice)
        if changes:
            unit.practice.set_thresholds(changes, reason)
        return saved


class PreferencesDialog(QDialog):
    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        lane: TaskRunner | None = None,
        loaded: tuple[PracticeDTO, dict[str, float]] | None = None,
    ) -> None:
        """``loaded``: the practice and its limits as read on a lane beforehand (the window
        keeps them), so opening the dialog does not wait on the database; without them
        they are read here."""
        super().__init__(parent)
        self.services = services
        self.lane = lane
        self.unsaved_label = "the preferences"
        self.language_changed = False
        self.setWindowTitle(self.tr("Preferences"))
        self.practice = PracticeFields()
        self.country = country_combo()
        self.time_zone = time_zone_combo()
        self.practice.add_row(self.tr("Country"), self.country, "country")
        self.practice.add_row(self.tr("Time zone"), self.time_zone, "time_zone")
        self.settings = user_settings()
        self.language = language_combo(self.settings)
        self.language.setObjectName("language")
        self.practice.add_row(self.tr("Window language"), self.language, "window_language")
        self.language_note = QLabel(self.tr("A new language applies the next time cryolog starts."))
        self.language_note.setWordWrap(True)
        self.language_note.setStyleSheet("color:#555;")
        self.practice.add_row("", self.language_note, "window_language_note")
        practice, current = loaded or (services.practice.practice(), services.practice.thresholds())
        self.limit_errors = FieldErrors(error_label())
        self.limits: dict[str, QLineEdit] = {}
        limits = QWidget()
        form = QFormLayout(limits)
        for name, spec in THRESHOLDS.items():
            edit = QLineEdit()
            edit.setObjectName(f"limit:{name}")
            edit.setMaximumWidth(90)
            unit = f" {spec.unit_label}" if spec.unit else ""
            edit.setToolTip(
                self.tr("{0}; default {1}").format(
                    loc.shown_range(spec.low, spec.high, unit.strip()), loc.shown(spec.default, "g")
                )
            )
            form.addRow(f"{spec.label} ({spec.unit_label})" if spec.unit else spec.label, edit)
            form.addRow(
                "",
                self.limit_errors.add(
                    name, error_label(), loc.shown_range(spec.low, spec.high, unit.strip())
                ),
            )
            self.limits[name] = edit
        form.addRow(self.limit_errors.general)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(limits)
        # as wide as the limits' labels and fields need, so a longer language shows them
        # whole instead of squeezing the fields and scrolling sideways
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(limits.sizeHint().width() + bar + 2 * scroll.frameWidth())
        self.tabs = QTabWidget()
        self.tabs.addTab(self.practice, self.tr("Practice"))
        self.tabs.addTab(scroll, self.tr("Clinical limits"))
        note = QLabel(
            self.tr(
                "Clinical limits change what the safety checks stop or warn about; changing one"
                " asks why."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#555;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.reason_dialog: ReasonDialog | None = None
        self.load(practice, current)
        if services.db.read_only:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(services.db.read_only_reason or self.tr("read-only"))
        self.resize(620, 640)

    def load(self, practice: PracticeDTO, current: dict[str, float]) -> None:
        """Show ``practice`` and the limits ``current`` as saved (the form starts from them
        and its save is checked against their versions)."""
        self.versions = (practice.version, practice.limits_version)
        self.practice.load(practice)
        self.country.setCurrentIndex(max(self.country.findData(practice.country), 0))
        self.time_zone.setCurrentIndex(max(self.time_zone.findData(practice.time_zone), 0))
        self.current = dict(current)
        for name, edit in self.limits.items():
            edit.setText(loc.shown(self.current[name], "g"))
        self._baseline = form_state.snapshot(self)

    def has_unsaved_changes(self) -> bool:
        return form_state.snapshot(self) != self._baseline

    def practice_values(self) -> dict[str, Any]:
        return {
            **self.practice.values(),
            "country": self.country.currentData() or "",
            "time_zone": self.time_zone.currentData() or "",
        }

    def changes(self) -> dict[str, float]:
        changed: dict[str, float] = {}
        errors: list[FieldError] = []
        for name, edit in self.limits.items():
            value = number(edit.text(), integer=False)
            if not isinstance(value, int | float):
                errors.append(FieldError(name, said("number")))
            elif float(value) != self.current[name]:
                changed[name] = float(value)
        if errors:
            raise InvalidInput(errors)
        return changed

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        self.limit_errors.clear()
        self.practice.errors.clear()
        try:
            changes = self.changes()
        except InvalidInput as exc:
            self._invalid(exc, done)
            return
        if not changes:
            self._run(changes, "", done)
            return
        names = ", ".join(THRESHOLDS[n].label.lower() for n in changes)
        dialog = ReasonDialog(
            self.tr("Why do the clinical limits change?"),
            self.tr(
                "Changing: {0}. The safety checks use the new values from now on; the"
                " reason is kept in the audit trail."
            ).format(names),
            self.tr("Save limits"),
            self,
        )
        dialog.accepted.connect(lambda: self._run(changes, dialog.reason(), done))
        dialog.rejected.connect(lambda: done(False) if done is not None else None)
        self.reason_dialog = dialog
        dialog.open()

    def _run(
        self, changes: dict[str, float], reason: str, done: Callable[[bool], None] | None
    ) -> None:
        services, practice, versions = self.services, self.practice_values(), self.versions

        def work() -> PracticeDTO:
            return save_preferences(services, practice, changes, reason, versions)

        hide_refusal(self)
        if self.lane is None:
            try:
                work()
            except InvalidInput as exc:
                self._invalid(exc, done)
                return
            except Exception as exc:
                self._failed(exc, "", done)
                return
            self._saved(done)
            return
        self.lane.save(
            work,
            lambda _r: self._saved(done),
            change=Change.of(PRACTICE),
            on_invalid=lambda exc: self._invalid(exc, done),
            on_error=lambda exc, details: self._failed(exc, details, done),
            button=self.save_button,
            owner=self,
        )

    def _saved(self, done: Callable[[bool], None] | None) -> None:
        self.language_changed = store_choice(self.settings, self.language.currentData() or "")
        self._baseline = form_state.snapshot(self)
        self.accept()
        if done is not None:
            done(True)

    def _invalid(self, exc: InvalidInput, done: Callable[[bool], None] | None) -> None:
        if any(e.path in PRACTICE_PATHS for e in exc.errors):
            self.practice.errors.show(exc)
            self.tabs.setCurrentIndex(0)
        else:
            self.limit_errors.show(exc)
            self.tabs.setCurrentIndex(1)
        if done is not None:
            done(False)

    def _failed(
        self, exc: BaseException, details: str, done: Callable[[bool], None] | None
    ) -> None:
        if isinstance(exc, StaleRecord):
            from cryolog.ui.preferences_refusal import show_preferences_refusal

            show_preferences_refusal(self, exc)
        else:
            show_error(self, self.tr("Preferences not saved"), exc, details, saving=True)
        if done is not None:
            done(False)

    def reject(self) -> None:
        dirty.settle(self, [self], super().reject, "the preferences")
