"""Pieces the record tabs share: a date field, a save button that reports, a summary list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from cryolog.domain.errors import InvalidInput, StaleRecord
from cryolog.ui import form_state, prompts
from cryolog.ui.changed_elsewhere import hide_refusal, show_refusal
from cryolog.ui.changes import Change
from cryolog.ui.errors import show_error
from cryolog.ui.fields import DateEdit
from cryolog.ui.forms import FieldErrors

if TYPE_CHECKING:
    from cryolog.ui.ops import Lane


def date_edit(day: date | None = None) -> DateEdit:
    return DateEdit(day)


def fmt(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "—"


def summary_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color:#333;")
    return label


class SavingForm(QWidget):
    """A form whose Save calls a service; errors stay next to the fields, the form keeps
    what was typed, and ``saved`` fires only after the database has the record.

    Once ``track()`` has been called (the fields exist), the form knows whether it holds
    unsaved changes (``has_unsaved_changes``, compared with what was loaded or last saved,
    so typing a value back makes it clean) and a "Saved." mark goes as soon as it is
    edited again. With a ``lane`` the save runs off the window's thread, its button off
    until it is done, and the "changed" hub is told about it."""

    saved = Signal(object)
    dirty_changed = Signal(bool)

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self.lane: Lane | None = None
        self.change_kinds: tuple[str, ...] = ("record",)
        self.unsaved_label = "a form"
        self.allow_duplicate = False
        self.labels: dict[str, str] = {}
        """Field labels by path, for what a save refused as "changed elsewhere" names."""
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(lambda: self.save())
        self.status = QLabel()
        self.status.setStyleSheet("color:#1e5e2f;")
        self._baseline: form_state.State | None = None
        self._dirty = False
        self._read_only = ""

    # unsaved changes ------------------------------------------------------------------

    def track(self) -> None:
        """Start telling unsaved changes from here (call once the fields exist)."""
        form_state.watch(self, self._edited)
        self.mark_clean()

    def mark_clean(self) -> None:
        self._baseline = form_state.snapshot(self)
        self._set_dirty(False)

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def kept_state(self) -> form_state.State:
        return form_state.snapshot(self)

    def restore_kept(self, state: form_state.State) -> None:
        form_state.apply(self, state)
        self._edited()

    def _edited(self) -> None:
        if self._baseline is None:
            return
        self._set_dirty(form_state.snapshot(self) != self._baseline)
        if self._dirty:
            self.status.clear()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # read-only database --------------------------------------------------------------

    def set_read_only(self, reason: str) -> None:
        self._read_only = reason
        self.save_button.setEnabled(not reason)
        self.save_button.setToolTip(reason)

    # saving -------------------------------------------------------------------------

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        """Save; ``done(True)`` once the database has it, ``done(False)`` if it did not."""
        if self._read_only:
            if done is not None:
                done(False)
            return
        self.errors.clear()
        self.status.clear()
        hide_refusal(self)
        try:
            call = self.action()
        except InvalidInput as exc:
            self._invalid(exc, done)
            return
        if self.lane is None:
            self._save_here(call, done)
            return
        self.lane.save(
            call,
            lambda result: self._saved(result, done),
            change=Change.of(self.change_kinds, getattr(self, "patient_id", None)),
            on_invalid=lambda exc: self._invalid(exc, done),
            on_error=lambda exc, details: self._failed(exc, details, done),
            button=self.save_button,
            owner=self,
        )

    def _save_here(self, call: Callable[[], Any], done: Callable[[bool], None] | None) -> None:
        try:
            result = call()
        except InvalidInput as exc:
            self._invalid(exc, done)
            return
        except Exception as exc:
            self._failed(exc, "", done)
            return
        self._saved(result, done)

    def _saved(self, result: Any, done: Callable[[bool], None] | None) -> None:
        self.allow_duplicate = False
        if self._baseline is not None:
            self.mark_clean()
        self.status.setText(self.tr("Saved."))
        self.saved.emit(result)
        if done is not None:
            done(True)

    def _invalid(self, exc: InvalidInput, done: Callable[[bool], None] | None) -> None:
        self.errors.show(exc)
        if done is not None:
            done(False)

    def _failed(
        self, exc: BaseException, details: str, done: Callable[[bool], None] | None
    ) -> None:
        from cryolog.services.duplicates import PossibleDuplicateCourse

        if isinstance(exc, PossibleDuplicateCourse) and not self.allow_duplicate:
            if prompts.open_another_course(self, exc.courses):
                self.allow_duplicate = True
                self.save(done)
                return
        elif isinstance(exc, StaleRecord):
            show_refusal(self, exc, self.labels, self.reload_hook(), self.reapply_hook())
        else:
            show_error(self, self.tr("Not saved"), exc, details, saving=True)
        self.allow_duplicate = False
        if done is not None:
            done(False)

    def action(self) -> Callable[[], Any]:
        raise NotImplementedError

    def reload_hook(self) -> Callable[[], None] | None:
        """How the form takes the version saved elsewhere (None: it cannot)."""
        return None

    def reapply_hook(self) -> Callable[[int], None] | None:
        """How the form saves its typing over version ``n`` saved elsewhere (None: it
        cannot)."""
        return None

    def try_save(self, call: Callable[[], Any]) -> None:
        """Save ``call`` where the caller waits (kept for callers outside the record)."""
        self.errors.clear()
        self.status.clear()
        self._save_here(call, None)
