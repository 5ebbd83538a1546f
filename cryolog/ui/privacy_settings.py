"""What Preferences › Privacy keeps: the idle lock's time, the practice PIN (a salted hash,
never the PIN), the retention period before a record may be erased."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

IDLE_KEY = "privacy/idle_minutes"
PIN_KEY = "privacy/pin"
RETENTION_KEY = "privacy/retention_years"
DEFAULT_IDLE_MINUTES = 5
MAX_IDLE_MINUTES = 240
DEFAULT_RETENTION_YEARS = 10
MAX_RETENTION_YEARS = 50
PIN_ROUNDS = 200_000
MIN_PIN, MAX_PIN = 4, 64


def _int(settings: QSettings, key: str, default: int, high: int) -> int:
    try:
        value = int(str(settings.value(key, default)))
    except ValueError:
        return default
    return value if 0 <= value <= high else default


def idle_minutes(settings: QSettings) -> int:
    """Minutes without input before the window locks; 0: never."""
    return _int(settings, IDLE_KEY, DEFAULT_IDLE_MINUTES, MAX_IDLE_MINUTES)


def retention_years(settings: QSettings) -> int:
    return _int(settings, RETENTION_KEY, DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS)


def pin_problem(pin: str) -> str | None:
    if not MIN_PIN <= len(pin) <= MAX_PIN:
        return f"The PIN needs {MIN_PIN} to {MAX_PIN} characters."
    if any(ord(c) < 32 or ord(c) == 127 for c in pin):
        return "The PIN holds a control character."
    return None


def _hash(pin: str, salt: bytes, rounds: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, rounds)


def set_pin(settings: QSettings, pin: str | None) -> None:
    if not pin:
        settings.remove(PIN_KEY)
        return
    salt = secrets.token_bytes(16)
    stored = f"pbkdf2-sha256${PIN_ROUNDS}${salt.hex()}${_hash(pin, salt, PIN_ROUNDS).hex()}"
    settings.setValue(PIN_KEY, stored)


def has_pin(settings: QSettings) -> bool:
    return bool(settings.value(PIN_KEY, ""))


def stored_pin(settings: QSettings) -> str:
    """The PIN's stored hash (read on the window's thread; checked anywhere)."""
    return str(settings.value(PIN_KEY, ""))


def pin_matches(settings: QSettings, pin: str) -> bool:
    return stored_pin_matches(stored_pin(settings), pin)


def stored_pin_matches(stored: str, pin: str) -> bool:
    """Whether ``pin`` matches the stored hash; safe off the window's thread."""
    try:
        kind, rounds, salt, digest = stored.split("$")
        if kind != "pbkdf2-sha256" or not 1 <= int(rounds) <= 10_000_000:
            return False
        return hmac.compare_digest(_hash(pin, bytes.fromhex(salt), int(rounds)).hex(), digest)
    except ValueError:
        return False


class PrivacyTab(QWidget):
    """The Privacy tab of Preferences."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        form = QFormLayout(self)
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.idle.setValue(idle_minutes(settings))
        form.addRow(self.tr("Lock the window after"), self.idle)
        self.pin = QLineEdit()
        self.pin.setObjectName("practicePin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(MAX_PIN)
        self.pin.setPlaceholderText(
            self.tr("unchanged (a PIN is set)") if has_pin(settings) else self.tr("none")
        )
        form.addRow(self.tr("Practice PIN to unlock"), self.pin)
        self.pin_error = QLabel("")
        self.pin_error.setObjectName("pinError")
        self.pin_error.setStyleSheet("color: #b00020;")
        form.addRow("", self.pin_error)
        note = QLabel(
            self.tr(
                "An encrypted database is unlocked with its passphrase; the PIN unlocks a"
                " plain file. It is kept only as a salted hash."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.retention = QSpinBox()
        self.retention.setObjectName("retentionYears")
        self.retention.setRange(0, MAX_RETENTION_YEARS)
        self.retention.setSuffix(self.tr(" years"))
        self.retention.setValue(retention_years(settings))
        form.addRow(self.tr("Keep records at least"), self.retention)

    def problem(self) -> str | None:
        text = self.pin.text()
        found = pin_problem(text) if text else None
        self.pin_error.setText(found or "")
        return found

    def store(self) -> None:
        if self.problem() is not None:
            return
        self.settings.setValue(IDLE_KEY, self.idle.value())
        self.settings.setValue(RETENTION_KEY, self.retention.value())
        if self.pin.text():
            set_pin(self.settings, self.pin.text())
            self.pin.clear()
        self.settings.sync()


def install_privacy_tab(dialog: QWidget, settings: QSettings) -> PrivacyTab:
    """Add the Privacy tab to Preferences: a bad PIN stops the save with its message next
    to the field; a saved dialog stores the tab."""
    tab = PrivacyTab(settings)
    tabs = dialog.tabs  # type: ignore[attr-defined]
    tabs.addTab(tab, QCoreApplication.translate("PrivacyTab", "Privacy"))
    original = dialog.save  # type: ignore[attr-defined]

    def save(done: object = None) -> None:
        if tab.problem() is not None:
            tabs.setCurrentWidget(tab)
            return
        original(done)

    dialog.save = save  # type: ignore[attr-defined]
    dialog.accepted.connect(tab.store)  # type: ignore[attr-defined]
    return tab
