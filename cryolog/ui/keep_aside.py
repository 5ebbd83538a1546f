"""Unsaved typing kept aside on disk every few seconds, offered back after a crash.

The storage (one private file per database, plain or keyed with the database key) is
``cryolog.services.kept_typing``; here the window's interval. A clean close removes the
file, so a file found at start means the window did not close cleanly (a crash, a power
cut, a killed process).
"""

from __future__ import annotations

import os

from cryolog.services.kept_typing import Codec, Kept, KeptTyping, PlainCodec, forget_patient

__all__ = ["INTERVAL_MS", "Codec", "Kept", "KeptTyping", "PlainCodec", "forget_patient"]

INTERVAL_MS = int(os.environ.get("CRYOLOG_KEEP_ASIDE_MS", "3000"))
