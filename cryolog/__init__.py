"""cryolog — the treatment logbook for cryotherapy practitioners."""

__version__ = "0.1.0"
