"""The garbage collector settled once the window and the data layer are loaded.

Everything imported and built at start-up (Qt's wrappers, SQLAlchemy, pydantic, the
models) lives as long as the window. Left in the collector's generations, every full
collection walks it again: on a two-core machine such a pause landed inside a save now
and then (the p95 of saving a session). ``settle`` moves what exists after start-up out
of the collector's reach (``gc.freeze``) and raises the first threshold so the young
generation is collected less often; cycles made later are still collected.
"""

from __future__ import annotations

import gc

THRESHOLD = (50_000, 20, 20)


def settle() -> None:
    """Freeze what start-up left and raise the collection threshold (once is enough;
    again is harmless)."""
    gc.collect(1)  # the young garbage of start-up is not kept for ever
    gc.freeze()
    gc.set_threshold(*THRESHOLD)
