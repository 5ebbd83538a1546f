"""Preferences saved at another workstation meanwhile: what they saved, beside the typing.

The refused save leaves every field as typed. "Reload their version" reads the practice and
the limits as saved now and shows them; "Save mine over it…" reads the versions saved now
and saves the form again from them (a changed limit asks its reason again). Limits left as
they were opened are not written, so theirs stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from cryolog.domain.errors import StaleRecord
from cryolog.domain.thresholds import THRESHOLDS
from cryolog.services import Services
from cryolog.services.dto import PracticeDTO
from cryolog.ui.changed_elsewhere import show_refusal
from cryolog.ui.errors import show_error

if TYPE_CHECKING:
    from cryolog.ui.preferences import PreferencesDialog

Saved = tuple[PracticeDTO, dict[str, float]]


def labels() -> dict[str, str]:
    """The words the dialog shows for each field it saves."""
    named = {
        "name": QCoreApplication.translate("PreferencesRefusal", "Practice name"),
        "address": QCoreApplication.translate("PreferencesRefusal", "Address"),
        "phone": QCoreApplication.translate("PreferencesRefusal", "Phone"),
        "practitioner": QCoreApplication.translate("PreferencesRefusal", "Practitioner"),
        "country": QCoreApplication.translate("PreferencesRefusal", "Country"),
        "time_zone": QCoreApplication.translate("PreferencesRefusal", "Time zone"),
    }
    for name, spec in THRESHOLDS.items():
        named[name] = f"{spec.label} ({spec.unit_label})" if spec.unit else spec.label
    return named


def show_preferences_refusal(dialog: PreferencesDialog, exc: StaleRecord) -> None:
    """The other change at the top of the dialog, with its two ways on."""

    def reload() -> None:
        _read(dialog, lambda saved: dialog.load(*saved))

    def reapply(_version: int) -> None:
        def again(saved: Saved) -> None:
            dialog.versions = (saved[0].version, saved[0].limits_version)
            dialog.save()

        _read(dialog, again)

    show_refusal(dialog, exc, labels(), reload, reapply)


def _read(dialog: PreferencesDialog, then: Callable[[Saved], None]) -> None:
    """The preferences as saved now, read on the dialog's lane (or here without one)."""
    services: Services = dialog.services

    def work() -> Saved:
        return services.practice.practice(), services.practice.thresholds()

    def failed(exc: BaseException, details: str = "", *_: Any) -> None:
        title = QCoreApplication.translate("PreferencesRefusal", "Preferences not read")
        show_error(dialog, title, exc, details)

    if dialog.lane is None:
        try:
            saved = work()
        except Exception as exc:
            failed(exc)
            return
        then(saved)
        return
    dialog.lane.query("preferences-saved", work, then, failed, owner=dialog)
