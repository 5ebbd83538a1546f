"""cryolog — the treatment logbook for cryotherapy practitioners."""

__version__ = "0.1.0"
APP_ID = "org.cryolog.Cryolog"  # the desktop entry, AppStream and macOS bundle id
