"""A small dialog form whose Save calls one service: errors next to the fields, the typed
values kept when saving fails, and a question before unsaved changes are thrown away."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cryolog.domain.errors import InvalidInput, StaleRecord
from cryolog.ui import dirty, form_state
from cryolog.ui.changed_elsewhere import hide_refusal, show_refusal
from cryolog.ui.changes import Change
from cryolog.ui.errors import show_error
from cryolog.ui.forms import FieldErrors, error_label

if TYPE_CHECKING:
    from cryolog.ui.ops import Lane


class FormDialog(QDialog):
    """Subclasses add fields with ``field`` and return the service call from ``action``."""

    saved = Signal(object)

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.errors = FieldErrors(error_label())
        self.error_box: QWidget | None = None
        self.dirty = False
        self._baseline: form_state.State | None = None
        self.lane: Lane | None = None
        self.change_kinds: tuple[str, ...] = ("record",)
        self.unsaved_label = title.lower()
        self.labels: dict[str, str] = {}
        """Each field's label by its path (what a refused save names)."""
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ok.setText(ok_text)
        self.buttons.accepted.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        layout.addStretch(1)  # spare height goes below the fields, not between them
        layout.addWidget(self.buttons)

    def field(self, label: str, widget: QWidget, path: str, hint: str = "") -> QLabel:
        """A row with ``widget`` and, under it, the error label of ``path``."""
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget)
        error = self.errors.add(path, error_label(), hint)
        inner.addWidget(error)
        self.form.addRow(label, box)
        self.labels[path] = label
        return error

    def watch(self) -> None:
        """Call once the fields exist: from now on the form knows its unsaved changes."""
        form_state.watch(self, self._mark)
        self._baseline = form_state.snapshot(self)
        self.dirty = False

    def _mark(self) -> None:
        self.dirty = self._baseline is not None and form_state.snapshot(self) != self._baseline

    def has_unsaved_changes(self) -> bool:
        return self.dirty

    def action(self) -> Callable[[], Any]:
        raise NotImplementedError

    def reload_hook(self) -> Callable[[], None] | None:
        """How the form takes the version saved elsewhere (None: it cannot)."""
        return None

    def reapply_hook(self) -> Callable[[int], None] | None:
        """How the form saves its typing over version ``n`` saved elsewhere (None: it
        cannot)."""
        return None

    def save(self, done: Callable[[bool], None] | None = None) -> None:
        self.errors.clear()
        hide_refusal(self)
        try:
            call = self.action()
        except InvalidInput as exc:
            self.errors.show(exc)
            return
        if self.lane is None:
            try:
                result = call()
            except InvalidInput as exc:
                self._invalid(exc, done)
                return
            except Exception as exc:
                self._failed(exc, "", done)
                return
            self._saved(result, done)
            return
        self.lane.save(
            call,
            lambda result: self._saved(result, done),
            change=Change.of(self.change_kinds, getattr(self, "patient_id", None)),
            on_invalid=lambda exc: self._invalid(exc, done),
            on_error=lambda exc, details: self._failed(exc, details, done),
            button=self.ok,
            owner=self,
        )

    def _saved(self, result: Any, done: Callable[[bool], None] | None) -> None:
        self.dirty = False
        self.saved.emit(result)
        self.accept()
        if done is not None:
            done(True)

    def _invalid(self, exc: InvalidInput, done: Callable[[bool], None] | None) -> None:
        self.errors.show(exc)
        if done is not None:
            done(False)

    def _failed(
        self, exc: BaseException, details: str, done: Callable[[bool], None] | None
    ) -> None:
        if isinstance(exc, StaleRecord):
            show_refusal(self, exc, self.labels, self.reload_hook(), self.reapply_hook())
        else:
            self.error_box = show_error(self, self.tr("Not saved"), exc, details, saving=True)
        if done is not None:
            done(False)

    def reject(self) -> None:
        dirty.settle(self, [self], super().reject, self.windowTitle().lower())
