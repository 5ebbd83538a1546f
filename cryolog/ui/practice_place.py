"""Choosing the practice's country (phone numbers) and time zone, by name."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QComboBox

from cryolog.domain.phone import regions
from cryolog.domain.schemas.practice import time_zones


def country_name(code: str) -> str:
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)


def country_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("practiceCountry")
    combo.addItem(
        QCoreApplication.translate("practice_place", "Not set (numbers need +country code)"), ""
    )
    for name, code in sorted((country_name(c), c) for c in regions()):
        combo.addItem(f"{name} ({code})", code)
    combo.setToolTip(
        QCoreApplication.translate(
            "practice_place", "Phone numbers typed without + are read as numbers of this country"
        )
    )
    return combo


def time_zone_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("practiceTimeZone")
    combo.addItem(QCoreApplication.translate("practice_place", "This computer's time zone"), "")
    for name in sorted(time_zones()):
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            combo.addItem(name.replace("_", " "), name)
    combo.setToolTip(
        QCoreApplication.translate(
            "practice_place", "Where the practice's days begin and end (appointments, local days)"
        )
    )
    return combo
